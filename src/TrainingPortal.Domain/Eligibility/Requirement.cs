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
    protected RequirementResult Result(RequirementStatus status, decimal current, decimal target, string unit, string explanation,
        Forecast? forecast = null, IReadOnlyList<Finding>? findings = null, bool canStillBeMet = true) =>
        new(Key, Title, KindName, status, current, target, unit, explanation, Blocking)
        {
            Forecast = forecast,
            Findings = findings ?? [],
            CanStillBeMet = canStillBeMet,
        };

    /// <summary>Formats a number for display (invariant, at most two decimals).</summary>
    protected static string N(decimal value) => value.ToString("0.##", Inv);

    /// <summary>Formats a number for display (invariant).</summary>
    protected static string N(int value) => value.ToString(Inv);

    /// <summary>Formats a date for display (ISO).</summary>
    protected static string D(DateOnly value) => value.ToString("yyyy-MM-dd", Inv);

    /// <summary>"1 call" / "2 calls".</summary>
    protected static string Plural(int n, string singular, string plural) =>
        n == 1 ? "1 " + singular : n.ToString(Inv) + " " + plural;

    /// <summary>Joins display values.</summary>
    protected static string List<T>(IEnumerable<T> values) => string.Join(", ", values);

    /// <inheritdoc />
    public override string ToString() => Key + " (" + KindName + ")";
}
