using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Features.Verify;

/// <summary>
/// Public certificate verification: anyone with a code (printed on the certificate, or in its QR code) sees
/// the holder's name as printed, the credential, the award date and the status — nothing more personal.
/// Rate-limited per client address (<see cref="RateLimitPolicy"/>) so codes cannot be harvested by guessing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class VerifyController(AppDbContext db, EligibilityService eligibility) : Controller
{
    public const string RateLimitPolicy = "verify";

    /// <summary>The form; a code typed into it arrives as <c>?code=</c> and is sent on to its own address.</summary>
    [HttpGet("verify")]
    public IActionResult Index(string? code)
    {
        if (code is null)
        {
            return View(new VerifyPage(null, null));
        }
        if (CertificateCodes.Normalize(code) is not { } normalized)
        {
            ModelState.AddModelError("code", BadFormat);
            return View(new VerifyPage(code, null));
        }
        return Redirect("/verify/" + CertificateCodes.Format(normalized));
    }

    /// <summary>The verification of one code; <paramref name="v"/> names the version printed on a copy (from its QR code).</summary>
    [HttpGet("verify/{code}")]
    public async Task<IActionResult> Show(string code, int? v, CancellationToken cancellationToken)
    {
        if (CertificateCodes.Normalize(code) is not { } normalized)
        {
            ModelState.AddModelError("code", BadFormat);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Index", new VerifyPage(code, null));
        }
        // One query: the certificate with its current version's printed name and titles.
        var found = await db.Certificates.AsNoTracking()
            .Where(c => c.Code == normalized)
            .Select(c => new
            {
                c.Id,
                c.AwardedOn,
                c.ProgramKey,
                c.CurrentVersion,
                c.RevokedOn,
                c.ExpiresOn,
                c.ValidThrough,
                Current = c.Versions.Where(x => x.Number == c.CurrentVersion)
                    .Select(x => new { x.RecipientName, x.CredentialTitle, x.ProgramTitle, x.AwardedOn, x.IssuedOn, x.IssuerName })
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found?.Current is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Index", new VerifyPage(CertificateCodes.Format(normalized), null, NotFound: true));
        }

        var today = eligibility.Today();
        DateOnly? supersededOn = null;
        int? copy = null;
        if (v is { } requested && requested >= 1 && requested < found.CurrentVersion)
        {
            copy = requested;
            supersededOn = await db.CertificateVersions.AsNoTracking()
                .Where(x => x.CertificateId == found.Id && x.Number == requested + 1)
                .Select(x => (DateOnly?)x.IssuedOn)
                .FirstOrDefaultAsync(cancellationToken);
        }
        var result = new VerifiedCertificate(
            CertificateCodes.Format(normalized),
            found.Current.RecipientName,
            found.Current.CredentialTitle,
            found.Current.ProgramTitle,
            found.Current.AwardedOn,
            found.Current.IssuerName,
            CertificateStates.On(today, found.RevokedOn, found.ExpiresOn, found.ValidThrough),
            found.RevokedOn,
            found.ExpiresOn,
            found.ValidThrough,
            found.CurrentVersion,
            found.Current.IssuedOn,
            copy,
            supersededOn,
            today)
        {
            IsCredential = !ProgramCatalog.Default.TryGet(found.ProgramKey, out var program) || program.IsCredential,
        };
        return View("Show", result);
    }

    private const string BadFormat = "A certificate code has 12 letters and digits, like K7QM-3WPX-9HTC. Check the code on the certificate and try again.";
}

/// <summary>The verification form, with what was typed and whether it matched nothing.</summary>
public sealed record VerifyPage(string? Code, string? Message, bool NotFound = false);

/// <summary>What verification shows: the printed name, the credential, the award date and the status — nothing else.</summary>
public sealed record VerifiedCertificate(
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
    int CurrentVersion,
    DateOnly CurrentIssuedOn,
    int? CopyVersion,
    DateOnly? SupersededOn,
    DateOnly Today)
{
    /// <summary>False for a program that is not a credential (a free introductory course): the page says it is a record of completion.</summary>
    public bool IsCredential { get; init; } = true;
}
