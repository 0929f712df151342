using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Learning;

/// <summary>An independent-learning item (a reading or an exercise) of an IMH course cohort, as the instructor types it.</summary>
public sealed class LearningItemForm
{
    [Display(Name = "Kind")]
    public LearningItemKind? Kind { get; set; }

    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Details or link (optional)")]
    public string? Details { get; set; }

    [Display(Name = "Due date (optional)")]
    public DateOnly? DueOn { get; set; }
}

public sealed class LearningItemFormValidator : AbstractValidator<LearningItemForm>
{
    public LearningItemFormValidator()
    {
        RuleFor(f => f.Kind).Must(k => k is { } v && Enum.IsDefined(v)).WithMessage("Choose reading or exercise.");
        RuleFor(f => f.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter a title, for example the reading's chapter.")
            .MaxChars(Lengths.Title, "the title");
        RuleFor(f => f.Details).MaxChars(Lengths.Text, "the details");
    }
}

/// <summary>What the instructor does with one member's completion of one item.</summary>
public enum CompletionDecision
{
    /// <summary>Acknowledge the member's mark (or record the item complete for them).</summary>
    Confirm = 1,

    /// <summary>Remove the completion: it no longer counts, and the member marks it again when done.</summary>
    Reopen = 2,
}

/// <summary>Confirm or reopen one member's completion of one item.</summary>
public sealed class CompletionForm
{
    public int ItemId { get; set; }

    public string PersonId { get; set; } = "";

    [Display(Name = "Decision")]
    public CompletionDecision? Decision { get; set; }
}

public sealed class CompletionFormValidator : AbstractValidator<CompletionForm>
{
    public CompletionFormValidator()
    {
        RuleFor(f => f.Decision).Must(d => d is { } v && Enum.IsDefined(v)).WithMessage("Choose confirm or reopen.");
    }
}

/// <summary>Words for the kinds of item (no enum names on a page).</summary>
public static class LearningText
{
    public static string Kind(LearningItemKind kind) => kind switch
    {
        LearningItemKind.Reading => "Reading",
        LearningItemKind.Exercise => "Exercise",
    };

    /// <summary>"12 March 2027", the way people write a date.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
