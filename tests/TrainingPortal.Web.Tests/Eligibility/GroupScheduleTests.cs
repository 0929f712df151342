namespace TrainingPortal.Web.Tests.Eligibility;

/// <summary>Weekly schedules become meetings at the same local time, across daylight saving and around skipped dates.</summary>
public sealed class GroupScheduleTests
{
    private static TrainingGroup Weekly(DateOnly start, int weeks, params DateOnly[] skipped)
    {
        var group = new TrainingGroup
        {
            StartDate = start, MeetingDay = DayOfWeek.Monday, MeetingTime = new TimeOnly(12, 0), TimeZoneId = "America/New_York",
            Weeks = weeks, DurationMinutes = 60,
        };
        group.SkipDates.AddRange(skipped.Select(d => new GroupSkipDate { Date = d }));
        return group;
    }

    [Fact]
    public void Meetings_start_on_the_first_meeting_day_and_keep_local_noon_across_daylight_saving()
    {
        // Wednesday 2026-03-04: the first Monday is 03-09, the day after clocks go forward (2026-03-08).
        var meetings = GroupSchedule.Generate(Weekly(new DateOnly(2026, 3, 4), 3));
        var zone = GroupSchedule.Zone("America/New_York");

        Assert.Equal([new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 23)], meetings.Select(m => GroupSchedule.LocalDate(m.StartsUtc, zone)));
        Assert.All(meetings, m => Assert.Equal(16, m.StartsUtc.Hour)); // 12:00 EDT = 16:00 UTC
        Assert.Equal(17, GroupSchedule.Generate(Weekly(new DateOnly(2026, 3, 2), 1))[0].StartsUtc.Hour); // 12:00 EST = 17:00 UTC
        Assert.All(meetings, m => Assert.Equal(DateTimeKind.Utc, m.StartsUtc.Kind));
    }

    [Fact]
    public void A_skipped_date_is_left_out_and_not_made_up()
    {
        var meetings = GroupSchedule.Generate(Weekly(new DateOnly(2026, 5, 18), 3, new DateOnly(2026, 5, 25))); // Memorial Day
        var zone = GroupSchedule.Zone("America/New_York");

        Assert.Equal([new DateOnly(2026, 5, 18), new DateOnly(2026, 6, 1)], meetings.Select(m => GroupSchedule.LocalDate(m.StartsUtc, zone)));
    }

    [Fact]
    public void A_group_without_a_weekly_schedule_has_no_generated_meetings_and_an_unknown_zone_is_UTC()
    {
        Assert.Empty(GroupSchedule.Generate(new TrainingGroup { StartDate = new DateOnly(2026, 1, 1) }));
        Assert.Same(TimeZoneInfo.Utc, GroupSchedule.Zone("Mars/Olympus_Mons"));
    }
}
