using System.Globalization;
using FluentValidation;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The one rule for how much text a field takes. Typed text is never cut: a value over the limit is
/// refused next to its field, saying the limit and how much was typed, and comes back as typed. Pages
/// therefore set no <c>maxlength</c> (browsers cut pasted text at it without a word) and name the
/// limit in the field's hint instead. Lengths are counted after trimming, as the forms store them.
/// </summary>
public static class TextRules
{
    /// <summary>"Keep the reason to 2,000 characters (you typed 10,000)."</summary>
    public static string TooLong(int limit, int typed, string what = "it") =>
        string.Create(CultureInfo.InvariantCulture, $"Keep {what} to {limit:N0} characters (you typed {typed:N0}).");

    /// <summary>The length a value is stored with (trimmed).</summary>
    public static int Length(string? value) => value?.Trim().Length ?? 0;

    /// <summary>Refuses a value longer than <paramref name="limit"/> characters with <see cref="TooLong"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MaxChars<T>(this IRuleBuilder<T, string?> rule, int limit, string what = "it") =>
        rule.Must(value => Length(value) <= limit).WithMessage((_, value) => TooLong(limit, Length(value), what));
}
