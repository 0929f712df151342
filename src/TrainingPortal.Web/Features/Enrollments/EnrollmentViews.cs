namespace TrainingPortal.Web.Features.Enrollments;

/// <summary>The enrollment list with its filter.</summary>
public sealed class EnrollmentListView
{
    public string? Program { get; init; }
    public EnrollmentStatus? Status { get; init; }
    public IReadOnlyList<ProgramOption> Programs { get; init; } = [];
    public IReadOnlyList<EnrollmentRow> Rows { get; init; } = [];
    public int Total { get; init; }
    public int Limit { get; init; }
    public string TimeZoneId { get; init; } = "";
}

public sealed record ProgramOption(string Key, string Title);

public sealed record EnrollmentRow(int Id, string PersonName, string? PersonEmail, string ProgramKey, string ProgramTitle, string RuleSetId,
    string? Category, string? GroupName, EnrollmentStatus Status, DateOnly CreatedOn, DateOnly? WithdrawnOn, string? WithdrawalReason);

public sealed record GroupOption(int Id, string Name, string ProgramKey, GroupKind Kind, DateOnly StartDate, string TimeZoneId);

public sealed record PersonOption(string Email, string Name);

/// <summary>The enroll page: the form and its choices.</summary>
public sealed class EnrollPage
{
    public EnrollForm Form { get; init; } = new();
    public IReadOnlyList<ProgramOption> Programs { get; init; } = [];
    public IReadOnlyList<GroupOption> Groups { get; init; } = [];
    public IReadOnlyList<PersonOption> People { get; init; } = [];
    public string TimeZoneId { get; init; } = "";
}

/// <summary>The withdraw page: what is withdrawn, and the form.</summary>
public sealed class WithdrawPage
{
    public required EnrollmentRow Enrollment { get; init; }
    public WithdrawForm Form { get; init; } = new();
}
