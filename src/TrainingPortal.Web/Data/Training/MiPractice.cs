namespace TrainingPortal.Web.Data.Training;

/// <summary>Where a Champion's request to become a Champion stands.</summary>
public enum ChampionRequestStatus
{
    Open,
    Approved,
    Declined,
}

/// <summary>
/// A signed-in person's request to become an MI Champion (seed 002): a short motivation; an administrator approves it
/// (the Champion role is granted) or declines it with a reason. At most one open request per person (a filtered
/// unique index).
/// </summary>
public sealed class ChampionRequest
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public string Motivation { get; set; } = "";
    public ChampionRequestStatus Status { get; set; }
    public DateTime RequestedUtc { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedById { get; set; }
    public string? DeclineReason { get; set; }
}

/// <summary>
/// The standardized MI practice activities a group uses and a session logs (seed 002). Stored as flags; people see
/// <see cref="MiActivityNames"/>, never these names.
/// </summary>
[Flags]
public enum MiActivities
{
    None = 0,
    RealPlayOpenQuestions = 1,
    ReflectionChains = 2,
    ChangeTalkSpotting = 4,
    VideoReview = 8,
    AffirmationsPractice = 16,
    SummariesPractice = 32,
}

/// <summary>The activities in plain words, in the order the forms offer them.</summary>
public static class MiActivityNames
{
    public static readonly IReadOnlyList<(MiActivities Activity, string Name)> All =
    [
        (MiActivities.RealPlayOpenQuestions, "Real-play: open questions"),
        (MiActivities.ReflectionChains, "Reflection chains"),
        (MiActivities.ChangeTalkSpotting, "Change-talk spotting"),
        (MiActivities.AffirmationsPractice, "Affirmations practice"),
        (MiActivities.SummariesPractice, "Summaries practice"),
        (MiActivities.VideoReview, "Video review"),
    ];

    public static MiActivities Combined => All.Aggregate(MiActivities.None, (all, a) => all | a.Activity);

    /// <summary>The chosen activities in words, joined with commas; the free text last.</summary>
    public static string Describe(MiActivities activities, string? other = null) =>
        string.Join(", ", All.Where(a => activities.HasFlag(a.Activity)).Select(a => a.Name).Append(other).Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>
/// A peer practice group hosted by a volunteer MI Champion: not a training group, not evidence for any rule. Meets
/// online (a link, shown to members only) or in a town. <see cref="Members"/> counts the current members and, with
/// the <see cref="Version"/> token, keeps two joins for the last place from both succeeding.
/// </summary>
public sealed class MiPracticeGroup
{
    public int Id { get; set; }
    public string HostId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? OnlineLink { get; set; }
    public string? Town { get; set; }
    public string Rhythm { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
    public int Capacity { get; set; }
    public int Members { get; set; }
    public MiActivities Activities { get; set; }
    public string? OtherActivities { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A person's membership of a practice group; leaving keeps the row (their logged sessions stay theirs).</summary>
public sealed class MiPracticeMembership
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public string PersonId { get; set; } = "";
    public DateTime JoinedUtc { get; set; }
    public DateTime? LeftUtc { get; set; }
}

/// <summary>A session the host logged: date, length, activities, a short note (never client data), who came.</summary>
public sealed class MiPracticeSession
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public DateOnly HeldOn { get; set; }
    public int Minutes { get; set; }
    public MiActivities Activities { get; set; }
    public string? Note { get; set; }
    public string LoggedById { get; set; } = "";
    public DateTime LoggedUtc { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<MiPracticeAttendance> Attendees { get; set; } = [];
}

/// <summary>One member who came to a logged session.</summary>
public sealed class MiPracticeAttendance
{
    public int SessionId { get; set; }
    public string PersonId { get; set; } = "";
}
