using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>Faculty's decision on one member's homework assignment.</summary>
public enum HomeworkDecision
{
    Accept = 1,
    Return = 2,
}

/// <summary>Accept a member's assignment, or return it with comments.</summary>
public sealed class HomeworkForm
{
    public int AssignmentId { get; set; }

    public string PersonId { get; set; } = "";

    [Display(Name = "Decision")]
    public HomeworkDecision? Decision { get; set; }

    [Display(Name = "Comments for the member")]
    public string? Comments { get; set; }
}

public sealed class HomeworkFormValidator : AbstractValidator<HomeworkForm>
{
    public HomeworkFormValidator()
    {
        RuleFor(f => f.Decision).Must(d => d is { } v && Enum.IsDefined(v)).WithMessage("Choose accept or return.");
        RuleFor(f => f.Comments).Must(c => !string.IsNullOrWhiteSpace(c)).When(f => f.Decision == HomeworkDecision.Return)
            .WithMessage("Say what the member should change when you return an assignment.");
        RuleFor(f => f.Comments).MaximumLength(2000).WithMessage("Comments have at most 2,000 characters.");
    }
}
