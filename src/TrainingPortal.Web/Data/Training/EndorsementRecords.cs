using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Data.Training;

/// <summary>An education/training entry (hours).</summary>
public sealed class TrainingHoursRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Hours { get; set; }
    public string Title { get; set; } = "";
    public bool RelationshipBased { get; set; }
    public bool Verified { get; set; }
    public bool FaceToFace { get; set; }
    public bool AboutReflectiveSupervision { get; set; }

    /// <summary>Who gave the training, as the applicant typed it; null on entries made before the training log had the field.</summary>
    public string? Provider { get; set; }

    /// <summary>The competency areas the training covered (several may be set).</summary>
    public CompetencyAreas CompetencyAreas { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>
/// The eight competency areas of the IMH competency guidelines (seed 003), as check boxes on a training entry:
/// flags, stored as one integer.
/// </summary>
[Flags]
public enum CompetencyAreas
{
    None = 0,
    TheoreticalFoundations = 1,
    LawRegulationPolicy = 2,
    SystemsExpertise = 4,
    DirectServiceSkills = 8,
    WorkingWithOthers = 16,
    Communicating = 32,
    Thinking = 64,
    Reflection = 128,
}

/// <summary>A degree or qualification.</summary>
public sealed class DegreeRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public DegreeKind Kind { get; set; }
    public DateOnly AwardedOn { get; set; }
    public string? Field { get; set; }
    public string? Institution { get; set; }
    public bool TranscriptVerified { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>A period of work experience.</summary>
public sealed class WorkExperienceRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public WorkKind Kind { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly? End { get; set; }
    public int FamiliesServed { get; set; }
    public string? Employer { get; set; }

    /// <summary>Set by a reviewer: only verified entries count toward a verdict; until then the entry shows as pending.</summary>
    public bool Verified { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>A documented leadership activity (Level IV).</summary>
public sealed class LeadershipActivityRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Set by a reviewer: only verified entries count toward a verdict; until then the entry shows as pending.</summary>
    public bool Verified { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>One reflective supervision/consultation (RSC) session received.</summary>
public sealed class RscLogEntry
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Hours { get; set; }
    public string? ProviderName { get; set; }
    public bool ProviderApproved { get; set; }
    public EndorsementLevel ProviderLevel { get; set; }
    public bool Group { get; set; }
    public bool Peer { get; set; }

    /// <summary>
    /// The provider when the applicant chose one known to the portal (someone holding an endorsement that qualifies them
    /// to provide RSC): the entry then counts at once with their level. Null for a provider the applicant typed.
    /// </summary>
    public string? ProviderId { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>A professional reference requested for an endorsement application.</summary>
public sealed class ReferenceRecord
{
    public int Id { get; set; }
    public int EnrollmentId { get; set; }
    public string RaterName { get; set; } = "";
    public string? RaterEmail { get; set; }
    public ReferenceSource Source { get; set; }
    public EndorsementLevel RaterLevel { get; set; }
    public DateOnly RequestedOn { get; set; }

    /// <summary>The date the rating form was completed; null while pending.</summary>
    public DateOnly? ReceivedOn { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the rater's current single-use link token; null once the rating is received. The token itself
    /// is never stored: a resend or a replaced rater gets a new one, and the old link stops working.
    /// </summary>
    public string? TokenHash { get; set; }

    /// <summary>When the current link was sent (UTC).</summary>
    public DateTime? SentUtc { get; set; }

    /// <summary>When the current link stops working (UTC).</summary>
    public DateTime? LinkExpiresUtc { get; set; }

    /// <summary>When the rater was reminded that the link runs out (UTC; once per link, see <c>DailyNotificationChecks</c>).</summary>
    public DateTime? ReminderSentUtc { get; set; }

    /// <summary>When the rater first opened the current link (UTC).</summary>
    public DateTime? OpenedUtc { get; set; }

    /// <summary>When the rating was submitted (UTC).</summary>
    public DateTime? ReceivedUtc { get; set; }

    /// <summary>The rater's recommendation; never shown to the applicant.</summary>
    public ReferenceRecommendation? Recommendation { get; set; }

    /// <summary>The rater's comments; never shown to the applicant.</summary>
    public string? Comments { get; set; }
}

/// <summary>A rater's recommendation of the applicant.</summary>
public enum ReferenceRecommendation
{
    /// <summary>Recommends the applicant without reservation.</summary>
    Recommend = 0,
    /// <summary>Recommends with reservations (explained in the comments).</summary>
    RecommendWithReservations,
    /// <summary>Does not recommend the applicant.</summary>
    DoNotRecommend,
}

/// <summary>What a person signed.</summary>
public enum AttestationKind
{
    /// <summary>Code of Ethics &amp; Endorsement Agreement.</summary>
    EthicsAgreement = 0,
}

/// <summary>A document signed in the portal (name typed, date stored).</summary>
public sealed class SignedAttestation
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public AttestationKind Kind { get; set; }
    public string SignedName { get; set; } = "";
    public DateOnly SignedOn { get; set; }
    public DateTime SignedUtc { get; set; }

    /// <summary>The version of the text that was signed (e.g. <c>2024-01</c>); null on signatures made before versions were stored.</summary>
    public string? TextVersion { get; set; }
}

/// <summary>A written examination result recorded by an administrator.</summary>
public sealed class ExamResultRecord
{
    public int Id { get; set; }
    public int EnrollmentId { get; set; }
    public DateOnly Date { get; set; }
    public bool Passed { get; set; }
}

/// <summary>An IMH association membership.</summary>
public sealed class MembershipRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public string Association { get; set; } = "";
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public bool Individual { get; set; } = true;

    /// <summary>Set by a reviewer: only verified entries count toward a verdict; until then the entry shows as pending.</summary>
    public bool Verified { get; set; }

    /// <summary>Why a reviewer did not accept this entry (shown to the applicant); null while pending or once verified.</summary>
    public string? NotAcceptedReason { get; set; }
}

/// <summary>Where an endorsement application stands in review.</summary>
public enum ApplicationStatus
{
    /// <summary>The applicant is still entering evidence.</summary>
    Draft = 0,
    /// <summary>Submitted for review: the snapshot is what the reviewer sees.</summary>
    Submitted,
    /// <summary>Returned to the applicant with comments; the applicant may change it and submit again.</summary>
    Returned,
}

/// <summary>
/// The review state of one endorsement (or renewal) enrollment: submitted or not, the frozen snapshot of what was
/// submitted, what the reviewer decided about the application as a whole. One row per enrollment, created on first submit.
/// </summary>
public sealed class EndorsementApplication
{
    public int Id { get; set; }
    public int EnrollmentId { get; set; }
    public ApplicationStatus Status { get; set; }

    /// <summary>How many times the application was submitted (1 on first submit).</summary>
    public int Round { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    /// <summary>What was submitted, as JSON: every entry and section status at the moment of submitting. Never changed after.</summary>
    public string? Snapshot { get; set; }

    public DateTime? ReturnedUtc { get; set; }
    public string? ReturnedById { get; set; }

    /// <summary>The reviewer's overall message when returning the application.</summary>
    public string? ReturnNote { get; set; }
}

/// <summary>A reviewer's comment on one section (requirement key) of an application, shown to the applicant.</summary>
public sealed class ApplicationComment
{
    public int Id { get; set; }
    public int EnrollmentId { get; set; }

    /// <summary>The requirement key of the section, e.g. <c>training-hours</c>.</summary>
    public string Section { get; set; } = "";
    public string Text { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}
