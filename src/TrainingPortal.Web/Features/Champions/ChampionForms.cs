using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Champions;

/// <summary>A person asks to become an MI Champion, saying briefly why.</summary>
public sealed class ChampionRequestForm
{
    [Display(Name = "Why you would like to host practice groups")]
    public string? Motivation { get; set; }
}

public sealed class ChampionRequestFormValidator : AbstractValidator<ChampionRequestForm>
{
    public ChampionRequestFormValidator() =>
        RuleFor(f => f.Motivation).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Write a few words about why you would like to be a Champion.")
            .MaxChars(2000, "your motivation");
}

/// <summary>An administrator declines a request, with a reason the person reads.</summary>
public sealed class ChampionDeclineForm
{
    [Display(Name = "Reason (the person reads it)")]
    public string? Reason { get; set; }
}

public sealed class ChampionDeclineFormValidator : AbstractValidator<ChampionDeclineForm>
{
    public ChampionDeclineFormValidator() =>
        RuleFor(f => f.Reason).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Write the reason: the person reads it.")
            .MaxChars(2000, "the reason");
}

public sealed record ChampionRequestView(int Id, ChampionRequestStatus Status, string Motivation, DateTime RequestedUtc, DateTime? DecidedUtc, string? DeclineReason);

/// <summary>The person's page: whether they are a Champion, their latest request, the form when they may ask.</summary>
public sealed record ChampionPage(bool IsChampion, ChampionRequestView? Latest, ChampionRequestForm Form, string TimeZoneId)
{
    public bool MayAsk => !IsChampion && Latest?.Status != ChampionRequestStatus.Open;
}

public sealed record ChampionRequestRow(int Id, string PersonId, string PersonName, string? PersonEmail, string Motivation, ChampionRequestStatus Status,
    DateTime RequestedUtc, DateTime? DecidedUtc, string? DecidedBy, string? DeclineReason);

/// <summary>The administrators' list; <see cref="FormFor"/> is the request whose decline form came back with a message.</summary>
public sealed record ChampionRequestsPage(IReadOnlyList<ChampionRequestRow> Rows, string TimeZoneId, int? FormFor, ChampionDeclineForm Decline);
