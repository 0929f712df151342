using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Endorsement;

// Uploaded evidence files on the application page (issue 12, "Files"): a degree's transcript (with the degree, or
// later on its row), a training's certificate (with the entry), portfolio documents, and their removal while what
// they support is not verified. The checks are in Files/EvidenceFiles; downloads are at /files/{public id}
// (Features/Files). Upload and removal are audited by the interceptor (never the file's name or content).
public sealed partial class EndorsementController
{
    private EvidenceFiles EvidenceFileService => HttpContext.RequestServices.GetRequiredService<EvidenceFiles>();

    [HttpPost("degrees/{entryId:int}/transcript")]
    [UploadLimits]
    public async Task<IActionResult> UploadTranscript(int enrollmentId, int entryId, [Bind(Prefix = "Upload")] AttachFileForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var degree = await db.Degrees.SingleOrDefaultAsync(d => d.Id == entryId && d.PersonId == me, cancellationToken);
        if (degree is null)
        {
            return NotFound();
        }
        if (degree.TranscriptVerified)
        {
            TempData["Notice"] = "That degree's transcript was verified by a reviewer, so it stays. Ask the reviewer if it is wrong.";
            return Redirect($"/endorsement/{enrollmentId}#degrees");
        }
        var (upload, error) = await EvidenceFileService.CheckAsync(form.File, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError("Upload.File", error!);
            var page = await PageAsync(enrollmentId, cancellationToken);
            return page is null ? NotFound() : View(nameof(Index), page with { UploadFailedFor = entryId });
        }
        // A new transcript replaces the one waiting for verification.
        db.UploadedFiles.RemoveRange(await db.UploadedFiles.Where(f => f.DegreeId == degree.Id && f.PersonId == me).ToListAsync(cancellationToken));
        AttachTranscript(degree, upload);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Transcript uploaded. A reviewer checks it before the degree counts.";
        return Redirect($"/endorsement/{enrollmentId}#degrees");
    }

    [HttpPost("training/{entryId:int}/certificate")]
    [UploadLimits]
    public async Task<IActionResult> UploadCertificate(int enrollmentId, int entryId, [Bind(Prefix = "Upload")] AttachFileForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var training = await db.TrainingHours.SingleOrDefaultAsync(t => t.Id == entryId && t.PersonId == me, cancellationToken);
        if (training is null)
        {
            return NotFound();
        }
        if (training.Verified)
        {
            TempData["Notice"] = "That training was verified by a reviewer, so it stays as it is. Ask the reviewer if it is wrong.";
            return Redirect($"/endorsement/{enrollmentId}#training-log");
        }
        var (upload, error) = await EvidenceFileService.CheckAsync(form.File, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError("Upload.File", error!);
            var page = await PageAsync(enrollmentId, cancellationToken);
            return page is null ? NotFound() : View(nameof(Index), page with { CertificateUploadFailedFor = entryId });
        }
        // A new certificate replaces the one waiting for verification.
        db.UploadedFiles.RemoveRange(await db.UploadedFiles.Where(f => f.TrainingHoursId == training.Id && f.PersonId == me).ToListAsync(cancellationToken));
        AttachCertificate(training, upload);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Certificate of attendance uploaded.";
        return Redirect($"/endorsement/{enrollmentId}#training-log");
    }

    [HttpPost("portfolio")]
    [UploadLimits]
    public async Task<IActionResult> AddPortfolio(int enrollmentId, [Bind(Prefix = "Portfolio")] PortfolioForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var (upload, error) = await EvidenceFileService.CheckAsync(form.File, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError("Portfolio.File", error!);
        }
        if (!ModelState.IsValid || upload is null)
        {
            var page = await PageAsync(enrollmentId, cancellationToken);
            return page is null ? NotFound() : View(nameof(Index), page with { Portfolio = form });
        }
        EvidenceFileService.Add(Me, FilePurpose.Portfolio, upload, description: form.Description);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Document added to your portfolio.";
        return Redirect($"/endorsement/{enrollmentId}#portfolio");
    }

