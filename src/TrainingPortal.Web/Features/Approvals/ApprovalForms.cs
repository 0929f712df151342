using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;

namespace TrainingPortal.Web.Features.Approvals;

/// <summary>Approve an enrollment's completion on an award date.</summary>
public sealed class ApproveForm
{
    [Display(Name = "Award date")]
    public string AwardedOn { get; set; } = "";

    /// <summary>The enrollment's concurrency token as shown, so a change made meanwhile is noticed.</summary>
    public Guid Version { get; set; }

    /// <summary>The award date, when <see cref="AwardedOn"/> is a date written YYYY-MM-DD.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>Waive one requirement of one enrollment, with the reason.</summary>
public sealed class WaiveForm
{
    /// <summary>The requirement's key, e.g. <c>classroom-hours</c>.</summary>
    public string RequirementKey { get; set; } = "";

    [Display(Name = "Reason for the waiver")]
    public string Reason { get; set; } = "";
}

public sealed class ApproveFormValidator : AbstractValidator<ApproveForm>
{
    public ApproveFormValidator()
    {
        RuleFor(f => f.AwardedOn).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the award date.");
            }
            else if (ApproveForm.ParseDate(text) is null)
            {
                context.AddFailure($"“{text.Trim()}” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23.");
            }
        });
    }
}

public sealed class WaiveFormValidator : AbstractValidator<WaiveForm>
{
    public const int MinimumReason = 10;
    public const int MaximumReason = 2000;

    public WaiveFormValidator()
    {
        RuleFor(f => f.RequirementKey).NotEmpty().WithMessage("Choose the requirement to waive.");
        RuleFor(f => f.Reason).Custom((text, context) =>
        {
            var reason = (text ?? "").Trim();
            if (reason.Length == 0)
            {
                context.AddFailure("Write why this requirement is waived: the reason is shown with the verdict and kept in the audit log.");
            }
            else if (reason.Length < MinimumReason)
            {
                context.AddFailure($"Write the reason in at least {MinimumReason} characters, so that others can follow the decision later.");
            }
            else if (reason.Length > MaximumReason)
            {
                context.AddFailure(TextRules.TooLong(MaximumReason, reason.Length, "the reason"));
            }
        });
    }
}
