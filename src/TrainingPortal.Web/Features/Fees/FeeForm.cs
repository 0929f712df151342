using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Fees;

/// <summary>An enrollment's fee status and amount, as an administrator sets it.</summary>
public sealed class FeeForm
{
    [Display(Name = "Fee status")]
    public FeeStatus? Status { get; set; }

    [Display(Name = "Amount in US dollars")]
    public decimal? Amount { get; set; }
}

public sealed class FeeFormValidator : AbstractValidator<FeeForm>
{
    /// <summary>The largest amount accepted (well above the course's value; the column holds 9 digits).</summary>
    public const decimal MaxAmount = 100_000m;

    public FeeFormValidator()
    {
        RuleFor(f => f.Status).Must(s => s is { } v && Enum.IsDefined(v)).WithMessage("Choose a fee status.");
        RuleFor(f => f.Amount).NotNull().When(f => f.Status is { } s && Enum.IsDefined(s) && FeeText.HasAmount(s))
            .WithMessage("Enter the amount, for example 1200.");
        RuleFor(f => f.Amount).Must(a => a is null || (a >= 0 && a <= MaxAmount))
            .WithMessage("Enter an amount from 0 to 100,000 dollars.");
        RuleFor(f => f.Amount).Must(a => a is null || decimal.Round(a.Value, 2) == a.Value)
            .WithMessage("Enter the amount in dollars and cents, for example 1200 or 1187.50.");
    }
}

/// <summary>The list's filter (query string): a fee status, or none for every participant.</summary>
public sealed class FeeFilter
{
    public string? Status { get; set; }

    /// <summary>The status named by <paramref name="text"/> (its stored name, any case), or null.</summary>
    public static FeeStatus? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Enum.TryParse<FeeStatus>(text.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s : null;
}

public sealed class FeeFilterValidator : AbstractValidator<FeeFilter>
{
    public FeeFilterValidator()
    {
        RuleFor(f => f.Status).Must(s => string.IsNullOrWhiteSpace(s) || FeeFilter.Parse(s) is not null).WithMessage("Choose a fee status from the list.");
    }
}
