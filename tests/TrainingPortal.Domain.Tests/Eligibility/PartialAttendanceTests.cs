using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Domain.Tests.Eligibility;

/// <summary>How a partial attendance counts, as the attendance screen explains it: the same threshold as the rules.</summary>
public sealed class PartialAttendanceTests
{
    [Theory]
    [InlineData(60, 75, 45)] // 45 × 100 = 4,500 = 60 × 75
    [InlineData(61, 75, 46)] // 45.75 → 46: 45 minutes would be below 75%
    [InlineData(90, 75, 68)] // 67.5 → 68
    [InlineData(90, 50, 45)]
    [InlineData(0, 75, 0)]
    public void The_minimum_minutes_are_the_first_that_reach_the_share(int length, int percent, int minimum)
    {
        Assert.Equal(minimum, PartialAttendance.MinimumMinutes(length, percent));
        Assert.True((long)minimum * 100 >= (long)length * percent);
        Assert.True(minimum == 0 || (long)(minimum - 1) * 100 < (long)length * percent);
    }

    [Fact]
    public void Every_attendance_requirement_of_the_default_rules_explains_partial_attendance()
    {
        var consultation = Requirement<ConsultationAttendanceRequirement>(DefaultRuleSets.Keys.MioRostering, "consultation-attendance");
        Assert.Equal("A partial attendance counts as an attended call from 45 of its 60 minutes (75% of it); with fewer minutes it counts as missed, as an excused absence does.",
            consultation.ExplainPartial(60));
        var course = Requirement<CohortSessionsRequirement>(DefaultRuleSets.Keys.ImhCourse, "sessions");
        Assert.StartsWith("A partial attendance counts as an attended session from 68 of its 90 minutes (75% of it)", course.ExplainPartial(90), StringComparison.Ordinal);
        Assert.EndsWith("unless a make-up is logged.", course.ExplainPartial(90), StringComparison.Ordinal);
        var classroom = Requirement<ClassroomHoursRequirement>(DefaultRuleSets.Keys.MioRostering, "classroom-hours");
        Assert.Equal("A partial attendance counts the minutes present (of this day's 480) toward the 16 hours of classroom training.", classroom.ExplainPartial(480));
    }

    private static T Requirement<T>(string program, string key) where T : Requirement =>
        Assert.IsType<T>(RuleSetCatalog.Default.Current(program, new DateOnly(2026, 12, 1))!.Requirements.Single(r => r.Key == key));
}
