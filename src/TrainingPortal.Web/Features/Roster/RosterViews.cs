namespace TrainingPortal.Web.Features.Roster;

/// <summary>The roster's search (a GET form: works without JavaScript, can be bookmarked).</summary>
public sealed class RosterSearch
{
    public string? Name { get; set; }
    public string? Credential { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public int? Page { get; set; }
}

public sealed record RosterRow(string Name, IReadOnlyList<string> Credentials, string City, string State);

public sealed class RosterPage
{
    public string? Name { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Credential { get; init; }
    public int Page { get; init; }
    public int Pages { get; init; }
    public int Total { get; init; }
    public IReadOnlyList<RosterRow> Rows { get; init; } = [];

    /// <summary>The search was refused (a field too long): nothing was searched.</summary>
    public bool Refused { get; init; }

    public bool Searched => Name is not null || City is not null || State is not null || Credential is not null;

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("name", Name);
        Add("credential", Credential);
        Add("city", City);
        Add("state", State);
        Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/roster?" + string.Join("&", query);
    }
}

/// <summary>
/// The credentials the roster lists, in display order: the programs whose definitions give a
/// <see cref="ProgramDefinition.RosterTitle"/> (rostering, then the endorsement levels).
/// </summary>
public static class RosterCredentials
{
    public sealed record Credential(string ProgramKey, string Title);

    public static IReadOnlyList<Credential> All { get; } = For(ProgramCatalog.Default);

    /// <summary>The credentials a catalog's roster lists.</summary>
    public static IReadOnlyList<Credential> For(ProgramCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Roster.Select(p => new Credential(p.Key, p.RosterTitle!))];
    }

    public static string[] ProgramKeys { get; } = [.. All.Select(c => c.ProgramKey)];

    public static Credential? Find(string? programKey) => All.FirstOrDefault(c => c.ProgramKey == programKey);

    /// <summary>The titles of the given program keys, in display order.</summary>
    public static IReadOnlyList<string> TitlesOf(IEnumerable<string> programKeys)
    {
        var held = programKeys.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(c => held.Contains(c.ProgramKey)).Select(c => c.Title)];
    }
}
