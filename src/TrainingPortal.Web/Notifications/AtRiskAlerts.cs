using System.Globalization;
using System.Text;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Programs;

namespace TrainingPortal.Web.Notifications;

/// <summary>
/// "At risk" notifications from the rules' own forecasts, once per change: the stored standing remembers which blocking
/// requirements the person was told about (<see cref="CachedStanding.Alerted"/>: <c>key=risk</c> — the forecast says it
/// will not be met without a change, e.g. one call to spare — or <c>key=out</c> — it can no longer be met). When an
/// evaluation finds an entry that was not there before (a new risk, or a risk turned out of reach), the person is told
/// once; an evaluation that finds the same entries tells nothing, however many days it runs. A requirement that
/// recovers leaves the list, so falling again later is news again.
/// </summary>
public static class AtRiskAlerts
{
    /// <summary>The verdict's entries, sorted, joined by <c>;</c> (empty when nothing is at risk).</summary>
    public static string Of(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return string.Join(';', verdict.Requirements
            .Where(r => r.Blocking && !r.IsSatisfied)
            .Select(r => !r.CanStillBeMet || r.Forecast is { Reachable: false } ? r.Key + "=out" : r.Forecast is { AtRisk: true } ? r.Key + "=risk" : null)
            .OfType<string>()
            .Order(StringComparer.Ordinal));
    }

    /// <summary>The entries of <paramref name="now"/> that were not in <paramref name="told"/>.</summary>
    public static IReadOnlyList<string> News(string told, string now)
    {
        var before = told.Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return [.. now.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(e => !before.Contains(e))];
    }

    /// <summary>
    /// One notification for the news of one evaluation. Its key holds the previous evaluation's time: two refreshers
    /// evaluating the same standing at once write the same key (one save wins), while a later fall is a new key.
    /// </summary>
    /// <summary>Every at-risk notification's key starts with this, then the enrollment id and a colon.</summary>
    public const string KeyPrefix = "at-risk:";

    public static void Notify(Notifier notifier, string personId, int enrollmentId, string programKey, DateTime previousEvaluatedUtc,
        Verdict verdict, IReadOnlyList<string> news)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(news);
        var program = ProgramCatalog.Default.TryGet(programKey, out var definition) ? definition.Title : programKey;
        var outOfReach = news.Any(n => n.EndsWith("=out", StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var entry in news)
        {
            var key = entry[..entry.IndexOf('=', StringComparison.Ordinal)];
            var requirement = verdict.Requirements.FirstOrDefault(r => r.Key == key);
            if (requirement is null)
            {
                continue;
            }
            text.Append(requirement.Title).Append(": ")
                .AppendLine(requirement.Forecast?.Summary ?? requirement.Explanation);
        }
        text.Append("Your home page shows each requirement, the figure behind it and what is still reachable. "
            + "If something keeps you from a meeting or a deadline, tell your trainer early.");
        notifier.Add(personId, NotificationKind.AtRisk,
            string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{enrollmentId}:{previousEvaluatedUtc.Ticks}:{Hash(news)}"),
            outOfReach ? $"{program}: a requirement can no longer be met" : $"{program}: a requirement is at risk",
            text.ToString(),
            "/");
    }

    /// <summary>A short fingerprint of the entries (the key stays short however many requirements there are).</summary>
    private static string Hash(IReadOnlyList<string> news) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(';', news))))[..16];
}
