namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>
/// Training hours: sum of <see cref="Evidence.TrainingHours"/> entries (verified, relationship-based,
/// optionally only those about reflective supervision/consultation) dated on or before the evaluation
/// date — over the whole history, or, with a <see cref="RenewalCycle"/>, within the renewal period.
/// </summary>
public sealed class TrainingHoursRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="key">Key.</param>
    /// <param name="title">Title.</param>
    /// <param name="minimumHours">Hours required.</param>
    /// <param name="cycle">Renewal cycle; <c>null</c> to count all history.</param>
    /// <param name="rscTopicOnly">Count only hours about reflective supervision/consultation.</param>
    /// <param name="onlyForHeldEndorsement">When set, applies only to people holding this endorsement who provide RSC (otherwise not applicable).</param>
    public TrainingHoursRequirement(string key, string title, decimal minimumHours, RenewalCycle? cycle = null,
        bool rscTopicOnly = false, EndorsementLevel? onlyForHeldEndorsement = null) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumHours);
        MinimumHours = minimumHours;
        Cycle = cycle;
        RscTopicOnly = rscTopicOnly;
        OnlyForHeldEndorsement = onlyForHeldEndorsement;
        var p = new List<RuleParameter>
        {
            new(nameof(MinimumHours), N(minimumHours)),
            new("Counts", "verified, relationship-based" + (rscTopicOnly ? ", about reflective supervision/consultation" : "")),
            new("Period", cycle?.ToString() ?? "all time"),
        };
        if (onlyForHeldEndorsement is { } level)
        {
            p.Add(new("AppliesTo", DisplayNames.Of(level) + " endorsees who provide reflective supervision/consultation"));
        }
        Parameters = p;
    }

    /// <summary>Hours required.</summary>
    public decimal MinimumHours { get; }

    /// <summary>Renewal cycle, or <c>null</c> for all history.</summary>
    public RenewalCycle? Cycle { get; }

    /// <summary>Whether only hours about RSC count.</summary>
    public bool RscTopicOnly { get; }

    /// <summary>Applicability restriction (renewal <c>rsc-training</c>).</summary>
    public EndorsementLevel? OnlyForHeldEndorsement { get; }

    /// <inheritdoc />
    public override string KindName => Cycle is null ? "TrainingHours" : "TrainingHoursPerCycle";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (OnlyForHeldEndorsement is { } level && (evidence.HeldEndorsement != level || !evidence.ProvidesReflectiveSupervision))
        {
            return Result(RequirementStatus.NotApplicable, 0, MinimumHours, "hours",
                "Applies only to " + DisplayNames.Of(level) + " endorsees who provide reflective supervision/consultation.");
        }
        var period = Cycle?.PeriodFor(asOf);
        decimal hours = 0;
        List<Finding>? notCounted = null;
        foreach (var e in evidence.TrainingHours)
        {
            if (e.Date > asOf || (period is { } pr && !pr.Contains(e.Date)) || (RscTopicOnly && !e.AboutReflectiveSupervision))
            {
                continue;
            }
            if (e.Verified && e.RelationshipBased)
            {
                hours += e.Hours;
            }
            else
            {
                (notCounted ??= []).Add(new Finding(e.Title ?? "Training on " + D(e.Date),
                    !e.RelationshipBased ? "not relationship-based" : e.NotAccepted ? "not accepted by the reviewer" : "not verified yet", e.Date));
            }
        }
        var where = period is { } p ? " between " + D(p.Start) + " and " + D(p.End) : "";
        var what = RscTopicOnly ? "hours of training about reflective supervision/consultation" : "hours of relationship-based training";
        if (hours >= MinimumHours)
        {
            return Result(RequirementStatus.Met, hours, MinimumHours, "hours",
                string.Create(Inv, $"{{You}} {{have|has}} {N(hours)} verified {what}{where}; {N(MinimumHours)} are required."), findings: notCounted);
        }
        var due = period is { } q ? " by " + D(q.Due) : "";
        return Result(RequirementStatus.NotMet, hours, MinimumHours, "hours",
            string.Create(Inv, $"{{You}} {{have|has}} {N(hours)} of {N(MinimumHours)} verified {what}{where}. {{Do}}log {Plural(MinimumHours - hours, "more hour", "more hours")}{(period is null ? "" : " dated in that period")} and have them verified{due}."),
            findings: notCounted);
    }
}

