namespace TrainingPortal.Domain.Scheduling;

/// <summary>
/// A weekly series of meetings in one time zone: MIO consultation groups (about 26 weekly calls) and
/// course cohorts (11 sessions of 1.5 hours).
/// </summary>
/// <param name="FirstDate">The first possible meeting date (the series starts on the first <paramref name="Day"/> on or after it).</param>
/// <param name="Day">The weekday of the meetings.</param>
/// <param name="StartTime">Local wall-clock start time in <paramref name="TimeZoneId"/>.</param>
/// <param name="TimeZoneId">IANA time zone id, e.g. <c>America/New_York</c>.</param>
/// <param name="Weeks">How many weeks the series runs (one meeting a week).</param>
/// <param name="DurationMinutes">Length of each meeting.</param>
/// <param name="SkipDates">Local dates with no meeting (holidays). The period stays as it is: a skipped
/// week is not made up, so the series has one meeting fewer (and the consultation period's end, which
/// the attendance rule depends on, does not move).</param>
public sealed record WeeklySchedule(
    DateOnly FirstDate,
    DayOfWeek Day,
    TimeOnly StartTime,
    string TimeZoneId,
    int Weeks,
    int DurationMinutes,
    IReadOnlyCollection<DateOnly>? SkipDates = null);

/// <summary>One generated meeting: its local date and time, and the instant in UTC.</summary>
public sealed record ScheduledMeeting(int Number, DateOnly LocalDate, TimeOnly LocalStart, DateTime StartUtc, int DurationMinutes)
{
    public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);
}

/// <summary>Turns a <see cref="WeeklySchedule"/> into meetings, correct across daylight-saving changes.</summary>
public static class ScheduleGenerator
{
    /// <summary>At most this many weeks in one series (two years).</summary>
    public const int MaxWeeks = 104;

    public static IReadOnlyList<ScheduledMeeting> Generate(WeeklySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Weeks is < 1 or > MaxWeeks)
        {
            throw new ArgumentOutOfRangeException(nameof(schedule), $"A series runs 1 to {MaxWeeks} weeks.");
        }
        if (schedule.DurationMinutes is < 1 or > 24 * 60)
        {
            throw new ArgumentOutOfRangeException(nameof(schedule), "A meeting lasts 1 minute to 24 hours.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZoneId);
        var skip = schedule.SkipDates is null ? [] : new HashSet<DateOnly>(schedule.SkipDates);
        var offset = ((int)schedule.Day - (int)schedule.FirstDate.DayOfWeek + 7) % 7;
        var date = schedule.FirstDate.AddDays(offset);

        var meetings = new List<ScheduledMeeting>(schedule.Weeks);
        for (var week = 0; week < schedule.Weeks; week++, date = date.AddDays(7))
        {
            if (skip.Contains(date))
            {
                continue;
            }
            meetings.Add(new ScheduledMeeting(meetings.Count + 1, date, schedule.StartTime,
                ToUtc(date, schedule.StartTime, zone), schedule.DurationMinutes));
        }
        return meetings;
    }

    /// <summary>
    /// Local wall-clock time to UTC. A time that does not exist (the hour skipped when clocks go
    /// forward) moves forward by the gap; an ambiguous time (the hour repeated when clocks go back)
    /// is taken at its first occurrence, in daylight time.
    /// </summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var rule = zone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && r.DateEnd >= local);
            local = local.Add(rule?.DaylightDelta is { } delta && delta > TimeSpan.Zero ? delta : TimeSpan.FromHours(1));
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var daylight = offsets.Max();
            return DateTime.SpecifyKind(local - daylight, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
