using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.TrainerListings;

/// <summary>An administrator's decision on a trainer's MINT affiliation: the version of the profile they saw, and a reason (needed to decline or withdraw).</summary>
public sealed class ListingDecisionForm
{
    public Guid Version { get; set; }

    [Display(Name = "Reason (the trainer sees it)")]
    public string? Reason { get; set; }
}

public sealed class ListingDecisionFormValidator : AbstractValidator<ListingDecisionForm>
{
    public ListingDecisionFormValidator() => RuleFor(f => f.Reason).MaxChars(2000, "the reason");
}