/// <summary>
/// Reflective supervision/consultation (RSC): some window of at most <see cref="WindowMonths"/>
/// consecutive months holds at least <see cref="MinimumHours"/> hours with approved providers of an
/// accepted level (peer supervision never counts). A window starting on day d covers
/// [d, d.AddMonths(WindowMonths)), i.e. it ends the day before the same calendar day
/// <see cref="WindowMonths"/> months later.
/// </summary>
public sealed class ReflectiveSupervisionRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public ReflectiveSupervisionRequirement(string key, string title, decimal minimumHours, int windowMonths,
        IReadOnlyList<EndorsementLevel> acceptedProviderLevels) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumHours);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMonths, 1);
        ArgumentNullException.ThrowIfNull(acceptedProviderLevels);
        MinimumHours = minimumHours;
        WindowMonths = windowMonths;
        AcceptedProviderLevels = acceptedProviderLevels;
        Parameters =
        [
            new(nameof(MinimumHours), N(minimumHours)),
            new(nameof(WindowMonths), N(windowMonths)),
            new(nameof(AcceptedProviderLevels), DisplayNames.List(acceptedProviderLevels, DisplayNames.Of)),
            new("ProviderApproved", "required; peer supervision never counts"),
        ];
    }

    /// <summary>Hours required within one window.</summary>
    public decimal MinimumHours { get; }

    /// <summary>Longest window, in months.</summary>
    public int WindowMonths { get; }

    /// <summary>Provider endorsement levels that count.</summary>
    public IReadOnlyList<EndorsementLevel> AcceptedProviderLevels { get; }

    /// <inheritdoc />
    public override string KindName => "HoursWithinWindow";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var counted = new List<RscEntry>(evidence.ReflectiveSupervision.Count);
        List<Finding>? notCounted = null;
        foreach (var e in evidence.ReflectiveSupervision)
        {
            if (e.Date > asOf || e.Hours <= 0)
            {
                continue;
            }
            string? problem = e.Peer ? "peer supervision does not count"
                : e.NotAccepted ? "not accepted by the reviewer"
                : !e.ProviderApproved ? "pending verification of the provider"
                : !AcceptedProviderLevels.Contains(e.ProviderLevel) ? "the provider's level (" + DisplayNames.Of(e.ProviderLevel) + ") does not count here"
                : null;
            if (problem is null)
            {
                counted.Add(e);
            }
            else
            {
                (notCounted ??= []).Add(new Finding(string.Create(Inv, $"RSC on {D(e.Date)} ({N(e.Hours)} h)"), problem, e.Date));
            }
        }
        counted.Sort(static (a, b) => a.Date.CompareTo(b.Date));

        // Sliding window over dated entries: the best window starts at some entry's date.
        decimal best = 0, sum = 0;
        int bestStart = 0, bestEnd = -1, j = 0;
        for (var i = 0; i < counted.Count; i++)
        {
            var limit = counted[i].Date.AddMonths(WindowMonths);
            while (j < counted.Count && counted[j].Date < limit)
            {
                sum += counted[j].Hours;
                j++;
            }
            if (sum > best)
            {
                (best, bestStart, bestEnd) = (sum, i, j - 1);
            }
            sum -= counted[i].Hours;
        }

        if (best >= MinimumHours && bestEnd >= 0)
        {
            return Result(RequirementStatus.Met, best, MinimumHours, "hours",
                string.Create(Inv, $"{{You}} {{have|has}} {Plural(best, "hour", "hours")} of reflective supervision/consultation with approved providers between {D(counted[bestStart].Date)} and {D(counted[bestEnd].Date)} (within {WindowMonths} months); {N(MinimumHours)} are required."),
                findings: notCounted);
        }

        // Forecast: hours that can still share a window with a session held today.
        decimal open = 0;
        DateOnly? oldestExpires = null;
        foreach (var e in counted)
        {
            var expires = e.Date.AddMonths(WindowMonths);
            if (expires > asOf)
            {
                open += e.Hours;
                oldestExpires ??= expires;
            }
        }
        var stillNeeded = MinimumHours - open;
        var summary = oldestExpires is { } x
            ? string.Create(Inv, $"{{You}} {{need|needs}} {Plural(stillNeeded, "more hour", "more hours")}; {{your}} oldest counted hours leave the {WindowMonths}-month window on {D(x)}.")
            : string.Create(Inv, $"{{You}} {{need|needs}} {Plural(stillNeeded, "hour", "hours")} within {WindowMonths} months.");
        return Result(RequirementStatus.NotMet, best, MinimumHours, "hours",
            string.Create(Inv, $"The most hours with approved providers ({DisplayNames.List(AcceptedProviderLevels, DisplayNames.Of)}) in any {WindowMonths}-month window is {N(best)} of {N(MinimumHours)}. {summary} {{Do}}log sessions with an approved provider of an accepted level."),
            forecast: Ahead(summary, reachable: true, atRisk: false, stillNeeded: stillNeeded, oldestCountedExpiresOn: oldestExpires),
            findings: notCounted);
    }
}

/// <summary>
/// Renewal: reflective supervision/consultation received within the renewal period (any approved, non-peer provider,
/// or restricted to levels): at least <see cref="MinimumHours"/>. Usually advisory (<c>Blocking = false</c>).
/// </summary>
public sealed class RscInPeriodRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public RscInPeriodRequirement(string key, string title, decimal minimumHours, RenewalCycle cycle) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        MinimumHours = minimumHours;
        Cycle = cycle;
        Parameters = [new(nameof(MinimumHours), N(minimumHours)), new("Period", cycle.ToString())];
    }

    /// <summary>Hours within the period.</summary>
    public decimal MinimumHours { get; }

    /// <summary>Renewal cycle.</summary>
    public RenewalCycle Cycle { get; }

    /// <inheritdoc />
    public override string KindName => "RscHoursPerCycle";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var period = Cycle.PeriodFor(asOf);
        decimal hours = 0;
        foreach (var e in evidence.ReflectiveSupervision)
        {
            if (!e.Peer && e.Date <= asOf && period.Contains(e.Date))
            {
                hours += e.Hours;
            }
        }
        var where = " between " + D(period.Start) + " and " + D(period.End);
        return hours >= MinimumHours
            ? Result(RequirementStatus.Met, hours, MinimumHours, "hours", string.Create(Inv, $"{{You}} received {Plural(hours, "hour", "hours")} of reflective supervision/consultation{where}."))
            : Result(RequirementStatus.NotMet, hours, MinimumHours, "hours",
                string.Create(Inv, $"{{You}} received {Plural(hours, "hour", "hours")} of reflective supervision/consultation{where}. Receiving reflective supervision/consultation (individual or group) is recommended; {{do}}log at least {Plural(MinimumHours, "hour", "hours")}."));
    }
}
