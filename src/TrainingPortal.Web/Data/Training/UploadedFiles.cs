namespace TrainingPortal.Web.Data.Training;

/// <summary>What an uploaded file is evidence of.</summary>
public enum FilePurpose
{
    /// <summary>The official transcript of a degree (linked to its <see cref="DegreeRecord"/>).</summary>
    Transcript,

    /// <summary>A certificate of attendance of a training (linked to its <see cref="TrainingHoursRecord"/>).</summary>
    TrainingCertificate,

    /// <summary>A portfolio document, described by the applicant.</summary>
    Portfolio,

    /// <summary>A member's homework submission (its owner and the cohort's faculty may download it; <see cref="UploadedFile.GroupId"/> is the cohort).</summary>
    HomeworkSubmission,

    /// <summary>A homework assignment's file, uploaded by faculty (the cohort's members and faculty may download it).</summary>
    HomeworkAssignment,

    /// <summary>A Train-the-Trainer cohort's handbook, uploaded by faculty (the cohort's members and faculty may download it).</summary>
    Handbook,
}

/// <summary>
/// A file an applicant uploaded as evidence. Only its description: the bytes are in <see cref="UploadedFileContent"/>
/// (another table), so listing files never loads them. It is reached by <see cref="PublicId"/> (random, 192 bits),
/// never by <see cref="Id"/>.
/// </summary>
public sealed class UploadedFile
{
    public int Id { get; set; }

    /// <summary>Random and URL-safe (base64url of 24 random bytes): the only id a URL carries.</summary>
    public string PublicId { get; set; } = "";

    /// <summary>The owner: the applicant who uploaded it.</summary>
    public string PersonId { get; set; } = "";

    public FilePurpose Purpose { get; set; }

    /// <summary>The degree a transcript supports.</summary>
    public int? DegreeId { get; set; }

    public DegreeRecord? Degree { get; set; }

    /// <summary>The training-log entry a certificate supports.</summary>
    public int? TrainingHoursId { get; set; }

    public TrainingHoursRecord? Training { get; set; }

    /// <summary>The cohort a homework file or handbook belongs to: who may download it follows from it.</summary>
    public int? GroupId { get; set; }

    /// <summary>What the document is (required for portfolio documents). Never audited.</summary>
    public string? Description { get; set; }

    /// <summary>The original name, sanitised, used only as the download's name. It may be personal: never logged or audited.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The type found in the content (application/pdf, image/png, image/jpeg), never the browser's claim.</summary>
    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime UploadedUtc { get; set; }
}

/// <summary>The bytes of an <see cref="UploadedFile"/>, stored in the database by the default file store.</summary>
public sealed class UploadedFileContent
{
    public int FileId { get; set; }

    public UploadedFile? File { get; set; }

    public byte[] Bytes { get; set; } = [];
}
