using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrainingPortal.Web.Credentials;

/// <summary>
/// The few JOSE pieces the portal needs, written out by hand: strict base64url, the public P-256 key as a
/// JWK (RFC 7517/7518) and its RFC 7638 thumbprint, which is the key's <c>kid</c>.
/// </summary>
public static class Jose
{
    public const string Algorithm = "ES256";

    /// <summary>Base64url without padding (RFC 7515 §2).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>
    /// Decodes base64url strictly: only the URL-safe alphabet, no padding, no whitespace, and the
    /// canonical form only (the unused low bits of the last character must be zero), so that changing
    /// any one character of a token changes the decoded bytes or is refused.
    /// </summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }
        return string.Equals(Encode(bytes), text, StringComparison.Ordinal);
    }

    /// <summary>The RFC 7638 thumbprint of a P-256 public key: base64url(SHA-256 of the required members in lexicographic order).</summary>
    public static string Thumbprint(ECPoint q)
    {
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Encode(q.X)}}","y":"{{Encode(q.Y)}}"}""";
        return Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The public JWK of a P-256 key: kty, crv, x, y, kid (the thumbprint), use, alg. Never <c>d</c>.</summary>
    public static string PublicJwk(ECPoint q)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WritePublicJwk(writer, q);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WritePublicJwk(Utf8JsonWriter writer, ECPoint q)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", Encode(q.X));
        writer.WriteString("y", Encode(q.Y));
        writer.WriteString("kid", Thumbprint(q));
        writer.WriteString("use", "sig");
        writer.WriteString("alg", Algorithm);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a stored public JWK back into a P-256 point; null unless it is an EC P-256 key with 32-byte
    /// coordinates whose <c>kid</c> is its own thumbprint.
    /// </summary>
    public static ECPoint? ParsePublicJwk(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "kty") != "EC" || Text(root, "crv") != "P-256"
                || !TryDecode(Text(root, "x") ?? "", out var x) || x.Length != 32
                || !TryDecode(Text(root, "y") ?? "", out var y) || y.Length != 32)
            {
                return null;
            }
            var q = new ECPoint { X = x, Y = y };
            return Text(root, "kid") == Thumbprint(q) ? q : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
