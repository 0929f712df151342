using System.Globalization;

namespace TrainingPortal.Web.Certificates;

/// <summary>
/// LinkedIn's documented "Add to profile" address for a certification
/// (<c>https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;…</c>): it opens the holder's own LinkedIn
/// "Add license or certification" form filled in with the certificate's name, the issuing organisation, the month it was
/// issued, the month it ends (only when it has an end), the public verification page and the code. Nothing is sent to
/// LinkedIn until the holder follows the link and saves the form there.
/// </summary>
public static class LinkedInProfileLink
{
    public const string Address = "https://www.linkedin.com/profile/add";

    /// <summary>
    /// The address, every value percent-encoded (RFC 3986, UTF-8): <paramref name="name"/> the credential's title,
    /// <paramref name="organizationName"/> the issuer, <paramref name="issuedOn"/> the award date (year and month),
    /// <paramref name="endsOn"/> the last day it is valid (none: LinkedIn shows no expiry), <paramref name="certificateUrl"/>
    /// the public verification page, <paramref name="certificateId"/> the code as printed.
    /// </summary>
    public static string For(string name, string organizationName, DateOnly issuedOn, DateOnly? endsOn, string certificateUrl, string certificateId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationName);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        var parameters = new List<(string Name, string Value)>
        {
            ("startTask", "CERTIFICATION_NAME"),
            ("name", name),
            ("organizationName", organizationName),
            ("issueYear", Number(issuedOn.Year)),
            ("issueMonth", Number(issuedOn.Month)),
        };
        if (endsOn is { } ends)
        {
            parameters.Add(("expirationYear", Number(ends.Year)));
            parameters.Add(("expirationMonth", Number(ends.Month)));
        }
        parameters.Add(("certUrl", certificateUrl));
        parameters.Add(("certId", certificateId));
        return Address + "?" + string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
