using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Applications;

namespace TrainingPortal.Web.Features.Review;

/// <summary>The review queue page.</summary>
public sealed record ReviewQueuePage(ApplicationsToReview Queue, string TimeZoneId);

/// <summary>One typed entry as the reviewer sees it: when, what, its state and the reason it was not accepted.</summary>
public sealed record EntryView(EntryKind Kind, int Id, string When, string What, EntryState State, string? Reason)
{
    public string StateText => State switch
    {
        EntryState.Verified => Kind == EntryKind.Degree ? "Transcript verified" : Kind == EntryKind.Rsc ? "Provider verified" : "Verified",
        EntryState.NotAccepted => "Not accepted",
        EntryState.Pending => "Waiting for a decision",
    };

    /// <summary>The evidence files that support this entry (a degree's transcript, a training's certificate).</summary>
    public IReadOnlyList<Web.Files.EvidenceFileRow> Files { get; init; } = [];

    /// <summary>Whether the entry was in the submitted application's snapshot; null when nothing was submitted.</summary>
    public bool? Submitted { get; init; }

    /// <summary>A short name for screen readers' button labels, e.g. "training of Tue 3 Nov 2026".</summary>
    public string Label => $"{ReviewWords.KindName(Kind)} {What}";
}

/// <summary>A reviewer's comment on a section.</summary>
public sealed record CommentView(string Author, DateTime CreatedUtc, string Text);

/// <summary>One rater as the reviewer sees them: status, and (received) their endorsement, recommendation and comments.</summary>
public sealed record ReferenceView(string RaterName, string Relationship, string Status, string? RaterLevel, string? Recommendation, string? Comments);

/// <summary>One section of the application: the requirement's live result, the entries it reads, the comments on it.</summary>
public sealed record SectionView(RequirementResult Result, IReadOnlyList<EntryKind> Kinds, IReadOnlyList<CommentView> Comments)
{
    public bool IsExam { get; init; }
    public bool IsPortfolio { get; init; }
    public bool IsReferences { get; init; }
}

/// <summary>The application review page.</summary>
public sealed class ReviewPage
{
    public required int EnrollmentId { get; init; }
    public required string ApplicantName { get; init; }
    public required string Title { get; init; }
    public required Home.ProgramProgressView Standing { get; init; }
    public required EnrollmentStatus EnrollmentStatus { get; init; }
    public required Guid Version { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? CertificateCode { get; init; }

    /// <summary>Null: the applicant has not submitted yet.</summary>
    public ApplicationStatus? ApplicationStatus { get; init; }
    public int Round { get; init; }
    public DateTime? SubmittedUtc { get; init; }
    public DateTime? ReturnedUtc { get; init; }
    public string? ReturnedBy { get; init; }
    public string? ReturnNote { get; init; }

    public DateOnly? PortfolioApprovedOn { get; init; }
    public IReadOnlyList<(DateOnly Date, bool Passed)> Exams { get; init; } = [];
    public IReadOnlyList<ReferenceView> References { get; init; } = [];
    public IReadOnlyList<SectionView> Sections { get; init; } = [];
    public IReadOnlyDictionary<EntryKind, IReadOnlyList<EntryView>> Entries { get; init; } = new Dictionary<EntryKind, IReadOnlyList<EntryView>>();

    /// <summary>The portfolio documents the applicant uploaded.</summary>
    public IReadOnlyList<Web.Files.EvidenceFileRow> PortfolioFiles { get; init; } = [];

    /// <summary>What the applicant submitted (frozen at submit); null when never submitted.</summary>
    public ApplicationSnapshot? Snapshot { get; init; }

    public required string TimeZoneId { get; init; }
    public required DateOnly Today { get; init; }

    /// <summary>The signed-in reviewer is an administrator: approval (issuing the certificate) is theirs.</summary>
    public bool ViewerIsAdministrator { get; init; }

    /// <summary>Decisions are open while the enrollment is active.</summary>
    public bool Open => EnrollmentStatus == EnrollmentStatus.Active;

    public bool Eligible => Standing.Verdict.Status == OverallStatus.Eligible;

    // The forms, with what was typed when one was refused.
    public NotAcceptedForm NotAccepted { get; init; } = new();

    /// <summary>The entry whose "not accepted" form was refused (its field carries the message).</summary>
    public (EntryKind Kind, int Id)? FailedEntry { get; init; }
    public ReviewCommentForm Comment { get; init; } = new();
    public ReturnApplicationForm Return { get; init; } = new();
    public ExamResultForm Exam { get; init; } = new();

    public IReadOnlyList<EntryView> EntriesOf(EntryKind kind) => Entries.TryGetValue(kind, out var list) ? list : [];
}

/// <summary>Words of the reviewer's screens.</summary>
public static class ReviewWords
{
    /// <summary>A requirement's status as the snapshot froze it (no forecast is stored, so no "at risk").</summary>
    public static string AtSubmission(RequirementStatus status) => status switch
    {
        RequirementStatus.Met => "Met",
        RequirementStatus.Waived => "Waived",
        RequirementStatus.NotApplicable => "Does not apply",
        RequirementStatus.NotYetDecidable => "In progress",
        RequirementStatus.NotMet => "Not met",
    };

    public static string KindName(EntryKind kind) => kind switch
    {
        EntryKind.Training => "training",
        EntryKind.Degree => "degree",
        EntryKind.Work => "work period",
        EntryKind.Leadership => "leadership activity",
        EntryKind.Rsc => "reflective supervision/consultation",
        EntryKind.Membership => "membership",
    };

    public static string Heading(EntryKind kind) => kind switch
    {
        EntryKind.Training => "Training log",
        EntryKind.Degree => "Degrees",
        EntryKind.Work => "Work periods",
        EntryKind.Leadership => "Leadership activities",
        EntryKind.Rsc => "Reflective supervision/consultation log",
        EntryKind.Membership => "Memberships",
    };

    public static string Recommendation(ReferenceRecommendation recommendation) => recommendation switch
    {
        ReferenceRecommendation.Recommend => "Recommends the applicant",
        ReferenceRecommendation.RecommendWithReservations => "Recommends the applicant, with reservations",
        ReferenceRecommendation.DoNotRecommend => "Does not recommend the applicant",
    };

    public static string Application(ApplicationStatus? status) => (status ?? Data.Training.ApplicationStatus.Draft) switch
    {
        Data.Training.ApplicationStatus.Draft => "Not submitted yet",
        Data.Training.ApplicationStatus.Submitted => "Submitted for review",
        Data.Training.ApplicationStatus.Returned => "Returned to the applicant",
    };
}
