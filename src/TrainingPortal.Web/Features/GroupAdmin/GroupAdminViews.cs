namespace TrainingPortal.Web.Features.GroupAdmin;

public sealed record GroupRow(int Id, string Name, GroupKind Kind, string ProgramKey, string? ProgramTitle, string? Trainer,
    DateOnly StartDate, DateOnly EndDate, string TimeZoneId, int Members, int Meetings);

/// <summary>Every group, newest first.</summary>
public sealed class GroupListView
{
    public IReadOnlyList<GroupRow> Rows { get; init; } = [];
    public int Total { get; init; }
}

public sealed record TrainerOption(string Id, string Name, string? Email);

/// <summary>The new-group page: the form and its choices.</summary>
public sealed class GroupCreatePage
{
    public GroupForm Form { get; init; } = new();
    public IReadOnlyList<TrainerOption> Trainers { get; init; } = [];
}
