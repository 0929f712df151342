namespace TrainingPortal.Domain.Programs;

/// <summary>The parts of a suggested group name: what the administrator typed on the new-group form.</summary>
/// <param name="Start">The start date.</param>
/// <param name="Day">The weekday of the meetings.</param>
/// <param name="Time">The local start time.</param>
/// <param name="Term">The course term ("Spring"), where the kind has terms.</param>
/// <param name="Year">The course year, where the kind has terms.</param>
/// <param name="Trainer">The trainer's name, if known.</param>
public sealed record GroupNameParts(DateOnly Start, DayOfWeek Day, TimeOnly Time, string? Term, int? Year, string? Trainer);

/// <summary>
/// One kind of group a program runs: the words people read for it, its defaults on the new-group form, the
/// requirement its attendance feeds, and the screens it has. Plain data; the one place a kind is described.
/// </summary>
public sealed record GroupKindDefinition
{
    /// <summary>The stored kind.</summary>
    public required GroupKind Kind { get; init; }

    /// <summary>The kind's name in a sentence or a list ("MIO consultation group").</summary>
    public required string Name { get; init; }

    /// <summary>The kind with its defaults, for the list of kinds on the new-group form.</summary>
    public required string Description { get; init; }

    /// <summary>Which of an enrollment's group places a group of this kind fills.</summary>
    public required GroupPlacement Placement { get; init; }

    /// <summary>The key of the requirement its attendance feeds (the standing shown on the group's page).</summary>
    public required string AttendanceRequirementKey { get; init; }

    /// <summary>What its attendance becomes in the evidence.</summary>
    public required GroupEvidence Evidence { get; init; }

    /// <summary>Weeks when the form leaves them empty.</summary>
    public required int DefaultWeeks { get; init; }

    /// <summary>Minutes of a meeting when the form leaves them empty (ignored when <see cref="TotalMinutes"/> is set).</summary>
    public int DefaultMinutes { get; init; }

    /// <summary>A fixed length for the whole series, split evenly over its weeks (classroom training: 16 hours); null: none.</summary>
    public int? TotalMinutes { get; init; }

    /// <summary>What the fixed series is called at the start of a sentence ("Classroom training"); set with <see cref="TotalMinutes"/>.</summary>
    public string? SeriesName { get; init; }

    /// <summary>The only numbers of weeks allowed (empty: any).</summary>
    public IReadOnlyList<int> AllowedWeeks { get; init; } = [];

    /// <summary>Whether a group of this kind belongs to a course term and year.</summary>
    public bool HasTerm { get; init; }

    /// <summary>The screens a group of this kind has.</summary>
    public GroupScreens Screens { get; init; }

    /// <summary>The name suggested when the administrator types none.</summary>
    public required Func<GroupNameParts, string> SuggestName { get; init; }

    /// <summary>The default minutes of each of <paramref name="weeks"/> meetings.</summary>
    public int DefaultMinutesFor(int weeks) => TotalMinutes is { } total ? total / Math.Max(1, weeks) : DefaultMinutes;

    /// <summary>Whether a group of this kind has <paramref name="screens"/>.</summary>
    public bool Has(GroupScreens screens) => (Screens & screens) == screens;
}
