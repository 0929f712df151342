using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.EnrollmentPage;

/// <summary>Move an enrollment to another group, cohort or classroom training of its program.</summary>
public sealed class MoveForm
{
    [Display(Name = "Move to")]
    public int? GroupId { get; set; }

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
