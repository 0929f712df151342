using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using TrainingPortal.Domain.Programs;

namespace TrainingPortal.Domain.Tests.Programs;

/// <summary>
/// A test-only program, "MI Champions", added the way the checklist in docs/architecture.md says: a rule set and a
/// definition (and, in the product, a member of <see cref="GroupKind"/>: here the unnamed number 100, since a
/// test cannot add an enum member). Nothing else is written for it; the tests show every part reads it.
/// Compiled into the domain tests and, linked, into the web tests.
/// </summary>
internal static class SampleProgram
{
    public const string Key = "mi-champions";

    /// <summary>Its kind of group (in the product: a new named member of <see cref="GroupKind"/>).</summary>
    public const GroupKind Circle = (GroupKind)100;

    /// <summary>Place 1: its rules.</summary>
    public static RuleSet RuleSet { get; } = new(Key, 1, "MI Champions", DefaultRuleSets.Origin,
    [
        new CohortSessionsRequirement("champion-sessions", "Attend 4 of the champion circle's sessions", SessionSource.LiveSessions,
            minimumSharePercent: null, minimumSessions: 4, partialCountsFromPercent: 75),
    ]);

    /// <summary>Place 2: its definition.</summary>
    public static ProgramDefinition Definition { get; } = new()
    {
        Key = Key,
        Number = 10,
        Title = "MI Champions",
        Summary = "A test-only program: change practitioners learn Motivational Interviewing together in practice groups hosted by volunteer champions.",
        CredentialTitle = "MI Champion",
        AchievementType = AchievementType.Certificate,
        ApproveLabel = "Approve MI Champion",
        CertificateHours = CertificateHours.Attended("champion sessions attended", (e, asOf) => ContinuingEducation.FaceToFaceMinutes(e.LiveSessions, asOf)),
        Validity = ValidityPolicy.Lasting,
        RosterTitle = "MI Champion",
        GroupKinds =
        [
            new()
            {
                Kind = Circle,
                Name = "MI Champions circle",
                Description = "MI Champions circle — 8 weekly sessions of 1 hour",
                Placement = GroupPlacement.Group,
                AttendanceRequirementKey = "champion-sessions",
                Evidence = GroupEvidence.LiveSessions,
                DefaultWeeks = 8,
                DefaultMinutes = 60,
                Screens = GroupScreens.MakeUps,
                SuggestName = p => $"MI Champions circle {p.Start:yyyy-MM-dd}",
            },
        ],
    };

    /// <summary>The shipped programs and the sample.</summary>
    public static ProgramCatalog Programs { get; } = new([.. ProgramCatalog.Default.All, Definition]);

    /// <summary>The shipped rule sets and the sample's.</summary>
    public static RuleSetCatalog Rules { get; } = new([.. DefaultRuleSets.All(), RuleSet]);
}
