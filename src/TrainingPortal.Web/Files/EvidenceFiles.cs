using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Files;

/// <summary>One uploaded file as lists show it (never its bytes). <see cref="EntryId"/> is the degree or training entry it supports.</summary>
public sealed record EvidenceFileRow(string PublicId, FilePurpose Purpose, int? DegreeId, int? TrainingHoursId, string? Description,
    string FileName, string ContentType, long Length, DateTime UploadedUtc)
{
    public int? EntryId => DegreeId ?? TrainingHoursId;

    /// <summary>Where it downloads: <c>/files/{public id}</c>.</summary>
    public string Url => "/files/" + PublicId;
}

/// <summary>A file that passed the checks: its bytes, the type found in them, the cleaned name.</summary>
public sealed record CheckedUpload(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The applicants' evidence files: the checks an upload passes (size, type by content, not empty), adding one
/// (the caller saves: the file is saved and audited with the entry it supports), the list of a person's files,
/// and the download (owner or reviewer, audited). Audit rows name the id, purpose, type and size, never the name,
/// the description or the content.
/// </summary>
public sealed class EvidenceFiles(AppDbContext db, IFileStore store, IOptions<UploadOptions> options, PortalClock clock, IHttpContextAccessor http)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>"10 MB".</summary>
    public string MaxSize => FileRules.Size(MaxBytes);

    /// <summary>
    /// Reads and checks an upload: null file or empty, too large, not a PDF/PNG/JPEG by its content. Returns the
    /// checked file, or the message to show next to the field.
    /// </summary>
    public async Task<(CheckedUpload? Upload, string? Error)> CheckAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return (null, "Choose a file to upload.");
        }
        if (file.Length == 0)
        {
            return (null, "The file you chose is empty. Choose the file again, or another copy of it.");
        }
        if (file.Length > MaxBytes)
        {
            return (null, $"The file is too large ({FileRules.SizeOver(file.Length)}): files can be at most {MaxSize}. " +
                "Scan it at a lower resolution or save it as a smaller PDF, and upload it again.");
        }
        byte[] content;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await using var stream = file.OpenReadStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        if (content.Length == 0)
        {
            return (null, "The file you chose is empty. Choose the file again, or another copy of it.");
        }
        if (FileRules.Detect(content) is not { } type)
        {
            return (null, "This file is not a PDF, PNG or JPEG (the portal looks at what is inside the file, not at its name). " +
                "Save or scan the document as a PDF, or take a photo of it, and upload that.");
        }
        return (new CheckedUpload(content, type, FileRules.SafeName(file.FileName, type)), null);
    }

    /// <summary>Adds a file of <paramref name="personId"/> to the context (with its bytes); saved and audited by the caller's save.</summary>
    public UploadedFile Add(string personId, FilePurpose purpose, CheckedUpload upload, DegreeRecord? degree = null,
        TrainingHoursRecord? training = null, string? description = null, int? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var file = new UploadedFile
        {
            PublicId = FileRules.NewPublicId(),
            PersonId = personId,
            Purpose = purpose,
            Degree = degree,
            DegreeId = degree?.Id is > 0 ? degree.Id : null,
            Training = training,
            TrainingHoursId = training?.Id is > 0 ? training.Id : null,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            GroupId = groupId,
            FileName = upload.FileName,
            ContentType = upload.ContentType,
            Length = upload.Content.LongLength,
            Sha256 = FileRules.Sha256Hex(upload.Content),
            UploadedUtc = clock.UtcNow,
        };
        db.UploadedFiles.Add(file);
        store.Add(file, upload.Content);
        return file;
    }

    /// <summary>The purposes of endorsement evidence (the application's files); the others are a cohort's homework and handbook.</summary>
    public static readonly IReadOnlyCollection<FilePurpose> EvidencePurposes = [FilePurpose.Transcript, FilePurpose.TrainingCertificate, FilePurpose.Portfolio];

    /// <summary>Every evidence file of a person, newest first, without the bytes: for the application page and the reviewer's screen.</summary>
    public Task<List<EvidenceFileRow>> ListForPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        db.UploadedFiles.AsNoTracking()
            .Where(f => f.PersonId == personId && EvidencePurposes.Contains(f.Purpose))
            .OrderByDescending(f => f.UploadedUtc).ThenByDescending(f => f.Id)
            .Select(f => new EvidenceFileRow(f.PublicId, f.Purpose, f.DegreeId, f.TrainingHoursId, f.Description, f.FileName, f.ContentType, f.Length, f.UploadedUtc))
            .ToListAsync(cancellationToken);

    /// <summary>The file with this public id (untracked), or null; an id of the wrong shape is not looked up.</summary>
    public async Task<UploadedFile?> FindAsync(string? publicId, CancellationToken cancellationToken = default) =>
        FileRules.LooksLikePublicId(publicId)
            ? await db.UploadedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.PublicId == publicId, cancellationToken)
            : null;

    public Task<byte[]?> ContentAsync(UploadedFile file, CancellationToken cancellationToken = default) => store.ReadAsync(file, cancellationToken);

    /// <summary>Records who downloaded which file (id, purpose, type, size: never the name or the content) and saves.</summary>
    public async Task AuditDownloadAsync(UploadedFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.UtcNow,
            ActorId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier),
            Action = "Downloaded",
            EntityType = nameof(UploadedFile),
            EntityId = file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PersonId = file.PersonId,
            Changes = JsonSerializer.Serialize(new { Purpose = file.Purpose.ToString(), file.ContentType, file.Length }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Transcript", "Certificate of attendance", "Portfolio document".</summary>
    public static string PurposeText(FilePurpose purpose) => purpose switch
    {
        FilePurpose.Transcript => "Transcript",
        FilePurpose.TrainingCertificate => "Certificate of attendance",
        FilePurpose.Portfolio => "Portfolio document",
        FilePurpose.HomeworkSubmission => "Homework",
        FilePurpose.HomeworkAssignment => "Assignment file",
        FilePurpose.Handbook => "Handbook",
    };
}
