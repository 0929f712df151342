using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

/// <summary>MI Champions' introductory course (seed 002): complete when every module is, and only then.</summary>
public class MiPracticeRulesTests
{
    private const string Practice = "mi-practice@1";

    private static List<LearningItem> Modules(int count, int done) =>
        [.. Enumerable.Range(1, count).Select(i => new LearningItem($"Module {i}", i <= done))];

    [Theory]
    [InlineData(6, 6, RequirementStatus.Met)]
    [InlineData(6, 5, RequirementStatus.NotMet)]
    [InlineData(1, 1, RequirementStatus.Met)]
    [InlineData(1, 0, RequirementStatus.NotMet)]
    public void The_course_is_complete_when_every_module_is(int modules, int done, RequirementStatus expected)
    {
        var r = Evaluate(Practice, new Evidence { IntroCourseModules = Modules(modules, done) }, "intro-course");

        Assert.Equal(expected, r.Status);
        Assert.Equal(done, r.Current);
        Assert.Equal(modules, r.Target);
        Assert.Equal("modules", r.Unit);
        Assert.Equal(modules - done, r.Findings.Count);
    }

    [Fact]
    public void An_open_module_is_named_and_the_next_step_said()
    {
        var r = Evaluate(Practice, new Evidence { IntroCourseModules = [new("The spirit of MI", true), new("Open questions", false)] }, "intro-course");

        Assert.Equal("Open questions", Assert.Single(r.Findings).Item);
        Assert.Contains("1 of 2 modules are complete", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("mark each complete", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_course_without_modules_is_not_yet_decidable()
    {
        Assert.Equal(RequirementStatus.NotYetDecidable, Evaluate(Practice, new Evidence(), "intro-course").Status);
    }

    [Fact]
    public void The_readings_of_a_cohort_never_count_as_modules()
    {
        var evidence = new Evidence { IndependentLearning = [new("Reading 1", true)], IntroCourseModules = [new("Module 1", false)] };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(Practice, evidence, "intro-course").Status);
    }
}
