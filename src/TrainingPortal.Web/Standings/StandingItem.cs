using System.Text.Json;
using System.Text.Json.Serialization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Standings;

/// <summary>One requirement in a stored standing's summary, as the queue shows it.</summary>
/// <param name="Key">The requirement key, e.g. <c>consultation-attendance</c>.</param>
/// <param name="Title">Plain-language title.</param>
/// <param name="Status">Met, not met, not yet decidable, waived or not applicable.</param>
/// <param name="Current">The figure.</param>
/// <param name="Target">The target figure (0 when there is none).</param>
/// <param name="Unit">Unit of the figures.</param>
/// <param name="Blocking">Whether it must be met (advisory ones are not).</param>
public sealed record StandingItem(
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("t")] string Title,
    [property: JsonPropertyName("s")] RequirementStatus Status,
    [property: JsonPropertyName("c")] decimal Current,
    [property: JsonPropertyName("g")] decimal Target,
    [property: JsonPropertyName("u")] string Unit,
    [property: JsonPropertyName("b")] bool Blocking)
{
    /// <summary>Waived by an administrator.</summary>
    [JsonIgnore]
    public bool Waived => Status == RequirementStatus.Waived;

    /// <summary>Met, waived or not applicable.</summary>
    [JsonIgnore]
    public bool Satisfied => Status is RequirementStatus.Met or RequirementStatus.Waived or RequirementStatus.NotApplicable;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The compact JSON list stored in <see cref="CachedStanding.Summary"/>.</summary>
    public static string Serialize(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return JsonSerializer.Serialize(
            verdict.Requirements.Select(r => new StandingItem(r.Key, r.Title, r.Status, r.Current, r.Target, r.Unit, r.Blocking)).ToList(), Json);
    }

    /// <summary>Reads a stored summary; an unreadable one reads as empty.</summary>
    public static IReadOnlyList<StandingItem> Parse(string? summary)
    {
        if (string.IsNullOrEmpty(summary))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<StandingItem>>(summary, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
