using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Profile;

public sealed class ProfileForm
{
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Name as printed on certificates")]
    public string CertificateName { get; set; } = "";

    [Display(Name = "Time zone")]
    public string TimeZoneId { get; set; } = "";

    [Display(Name = "City")]
    public string? City { get; set; }

    [Display(Name = "State")]
    public string? State { get; set; }

    /// <summary>Listed on the public roster (name as printed, credential, city, state) while a credential is valid.</summary>
    [Display(Name = "List me on the public roster")]
    public bool ListedOnRoster { get; set; }

    public List<LicenceRow> Licences { get; set; } = [];
}

public sealed class LicenceRow
{
    public LicenceType Type { get; set; }
    public bool Held { get; set; }

    [Display(Name = "Licence number")]
    public string? Number { get; set; }

    [Display(Name = "Issued by (state)")]
    public string? IssuedBy { get; set; }
}

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    /// <summary>The column sizes of <c>AspNetUsers.City</c> and <c>State</c>.</summary>
    public const int MaxCity = 100, MaxState = 64;

    /// <summary>The column sizes of a licence's number and issuer.</summary>
    public const int MaxLicenceText = 64;

    public ProfileFormValidator(CertificatePdfRenderer certificateFont)
    {
        ArgumentNullException.ThrowIfNull(certificateFont);
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter your name.")
            .MaxChars(200, "your name");
        RuleFor(f => f.CertificateName).NotEmpty().WithMessage("Enter your name as it should appear on certificates.")
            .MaxChars(200, "the name");
        RuleFor(f => f.CertificateName).Must(n => certificateFont.Unprintable(n).Count == 0)
            .WithMessage(f => "The certificate typeface cannot print " + string.Join(" ", certificateFont.Unprintable(f.CertificateName))
                + ". Write your name for certificates in Latin letters (accents are fine); your name on screen can keep its own script.");
        RuleFor(f => f.TimeZoneId).Must(TimeZones.IsOffered).WithMessage("Choose a time zone from the list.");
        RuleFor(f => f.City).MaxChars(MaxCity, "the city");
        RuleFor(f => f.State).MaxChars(MaxState, "the state");
        RuleFor(f => f.City).Must(c => !string.IsNullOrWhiteSpace(c)).When(f => f.ListedOnRoster)
            .WithMessage("Enter your city: the roster shows it.");
        RuleFor(f => f.State).Must(s => !string.IsNullOrWhiteSpace(s)).When(f => f.ListedOnRoster)
            .WithMessage("Enter your state, e.g. NY: the roster shows it.");
        RuleForEach(f => f.Licences).ChildRules(row =>
        {
            row.RuleFor(r => r.Type).IsInEnum().WithMessage("Unknown licence type.");
            row.RuleFor(r => r.Number).MaxChars(MaxLicenceText, "the licence number");
            row.RuleFor(r => r.IssuedBy).MaxChars(MaxLicenceText, "the issuer");
        });
    }
}
