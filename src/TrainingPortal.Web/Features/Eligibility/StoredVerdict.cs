using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Eligibility;

/// <summary>
/// A whole <see cref="Verdict"/> as stored with an enrollment's standing (<c>EnrollmentStandings.Verdict</c>), so
/// that pages showing every requirement — explanation, figure, forecast, findings, waiver — read it in one query
/// instead of loading the evidence (25 queries) and evaluating it.
/// </summary>
/// <remarks>
/// <para>The text starts with a stamp of the code that produced it (<see cref="Stamp"/>: the rules engine's and
/// the evidence loader's assemblies); a verdict stored by another build never reads as current, because a new
/// release may word, count or forecast differently from the same evidence.</para>
/// <para>Everything a verdict carries is kept, the <see cref="Voice"/> templates included, so a stored verdict
/// renders exactly as a live one for the person and for a trainer or administrator reading about them.</para>
/// </remarks>
public static class StoredVerdict
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Identifies the build that evaluates: the rules engine (<c>TrainingPortal.Domain</c>) and the evidence loader
    /// (this assembly). Deterministic builds give the same module ids for the same code.
    /// </summary>
    public static string Stamp { get; } = ComputeStamp();

    /// <summary>The prefix every verdict stored by this build starts with.</summary>
    public static string Prefix { get; } = "{\"stamp\":\"" + Stamp + "\",";

    private static string ComputeStamp()
    {
        var ids = typeof(RuleEvaluator).Assembly.ManifestModule.ModuleVersionId.ToString("N")
            + typeof(StoredVerdict).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(ids)))[..16];
    }

    /// <summary>The verdict as stored text.</summary>
    public static string Serialize(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var doc = new VerdictDoc(Stamp, verdict.RuleSetKey, verdict.Version, verdict.Category, verdict.AsOf, verdict.Status,
            [.. verdict.Requirements.Select(r => new RequirementDoc(r.Key, r.Title, r.Kind, r.Status, r.Current, r.Target, r.Unit,
                r.Explanation, r.Blocking, r.CanStillBeMet,
                ReferenceEquals(r.ExplanationTemplate, r.Explanation) || r.ExplanationTemplate == r.Explanation ? null : r.ExplanationTemplate,
                r.WaiverReason,
                r.Forecast is { } f
                    ? new ForecastDoc(f.Summary, f.Reachable, f.AtRisk, f.RemainingScheduled, f.MayStillMiss, f.StillNeeded, f.OldestCountedExpiresOn,
                        f.SummaryTemplate == f.Summary ? null : f.SummaryTemplate)
                    : null,
                r.Findings.Count == 0 ? null : [.. r.Findings.Select(x => new FindingDoc(x.Item, x.Problem, x.Date))]))]);
        return JsonSerializer.Serialize(doc, Json);
    }

    /// <summary>
    /// The stored verdict, when it was stored by this build and reads back whole; otherwise <c>null</c> (the caller
    /// evaluates live).
    /// </summary>
    public static Verdict? TryParse(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        VerdictDoc? doc;
        try
        {
            doc = JsonSerializer.Deserialize<VerdictDoc>(stored, Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (doc is null || doc.Stamp != Stamp)
        {
            return null;
        }
        return new Verdict(doc.RuleSetKey, doc.Version, doc.Category, doc.AsOf, doc.Status,
            [.. (doc.Requirements ?? []).Select(r => new RequirementResult(r.Key, r.Title, r.Kind, r.Status, r.Current, r.Target, r.Unit, r.Explanation, r.Blocking)
            {
                CanStillBeMet = r.CanStillBeMet,
                ExplanationTemplate = r.ExplanationTemplate ?? r.Explanation,
                WaiverReason = r.WaiverReason,
                Forecast = r.Forecast is { } f
                    ? new Forecast(f.Summary, f.Reachable, f.AtRisk, f.RemainingScheduled, f.MayStillMiss, f.StillNeeded, f.OldestCountedExpiresOn)
                    {
                        SummaryTemplate = f.SummaryTemplate ?? f.Summary,
                    }
                    : null,
                Findings = r.Findings is null ? [] : [.. r.Findings.Select(x => new Finding(x.Item, x.Problem, x.Date))],
            })]);
    }

    private sealed record VerdictDoc(
        [property: JsonPropertyName("stamp")] string Stamp,
        string RuleSetKey, int Version, string? Category, DateOnly AsOf, OverallStatus Status,
        IReadOnlyList<RequirementDoc>? Requirements);

    private sealed record RequirementDoc(string Key, string Title, string Kind, RequirementStatus Status, decimal Current, decimal Target,
        string Unit, string Explanation, bool Blocking, bool CanStillBeMet, string? ExplanationTemplate, string? WaiverReason,
        ForecastDoc? Forecast, IReadOnlyList<FindingDoc>? Findings);

    private sealed record ForecastDoc(string Summary, bool Reachable, bool AtRisk, int? RemainingScheduled, int? MayStillMiss,
        decimal? StillNeeded, DateOnly? OldestCountedExpiresOn, string? SummaryTemplate);

    private sealed record FindingDoc(string Item, string Problem, DateOnly? Date);
}
