using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Features.TrainingCases;

/// <summary>Register a training case by its pseudonymous code.</summary>
public sealed class CaseForm
{
    [Display(Name = "Case code (pseudonymous, e.g. TC-1)")]
    public string Code { get; set; } = "";

    [Display(Name = "Date consent for audio recording was obtained")]
    public DateOnly? ConsentDate { get; set; }
}

/// <summary>Log one MIO session with a training case.</summary>
public sealed class SessionForm
{
    [Display(Name = "Session date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "The session was audio-recorded")]
    public bool Recorded { get; set; }
}

public sealed class CaseFormValidator : AbstractValidator<CaseForm>
{
    public CaseFormValidator(TimeProvider time)
    {
        RuleFor(f => f.Code).PseudonymousCodeOf(CodeKind.TrainingCase);
        RuleFor(f => f.ConsentDate).Must(d => d is null || d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1))
            .WithMessage("The consent date cannot be in the future. Enter the date the caregiver gave consent, or leave it empty until they do.");
    }
}

public sealed class SessionFormValidator : AbstractValidator<SessionForm>
{
    public SessionFormValidator(TimeProvider time)
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the session.")
            .Must(d => d is null || d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1))
            .WithMessage("Log a session once it has taken place: the date cannot be in the future.");
    }
}
