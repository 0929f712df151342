using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Certificates;

/// <summary>
/// A holder's own certificate: its page (what it says, its state, the downloads, sharing it and adding it to their
/// LinkedIn profile), the current version's PDF and its Open Badges credential. Someone else's code answers 404, as an
/// unknown one does; a revoked certificate's page says so and offers nothing, and its downloads answer 404 (it no
/// longer certifies anything). Administrators use the admin pages.
/// </summary>
[Route("certificates")]
public sealed class HeldCertificatesController(AppDbContext db, EligibilityService eligibility, PublicAddress publicAddress) : Controller
{
    /// <summary>The holder's page of one of their certificates.</summary>
    [HttpGet("{code}")]
    public async Task<IActionResult> Show(string code, CancellationToken cancellationToken)
    {
        var normalized = CertificateCodes.Normalize(code);
        var personId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (normalized is null)
        {
            return NotFound();
        }
        // One query: the certificate, if it is the signed-in person's, with its current version.
        var found = await db.Certificates.AsNoTracking()
            .Where(c => c.Code == normalized && c.PersonId == personId)
            .Select(c => new
            {
                c.ProgramKey,
                c.CurrentVersion,
                c.RevokedOn,
                c.ExpiresOn,
                c.ValidThrough,
                Current = c.Versions.Where(v => v.Number == c.CurrentVersion)
                    .Select(v => new { v.RecipientName, v.CredentialTitle, v.ProgramTitle, v.AwardedOn, v.IssuedOn, v.IssuerName, HasCredential = v.CredentialJwt != null })
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found?.Current is not { } current)
        {
            return NotFound();
        }
        var today = eligibility.Today();
        var state = CertificateStates.On(today, found.RevokedOn, found.ExpiresOn, found.ValidThrough);
        var formatted = CertificateCodes.Format(normalized);
        var verificationUrl = publicAddress.Absolute("/verify/" + formatted);
        // The last day it is valid: a fixed term's end, or the day an endorsement's renewal falls due.
        var endsOn = found.ExpiresOn ?? found.ValidThrough;
        var page = new HeldCertificatePage(formatted, current.RecipientName, current.CredentialTitle, current.ProgramTitle, current.AwardedOn,
            current.IssuerName, state, found.RevokedOn, found.ExpiresOn, found.ValidThrough, found.CurrentVersion, current.IssuedOn, verificationUrl,
            current.HasCredential, today)
        {
            IsCredential = !ProgramCatalog.Default.TryGet(found.ProgramKey, out var program) || program.IsCredential,
            LinkedInUrl = state == CertificateState.Valid
                ? LinkedInProfileLink.For(current.CredentialTitle, current.IssuerName, current.AwardedOn, endsOn, verificationUrl, formatted)
                : null,
        };
        return View("~/Features/Certificates/Held.cshtml", page);
    }

    [HttpGet("{code}/pdf")]
    public async Task<IActionResult> Pdf(string code, CancellationToken cancellationToken)
    {
        var file = await Current(code)
            .Select(v => new { v.Pdf, v.Number })
            .FirstOrDefaultAsync(cancellationToken);
        return file is null ? NotFound() : File(file.Pdf, "application/pdf", $"certificate-{CertificateCodes.Format(CertificateCodes.Normalize(code)!)}.pdf");
    }

    /// <summary>The Open Badges 3.0 credential: a VC-JWT a badge wallet imports, verifiable with /.well-known/jwks.json.</summary>
    [HttpGet("{code}/credential")]
    public async Task<IActionResult> Credential(string code, CancellationToken cancellationToken)
    {
        var jwt = await Current(code).Select(v => v.CredentialJwt).FirstOrDefaultAsync(cancellationToken);
        return jwt is null
            ? NotFound()
            : File(System.Text.Encoding.ASCII.GetBytes(jwt), "application/vc+jwt", $"open-badge-{CertificateCodes.Format(CertificateCodes.Normalize(code)!)}.jwt");
    }

    /// <summary>The current version of the signed-in person's own certificate with this code (no rows for anyone else's).</summary>
    private IQueryable<Data.Training.CertificateVersion> Current(string code)
    {
        var normalized = CertificateCodes.Normalize(code) ?? "";
        var personId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return db.CertificateVersions.AsNoTracking()
            .Where(v => db.Certificates.Any(c => c.Id == v.CertificateId && c.Code == normalized && c.PersonId == personId && c.RevokedOn == null && c.CurrentVersion == v.Number));
    }
}

/// <summary>What the holder's page of a certificate shows; <see cref="LinkedInUrl"/> only while the certificate is valid.</summary>
public sealed record HeldCertificatePage(
    string Code,
    string RecipientName,
    string CredentialTitle,
    string ProgramTitle,
    DateOnly AwardedOn,
    string IssuerName,
    CertificateState State,
    DateOnly? RevokedOn,
    DateOnly? ExpiresOn,
    DateOnly? ValidThrough,
    int Version,
    DateOnly VersionIssuedOn,
    string VerificationUrl,
    bool HasCredential,
    DateOnly Today)
{
    /// <summary>False for a program that is not a credential (a free introductory course): a record of completion.</summary>
    public bool IsCredential { get; init; } = true;

    /// <summary>LinkedIn's "Add to profile" address filled in for this certificate (<see cref="LinkedInProfileLink"/>); null unless valid.</summary>
    public string? LinkedInUrl { get; init; }
}
