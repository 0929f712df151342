using System.Globalization;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// A versioned rule set: the requirements of one program (<c>mio-rostering@1</c>, ...). Rule sets are
/// data built from requirement kinds; a published version is never changed, a change is a new version.
/// </summary>
public sealed class RuleSet
{
    /// <summary>Creates a rule set.</summary>
    /// <param name="key">Program key, e.g. <c>imh-endorsement-l3</c>.</param>
    /// <param name="version">Version number (1, 2, ...).</param>
    /// <param name="title">Display title.</param>
    /// <param name="effectiveFrom">Enrollments/applications started on or after this date use this version (until a later one takes effect).</param>
    /// <param name="requirements">Requirements in display order; category-specific ones carry <see cref="Requirement.Category"/>.</param>
    /// <param name="categories">Categories the applicant must choose from, if any.</param>
    /// <param name="settings">Rule-set-wide parameters that are not requirements (e.g. continuing-education licences), for display.</param>
    public RuleSet(string key, int version, string title, DateOnly effectiveFrom, IReadOnlyList<Requirement> requirements,
        IReadOnlyList<string>? categories = null, IReadOnlyList<RuleParameter>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(requirements);
        Key = key;
        Version = version;
        Title = title;
        EffectiveFrom = effectiveFrom;
        Requirements = [.. requirements];
        Categories = [.. categories ?? []];
        Settings = [.. settings ?? []];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requirements)
        {
            if (r.Category is not null && !Categories.Contains(r.Category))
            {
                throw new ArgumentException($"Requirement {r.Key} has unknown category {r.Category}.", nameof(requirements));
            }
            if (!seen.Add(r.Category + "|" + r.Key))
            {
                throw new ArgumentException($"Duplicate requirement key {r.Key}.", nameof(requirements));
            }
        }
    }

    /// <summary>Program key.</summary>
    public string Key { get; }

    /// <summary>Version number.</summary>
    public int Version { get; }

    /// <summary><c>key@version</c>.</summary>
    public string Id => Key + "@" + Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Display title.</summary>
    public string Title { get; }

    /// <summary>Enrollments started on or after this date use this version (unless a later version has taken effect).</summary>
    public DateOnly EffectiveFrom { get; }

    /// <summary>All requirements, including every category's.</summary>
    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>Categories (empty when the program has none).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Rule-set-wide parameters for display.</summary>
    public IReadOnlyList<RuleParameter> Settings { get; }

    /// <summary>Optional continuing-education policy (the IMH course).</summary>
    public ContinuingEducationPolicy? ContinuingEducation { get; init; }

    /// <summary>The requirements that apply to a category (all when the rule set has no categories).</summary>
    public IReadOnlyList<Requirement> RequirementsFor(string? category)
    {
        if (Categories.Count == 0)
        {
            return Requirements;
        }
        var list = new List<Requirement>(Requirements.Count);
        foreach (var r in Requirements)
        {
            if (r.Category is null || string.Equals(r.Category, category, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(r);
            }
        }
        return list;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
