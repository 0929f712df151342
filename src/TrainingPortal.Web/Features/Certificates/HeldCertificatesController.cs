using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Certificates;

/// <summary>
/// A holder downloads their own certificate (the current version's PDF) and its Open Badges credential.
/// Someone else's code answers 404, as an unknown one does, and so does a revoked certificate (it no longer
/// certifies anything); administrators use the admin pages.
/// </summary>
[Route("certificates")]
public sealed class HeldCertificatesController(AppDbContext db) : Controller
{
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
