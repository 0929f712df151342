using System.Globalization;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>A parameter of a requirement, for display (e.g. on the admin page).</summary>
/// <param name="Name">Parameter name, e.g. <c>MinimumHours</c>.</param>
/// <param name="Value">Value as a display string, e.g. <c>16</c>.</param>
public sealed record RuleParameter(string Name, string Value);

/// <summary>
/// A requirement <em>kind</em> with its parameters: the building block of a <see cref="RuleSet"/>.
/// Subclasses are immutable; evaluation is a pure function of the evidence and the date.
/// </summary>
public abstract class Requirement
{
    /// <summary>Invariant culture for every number and date written into explanations.</summary>
    protected static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates a requirement.</summary>
    /// <param name="key">Stable key from the spec.</param>
    /// <param name="title">Plain-language title.</param>
    protected Requirement(string key, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Key = key;
        Title = title;
    }

    /// <summary>Stable key from the spec, e.g. <c>classroom-hours</c>.</summary>
    public string Key { get; }

    /// <summary>Plain-language title.</summary>
    public string Title { get; }

    /// <summary>Whether the requirement must be met for eligibility. Advisory requirements set this to <c>false</c>.</summary>
    public bool Blocking { get; init; } = true;

    /// <summary>The category this requirement applies to, or <c>null</c> for every category.</summary>
    public string? Category { get; init; }

    /// <summary>The kind's name for display, e.g. <c>ClassroomHours</c>.</summary>
    public abstract string KindName { get; }

    /// <summary>The parameters with display values.</summary>
    public abstract IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>Evaluates this requirement. Pure: depends only on the arguments.</summary>
    /// <param name="evidence">The person's evidence.</param>
    /// <param name="asOf">The evaluation date; entries dated after it are ignored.</param>
    public abstract RequirementResult Evaluate(Evidence evidence, DateOnly asOf);

    /// <summary>Builds a result carrying this requirement's key, title, kind and blocking flag.</summary>
    /// <param name="explanation">A <see cref="Voice"/> template: <see cref="RequirementResult.Explanation"/> is its
    /// wording for the person, <see cref="RequirementResult.ExplanationTemplate"/> keeps it for other readers.</param>
    protected RequirementResult Result(RequirementStatus status, decimal current, decimal target, string unit, string explanation,
        Forecast? forecast = null, IReadOnlyList<Finding>? findings = null, bool canStillBeMet = true) =>
        new(Key, Title, KindName, status, current, target, unit, Voice.ToPerson(explanation), Blocking)
        {
            ExplanationTemplate = explanation,
            Forecast = forecast,
            Findings = findings ?? [],
            CanStillBeMet = canStillBeMet,
        };

    /// <summary>A forecast from a <see cref="Voice"/> template summary.</summary>
    protected static Forecast Ahead(string summary, bool reachable, bool atRisk, int? remainingScheduled = null,
        int? mayStillMiss = null, decimal? stillNeeded = null, DateOnly? oldestCountedExpiresOn = null) =>
        new(Voice.ToPerson(summary), reachable, atRisk, remainingScheduled, mayStillMiss, stillNeeded, oldestCountedExpiresOn)
        {
            SummaryTemplate = summary,
        };

    /// <summary>Formats a number for display (invariant, at most two decimals).</summary>
    protected static string N(decimal value) => value.ToString("0.##", Inv);

    /// <summary>Formats a number for display (invariant).</summary>
    protected static string N(int value) => value.ToString(Inv);

    /// <summary>Formats a date for display (ISO).</summary>
    protected static string D(DateOnly value) => value.ToString("yyyy-MM-dd", Inv);

    /// <summary>A share for display, never contradicting the threshold (see <see cref="DisplayNames.Percent"/>).</summary>
    protected static string Pct(int part, int whole, int? thresholdPercent = null) => DisplayNames.Percent(part, whole, thresholdPercent);

    /// <summary>"1 call" / "2 calls".</summary>
    protected static string Plural(int n, string singular, string plural) =>
        n == 1 ? "1 " + singular : n.ToString(Inv) + " " + plural;

    /// <summary>"1 hour" / "1.5 hours".</summary>
    protected static string Plural(decimal n, string singular, string plural) =>
        n == 1 ? "1 " + singular : N(n) + " " + plural;

    /// <summary>"Paid work…" from "paid work…".</summary>
    protected static string Capitalize(string text) =>
        string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Joins display values.</summary>
    protected static string List<T>(IEnumerable<T> values) => string.Join(", ", values);

    /// <inheritdoc />
    public override string ToString() => Key + " (" + KindName + ")";
}
