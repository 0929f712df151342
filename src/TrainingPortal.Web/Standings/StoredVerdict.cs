using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Standings;

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
        var doc = new VerdictDoc
        {
            Stamp = Stamp, RuleSetKey = verdict.RuleSetKey, Version = verdict.Version, Category = verdict.Category,
            AsOf = verdict.AsOf, Status = verdict.Status,
            Requirements = [.. verdict.Requirements.Select(r => new RequirementDoc
            {
                Key = r.Key, Title = r.Title, Kind = r.Kind, Status = r.Status, Current = r.Current, Target = r.Target, Unit = r.Unit,
                Explanation = r.Explanation, Blocking = r.Blocking, CanStillBeMet = r.CanStillBeMet,
                ExplanationTemplate = ReferenceEquals(r.ExplanationTemplate, r.Explanation) || r.ExplanationTemplate == r.Explanation ? null : r.ExplanationTemplate,
                WaiverReason = r.WaiverReason,
                Forecast = r.Forecast is { } f
                    ? new ForecastDoc
                    {
                        Summary = f.Summary, Reachable = f.Reachable, AtRisk = f.AtRisk, RemainingScheduled = f.RemainingScheduled,
                        MayStillMiss = f.MayStillMiss, StillNeeded = f.StillNeeded, OldestCountedExpiresOn = f.OldestCountedExpiresOn,
                        SummaryTemplate = f.SummaryTemplate == f.Summary ? null : f.SummaryTemplate,
                    }
                    : null,
                Findings = r.Findings.Count == 0 ? null : [.. r.Findings.Select(x => new FindingDoc { Item = x.Item, Problem = x.Problem, Date = x.Date })],
            })],
        };
        return JsonSerializer.Serialize(doc, StoredVerdictJson.Default.VerdictDoc);
    }

    /// <summary>How long <see cref="Key"/> is: 32 hexadecimal digits (the first 16 bytes of a SHA-256).</summary>
    public const int KeyLength = 32;

    /// <summary>
    /// The key of a stored verdict's text, stored beside it (<c>EnrollmentStandings.VerdictKey</c>): the first 16 bytes of
    /// the SHA-256 of its UTF-8, in hexadecimal. Equal texts have equal keys; a page that reads the key instead of the text
    /// takes the verdict from memory when this instance has read that text before (<see cref="Known"/>).
    /// </summary>
    public static string Key(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored)).AsSpan(0, KeyLength / 2));
    }

    /// <summary>
    /// The stored verdict, when it was stored by this build and reads back whole; otherwise <c>null</c> (the caller
    /// evaluates live). A verdict read is kept in memory under its text's <see cref="Key"/>.
    /// </summary>
    public static Verdict? TryParse(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        return Read(stored, Key(stored));
    }

    /// <summary>
    /// The verdict whose text has key <paramref name="key"/>, if this instance has read that text recently (or stored it);
    /// otherwise <c>null</c> (the caller reads the text).
    /// </summary>
    public static Verdict? Known(string? key) => key is not null && Recent.TryGetValue(key, out var known) ? known : null;

    /// <summary>
    /// Reads a text with its key, keeping the verdict in memory: the same text always reads as the same verdict (the text
    /// carries everything, the build's stamp included, and a verdict is immutable). A group page reads its members'
    /// verdicts on every visit; parsing them, and then reading their texts, was the largest part of its own work (issue 10).
    /// </summary>
    internal static Verdict? Read(string stored, string key)
    {
        if (Recent.TryGetValue(key, out var known))
        {
            return known;
        }
        var verdict = Parse(stored);
        if (verdict is not null)
        {
            if (Recent.Count >= RecentCapacity)
            {
                Recent.Clear(); // bounded memory (a verdict is a few kilobytes); the next visits fill it again
            }
            Recent.TryAdd(key, verdict);
        }
        return verdict;
    }

    /// <summary>How many recently read verdicts are kept in memory (each a few kilobytes).</summary>
    internal const int RecentCapacity = 2048;

    private static readonly ConcurrentDictionary<string, Verdict> Recent = new(StringComparer.Ordinal);

    /// <summary>How many read verdicts are kept now (for tests).</summary>
    internal static int RecentCount => Recent.Count;

    private static Verdict? Parse(string stored)
    {
        VerdictDoc? doc;
        try
        {
            doc = JsonSerializer.Deserialize(stored, StoredVerdictJson.Default.VerdictDoc);
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

    // The documents are classes with settable properties (init-only ones would make the generator use the same
    // constructor-argument path), read through the source-generated StoredVerdictJson context:
    // System.Text.Json reads positional records with more than four constructor parameters through its slow
    // "large object with parameterized constructor" converter, which cached every argument in an array; with
    // reflection-built metadata besides, that was about a fifth of a group page's CPU (16 members, issue 10).
    // The property names, and so the stored text, are the same as before.
    internal sealed class VerdictDoc
    {
        [JsonPropertyName("stamp")] public string Stamp { get; set; } = "";
        public string RuleSetKey { get; set; } = "";
        public int Version { get; set; }
        public string? Category { get; set; }
        public DateOnly AsOf { get; set; }
        public OverallStatus Status { get; set; }
        public IReadOnlyList<RequirementDoc>? Requirements { get; set; }
    }

    internal sealed class RequirementDoc
    {
        public string Key { get; set; } = "";
        public string Title { get; set; } = "";
        public string Kind { get; set; } = "";
        public RequirementStatus Status { get; set; }
        public decimal Current { get; set; }
        public decimal Target { get; set; }
        public string Unit { get; set; } = "";
        public string Explanation { get; set; } = "";
        public bool Blocking { get; set; }
        public bool CanStillBeMet { get; set; }
        public string? ExplanationTemplate { get; set; }
        public string? WaiverReason { get; set; }
        public ForecastDoc? Forecast { get; set; }
        public IReadOnlyList<FindingDoc>? Findings { get; set; }
    }

    internal sealed class ForecastDoc
    {
        public string Summary { get; set; } = "";
        public bool Reachable { get; set; }
        public bool AtRisk { get; set; }
        public int? RemainingScheduled { get; set; }
        public int? MayStillMiss { get; set; }
        public decimal? StillNeeded { get; set; }
        public DateOnly? OldestCountedExpiresOn { get; set; }
        public string? SummaryTemplate { get; set; }
    }

    internal sealed class FindingDoc
    {
        public string Item { get; set; } = "";
        public string Problem { get; set; } = "";
        public DateOnly? Date { get; set; }
    }
}

/// <summary>Source-generated serialisation of <see cref="StoredVerdict"/>'s documents (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredVerdict.VerdictDoc))]
internal sealed partial class StoredVerdictJson : JsonSerializerContext;
