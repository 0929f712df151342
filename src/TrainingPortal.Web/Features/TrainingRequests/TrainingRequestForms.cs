using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.TrainingRequests;

/// <summary>An organisation's request for MIO training (public form).</summary>
public sealed class TrainingRequestForm
{
    [Display(Name = "Organisation")]
    public string? Organisation { get; set; }

    [Display(Name = "Your name")]
    public string? ContactName { get; set; }

    [Display(Name = "Your e-mail address")]
    public string? ContactEmail { get; set; }

    [Display(Name = "How many clinicians would take part")]
    public string? Clinicians { get; set; }

    [Display(Name = "Region (town, county or state)")]
    public string? Region { get; set; }

    [Display(Name = "Message (optional)")]
    public string? Message { get; set; }

    /// <summary>The honeypot: hidden from people and assistive technology; a form that fills it is treated as spam.</summary>
    public string? Website { get; set; }
}

public sealed class TrainingRequestFormValidator : AbstractValidator<TrainingRequestForm>
{
    public const int MaxClinicians = 1000;

    public TrainingRequestFormValidator()
    {
        RuleFor(f => f.Organisation).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the organisation's name.").MaxChars(200, "the organisation's name");
        RuleFor(f => f.ContactName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter your name.").MaxChars(200, "your name");
        RuleFor(f => f.ContactEmail).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter your e-mail address.")
            .EmailAddress().WithMessage("Enter an e-mail address like name@example.org.").MaxChars(256, "the address");
        RuleFor(f => f.Clinicians).Must(v => int.TryParse(v?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxClinicians)
            .WithMessage($"Enter a whole number of clinicians from 1 to {MaxClinicians:#,0}.");
        RuleFor(f => f.Region).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the region where the clinicians work.").MaxChars(200, "the region");
        RuleFor(f => f.Message).MaxChars(2000, "the message");
    }
}

/// <summary>An administrator marks a request answered, with an optional note of what was agreed.</summary>
public sealed class AnswerForm
{
    [Display(Name = "Note (optional)")]
    public string? Note { get; set; }
}

public sealed class AnswerFormValidator : AbstractValidator<AnswerForm>
{
    public AnswerFormValidator() => RuleFor(f => f.Note).MaxChars(2000, "the note");
}
