namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>A group or cohort one may ask for, with its places.</summary>
public sealed record JoinGroupOption(int Id, string Name, DateOnly StartDate, DateOnly EndDate, int? Capacity, int Taken)
{
    public bool Full => GroupCapacity.IsFull(Capacity, Taken);
    public string Places => GroupCapacity.Words(Capacity, Taken);
}

/// <summary>The join page: the form, or why there is none (already enrolled, already asked, not a program one asks to join).</summary>
public sealed class JoinPage
{
    public required ProgramDefinition Program { get; init; }
    public required JoinForm Form { get; init; }
    public IReadOnlyList<JoinGroupOption> Groups { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Set when the person is already enrolled in the program (since when).</summary>
    public DateOnly? EnrolledSince { get; init; }

    /// <summary>Set when the person has an open request for the program.</summary>
    public MyJoinRequest? OpenRequest { get; init; }

    public string TimeZoneId { get; init; } = "";
}

/// <summary>One of the person's own requests (home page, join page).</summary>
public sealed record MyJoinRequest(int Id, string ProgramKey, string ProgramTitle, string? GroupName, JoinRequestStatus Status, DateTime CreatedUtc,
    DateTime? DecidedUtc, string? DeclineReason);

/// <summary>A request in the administrators' queue.</summary>
public sealed record QueuedJoinRequest(int Id, string PersonName, string PersonEmail, string ProgramKey, string ProgramTitle, int? GroupId, string? GroupName,
    string? Category, string? Message, JoinRequestStatus Status, DateTime CreatedUtc, DateTime? DecidedUtc, string? DeciderName, string? DeclineReason,
    Guid Version);

/// <summary>The administrators' queue.</summary>
public sealed class JoinQueuePage
{
    public required IReadOnlyList<QueuedJoinRequest> Requests { get; init; }
    public required int Total { get; init; }
    public required bool Decided { get; init; }

    /// <summary>Groups not ended, by program, for the accept forms.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JoinGroupOption>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<JoinGroupOption>>();
    public string TimeZoneId { get; init; } = "";
}

/// <summary>The decline page.</summary>
public sealed class DeclinePage
{
    public required QueuedJoinRequest Request { get; init; }
    public required DeclineForm Form { get; init; }
    public string TimeZoneId { get; init; } = "";
}
