using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Programs;

namespace TrainingPortal.Domain.Tests.Programs;

/// <summary>A program added as a rule set plus a definition is complete, evaluated, and read by every domain part.</summary>
public sealed class SampleProgramTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);

    [Fact]
    public void The_sample_program_passes_every_guard_of_a_complete_catalog()
    {
        Assert.Empty(ProgramChecks.Problems(SampleProgram.Programs, SampleProgram.Rules));
    }

    [Fact]
    public void Its_rule_set_alone_is_caught_as_a_program_without_a_definition()
    {
        Assert.Contains("rule set mi-champions has no program definition", ProgramChecks.Problems(ProgramCatalog.Default, SampleProgram.Rules));
    }

    [Fact]
    public void Its_group_kind_is_offered_named_and_placed_by_the_catalog()
    {
        var programs = SampleProgram.Programs;
        var circle = programs.Kind(SampleProgram.Circle);
        Assert.Equal("MI Champions circle", circle.Name);
        Assert.Same(SampleProgram.Definition, programs.ProgramOf(SampleProgram.Circle));
        Assert.Contains(circle, programs.Kinds);
        Assert.Same(circle, programs.Get(SampleProgram.Key).EnrollmentGroup);
        Assert.Null(programs.Get(SampleProgram.Key).ClassroomGroup);
        Assert.Contains(SampleProgram.Circle, programs.KindsWith(GroupScreens.MakeUps));
        Assert.DoesNotContain(SampleProgram.Circle, programs.KindsWith(GroupScreens.Fidelity));
        Assert.Equal(60, circle.DefaultMinutesFor(circle.DefaultWeeks));
        Assert.Equal("MI Champions circle 2027-01-04", circle.SuggestName(new GroupNameParts(Start, DayOfWeek.Monday, new TimeOnly(12, 0), null, null, null)));
    }

    [Fact]
    public void Its_credential_approve_label_roster_entry_and_hours_come_from_its_definition()
    {
        var program = SampleProgram.Programs.Get(SampleProgram.Key);
        Assert.Equal("MI Champion", program.CredentialTitleFor(null));
        Assert.Equal("Approve MI Champion", program.ApproveLabel);
        Assert.Equal(AchievementType.Certificate, program.AchievementType);
        Assert.Equal(("mi-champions", "MI Champion"), SampleProgram.Programs.Roster.Select(p => (p.Key, p.RosterTitle!)).Last());

        // Four sessions of an hour attended, one partly (30 minutes): 4.5 hours printed, and the rules are met.
        var evidence = new Evidence
        {
            LiveSessions =
            [
                new ScheduledSession(Start, AttendanceMark.Present, DurationMinutes: 60),
                new ScheduledSession(Start.AddDays(7), AttendanceMark.Present, DurationMinutes: 60),
                new ScheduledSession(Start.AddDays(14), AttendanceMark.Present, DurationMinutes: 60),
                new ScheduledSession(Start.AddDays(21), AttendanceMark.Present, DurationMinutes: 60),
                new ScheduledSession(Start.AddDays(28), AttendanceMark.Partial, DurationMinutes: 60, MinutesPresent: 30),
            ],
        };
        var asOf = Start.AddDays(35);
        Assert.Equal(4.5m, CertificateTerms.Hours(program, evidence, asOf));
        var ruleSet = SampleProgram.Rules.Current(SampleProgram.Key, asOf)!;
        Assert.Equal(OverallStatus.Eligible, RuleEvaluator.Evaluate(ruleSet, evidence, asOf).Status);
        Assert.Contains(ruleSet.Requirements, r => r.Key == program.EnrollmentGroup!.AttendanceRequirementKey);
    }

    [Fact]
    public void The_shipped_catalog_does_not_know_the_sample()
    {
        Assert.False(ProgramCatalog.Default.TryGet(SampleProgram.Key, out _));
        Assert.False(ProgramCatalog.Default.IsKnown(SampleProgram.Circle));
    }
}
