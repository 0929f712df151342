using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Programs;

namespace TrainingPortal.Domain.Tests.Programs;

/// <summary>Guards of the program catalog: every program is fully defined, and programs and rule sets match.</summary>
public sealed class ProgramCatalogTests
{
    private static readonly ProgramCatalog Catalog = ProgramCatalog.Default;

    [Fact]
    public void Every_shipped_program_defines_every_part_and_matches_its_rule_sets()
    {
        Assert.Empty(ProgramChecks.Problems(Catalog, RuleSetCatalog.Default));
    }

    [Fact]
    public void Every_rule_set_has_a_program_definition_and_every_program_a_rule_set()
    {
        Assert.Equal(
            RuleSetCatalog.Default.ProgramKeys.Order(StringComparer.Ordinal),
            Catalog.All.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_checks_find_a_rule_set_without_a_program_and_a_part_left_empty()
    {
        // The guard must be able to fail: drop a definition and blank a part of another.
        var programs = new ProgramCatalog(Catalog.All
            .Where(p => p.Key != DefaultRuleSets.Keys.ImhRenewal)
            .Select(p => p.Key == DefaultRuleSets.Keys.ImhCourse ? p with { ApproveLabel = " ", Summary = "" } : p));
        var problems = ProgramChecks.Problems(programs, RuleSetCatalog.Default);
        Assert.Contains("rule set imh-renewal has no program definition", problems);
        Assert.Contains(problems, p => p.StartsWith("imh-course: no approve label", StringComparison.Ordinal));
        Assert.Contains("imh-course: no summary for the public catalog (a few sentences)", problems);
    }

    [Fact]
    public void Every_group_kind_is_run_by_exactly_one_program_under_a_name_of_its_own()
    {
        Assert.Equal(Enum.GetValues<GroupKind>().Order(), Catalog.Kinds.Select(k => k.Kind).Order());
        Assert.Equal(Catalog.Kinds.Count(), Catalog.Kinds.Select(k => k.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(DefaultRuleSets.Keys.MioRostering, Catalog.ProgramOf(GroupKind.MioClassroom).Key);
        Assert.Equal(DefaultRuleSets.Keys.MioRostering, Catalog.ProgramOf(GroupKind.MioConsultation).Key);
        Assert.Equal(DefaultRuleSets.Keys.ImhCourse, Catalog.ProgramOf(GroupKind.ImhCourseCohort).Key);
        Assert.Equal(DefaultRuleSets.Keys.MioTrainTheTrainer, Catalog.ProgramOf(GroupKind.TrainTheTrainerCohort).Key);
    }

    [Fact]
    public void Row_numbers_are_the_seeded_ids_one_to_eight()
    {
        Assert.Equal(Enumerable.Range(1, Catalog.All.Count), Catalog.All.Select(p => p.Number).Order());
    }

    [Fact]
    public void An_unknown_key_or_kind_is_an_error_never_a_default()
    {
        var unknown = Assert.Throws<KeyNotFoundException>(() => Catalog.Get("mi-champions"));
        Assert.Contains("mi-champions", unknown.Message, StringComparison.Ordinal);
        Assert.False(Catalog.TryGet("mi-champions", out _));
        Assert.False(Catalog.TryGet(null, out _));
        Assert.Throws<KeyNotFoundException>(() => Catalog.Kind((GroupKind)99));
        Assert.Throws<KeyNotFoundException>(() => Catalog.ProgramOf((GroupKind)99));
        Assert.False(Catalog.IsKnown((GroupKind)99));
        Assert.Throws<KeyNotFoundException>(() => CertificateTerms.Hours(
            new RuleSet("mi-champions", 1, "MI Champions", DefaultRuleSets.Origin, []), new Evidence(), new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Keys_compare_ignoring_case_as_in_the_rule_set_catalog()
    {
        Assert.Same(Catalog.Get(DefaultRuleSets.Keys.MioRostering), Catalog.Get("MIO-Rostering"));
    }

    [Fact]
    public void A_catalog_refuses_a_key_a_row_number_or_a_group_kind_twice()
    {
        var rostering = DefaultPrograms.MioRostering;
        Assert.Throws<ArgumentException>(() => new ProgramCatalog([rostering, rostering with { Number = 99, GroupKinds = [] }]));
        Assert.Throws<ArgumentException>(() => new ProgramCatalog([rostering, rostering with { Key = "other", GroupKinds = [] }]));
        Assert.Throws<ArgumentException>(() => new ProgramCatalog([rostering, rostering with { Key = "other", Number = 99 }]));
    }

    [Fact]
    public void Every_endorsement_level_is_awarded_by_one_program_and_a_renewal_names_it()
    {
        Assert.Null(Catalog.ForEndorsement(EndorsementLevel.None));
        foreach (var level in Enum.GetValues<EndorsementLevel>().Where(l => l != EndorsementLevel.None))
        {
            Assert.Single(Catalog.All, p => p.Endorses.Contains(level));
        }
        Assert.Equal(DefaultRuleSets.Keys.ImhEndorsementL4, Catalog.ForEndorsement(EndorsementLevel.LevelIVPolicy)!.Key);
        var renewal = Catalog.Get(DefaultRuleSets.Keys.ImhRenewal);
        Assert.Equal("Continuing Endorsement", renewal.CredentialTitleFor(null));
        Assert.Equal("Continuing Endorsement — Level IV", renewal.CredentialTitleFor(Catalog.ForEndorsement(EndorsementLevel.LevelIVClinical)!.LevelName));
        Assert.Equal("Rostered MIO Clinician", Catalog.Get(DefaultRuleSets.Keys.MioRostering).CredentialTitleFor("Level II"));
    }

    [Fact]
    public void The_roster_lists_rostering_then_the_four_endorsement_levels()
    {
        Assert.Equal(
            [
                ("mio-rostering", "Rostered MIO Clinician"),
                ("imh-endorsement-l1", "IMH Endorsement Level I — Infant Family Associate"),
                ("imh-endorsement-l2", "IMH Endorsement Level II — Infant Family Specialist"),
                ("imh-endorsement-l3", "IMH Endorsement Level III — Infant Mental Health Specialist"),
                ("imh-endorsement-l4", "IMH Endorsement Level IV — Infant Mental Health Mentor"),
            ],
            Catalog.Roster.Select(p => (p.Key, p.RosterTitle!)));
    }

    [Fact]
    public void Only_the_programs_with_group_attendance_print_hours()
    {
        Assert.All(Catalog.All, p => Assert.Equal(p.GroupKinds.Count > 0, p.CertificateHours.Printed));
    }
}
