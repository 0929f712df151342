namespace TrainingPortal.Web.Features.EnrollmentPage;

/// <summary>A group an enrollment can be moved to.</summary>
public sealed record MoveOption(int Id, string Name, string KindName, DateOnly StartDate, DateOnly EndDate);

/// <summary>A rule-set version an enrollment can be put under.</summary>
public sealed record RuleSetOption(string Id, string Title, DateOnly EffectiveFrom);

/// <summary>The enrollment's own page.</summary>
public sealed class EnrollmentPageView
{
    public int Id { get; init; }
    public string PersonId { get; init; } = "";
    public string PersonName { get; init; } = "";
    public string? PersonEmail { get; init; }
    public string ProgramKey { get; init; } = "";
    public string ProgramTitle { get; init; } = "";
    public string RuleSetId { get; init; } = "";
    public string? RuleSetChangeReason { get; init; }
    public string? GroupName { get; init; }
    public int? GroupId { get; init; }
    public string? ClassroomName { get; init; }
    public int? ClassroomGroupId { get; init; }
    public EnrollmentStatus Status { get; init; }
    public DateOnly CreatedOn { get; init; }
    public DateOnly? JoinedOn { get; init; }
    public bool PastMeetingsNotApplicable { get; init; }
    public DateOnly? WithdrawnOn { get; init; }
    public string? WithdrawalReason { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public Guid Version { get; init; }

    /// <summary>The standing today (stored when current, else live).</summary>
    public required Home.ProgramProgressView Standing { get; init; }

    public IReadOnlyList<MoveOption> MoveOptions { get; init; } = [];
    public IReadOnlyList<RuleSetOption> RuleSets { get; init; } = [];

    public MoveForm Move { get; init; } = new();
    public RuleSetForm RuleSet { get; init; } = new();

    /// <summary>Whether a page answering a refused change from an older screen (HTTP 409).</summary>
    public bool Conflict { get; init; }
}

/// <summary>The move's first step: the standing now and as it would be in the chosen group, before anything is saved.</summary>
public sealed class MovePreviewView
{
    public required EnrollmentPageView Enrollment { get; init; }
    public required MoveOption Target { get; init; }
    public required Home.ProgramProgressView After { get; init; }
}
