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

    /// <summary>
    /// Refuses a value longer than <paramref name="limit"/> characters with <see cref="TooLong"/>. Counted
    /// trimmed (as stored), unless <paramref name="trimmed"/> is false (passwords are taken as typed).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> MaxChars<T>(this IRuleBuilder<T, string?> rule, int limit, string what = "it", bool trimmed = true) =>
        rule.Must(value => Count(value, trimmed) <= limit).WithMessage((_, value) => TooLong(limit, Count(value, trimmed), what));

    private static int Count(string? value, bool trimmed) => trimmed ? Length(value) : value?.Length ?? 0;
}
