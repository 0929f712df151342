using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Review;

/// <summary>Do not accept one entry, saying why (the applicant reads the reason).</summary>
public sealed class NotAcceptedForm
{
    [Display(Name = "Why it is not accepted")]
    public string? Reason { get; set; }
}

/// <summary>A reviewer's comment on one section (requirement) of the application.</summary>
public sealed class ReviewCommentForm
{
    /// <summary>The section's requirement key, from the page.</summary>
    public string? Section { get; set; }

    [Display(Name = "Comment on this section")]
    public string? Text { get; set; }
}

/// <summary>Return a submitted application to the applicant with a note.</summary>
public sealed class ReturnApplicationForm
{
    [Display(Name = "Note to the applicant")]
    public string? Note { get; set; }

    /// <summary>The submission round the reviewer saw, so a new submission made meanwhile is not returned unseen.</summary>
    public int Round { get; set; }
}

/// <summary>An examination result.</summary>
public sealed class ExamResultForm
{
    [Display(Name = "Date of the examination")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Result")]
    public bool? Passed { get; set; }
}

/// <summary>Approve the portfolio (today), or withdraw the approval.</summary>
public sealed class PortfolioDecisionForm
{
    public bool Approved { get; set; }
}

/// <summary>Approve the application (administrators): the existing approval, which issues the certificate.</summary>
public sealed class ReviewApproveForm
{
    /// <summary>The enrollment's concurrency token as shown.</summary>
    public Guid Version { get; set; }
}

public sealed class NotAcceptedFormValidator : AbstractValidator<NotAcceptedForm>
{
    public NotAcceptedFormValidator()
    {
        RuleFor(f => f.Reason).NotEmpty().WithMessage("Write why this entry is not accepted: the applicant reads it to put it right.")
            .MaxChars(Lengths.Text, "the reason");
    }
}

public sealed class ReviewCommentFormValidator : AbstractValidator<ReviewCommentForm>
{
    public ReviewCommentFormValidator()
    {
        RuleFor(f => f.Section).NotEmpty().WithMessage("Choose the section the comment is about.");
        RuleFor(f => f.Text).NotEmpty().WithMessage("Write the comment.").MaxChars(Lengths.Text, "the comment");
    }
}

public sealed class ReturnApplicationFormValidator : AbstractValidator<ReturnApplicationForm>
{
    public ReturnApplicationFormValidator()
    {
        RuleFor(f => f.Note).NotEmpty().WithMessage("Write a note to the applicant: what to change before submitting again.")
            .MaxChars(Lengths.Text, "the note");
    }
}

public sealed class ExamResultFormValidator : AbstractValidator<ExamResultForm>
{
    /// <summary>An examination result older than this is a slip.</summary>
    public const int YearsBack = 40;

    public ExamResultFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the examination.")
            .Must(d => d is null || d <= clock.Today).WithMessage("Record a result once the examination has taken place: the date cannot be in the future.")
            .Must(d => d is null || d >= clock.Today.AddYears(-YearsBack)).WithMessage($"Enter a date within the last {YearsBack} years.");
        RuleFor(f => f.Passed).NotNull().WithMessage("Choose the result: passed or not passed.");
    }
}