    [HttpPost("files/{publicId}/delete")]
    public async Task<IActionResult> RemoveFile(int enrollmentId, string publicId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken) || !FileRules.LooksLikePublicId(publicId))
        {
            return NotFound();
        }
        var me = Me;
        // Only evidence files: a homework file is removed with its cohort's homework, never from here.
        var file = await db.UploadedFiles.Include(f => f.Degree).Include(f => f.Training)
            .SingleOrDefaultAsync(f => f.PublicId == publicId && f.PersonId == me && EvidenceFiles.EvidencePurposes.Contains(f.Purpose), cancellationToken);
        if (file is null)
        {
            return NotFound();
        }
        var (anchor, locked) = file.Purpose switch
        {
            FilePurpose.Transcript => ("degrees", file.Degree?.TranscriptVerified == true),
            FilePurpose.TrainingCertificate => ("training-log", file.Training?.Verified == true),
            FilePurpose.Portfolio => ("portfolio", await db.Enrollments.AnyAsync(e => e.Id == enrollmentId && e.PortfolioApprovedOn != null, cancellationToken)),
            FilePurpose.HomeworkSubmission or FilePurpose.HomeworkAssignment or FilePurpose.Handbook => ("portfolio", true), // not loaded (filtered above)
        };
        if (locked)
        {
            TempData["Notice"] = "A reviewer has verified what that file supports, so it stays. Ask the reviewer if it is wrong.";
        }
        else if (form.Confirm)
        {
            db.UploadedFiles.Remove(file);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = $"{EvidenceFiles.PurposeText(file.Purpose)} removed.";
        }
        return Redirect($"/endorsement/{enrollmentId}#{anchor}");
    }

    /// <summary>Checks an optional file posted with an entry; a problem goes next to <paramref name="field"/>.</summary>
    private async Task<CheckedUpload?> CheckOptionalFileAsync(IFormFile? file, string field, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }
        var (upload, error) = await EvidenceFileService.CheckAsync(file, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError(field, error!);
        }
        return upload;
    }

    private void AttachTranscript(DegreeRecord degree, CheckedUpload? upload)
    {
        if (upload is not null)
        {
            EvidenceFileService.Add(Me, FilePurpose.Transcript, upload, degree: degree);
        }
    }

    private void AttachCertificate(TrainingHoursRecord training, CheckedUpload? upload)
    {
        if (upload is not null)
        {
            EvidenceFileService.Add(Me, FilePurpose.TrainingCertificate, upload, training: training);
        }
    }

    /// <summary>Tracks the files of an entry about to be removed, so they are removed with it and audited.</summary>
    private Task LoadFilesOfAsync(int? degreeId, int? trainingId, CancellationToken cancellationToken)
    {
        var me = Me;
        return db.UploadedFiles.Where(f => f.PersonId == me && ((degreeId != null && f.DegreeId == degreeId) || (trainingId != null && f.TrainingHoursId == trainingId)))
            .LoadAsync(cancellationToken);
    }
}

public sealed partial record ApplicationPage
{
    /// <summary>The applicant's uploaded files (transcripts, certificates, portfolio documents), without their bytes.</summary>
    public IReadOnlyList<EvidenceFileRow> Files { get; init; } = [];

    public PortfolioForm Portfolio { get; init; } = new();

    /// <summary>A reviewer approved the portfolio: its documents stay.</summary>
    public bool PortfolioApproved { get; init; }

    /// <summary>The degree whose transcript upload was refused (its row shows the message).</summary>
    public int? UploadFailedFor { get; init; }

    /// <summary>The training entry whose certificate upload was refused (its row shows the message).</summary>
    public int? CertificateUploadFailedFor { get; init; }

    /// <summary>"10 MB".</summary>
    public string MaxFileSize { get; init; } = "";

    public EvidenceFileRow? TranscriptOf(int degreeId) => Files.FirstOrDefault(f => f.Purpose == FilePurpose.Transcript && f.DegreeId == degreeId);

    public EvidenceFileRow? CertificateOf(int trainingId) => Files.FirstOrDefault(f => f.Purpose == FilePurpose.TrainingCertificate && f.TrainingHoursId == trainingId);

    public IEnumerable<EvidenceFileRow> PortfolioFiles => Files.Where(f => f.Purpose == FilePurpose.Portfolio);
}

/// <summary>One uploaded file on the page: its download link, and a remove button while what it supports is not verified.</summary>
public sealed record FileLinkView(EvidenceFileRow File, int EnrollmentId, bool Removable);
