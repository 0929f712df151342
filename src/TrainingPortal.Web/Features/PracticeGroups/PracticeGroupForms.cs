using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.PracticeGroups;

/// <summary>A practice group as its Champion describes it (new and edit).</summary>
public sealed class PracticeGroupForm
{
    public const int MaxCapacity = 100;

    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Online meeting link")]
    public string? OnlineLink { get; set; }

    [Display(Name = "Town")]
    public string? Town { get; set; }

    [Display(Name = "When it meets")]
    public string? Rhythm { get; set; }

    [Display(Name = "Time zone")]
    public string TimeZoneId { get; set; } = "America/New_York";

    [Display(Name = "Places (members, not counting you)")]
    public int? Capacity { get; set; }

    [Display(Name = "Activities the group uses")]
    public List<string> Activities { get; set; } = [];

    [Display(Name = "Other activities (optional)")]
    public string? OtherActivities { get; set; }

    public MiActivities Chosen => Parse(Activities);

    /// <summary>The chosen activities; values not on the list are ignored.</summary>
    public static MiActivities Parse(IEnumerable<string>? values) =>
        (values ?? []).Aggregate(MiActivities.None, (all, v) =>
            MiActivityNames.All.FirstOrDefault(a => a.Activity.ToString() == v) is { Activity: not MiActivities.None } hit ? all | hit.Activity : all);

    public static List<string> Values(MiActivities activities) =>
        [.. MiActivityNames.All.Where(a => activities.HasFlag(a.Activity)).Select(a => a.Activity.ToString())];
}

public sealed class PracticeGroupFormValidator : AbstractValidator<PracticeGroupForm>
{
    public PracticeGroupFormValidator()
    {
        RuleFor(f => f.Name).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the group's name.").MaxChars(200, "the name");
        RuleFor(f => f.OnlineLink).MaxChars(500, "the link")
            .Must(v => string.IsNullOrWhiteSpace(v) || IsWebAddress(v.Trim())).WithMessage("Enter the link as a web address starting with https://, e.g. https://meet.example.org/mi-practice.");
        RuleFor(f => f.Town).MaxChars(200, "the town")
            .Must((f, v) => !string.IsNullOrWhiteSpace(v) || !string.IsNullOrWhiteSpace(f.OnlineLink))
            .WithMessage("Enter the town where the group meets, or an online meeting link (or both).");
        RuleFor(f => f.Rhythm).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Say when the group meets, e.g. \"Every second Tuesday, 7 pm\".")
            .MaxChars(200, "when it meets");
        RuleFor(f => f.TimeZoneId).Must(TimeZones.IsOffered).WithMessage("Choose a time zone from the list.");
        RuleFor(f => f.Capacity).Must(c => c is >= 1 and <= PracticeGroupForm.MaxCapacity)
            .WithMessage($"Enter the number of places, a whole number from 1 to {PracticeGroupForm.MaxCapacity}.");
        RuleFor(f => f.OtherActivities).MaxChars(200, "the other activities");
        RuleFor(f => f.Activities).Must((f, _) => f.Chosen != MiActivities.None || !string.IsNullOrWhiteSpace(f.OtherActivities))
            .WithMessage("Choose at least one activity, or describe the group's own under \"Other activities\".");
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>A session the host logs: when, how long, what, a short note, who came (ticked from the members).</summary>
public sealed class PracticeSessionForm
{
    public const int MaxMinutes = 600;

    [Display(Name = "Date")]
    public DateOnly? HeldOn { get; set; }

    [Display(Name = "Length in minutes")]
    public int? Minutes { get; set; }

    [Display(Name = "Activities used")]
    public List<string> Activities { get; set; } = [];

    [Display(Name = "Note (optional)")]
    public string? Note { get; set; }

    [Display(Name = "Who came")]
    public List<string> Attendees { get; set; } = [];

    /// <summary>The session's version when the form was opened (edit only): a save over a newer one is refused.</summary>
    public Guid? Version { get; set; }
}

public sealed class PracticeSessionFormValidator : AbstractValidator<PracticeSessionForm>
{
    public PracticeSessionFormValidator()
    {
        RuleFor(f => f.HeldOn).NotNull().WithMessage("Enter the date of the session.");
        RuleFor(f => f.Minutes).Must(m => m is >= 1 and <= PracticeSessionForm.MaxMinutes)
            .WithMessage($"Enter the length in minutes, a whole number from 1 to {PracticeSessionForm.MaxMinutes}.");
        RuleFor(f => f.Activities).Must(a => PracticeGroupForm.Parse(a) != MiActivities.None).WithMessage("Choose at least one activity the session used.");
        RuleFor(f => f.Note).MaxChars(2000, "the note");
        RuleFor(f => f.Attendees).Must(a => a.Count > 0).WithMessage("Tick at least one member who came.");
    }
}

/// <summary>The finder's filter: a town (part of its name) and/or online only.</summary>
public sealed record PracticeGroupFilter(string? Town, bool Online, bool Mine);

public sealed record PracticeGroupRow(int Id, string Name, string? Town, bool Online, string Rhythm, string TimeZoneId, int Capacity, int Members,
    MiActivities Activities, string? OtherActivities, string HostName, bool Closed, bool IsMember, bool IsHost)
{
    public int FreePlaces => Math.Max(0, Capacity - Members);
}

public sealed record PracticeGroupsPage(PracticeGroupFilter Filter, IReadOnlyList<PracticeGroupRow> Rows, bool IsChampion, bool Truncated);

public sealed record PracticeMemberRow(string PersonId, string Name, DateTime JoinedUtc, DateTime? LeftUtc);

public sealed record PracticeSessionRow(int Id, DateOnly HeldOn, int Minutes, MiActivities Activities, string? Note, int Attended);

/// <summary>One group. <see cref="Members"/> is filled only for its host and administrators; the link only for members, host and administrators.</summary>
public sealed record PracticeGroupPage(PracticeGroupRow Group, string? OnlineLink, DateTime CreatedUtc, DateTime? ClosedUtc, bool SeesMembers,
    IReadOnlyList<PracticeMemberRow> Members, IReadOnlyList<PracticeSessionRow> Sessions, string ViewerTimeZoneId);

public sealed record PracticeGroupEditPage(int? Id, string? Name, PracticeGroupForm Form, int Members);

/// <summary>A member the host can tick: current members, plus anyone already recorded on the session being edited.</summary>
public sealed record AttendeeChoice(string PersonId, string Name, bool Left);

public sealed record PracticeSessionPage(int GroupId, string GroupName, int? SessionId, PracticeSessionForm Form, IReadOnlyList<AttendeeChoice> Choices, DateOnly Today, string? Conflict);
