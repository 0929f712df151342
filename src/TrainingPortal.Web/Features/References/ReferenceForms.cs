using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Web.Features.References;

/// <summary>A rater the applicant names (or the new rater who replaces one).</summary>
public sealed class RaterForm
{
    [Display(Name = "Rater's full name")]
    public string RaterName { get; set; } = "";

    [Display(Name = "Rater's e-mail address")]
    public string RaterEmail { get; set; } = "";

    [Display(Name = "How the rater knows you")]
    public string Relationship { get; set; } = "";
}

public sealed class RaterFormValidator : AbstractValidator<RaterForm>
{
    public RaterFormValidator()
    {
        RuleFor(f => f.RaterName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the rater's full name.")
            .MaxChars(200, "the name");
        RuleFor(f => f.RaterEmail).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the rater's e-mail address: the link to the rating form is sent there.")
            .MaxChars(256, "the e-mail address")
            .Must(v => TextRules.Length(v) > 256 || LooksLikeEmail((v ?? "").Trim())).WithMessage("Enter an e-mail address like name@example.org.");
    }

    /// <summary>One address the mailer can send to: name@domain.tld, no spaces, nothing around it.</summary>
    public static bool LooksLikeEmail(string email)
    {
        if (email.Length == 0 || email.Any(char.IsWhiteSpace) || !MimeKit.MailboxAddress.TryParse(email, out var parsed)
            || !string.Equals(parsed.Address, email, StringComparison.Ordinal))
        {
            return false;
        }
        var at = email.LastIndexOf('@');
        return at > 0 && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
    }
}

public sealed class RatingFormValidator : AbstractValidator<RatingForm>
{
    public RatingFormValidator() => RuleFor(f => f.Comments).MaxChars(2000, "your comments");
}

/// <summary>What a reference looks like to the applicant: never the rating itself.</summary>
public enum ReferenceStatus
{
    Sent,
    Opened,
    Received,
    Expired,
}

/// <summary>One named rater as the applicant sees it.</summary>
public sealed record ReferenceRow(int Id, string RaterName, string RaterEmail, string Relationship, ReferenceStatus Status, DateOnly? SentOn, DateOnly? ExpiresOn, DateOnly? ReceivedOn)
{
    /// <summary>The status in plain words.</summary>
    public string StatusText => Status switch
    {
        ReferenceStatus.Received => "Rating received",
        ReferenceStatus.Opened => "Opened by the rater, not yet answered",
        ReferenceStatus.Expired => "The link expired before the rater answered: send a new one",
        _ => "Link sent, not yet opened",
    };
}

/// <summary>The applicant's references page.</summary>
public sealed record ReferencesPage(
    int EnrollmentId,
    string LevelTitle,
    IReadOnlyList<ReferenceSlot> Slots,
    IReadOnlyList<ReferenceRow> Rows,
    IReadOnlyList<ReferenceSource> Offered,
    RaterForm Form,
    int LinkValidDays)
{
    public bool CanAdd => Rows.Count < Slots.Count;
}

/// <summary>The page to replace one rater.</summary>
public sealed record ReplacePage(int EnrollmentId, string LevelTitle, ReferenceRow Current, IReadOnlyList<ReferenceSource> Offered, RaterForm Form);

/// <summary>What the rater answers.</summary>
public sealed class RatingForm
{
    [Display(Name = "Your recommendation")]
    public string Recommendation { get; set; } = "";

    [Display(Name = "Your own endorsement")]
    public string RaterLevel { get; set; } = "";

    [Display(Name = "Comments (optional)")]
    public string Comments { get; set; } = "";
}

/// <summary>The rater's page: whose reference it is, and the form.</summary>
public sealed record RatingPage(string Token, string ApplicantName, string LevelTitle, string Relationship, RatingForm Form);

/// <summary>Display words for the references screens.</summary>
public static class ReferenceWords
{
    public static string Relationship(ReferenceSource source)
    {
        var name = DisplayNames.Of(source);
        return source == ReferenceSource.Other ? "Other professional relationship" : char.ToUpperInvariant(name[0]) + name[1..];
    }

    public static string Level(EndorsementLevel level) => level == EndorsementLevel.None ? "I am not endorsed" : DisplayNames.Of(level);

    public static string Recommendation(ReferenceRecommendation recommendation) => recommendation switch
    {
        ReferenceRecommendation.Recommend => "I recommend the applicant for this endorsement",
        ReferenceRecommendation.RecommendWithReservations => "I recommend the applicant, with reservations (please explain below)",
        _ => "I do not recommend the applicant for this endorsement",
    };
}
