using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using FluentValidation;

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

public static partial class CaseCode
{
    /// <summary>1–6 letters, an optional hyphen, 1–4 digits: TC-1, CASE-12, A7. A name has no digits, so it never fits.</summary>
    [GeneratedRegex("^[A-Za-z]{1,6}-?[0-9]{1,4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    public static partial Regex Pattern();

    public const string Message =
        "Enter a pseudonymous code such as TC-1: 1 to 6 letters, an optional hyphen, then 1 to 4 digits. Never a client's name, initials with a birth date, or contact details.";
}

public sealed class CaseFormValidator : AbstractValidator<CaseForm>
{
    public CaseFormValidator(TimeProvider time)
    {
        RuleFor(f => f.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter the case's code, such as TC-1.")
            .DependentRules(() => RuleFor(f => f.Code).Must(c => CaseCode.Pattern().IsMatch(c.Trim())).WithMessage(CaseCode.Message));
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
