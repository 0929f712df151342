using System.Text.RegularExpressions;
using FluentValidation;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>What a pseudonymous code names.</summary>
public enum CodeKind
{
    /// <summary>A training case: <c>TC-1</c>.</summary>
    TrainingCase,

    /// <summary>An audio clip from a training case: the case's code, optionally with the clip's number, <c>TC-1-03</c>.</summary>
    Clip,
}

/// <summary>
/// The one rule for the pseudonymous codes people type instead of a caregiver's identity (training
/// cases, and the clips played from them): 1–6 letters, an optional hyphen, 1–4 digits — a clip may add
/// a hyphen and its number. A name has no digits, so it never fits; nothing longer than
/// <see cref="MaxLength"/> characters fits either. Codes are stored trimmed and in capitals.
/// </summary>
public static partial class PseudonymousCode
{
    /// <summary>The longest code the pattern allows (6 letters, 2 hyphens, 4 + 4 digits).</summary>
    public const int MaxLength = 16;

    [GeneratedRegex("^[A-Za-z]{1,6}-?[0-9]{1,4}(?:-(?<clip>[0-9]{1,4}))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();

    /// <summary>The code as stored: trimmed, in capitals.</summary>
    public static string Normalize(string? text) => (text ?? "").Trim().ToUpperInvariant();

    /// <summary>Whether <paramref name="text"/> (trimmed) is a code of this kind.</summary>
    public static bool IsValid(string? text, CodeKind kind)
    {
        var code = (text ?? "").Trim();
        if (code.Length > MaxLength)
        {
            return false;
        }
        var match = Pattern().Match(code);
        return match.Success && (kind == CodeKind.Clip || !match.Groups["clip"].Success);
    }

    /// <summary>The message for a value that is not a code of this kind.</summary>
    public static string Message(CodeKind kind) => kind == CodeKind.Clip
        ? "Enter a pseudonymous clip code such as TC-1-03: the training case's code (1 to 6 letters, an optional hyphen, 1 to 4 digits), then optionally a hyphen and the clip's number. Never a client's name, initials with a birth date, or contact details."
        : "Enter a pseudonymous code such as TC-1: 1 to 6 letters, an optional hyphen, then 1 to 4 digits. Never a client's name, initials with a birth date, or contact details.";

    /// <summary>Required, at most <see cref="MaxLength"/> characters, and a code of this kind — each with its own message.</summary>
    public static IRuleBuilderOptions<T, string?> PseudonymousCodeOf<T>(this IRuleBuilder<T, string?> rule, CodeKind kind)
    {
        var noun = kind == CodeKind.Clip ? "the clip's code, such as TC-1-03" : "the case's code, such as TC-1";
        // One message at a time: the pattern is judged only for a value that is there and not too long.
        return rule
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage($"Enter {noun}.")
            .MaxChars(MaxLength, "the code")
            .Must(c => string.IsNullOrWhiteSpace(c) || TextRules.Length(c) > MaxLength || IsValid(c, kind)).WithMessage(Message(kind));
    }
}
