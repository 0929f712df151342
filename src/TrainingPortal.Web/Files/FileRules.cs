using System.Security.Cryptography;
using System.Text;

namespace TrainingPortal.Web.Files;

/// <summary>
/// What an uploaded file may be: its type is decided by its first bytes (PDF, PNG, JPEG), never by its name or the
/// browser's claim; its name is kept only, cleaned, as the download's name; its public id is random.
/// </summary>
public static class FileRules
{
    /// <summary>24 random bytes in base64url: 32 characters, 192 bits.</summary>
    public const int PublicIdLength = 32;

    public const int MaxNameLength = 120;

    /// <summary>The request may exceed the file's limit by this much (the other fields, the multipart framing).</summary>
    public const long RequestAllowance = 1024 * 1024;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    /// <summary>The content type of <paramref name="content"/> found by its signature, or null when it is none of PDF, PNG, JPEG.</summary>
    public static string? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? Pdf
        : content.StartsWith(PngMagic) ? Png
        : content.StartsWith(JpegMagic) ? Jpeg
        : null;

    public static string ExtensionOf(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Png => ".png",
        Jpeg => ".jpg",
        _ => "",
    };

    /// <summary>"PDF", "PNG image", "JPEG image".</summary>
    public static string KindOf(string contentType) => contentType switch
    {
        Pdf => "PDF",
        Png => "PNG image",
        Jpeg => "JPEG image",
        _ => "file",
    };

    /// <summary>
    /// A download name from what the browser sent: the last path part, letters, digits, spaces, dots, dashes,
    /// underscores and brackets only (others become "_"), at most <see cref="MaxNameLength"/> characters, with the
    /// extension of the detected type (a PNG named "x.pdf" downloads as "x.png").
    /// </summary>
    public static string SafeName(string? original, string contentType)
    {
        var name = (original ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[..dot];
        }
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            sb.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '(' or ')' or '.' ? c : '_');
        }
        var extension = ExtensionOf(contentType);
        var stem = sb.ToString().Trim(' ', '.', '_');
        if (stem.Length == 0)
        {
            stem = "document";
        }
        if (stem.Length > MaxNameLength - extension.Length)
        {
            stem = stem[..(MaxNameLength - extension.Length)].TrimEnd(' ', '.');
        }
        return stem + extension;
    }

    /// <summary>A new random public id: 24 bytes from the system's cryptographic generator, base64url without padding.</summary>
    public static string NewPublicId() => Base64Url(RandomNumberGenerator.GetBytes(24));

    /// <summary>Whether <paramref name="value"/> has the shape of a public id (checked before any query).</summary>
    public static bool LooksLikePublicId(string? value) =>
        value is { Length: PublicIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>"2.4 MB", "312 KB", "15 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024d)).ToString(bytes >= 10 * 1024 * 1024 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024) + " KB",
        1 => "1 byte",
        _ => bytes + " bytes",
    };

    /// <summary>A size over a limit, rounded up to a tenth of a MB so it never reads as the limit itself: "10.1 MB".</summary>
    public static string SizeOver(long bytes) =>
        (Math.Ceiling(bytes * 10d / (1024 * 1024)) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
