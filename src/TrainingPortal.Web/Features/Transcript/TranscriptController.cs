using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Certificates.Rendering;
using TrainingPortal.Web.Transcripts;

namespace TrainingPortal.Web.Features.Transcript;

/// <summary>
/// A person's training transcript (<see cref="TranscriptReader"/>): on a page, as a PDF (the certificate renderer) and
/// as CSV. Everyone sees their own at <c>/transcript</c> (the id comes from the cookie); administrators see anyone's
/// from the people page at <c>/admin/people/{id}/transcript</c>.
/// </summary>
[Authorize]
public sealed class TranscriptController(TranscriptReader reader, UserManager<AppUser> users, CertificatePdfRenderer renderer,
    IOptions<CertificateOptions> certificates) : Controller
{
    public static readonly IReadOnlyList<string> CsvHeader = ["date", "activity", "kind", "source", "hours", "ce_hours", "renewal_year"];

    [HttpGet("transcript")]
    public Task<IActionResult> Mine(CancellationToken cancellationToken) => PageAsync(users.GetUserId(User), null, cancellationToken);

    [HttpGet("transcript.pdf")]
    public Task<IActionResult> MinePdf(CancellationToken cancellationToken) => PdfAsync(users.GetUserId(User), cancellationToken);

    [HttpGet("transcript.csv")]
    public Task<IActionResult> MineCsv(CancellationToken cancellationToken) => CsvAsync(users.GetUserId(User), cancellationToken);

    [Authorize(Policy = Policies.Administrator)]
    [HttpGet("admin/people/{personId}/transcript")]
    public Task<IActionResult> Person(string personId, CancellationToken cancellationToken) => PageAsync(personId, $"/admin/people/{Uri.EscapeDataString(personId)}/transcript", cancellationToken);

    [Authorize(Policy = Policies.Administrator)]
    [HttpGet("admin/people/{personId}/transcript.pdf")]
    public Task<IActionResult> PersonPdf(string personId, CancellationToken cancellationToken) => PdfAsync(personId, cancellationToken);

    [Authorize(Policy = Policies.Administrator)]
    [HttpGet("admin/people/{personId}/transcript.csv")]
    public Task<IActionResult> PersonCsv(string personId, CancellationToken cancellationToken) => CsvAsync(personId, cancellationToken);

    private async Task<IActionResult> PageAsync(string? personId, string? adminBase, CancellationToken cancellationToken)
    {
        var transcript = personId is null ? null : await reader.ReadAsync(personId, cancellationToken);
        return transcript is null ? NotFound() : View("Index", new TranscriptPage(transcript, adminBase ?? "/transcript", adminBase is not null, personId!));
    }

    private async Task<IActionResult> PdfAsync(string? personId, CancellationToken cancellationToken)
    {
        var transcript = personId is null ? null : await reader.ReadAsync(personId, cancellationToken);
        if (transcript is null)
        {
            return NotFound();
        }
        var issuer = string.IsNullOrWhiteSpace(certificates.Value.IssuerName) ? "TrainingPortal" : certificates.Value.IssuerName;
        Response.Headers.CacheControl = "no-store";
        return File(renderer.RenderTranscript(transcript, issuer), "application/pdf", FileName(transcript, "pdf"));
    }

    private async Task<IActionResult> CsvAsync(string? personId, CancellationToken cancellationToken)
    {
        var transcript = personId is null ? null : await reader.ReadAsync(personId, cancellationToken);
        if (transcript is null)
        {
            return NotFound();
        }
        return new CsvDownload(FileName(transcript, "csv"), CsvHeader, async (csv, ct) =>
        {
            foreach (var l in transcript.Lines)
            {
                await csv.WriteRecordAsync(
                [
                    l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Activity, l.Kind, SourceCode(l.Source),
                    TrainingPortal.Web.Transcripts.Transcript.Hours(l.Hours), l.CeHours is { } ce ? TrainingPortal.Web.Transcripts.Transcript.Hours(ce) : "",
                    l.RenewalYear.ToString(CultureInfo.InvariantCulture),
                ], ct);
            }
        });
    }

    private static string SourceCode(TranscriptSource source) => source switch
    {
        TranscriptSource.Portal => "portal",
        TranscriptSource.Logged => "logged-verified",
        TranscriptSource.LoggedPending => "logged-not-verified",
    };

    private static string FileName(TrainingPortal.Web.Transcripts.Transcript t, string extension) =>
        $"transcript-{t.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
}

/// <summary>The transcript page; <see cref="BaseUrl"/> is where its downloads live (the person's own or an administrator's view).</summary>
public sealed record TranscriptPage(TrainingPortal.Web.Transcripts.Transcript Transcript, string BaseUrl, bool AdministratorView, string PersonId);
