using System.Globalization;

namespace TrainingPortal.Web.Transcripts;

/// <summary>Where a transcript line comes from.</summary>
public enum TranscriptSource
{
    /// <summary>A meeting of the portal's own groups, classroom trainings or cohorts, attended (present or part of it).</summary>
    Portal,

    /// <summary>A training the person logged themselves (the endorsement training log), verified by a reviewer.</summary>
    Logged,

    /// <summary>A logged training not verified yet.</summary>
    LoggedPending,
}

/// <summary>One training activity with its hours; <see cref="CeHours"/> is set only where the person's licence earns CE for it.</summary>
public sealed record TranscriptLine(DateOnly Date, string Activity, string Kind, TranscriptSource Source, decimal Hours, decimal? CeHours)
{
    /// <summary>The endorsement renewal year the activity counts toward (renewals cover whole calendar years).</summary>
    public int RenewalYear => Date.Year;
}

/// <summary>A licence the person holds and what CE credit the portal's courses give them for it.</summary>
public sealed record TranscriptLicence(string Kind, bool EarnsCe, decimal CeHours, string Explanation);

/// <summary>One renewal year's totals.</summary>
public sealed record TranscriptYear(int Year, decimal PortalHours, decimal LoggedHours, decimal PendingHours, decimal? CeHours)
{
    public decimal Total => PortalHours + LoggedHours;
}

/// <summary>A person's training transcript as of <see cref="AsOf"/> (today in the portal's zone).</summary>
public sealed record Transcript(string Name, DateOnly AsOf, IReadOnlyList<TranscriptLicence> Licences, IReadOnlyList<TranscriptLine> Lines,
    IReadOnlyList<string> CeLicenceKinds)
{
    /// <summary>Totals per renewal year, newest first.</summary>
    public IReadOnlyList<TranscriptYear> Years =>
        [.. Lines.GroupBy(l => l.RenewalYear).OrderByDescending(g => g.Key).Select(g => new TranscriptYear(g.Key,
            g.Where(l => l.Source == TranscriptSource.Portal).Sum(l => l.Hours),
            g.Where(l => l.Source == TranscriptSource.Logged).Sum(l => l.Hours),
            g.Where(l => l.Source == TranscriptSource.LoggedPending).Sum(l => l.Hours),
            Licences.Any(x => x.EarnsCe) ? g.Sum(l => l.CeHours ?? 0) : null))];

    /// <summary>What every transcript says about CE and readings.</summary>
    public string CeNote => CeLicenceKinds.Count == 0
        ? "No course the portal runs grants continuing-education credit."
        : "Continuing-education (CE) credit is given for the face-to-face hours of the Infant Mental Health course attended, and only to holders of one of these licences: "
            + Words(CeLicenceKinds) + ". Readings and exercises earn neither hours nor CE credit.";

    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    public static string SourceText(TranscriptSource source) => source switch
    {
        TranscriptSource.Portal => "attended (recorded by the trainer)",
        TranscriptSource.Logged => "logged, verified",
        TranscriptSource.LoggedPending => "logged, not verified yet",
    };

    private static string Words(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join("", items) : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
}
