using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Domain.Programs;

/// <summary>Open Badges 3.0 achievement types a program's credential can carry.</summary>
public enum AchievementType
{
    /// <summary><c>Certificate</c>: rostering, Train-the-Trainer.</summary>
    Certificate = 0,
    /// <summary><c>CertificateOfCompletion</c>: a course.</summary>
    CertificateOfCompletion,
    /// <summary><c>Certification</c>: renewable, revocable, time-limited (endorsements and their renewal).</summary>
    Certification,
}

/// <summary>How long a program's certificate holds.</summary>
public enum ValidityPolicy
{
    /// <summary>For good (until revoked).</summary>
    Lasting = 0,
    /// <summary>An endorsement: valid through the due date of the next renewal cycle, then lapses unless renewed.</summary>
    Endorsement,
    /// <summary>A yearly renewal: expires at the next due date, and extends the endorsement it renews to then.</summary>
    Renewal,
}

/// <summary>How a person comes into a program.</summary>
public enum JoinPolicy
{
    /// <summary>They ask (the catalog's "request to join"); an administrator enrolls them or declines with a reason.</summary>
    Request = 0,
    /// <summary>They start it themselves from the catalog (a free, self-paced course); nobody has to accept them.</summary>
    Self,
    /// <summary>Nobody asks: the portal sets it up (the yearly renewal, when an endorsement is approved).</summary>
    Automatic,
}

/// <summary>
/// The training hours a program's certificate prints: none, or the face-to-face minutes attended as of a date
/// (printed as hours; nothing is printed when no attended minute is on record).
/// </summary>
public sealed class CertificateHours
{
    private readonly Func<Evidence, DateOnly, int>? _attendedMinutes;

    private CertificateHours(string description, Func<Evidence, DateOnly, int>? attendedMinutes)
    {
        Description = description;
        _attendedMinutes = attendedMinutes;
    }

    /// <summary>The certificate prints no hours (endorsements, renewals).</summary>
    public static CertificateHours None { get; } = new("no hours", null);

    /// <summary>The certificate prints the hours <paramref name="attendedMinutes"/> counts.</summary>
    public static CertificateHours Attended(string description, Func<Evidence, DateOnly, int> attendedMinutes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(attendedMinutes);
        return new(description, attendedMinutes);
    }

    /// <summary>What is counted, in words ("classroom and consultation meetings").</summary>
    public string Description { get; }

    /// <summary>Whether the certificate prints hours at all.</summary>
    public bool Printed => _attendedMinutes is not null;

    /// <summary>The hours to print as of <paramref name="asOf"/>: null when none are printed or none are on record.</summary>
    public decimal? For(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (_attendedMinutes is null)
        {
            return null;
        }
        var minutes = _attendedMinutes(evidence, asOf);
        // No attendance on record (e.g. training completed before the portal kept it): print no hours rather than "0".
        return minutes == 0 ? null : minutes / 60m;
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>
/// Everything the portal knows about one program apart from its rules (which are versioned in
/// <see cref="RuleSetCatalog"/> under the same key): its names, its credential, how it is approved, the groups
/// it runs, and what its certificate states. One definition per program, held by <see cref="ProgramCatalog"/>.
/// </summary>
public sealed record ProgramDefinition
{
    /// <summary>The program key (also the rule sets' key), e.g. <c>mio-rostering</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The stored program row's id (fixed: the rows are seeded by the migrations).</summary>
    public required int Number { get; init; }

    /// <summary>The program's title, e.g. "MIO clinician training: rostering".</summary>
    public required string Title { get; init; }

    /// <summary>What the program is, in a few plain sentences from its source documents (the public catalog).</summary>
    public required string Summary { get; init; }

    /// <summary>The title printed large on its certificate, e.g. "Rostered MIO Clinician".</summary>
    public required string CredentialTitle { get; init; }

    /// <summary>The Open Badges achievement type of its credential.</summary>
    public required AchievementType AchievementType { get; init; }

    /// <summary>What the approve button says, e.g. "Approve rostering".</summary>
    public required string ApproveLabel { get; init; }

    /// <summary>The hours its certificate prints.</summary>
    public required CertificateHours CertificateHours { get; init; }

    /// <summary>How long its certificate holds.</summary>
    public required ValidityPolicy Validity { get; init; }

    /// <summary>
    /// What its CE hours count, said wherever CE hours are shown (the IMH course: face-to-face sessions only, never
    /// readings or exercises); null when the program grants no CE.
    /// </summary>
    public string? ContinuingEducationNote { get; init; }

    /// <summary>The fee a participant's place is valued at, in US dollars (the IMH course: $1,200); null: the portal tracks no fee.</summary>
    public decimal? Fee { get; init; }

    /// <summary>The competency areas the program covers (the IMH course's eight; empty for the rest), in the seed's order.</summary>
    public IReadOnlyList<string> CompetencyAreas { get; init; } = [];

    /// <summary>The kinds of group it runs (empty: its enrollments are never placed in a group).</summary>
    public IReadOnlyList<GroupKindDefinition> GroupKinds { get; init; } = [];

    /// <summary>The credential the public roster lists holders of, e.g. "Rostered MIO Clinician"; null: not on the roster.</summary>
    public string? RosterTitle { get; init; }

    /// <summary>The endorsement levels its certificate awards (an IMH endorsement level; empty for the rest).</summary>
    public IReadOnlyList<EndorsementLevel> Endorses { get; init; } = [];

    /// <summary>The short name of the level it awards, e.g. "Level IV" (used by the renewal's credential title); null when none.</summary>
    public string? LevelName { get; init; }

    /// <summary>Whether completing it qualifies a person for the trainer role (the approval page offers it).</summary>
    public bool QualifiesTrainer { get; init; }

    /// <summary>Organisations may request this training for their clinicians through the public form (MIO, seed 000).</summary>
    public bool OrganisationsMayRequest { get; init; }

    /// <summary>How a person comes into it (the catalog offers "request to join", "start", or nothing).</summary>
    public JoinPolicy Join { get; init; } = JoinPolicy.Request;

    /// <summary>
    /// Whether its certificate attests a credential (rostering, endorsement, a course's completion for CE). False for
    /// a free learning resource (MI Champions' introductory course): its certificate says it is a record of completion,
    /// not a credential, and the program has no approval step — the certificate is issued when every requirement is met.
    /// </summary>
    public bool IsCredential { get; init; } = true;

    /// <summary>The kind of group an enrollment is placed in, if any.</summary>
    public GroupKindDefinition? EnrollmentGroup => GroupKinds.FirstOrDefault(k => k.Placement == GroupPlacement.Group);

    /// <summary>The kind of classroom training an enrollment attends, if any.</summary>
    public GroupKindDefinition? ClassroomGroup => GroupKinds.FirstOrDefault(k => k.Placement == GroupPlacement.Classroom);

    /// <summary>Whether one of its kinds of group has <paramref name="screens"/>.</summary>
    public bool HasScreens(GroupScreens screens) => GroupKinds.Any(k => k.Has(screens));

    /// <summary>The credential title of a certificate; a renewal names the endorsement it renews (<paramref name="renewedLevelName"/>).</summary>
    public string CredentialTitleFor(string? renewedLevelName) =>
        Validity == ValidityPolicy.Renewal && renewedLevelName is not null ? CredentialTitle + " — " + renewedLevelName : CredentialTitle;
}
