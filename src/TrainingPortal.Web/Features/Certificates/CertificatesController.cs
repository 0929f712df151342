using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Certificates;

/// <summary>Administrators find certificates, download any version, re-issue and revoke; and issue those still missing.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/certificates")]
public sealed class CertificatesController(AppDbContext db, CertificateService certificates, EligibilityService eligibility) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var query = db.Certificates.AsNoTracking().Where(c => c.Code != null);
        var search = q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var code = CertificateCodes.Normalize(search);
            query = code is not null
                ? query.Where(c => c.Code == code)
                : query.Where(c => db.Users.Any(u => u.Id == c.PersonId && (u.DisplayName.Contains(search) || u.CertificateName.Contains(search) || u.Email!.Contains(search))));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new CertificateRow(c.Id, c.Code!, c.Versions.Where(v => v.Number == c.CurrentVersion).Select(v => v.RecipientName).FirstOrDefault() ?? "",
                c.Versions.Where(v => v.Number == c.CurrentVersion).Select(v => v.CredentialTitle).FirstOrDefault() ?? "",
                c.AwardedOn, c.IssuedOn, c.CurrentVersion, c.RevokedOn, c.ExpiresOn, c.ValidThrough))
            .ToListAsync(cancellationToken);
        // Completed enrollments still without a certificate (e.g. approved while issuing was not configured).
        var missing = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Completed && !db.Certificates.Any(c => c.EnrollmentId == e.Id))
            .OrderBy(e => e.CompletedOn).Take(PageSize)
            .Select(e => new MissingCertificateRow(e.Id, db.Users.Where(u => u.Id == e.PersonId).Select(u => u.DisplayName).First(),
                db.Programs.Where(p => p.Key == e.ProgramKey).Select(p => p.Title).First(), e.CompletedOn))
            .ToListAsync(cancellationToken);
        return View(new CertificateListPage(search, page, total, rows, missing, eligibility.Today()));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("{id:int}/versions/{number:int}/pdf")]
    public async Task<IActionResult> VersionPdf(int id, int number, CancellationToken cancellationToken)
    {
        var file = await db.CertificateVersions.AsNoTracking()
            .Where(v => v.CertificateId == id && v.Number == number)
            .Select(v => new { v.Pdf, Code = db.Certificates.Where(c => c.Id == id).Select(c => c.Code).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return file is null ? NotFound() : File(file.Pdf, "application/pdf", $"certificate-{CertificateCodes.Format(file.Code!)}-v{number}.pdf");
    }

    [HttpPost("issue")]
    public async Task<IActionResult> Issue(int enrollmentId, CancellationToken cancellationToken)
    {
        var result = await certificates.IssueAsync(enrollmentId, cancellationToken);
        if (result.Outcome == CertificateOutcome.NotFound)
        {
            return NotFound();
        }
        TempData["Flash"] = result.Message;
        return result.CertificateId is { } cid ? Redirect($"/admin/certificates/{cid}") : Redirect("/admin/certificates");
    }

    [HttpPost("{id:int}/reissue")]
    public async Task<IActionResult> Reissue(int id, [Bind(Prefix = "Reissue")] CertificateReasonForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            var page = await PageAsync(id, cancellationToken);
            return page is null ? NotFound() : View("Show", page with { Reissue = form });
        }
        var result = await certificates.ReissueAsync(id, form.Reason, cancellationToken);
        return await AfterAsync(id, result, page => page with { Reissue = form }, "Reissue.Reason", cancellationToken);
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, [Bind(Prefix = "Revoke")] CertificateReasonForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            var page = await PageAsync(id, cancellationToken);
            return page is null ? NotFound() : View("Show", page with { Revoke = form });
        }
        var result = await certificates.RevokeAsync(id, form.Reason, cancellationToken);
        return await AfterAsync(id, result, page => page with { Revoke = form }, "Revoke.Reason", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, CertificateResult result, Func<CertificatePage, CertificatePage> keep, string field,
        CancellationToken cancellationToken)
    {
        if (result.Outcome == CertificateOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Outcome == CertificateOutcome.Done)
        {
            TempData["Flash"] = result.Message;
            return Redirect($"/admin/certificates/{id}");
        }
        // Refused: say why next to the form, keeping what was typed.
        ModelState.AddModelError(field, result.Message);
        var page = await PageAsync(id, cancellationToken);
        return page is null ? NotFound() : View("Show", keep(page));
    }

    private async Task<CertificatePage?> PageAsync(int id, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking()
            .Where(c => c.Id == id && c.Code != null)
            .Select(c => new
            {
                c.Id, c.Code, c.EnrollmentId, c.PersonId, c.ProgramKey, c.RuleSetId, c.AwardedOn, c.IssuedOn, c.CurrentVersion,
                c.ValidThrough, c.ExpiresOn, c.RevokedOn, c.RevocationReason,
                Person = db.Users.Where(u => u.Id == c.PersonId).Select(u => new { u.DisplayName, u.Email, u.CertificateName }).First(),
                RevokedBy = db.Users.Where(u => u.Id == c.RevokedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (certificate is null)
        {
            return null;
        }
        var versions = await db.CertificateVersions.AsNoTracking()
            .Where(v => v.CertificateId == id)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.IssuedOn, v.IssuedUtc, db.Users.Where(u => u.Id == v.IssuedById).Select(u => u.DisplayName).FirstOrDefault(),
                v.Reason, v.RecipientName, v.CredentialTitle, v.Hours, v.ContinuingEducationHours, v.PdfSha256, v.Pdf.Length))
            .ToListAsync(cancellationToken);
        var today = eligibility.Today();
        return new CertificatePage(certificate.Id, certificate.Code!, certificate.EnrollmentId, certificate.Person.DisplayName, certificate.Person.Email ?? "",
            certificate.Person.CertificateName, certificate.RuleSetId, certificate.AwardedOn, certificate.IssuedOn,
            CertificateStates.On(today, certificate.RevokedOn, certificate.ExpiresOn, certificate.ValidThrough),
            certificate.ValidThrough, certificate.ExpiresOn, certificate.RevokedOn, certificate.RevocationReason, certificate.RevokedBy, versions, today);
    }
}

public sealed record CertificateRow(int Id, string Code, string RecipientName, string CredentialTitle, DateOnly? AwardedOn, DateOnly IssuedOn,
    int CurrentVersion, DateOnly? RevokedOn, DateOnly? ExpiresOn, DateOnly? ValidThrough);

public sealed record MissingCertificateRow(int EnrollmentId, string PersonName, string ProgramTitle, DateOnly? CompletedOn);

public sealed record CertificateListPage(string? Query, int Page, int Total, IReadOnlyList<CertificateRow> Rows, IReadOnlyList<MissingCertificateRow> Missing, DateOnly Today)
{
    public int Pages => Math.Max(1, (Total + CertificatesController.PageSize - 1) / CertificatesController.PageSize);
}

public sealed record VersionRow(int Number, DateOnly IssuedOn, DateTime IssuedUtc, string? IssuedBy, string? Reason, string RecipientName,
    string CredentialTitle, decimal? Hours, decimal? ContinuingEducationHours, string PdfSha256, int PdfBytes);

public sealed record CertificatePage(int Id, string Code, int? EnrollmentId, string PersonName, string PersonEmail, string CurrentCertificateName,
    string? RuleSetId, DateOnly? AwardedOn, DateOnly IssuedOn, CertificateState State, DateOnly? ValidThrough, DateOnly? ExpiresOn,
    DateOnly? RevokedOn, string? RevocationReason, string? RevokedBy, IReadOnlyList<VersionRow> Versions, DateOnly Today)
{
    public CertificateReasonForm Reissue { get; init; } = new();
    public CertificateReasonForm Revoke { get; init; } = new();
}
