using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.GroupEdit;

/// <summary>A group's name, trainer (administrators only) and where it meets.</summary>
public sealed class GroupEditForm
{
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    /// <summary>The leading trainer; only an administrator's change is taken.</summary>
    [Display(Name = "Trainer")]
    public string? TrainerId { get; set; }

    [Display(Name = "Meeting link (optional)")]
    public string? MeetingLink { get; set; }

    [Display(Name = "Meeting place (optional)")]
    public string? MeetingPlace { get; set; }

    [Display(Name = "Places (optional)")]
    public int? Capacity { get; set; }
}

/// <summary>Add weeks of meetings after the last one.</summary>
public sealed class ExtendForm
{
    [Display(Name = "Weeks to add")]
    public int? Weeks { get; set; }
}

public sealed class GroupEditFormValidator : AbstractValidator<GroupEditForm>
{
    public GroupEditFormValidator()
    {
        RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the group's name.")
            .MaxChars(200, "the name");
        RuleFor(f => f.MeetingLink).MaxChars(500, "the link")
            .Must(link => string.IsNullOrWhiteSpace(link) || IsHttps(link))
            .WithMessage("Enter a full web address that starts with https://, e.g. https://meet.example.org/group-12.");
        RuleFor(f => f.MeetingPlace).MaxChars(200, "the place");
        RuleFor(f => f.Capacity).Must(GroupCapacity.IsValid).WithMessage(GroupCapacity.InvalidMessage);
    }

    /// <summary>An absolute https address with a host (no other scheme: http, javascript, data…).</summary>
    public static bool IsHttps(string? text) =>
        Uri.TryCreate((text ?? "").Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
}

public sealed class ExtendFormValidator : AbstractValidator<ExtendForm>
{
    /// <summary>The most weeks one extension adds.</summary>
    public const int MaxWeeks = 52;

    public ExtendFormValidator()
    {
        RuleFor(f => f.Weeks).NotNull().WithMessage($"Enter how many weeks to add: 1 to {MaxWeeks}.")
            .InclusiveBetween(1, MaxWeeks).WithMessage($"Enter how many weeks to add: 1 to {MaxWeeks}.");
    }
}
