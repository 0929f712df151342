namespace TrainingPortal.Web.Files;

/// <summary>The "Files" configuration section: how large an uploaded file may be, and where the bytes are kept.</summary>
public sealed class UploadOptions
{
    public const string Section = "Files";

    /// <summary>The largest file accepted, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A folder for the files' bytes; empty (the default): in the database, no setup needed.</summary>
    public string? Folder { get; set; }
}
