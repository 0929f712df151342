namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// The registry of rule sets: lists them all, finds one by key and version, and finds the version
/// current for a program on a date (the version an enrollment created that day is evaluated under).
/// </summary>
public sealed class RuleSetCatalog
{
    private readonly Dictionary<string, RuleSet[]> _byKey;

    /// <summary>Creates a catalog from rule sets (keys+versions must be unique).</summary>
    public RuleSetCatalog(IEnumerable<RuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        All = [.. ruleSets.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Version)];
        _byKey = All.GroupBy(r => r.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Version).ToArray(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, versions) in _byKey)
        {
            for (var i = 1; i < versions.Length; i++)
            {
                if (versions[i].Version == versions[i - 1].Version)
                {
                    throw new ArgumentException($"Duplicate rule set {key}@{versions[i].Version}.", nameof(ruleSets));
                }
            }
        }
    }

    /// <summary>The catalog of the rule sets shipped with the portal (see <see cref="DefaultRuleSets"/>).</summary>
    public static RuleSetCatalog Default { get; } = new(DefaultRuleSets.All());

    /// <summary>Every rule set, ordered by key then version.</summary>
    public IReadOnlyList<RuleSet> All { get; }

    /// <summary>Program keys.</summary>
    public IEnumerable<string> ProgramKeys => _byKey.Keys;

    /// <summary>Every version of a program, oldest first (empty when unknown).</summary>
    public IReadOnlyList<RuleSet> Versions(string programKey) =>
        _byKey.TryGetValue(programKey, out var v) ? v : [];

    /// <summary>The rule set with this key and version, or <c>null</c>.</summary>
    public RuleSet? Find(string programKey, int version)
    {
        ArgumentNullException.ThrowIfNull(programKey);
        if (_byKey.TryGetValue(programKey, out var versions))
        {
            foreach (var r in versions)
            {
                if (r.Version == version)
                {
                    return r;
                }
            }
        }
        return null;
    }

    /// <summary>The rule set with id <c>key@version</c> (e.g. <c>imh-endorsement-l3@2</c>), or <c>null</c>.</summary>
    public RuleSet? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var at = id.LastIndexOf('@');
        return at > 0 && int.TryParse(id.AsSpan(at + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? Find(id[..at], version)
            : null;
    }

    /// <summary>The rule set with this key and version.</summary>
    /// <exception cref="KeyNotFoundException">No such rule set.</exception>
    public RuleSet Get(string programKey, int version) =>
        Find(programKey, version) ?? throw new KeyNotFoundException($"No rule set {programKey}@{version}.");

    /// <summary>
    /// The version current for a program on <paramref name="date"/>: the highest version whose
    /// <see cref="RuleSet.EffectiveFrom"/> is on or before that date; <c>null</c> if none.
    /// </summary>
    public RuleSet? Current(string programKey, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(programKey);
        if (!_byKey.TryGetValue(programKey, out var versions))
        {
            return null;
        }
        RuleSet? current = null;
        foreach (var r in versions)
        {
            if (r.EffectiveFrom <= date)
            {
                current = r;
            }
        }
        return current;
    }
}
