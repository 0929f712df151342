using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Coaching;

/// <summary>An answer to a coaching request (accept, decline, withdraw): the version of the request the person saw, and for a decline an optional reason.</summary>
public sealed class CoachingAnswerForm
{
    public Guid Version { get; set; }

    [Display(Name = "Reason (optional; the practitioner sees it)")]
    public string? Reason { get; set; }
}

public sealed class CoachingAnswerFormValidator : AbstractValidator<CoachingAnswerForm>
{
    public CoachingAnswerFormValidator() => RuleFor(f => f.Reason).MaxChars(2000, "the reason");
}

/// <summary>A message in a coaching request's thread.</summary>
public sealed class CoachingReplyForm
{
    [Display(Name = "Your message")]
    public string? Body { get; set; }
}

public sealed class CoachingReplyFormValidator : AbstractValidator<CoachingReplyForm>
{
    public CoachingReplyFormValidator() =>
        RuleFor(f => f.Body).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Write a message before sending it.").MaxChars(2000, "the message");
}
