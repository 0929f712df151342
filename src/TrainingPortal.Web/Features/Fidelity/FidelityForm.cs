using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Fidelity;

/// <summary>A fidelity review of one member.</summary>
public sealed class FidelityForm
{
    [Display(Name = "Member reviewed")]
    public string PersonId { get; set; } = "";

    [Display(Name = "Date of the review")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Outcome")]
    public FidelityOutcome? Outcome { get; set; }

    [Display(Name = "Notes (no client names or identifying details)")]
    public string? Notes { get; set; }

    /// <summary>Editing: the review as the screen showed it (<see cref="FidelityStamp.Of"/>), so a save from a stale screen is refused.</summary>
    public string? Seen { get; set; }
}

/// <summary>A review's state as a short text: what an edit screen saw.</summary>
public static class FidelityStamp
{
    public static string Of(FidelityReviewRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd}|{r.Outcome}|{r.Notes}");
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }
}

public sealed class FidelityFormValidator : AbstractValidator<FidelityForm>
{
    public FidelityFormValidator(PortalClock clock)
    {
        RuleFor(f => f.PersonId).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Choose the member you reviewed.");
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the review.")
            .Must(d => d is null || d <= clock.Today.AddDays(1)) // one day of slack for a reviewer in a zone ahead of the portal's
            .WithMessage("The review date cannot be in the future.");
        RuleFor(f => f.Outcome).Must(o => o is { } v && Enum.IsDefined(v)).WithMessage("Choose adherent or not yet adherent.");
        RuleFor(f => f.Notes).MaxChars(2000, "the notes");
    }
}
