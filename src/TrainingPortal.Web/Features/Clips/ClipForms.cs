using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Clips;

/// <summary>An audio clip a member played in a consultation meeting.</summary>
public sealed class ClipForm
{
    [Display(Name = "Member who played the clip")]
    public string PersonId { get; set; } = "";

    [Display(Name = "Clip code")]
    public string ClipCode { get; set; } = "";

    [Display(Name = "I confirm the clip was de-identified: no names or identifying details could be heard")]
    public bool DeIdentified { get; set; }

    [Display(Name = "Feedback given")]
    public string Feedback { get; set; } = "";
}

public sealed class ClipFormValidator : AbstractValidator<ClipForm>
{
    public ClipFormValidator()
    {
        RuleFor(f => f.PersonId).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Choose the member who played the clip.");
        RuleFor(f => f.ClipCode).PseudonymousCodeOf(CodeKind.Clip);
        RuleFor(f => f.DeIdentified).Equal(true).WithMessage("Confirm the clip was de-identified. A clip that was not de-identified cannot be recorded.");
        RuleFor(f => f.Feedback).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter the feedback given on the clip (no identifying details).")
            .MaxChars(2000, "the feedback");
    }
}
