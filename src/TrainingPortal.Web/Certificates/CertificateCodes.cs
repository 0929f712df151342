using System.Security.Cryptography;

namespace TrainingPortal.Web.Certificates;

/// <summary>
/// Verification codes: <see cref="Length"/> characters drawn uniformly by a cryptographically secure generator
/// from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), shown in groups of four (<c>K7QM-3WPX-9HTC</c>).
/// 30<sup>12</sup> ≈ 5.3 × 10<sup>17</sup> codes (59 bits): guessing one of even a million issued
/// certificates takes about 5 × 10<sup>11</sup> tries, and verification is rate-limited.
/// </summary>
public static class CertificateCodes
{
    /// <summary>The characters a code is made of: digits 2–9 and letters without I, L, O, U.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Characters in a code (without the dashes).</summary>
    public const int Length = 12;

    /// <summary>A new random code (stored form: upper case, no dashes).</summary>
    public static string NewCode() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The display form: groups of four separated by dashes.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length != Length ? code : $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>
    /// Reads what a person typed: case, spaces and dashes do not matter. Returns null when it cannot be a code
    /// (wrong length or a character outside the alphabet) — such input never reaches the database.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64)
        {
            return null;
        }
        Span<char> buffer = stackalloc char[Length];
        var n = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ' or '\t' or '\u2010' or '\u2011' or '\u2012' or '\u2013')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw);
            if (n == Length || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            buffer[n++] = c;
        }
        return n == Length ? new string(buffer) : null;
    }
}
