using TrainingPortal.Domain.Scheduling;

namespace TrainingPortal.Web.Data.Training;

/// <summary>Turns a group's weekly schedule into meetings, and meeting instants back into local dates.</summary>
public static class GroupSchedule
{
    /// <summary>
    /// The meetings of a weekly schedule: <see cref="TrainingGroup.Weeks"/> weeks from the first
    /// <see cref="TrainingGroup.MeetingDay"/> on or after <see cref="TrainingGroup.StartDate"/>, at
    /// <see cref="TrainingGroup.MeetingTime"/> in the group's time zone, minus the skip dates (a skipped
    /// week is not made up: the schedule has one meeting fewer).
    /// </summary>
    public static IReadOnlyList<Meeting> Generate(TrainingGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.MeetingDay is not { } day || group.MeetingTime is not { } time || group.Weeks is not { } weeks)
        {
            return [];
        }
        var schedule = new WeeklySchedule(group.StartDate, day, time, Zone(group.TimeZoneId).Id, weeks, group.DurationMinutes,
            [.. group.SkipDates.Select(s => s.Date)]);
        return [.. ScheduleGenerator.Generate(schedule).Select(m => new Meeting
        {
            GroupId = group.Id,
            StartsUtc = m.StartUtc,
            DurationMinutes = m.DurationMinutes,
        })];
    }

    /// <summary>A local date and time in <paramref name="zone"/> as UTC (see <see cref="ScheduleGenerator.ToUtc"/>).</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone) => ScheduleGenerator.ToUtc(date, time, zone);

    /// <summary>The local date of a UTC instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => Time.PortalClock.LocalDate(utc, zone);

    /// <summary>The IANA zone, or UTC when the id is unknown on this machine.</summary>
    public static TimeZoneInfo Zone(string? id) => Time.PortalClock.FindZone(id);
}
