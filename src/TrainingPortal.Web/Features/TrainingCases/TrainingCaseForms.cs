using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// The dates a training case takes. A training case is a caregiver in MIO treatment now, so its consent and
/// session dates lie within the last <see cref="YearsBack"/> years (1900-01-01 is a slip, not a date) and not
/// in the future (one day of slack for people in a time zone ahead of the portal's; today is <see cref="PortalClock.Today"/>).
/// </summary>
public static class CaseDates
{
    public const int YearsBack = 5;

    public static DateOnly Today(PortalClock clock) => clock.Today;

    public static DateOnly Earliest(PortalClock clock) => Today(clock).AddYears(-YearsBack);

    public static bool TooEarly(DateOnly? date, PortalClock clock) => date is { } d && d < Earliest(clock);

    public static bool InFuture(DateOnly? date, PortalClock clock) => date is { } d && d > Today(clock).AddDays(1);
}

public sealed class CaseFormValidator : AbstractValidator<CaseForm>
{
    public CaseFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Code).PseudonymousCodeOf(CodeKind.TrainingCase);
        RuleFor(f => f.ConsentDate).Must(d => !CaseDates.InFuture(d, clock))
            .WithMessage("The consent date cannot be in the future. Enter the date the caregiver gave consent, or leave it empty until they do.");
        RuleFor(f => f.ConsentDate).Must(d => !CaseDates.TooEarly(d, clock))
            .WithMessage(f => $"{DateDisplay.Date(f.ConsentDate!.Value)} is more than {CaseDates.YearsBack} years ago. Enter the date this caregiver gave consent for audio recording (on or after {DateDisplay.Date(CaseDates.Earliest(clock))}), or leave it empty until they do.");
    }
}

public sealed class SessionFormValidator : AbstractValidator<SessionForm>
{
    public SessionFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the session.")
            .Must(d => !CaseDates.InFuture(d, clock))
            .WithMessage("Log a session once it has taken place: the date cannot be in the future.")
            .Must(d => !CaseDates.TooEarly(d, clock))
            .WithMessage(f => $"{DateDisplay.Date(f.Date!.Value)} is more than {CaseDates.YearsBack} years ago. Enter the date of the session (on or after {DateDisplay.Date(CaseDates.Earliest(clock))}).");
    }
}

/// <summary>Remove one session, confirmed on its own page.</summary>
public sealed class RemoveSessionForm
{
    /// <summary>Set by the confirmation page's button; a removal without it is sent to that page first.</summary>
    public bool Confirm { get; set; }
}
