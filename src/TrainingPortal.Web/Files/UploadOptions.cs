namespace TrainingPortal.Web.Files;

/// <summary>The "Files" configuration section: how large an uploaded file may be.</summary>
public sealed class UploadOptions
{
    public const string Section = "Files";

    /// <summary>The largest file accepted, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}
