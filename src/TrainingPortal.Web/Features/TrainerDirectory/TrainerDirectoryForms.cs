using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;

namespace TrainingPortal.Web.Features.TrainerDirectory;

/// <summary>A trainer's directory profile, as they write it at /mi/trainers/profile.</summary>
public sealed class TrainerProfileForm
{
    [Display(Name = "About you and your coaching")]
    public string? Bio { get; set; }

    [Display(Name = "Languages you coach in")]
    public string? Languages { get; set; }

    [Display(Name = "Regions you serve")]
    public string? Regions { get; set; }

    [Display(Name = "Online")]
    public bool Online { get; set; }

    [Display(Name = "In person")]
    public bool InPerson { get; set; }

    [Display(Name = "Fees (optional)")]
    public string? Fees { get; set; }

    [Display(Name = "Website (optional)")]
    public string? Website { get; set; }

    [Display(Name = "Phone (optional)")]
    public string? Phone { get; set; }

    [Display(Name = "Year you joined MINT")]
    public string? MintSince { get; set; }

    [Display(Name = "Your MINT profile's address (optional)")]
    public string? MintProfileUrl { get; set; }

    public int? MintYear => int.TryParse(MintSince?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;
}

public sealed class TrainerProfileFormValidator : AbstractValidator<TrainerProfileForm>
{
    /// <summary>Motivational Interviewing was first described in 1983; MINT was founded in the years after.</summary>
    public const int FirstYear = 1983;

    public TrainerProfileFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Bio).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Write a few words about you and your coaching.").MaxChars(2000, "the text about you");
        RuleFor(f => f.Languages).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the languages you coach in.").MaxChars(200, "the languages");
        RuleFor(f => f.Regions).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the regions you serve (or \"anywhere online\").").MaxChars(200, "the regions");
        RuleFor(f => f.InPerson).Must((f, inPerson) => inPerson || f.Online).WithMessage("Tick online, in person or both.");
        RuleFor(f => f.Fees).MaxChars(2000, "the fee information");
        RuleFor(f => f.Website).Must(WebAddress.IsValidOrEmpty).WithMessage("Enter a web address that starts with https:// or http://.").MaxChars(500, "the address");
        RuleFor(f => f.Phone).Must(v => string.IsNullOrWhiteSpace(v) || v.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
            .WithMessage("Enter a phone number with digits, spaces and + - ( ) only.").MaxChars(40, "the phone number");
        RuleFor(f => f.MintSince).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the year you joined MINT, like 2015.");
        RuleFor(f => f.MintSince).Must((f, _) => f.MintYear is { } y && y >= FirstYear && y <= clock.Today.Year).When(f => !string.IsNullOrWhiteSpace(f.MintSince))
            .WithMessage(_ => $"Enter the year you joined MINT as four digits, from {FirstYear} to {clock.Today.Year}.");
        RuleFor(f => f.MintProfileUrl).Must(WebAddress.IsValidOrEmpty).WithMessage("Enter a web address that starts with https:// or http://.").MaxChars(500, "the address");
    }
}

/// <summary>Web addresses people type: absolute http or https only (never javascript:, data: or a relative path).</summary>
public static class WebAddress
{
    public static bool IsValidOrEmpty(string? value) => string.IsNullOrWhiteSpace(value) || Parse(value) is not null;

    public static Uri? Parse(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri : null;
}

/// <summary>A practitioner's coaching request to a listed trainer.</summary>
public sealed class CoachingRequestForm
{
    [Display(Name = "What you would like to work on")]
    public string? Goals { get; set; }

    [Display(Name = "How you would like to meet")]
    public string? Format { get; set; }

    [Display(Name = "Message to the trainer")]
    public string? Message { get; set; }

    public CoachingFormat? ParsedFormat => Enum.TryParse<CoachingFormat>(Format, ignoreCase: false, out var f) && Enum.IsDefined(f) && !int.TryParse(Format, out _) ? f : null;
}

public sealed class CoachingRequestFormValidator : AbstractValidator<CoachingRequestForm>
{
    public CoachingRequestFormValidator()
    {
        RuleFor(f => f.Goals).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Say what you would like to work on.").MaxChars(2000, "your goals");
        RuleFor(f => f.Format).Must((f, _) => f.ParsedFormat is not null).WithMessage("Choose online, in person or either.");
        RuleFor(f => f.Message).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Write a message to the trainer.").MaxChars(2000, "the message");
    }
}
