namespace TrainingPortal.Domain.Eligibility;

/// <summary>A rule set as plain data, for the admin page and the JSON API.</summary>
/// <param name="Id"><c>key@version</c>.</param>
/// <param name="Key">Program key.</param>
/// <param name="Version">Version.</param>
/// <param name="Title">Display title.</param>
/// <param name="EffectiveFrom">Applies to enrollments started on or after this date (until a later version takes effect).</param>
/// <param name="Categories">Categories, if any.</param>
/// <param name="Settings">Rule-set-wide parameters.</param>
/// <param name="Requirements">Every requirement with its parameters.</param>
public sealed record RuleSetDescription(string Id, string Key, int Version, string Title, DateOnly EffectiveFrom,
    IReadOnlyList<string> Categories, IReadOnlyList<RuleParameter> Settings, IReadOnlyList<RequirementDescription> Requirements);

/// <summary>A requirement as plain data.</summary>
/// <param name="Key">Stable key.</param>
/// <param name="Title">Plain-language title.</param>
/// <param name="Kind">Kind name.</param>
/// <param name="Category">Category it applies to, or <c>null</c> for all.</param>
/// <param name="Blocking">Whether it must be met (advisory requirements do not).</param>
/// <param name="Parameters">Parameters with display values.</param>
public sealed record RequirementDescription(string Key, string Title, string Kind, string? Category, bool Blocking,
    IReadOnlyList<RuleParameter> Parameters);

/// <summary>Describes rule sets as plain data.</summary>
public static class RuleSetDescriptions
{
    /// <summary>Describes a rule set (key, version, requirements with kinds and parameters).</summary>
    public static RuleSetDescription Describe(this RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new RuleSetDescription(ruleSet.Id, ruleSet.Key, ruleSet.Version, ruleSet.Title, ruleSet.EffectiveFrom,
            ruleSet.Categories, ruleSet.Settings,
            [.. ruleSet.Requirements.Select(r => new RequirementDescription(r.Key, r.Title, r.KindName, r.Category, r.Blocking, r.Parameters))]);
    }
}
