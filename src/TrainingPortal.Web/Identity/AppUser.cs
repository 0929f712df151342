using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>A person with an account: administrator, trainer or trainee.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>The name used on screen ("Dana Reyes").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The name exactly as it should be printed on certificates.</summary>
    public string CertificateName { get; set; } = "";

    /// <summary>IANA time zone id used to show dates and times to this person.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Set when an administrator disables the account; a disabled account cannot sign in.</summary>
    public DateTime? DisabledUtc { get; set; }

    /// <summary>City shown on the public roster (only when <see cref="ListedOnRoster"/>).</summary>
    public string? City { get; set; }

    /// <summary>State or region shown on the public roster, e.g. "NY".</summary>
    public string? State { get; set; }

    /// <summary>The person agreed to be listed on the public roster with name, credential, city and state.</summary>
    public bool ListedOnRoster { get; set; }

    public List<ProfessionalLicence> Licences { get; set; } = [];
}

/// <summary>A professional licence the person holds (e.g. LCSW). Decides continuing-education credit.</summary>
public sealed class ProfessionalLicence
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public LicenceType Type { get; set; }

    /// <summary>Licence number as issued; optional.</summary>
    public string? Number { get; set; }

    /// <summary>Issuing state or jurisdiction, e.g. "NY"; optional.</summary>
    public string? IssuedBy { get; set; }
}

/// <summary>Licences the portal knows. CE credit for the IMH course applies to LMSW, LCSW, LMHC and LCAT.</summary>
public enum LicenceType
{
    LMSW,
    LCSW,
    LMHC,
    LCAT,
    LMFT,
    Psychologist,
    RN,
    MD,
    Other,
}
