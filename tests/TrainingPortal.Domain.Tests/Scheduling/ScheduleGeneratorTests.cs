using TrainingPortal.Domain.Scheduling;

namespace TrainingPortal.Domain.Tests.Scheduling;

public sealed class ScheduleGeneratorTests
{
    private static WeeklySchedule Weekly(int weeks = 26, params DateOnly[] skip) =>
        new(new DateOnly(2026, 1, 5), DayOfWeek.Tuesday, new TimeOnly(12, 0), "America/New_York", weeks, 60, skip);

    [Fact]
    public void A_26_week_group_gets_26_weekly_meetings_on_its_weekday()
    {
        var meetings = ScheduleGenerator.Generate(Weekly());

        Assert.Equal(26, meetings.Count);
        Assert.All(meetings, m => Assert.Equal(DayOfWeek.Tuesday, m.LocalDate.DayOfWeek));
        Assert.Equal(new DateOnly(2026, 1, 6), meetings[0].LocalDate); // first Tuesday on or after Monday 5 January
        Assert.Equal(Enumerable.Range(1, 26), meetings.Select(m => m.Number));
        Assert.All(meetings.Zip(meetings.Skip(1)), p => Assert.Equal(7, p.Second.LocalDate.DayNumber - p.First.LocalDate.DayNumber));
    }

    [Fact]
    public void A_skipped_week_is_not_made_up_so_the_period_keeps_its_end()
    {
        var meetings = ScheduleGenerator.Generate(Weekly(26, new DateOnly(2026, 1, 20)));

        Assert.Equal(25, meetings.Count);
        Assert.DoesNotContain(meetings, m => m.LocalDate == new DateOnly(2026, 1, 20));
        Assert.Equal(new DateOnly(2026, 1, 27), meetings[2].LocalDate);
        Assert.Equal(new DateOnly(2026, 6, 30), meetings[^1].LocalDate);
    }

    [Fact]
    public void A_skip_date_on_another_weekday_changes_nothing()
    {
        Assert.Equal(ScheduleGenerator.Generate(Weekly()).Select(m => m.LocalDate),
            ScheduleGenerator.Generate(Weekly(26, new DateOnly(2026, 1, 21))).Select(m => m.LocalDate));
    }

    [Fact]
    public void Local_noon_stays_noon_across_daylight_saving_time()
    {
        var meetings = ScheduleGenerator.Generate(Weekly());

        var winter = meetings.Single(m => m.LocalDate == new DateOnly(2026, 3, 3)); // EST, UTC-5
        var summer = meetings.Single(m => m.LocalDate == new DateOnly(2026, 3, 10)); // EDT, UTC-4 (clocks changed 8 March)
        Assert.Equal(new DateTime(2026, 3, 3, 17, 0, 0, DateTimeKind.Utc), winter.StartUtc);
        Assert.Equal(new DateTime(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc), summer.StartUtc);
        Assert.Equal(summer.StartUtc.AddMinutes(60), summer.EndUtc);
    }

    [Fact]
    public void A_time_in_the_spring_gap_moves_forward_and_an_ambiguous_time_takes_daylight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        // 2:30 on 8 March 2026 does not exist in New York: 3:30 EDT = 7:30 UTC.
        Assert.Equal(new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc), ScheduleGenerator.ToUtc(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), zone));
        // 1:30 on 1 November 2026 happens twice: the first, EDT = 5:30 UTC.
        Assert.Equal(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc), ScheduleGenerator.ToUtc(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), zone));
    }

    [Fact]
    public void An_imh_course_cohort_is_eleven_sessions_of_ninety_minutes()
    {
        var meetings = ScheduleGenerator.Generate(new WeeklySchedule(new DateOnly(2026, 9, 1), DayOfWeek.Thursday, new TimeOnly(18, 30), "America/Chicago", 11, 90));

        Assert.Equal(11, meetings.Count);
        Assert.Equal(16.5m, meetings.Sum(m => m.DurationMinutes) / 60m);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(105, 60)]
    [InlineData(26, 0)]
    public void Out_of_range_series_are_refused(int weeks, int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ScheduleGenerator.Generate(new WeeklySchedule(new DateOnly(2026, 1, 1), DayOfWeek.Monday, new TimeOnly(9, 0), "UTC", weeks, minutes)));
    }
}
