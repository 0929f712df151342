namespace TrainingPortal.Web.Features.TrainerDirectory;

/// <summary>The directory's search (a GET form: works without JavaScript, can be bookmarked).</summary>
public sealed class DirectorySearch
{
    public string? Q { get; set; }
    public string? Language { get; set; }
    public string? Region { get; set; }

    /// <summary>"online", "in-person" or empty (either).</summary>
    public string? Format { get; set; }
    public int? Page { get; set; }
}

public sealed record DirectoryRow(int Id, string Name, string Bio, string Languages, string Regions, bool Online, bool InPerson);

public sealed class DirectoryPage
{
    public string? Q { get; init; }
    public string? Language { get; init; }
    public string? Region { get; init; }
    public string? Format { get; init; }
    public bool Refused { get; set; }
    public int Page { get; set; } = 1;
    public int Pages { get; set; } = 1;
    public int Total { get; set; }
    public IReadOnlyList<DirectoryRow> Rows { get; set; } = [];
    public bool Searched => Q is not null || Language is not null || Region is not null || Format is not null;

    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                query.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("q", Q);
        Add("language", Language);
        Add("region", Region);
        Add("format", Format);
        Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/mi/trainers?" + string.Join("&", query);
    }
}

/// <summary>A trainer's page: <see cref="Profile"/> is null when it is not listed (and the viewer is not its owner).</summary>
public sealed record TrainerPage(int Id, string Name, MiTrainerProfile? Profile, bool Own, int? ExistingRequestId, string? Refusal, CoachingRequestForm Request);

public sealed record OwnProfilePage(MiTrainerProfile? Current, TrainerProfileForm Profile);
