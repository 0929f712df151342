using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.EnrollmentPage;

/// <summary>Move an enrollment to another group, cohort or classroom training of its program.</summary>
public sealed class MoveForm
{
    [Display(Name = "Move to")]
    public int? GroupId { get; set; }

    /// <summary>
    /// When the new group has already met: whether its earlier meetings count for this person (<c>count</c>: recorded
    /// attendance counts, the rest as missed) or do not apply (<c>not-applicable</c>: they join it today).
    /// </summary>
    [Display(Name = "The new group's earlier meetings")]
    public string? PastMeetings { get; set; }

    public const string PastMeetingsCount = "count";
    public const string PastMeetingsNotApplicable = "not-applicable";

    /// <summary>The enrollment's concurrency token as shown.</summary>
    public Guid Version { get; set; }
}

/// <summary>Put an enrollment under another rule-set version of its program, with a reason.</summary>
public sealed class RuleSetForm
{
    [Display(Name = "Rules version")]
    public string RuleSetId { get; set; } = "";

    [Display(Name = "Reason for the change")]
    public string Reason { get; set; } = "";

    /// <summary>The enrollment's concurrency token as shown.</summary>
    public Guid Version { get; set; }
}

/// <summary>Reopen a withdrawn enrollment.</summary>
public sealed class ReopenForm
{
    /// <summary>The enrollment's concurrency token as shown.</summary>
    public Guid Version { get; set; }
}

public sealed class MoveFormValidator : AbstractValidator<MoveForm>
{
    public MoveFormValidator()
    {
        RuleFor(f => f.GroupId).NotNull().WithMessage("Choose the group, cohort or classroom training to move to.");
        RuleFor(f => f.PastMeetings)
            .Must(v => string.IsNullOrEmpty(v) || v is MoveForm.PastMeetingsCount or MoveForm.PastMeetingsNotApplicable)
            .WithMessage("Choose whether the new group's earlier meetings count or do not apply.");
    }
}

public sealed class RuleSetFormValidator : AbstractValidator<RuleSetForm>
{
    public RuleSetFormValidator()
    {
        RuleFor(f => f.RuleSetId).Must(id => !string.IsNullOrWhiteSpace(id)).WithMessage("Choose a rules version from the list.");
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the rules version is changed.")
            .MaxChars(2000, "the reason");
    }
}
