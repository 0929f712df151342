namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>A degree of an accepted kind, awarded on or before the evaluation date, with (optionally) its transcript verified by an administrator.</summary>
public sealed class DegreeRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public DegreeRequirement(string key, string title, IReadOnlyList<DegreeKind> acceptedKinds, bool requireVerifiedTranscript) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(acceptedKinds);
        AcceptedKinds = acceptedKinds;
        RequireVerifiedTranscript = requireVerifiedTranscript;
        Parameters =
        [
            new(nameof(AcceptedKinds), DisplayNames.List(acceptedKinds, DisplayNames.Of)),
            new(nameof(RequireVerifiedTranscript), requireVerifiedTranscript ? "yes" : "no"),
        ];
    }

    /// <summary>Accepted kinds of degree.</summary>
    public IReadOnlyList<DegreeKind> AcceptedKinds { get; }

    /// <summary>Whether an administrator must have verified the official transcript.</summary>
    public bool RequireVerifiedTranscript { get; }

    /// <inheritdoc />
    public override string KindName => "Degree";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        Degree? unverified = null;
        foreach (var d in evidence.Degrees)
        {
            if (d.AwardedOn > asOf || !AcceptedKinds.Contains(d.Kind))
            {
                continue;
            }
            if (d.TranscriptVerified || !RequireVerifiedTranscript)
            {
                return Result(RequirementStatus.Met, 1, 1, "degrees", "{Your} " + DisplayNames.Of(d.Kind) + " (" + D(d.AwardedOn) + ") meets the education requirement.");
            }
            unverified ??= d;
        }
        return Result(RequirementStatus.NotMet, 0, 1, "degrees", unverified is not null
            ? "{Your} " + DisplayNames.Of(unverified.Kind) + " is waiting for an administrator to verify the official transcript; {do}make sure the transcript is uploaded."
            : "{Do}add a degree of an accepted kind (" + DisplayNames.List(AcceptedKinds, DisplayNames.Of) + ") and upload the official transcript.");
    }
}

/// <summary>Met when any of its alternatives is met (e.g. Level I: a CDA/associate's degree, or two years of paid work).</summary>
public sealed class AnyOfRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public AnyOfRequirement(string key, string title, IReadOnlyList<Requirement> alternatives) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentOutOfRangeException.ThrowIfZero(alternatives.Count);
        Alternatives = alternatives;
        var p = new List<RuleParameter>();
        for (var i = 0; i < alternatives.Count; i++)
        {
            var a = alternatives[i];
            p.Add(new(string.Create(Inv, $"Alternative{i + 1}"), a.Title + " (" + a.KindName + ")"));
            foreach (var ap in a.Parameters)
            {
                p.Add(new(string.Create(Inv, $"Alternative{i + 1}.{ap.Name}"), ap.Value));
            }
        }
        Parameters = p;
    }

    /// <summary>The alternatives, in display order.</summary>
    public IReadOnlyList<Requirement> Alternatives { get; }

    /// <inheritdoc />
    public override string KindName => "AnyOf";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        var results = new RequirementResult[Alternatives.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var r = Alternatives[i].Evaluate(evidence, asOf);
            if (r.Status == RequirementStatus.Met)
            {
                return Result(RequirementStatus.Met, r.Current, r.Target, r.Unit, Voice.Literal(r.Title) + ": " + r.ExplanationTemplate, findings: r.Findings);
            }
            results[i] = r;
        }
        var text = "Meet one of these: " + string.Join(" Or: ", results.Select(r => Voice.Literal(r.Title) + " — " + r.ExplanationTemplate));
        var first = results[0];
        return Result(RequirementStatus.NotMet, first.Current, first.Target, first.Unit, text,
            findings: [.. results.SelectMany(r => r.Findings)], canStillBeMet: results.Any(r => r.CanStillBeMet));
    }
}

/// <summary>One component of a work-experience requirement.</summary>
/// <param name="Name">Display name, e.g. "supervised dyadic IMH work".</param>
/// <param name="Kinds">Work kinds that count.</param>
/// <param name="MinimumMonths">Months required (a month is 365/12 days of covered calendar days).</param>
public sealed record WorkComponent(string Name, IReadOnlyList<WorkKind> Kinds, int MinimumMonths);

/// <summary>
/// Dated work experience of the right kinds. Overlapping periods are counted once; with
/// <see cref="AnchorDegreeKinds"/> only days after the earliest such degree's award date count; ongoing
/// periods count up to the evaluation date. Months are compared as days: required days =
/// ceil(months × 365 / 12), so 24 months = 730 days and 36 months = 1095 days.
/// </summary>
public sealed class WorkExperienceRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public WorkExperienceRequirement(string key, string title, IReadOnlyList<WorkComponent> components,
        IReadOnlyList<DegreeKind>? anchorDegreeKinds, int minimumFamilies = 0) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(components);
        Components = components;
        AnchorDegreeKinds = anchorDegreeKinds;
        MinimumFamilies = minimumFamilies;
        var p = new List<RuleParameter>();
        foreach (var c in components)
        {
            p.Add(new(c.Name, N(c.MinimumMonths) + " months of " + DisplayNames.List(c.Kinds, DisplayNames.Of)));
        }
        p.Add(new("CountedAfterDegree", anchorDegreeKinds is null ? "no" : DisplayNames.List(anchorDegreeKinds, DisplayNames.Of)));
        if (minimumFamilies > 0)
        {
            p.Add(new(nameof(MinimumFamilies), N(minimumFamilies)));
        }
        p.Add(new("OverlapsCountedOnce", "yes"));
        Parameters = p;
    }

    /// <summary>Components that must all be met.</summary>
    public IReadOnlyList<WorkComponent> Components { get; }

    /// <summary>When set, only experience after the earliest degree of these kinds counts.</summary>
    public IReadOnlyList<DegreeKind>? AnchorDegreeKinds { get; }

    /// <summary>Families served (summed over counted periods) required; 0 = not checked.</summary>
    public int MinimumFamilies { get; }

    /// <inheritdoc />
    public override string KindName => "WorkExperience";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>Days required for a number of months.</summary>
    public static int DaysFor(int months) => (months * 365 + 11) / 12;

    /// <summary>Calendar days covered by the periods, each day counted once, clipped to [<paramref name="from"/>, <paramref name="asOf"/>].</summary>
    public static int CoveredDays(IEnumerable<WorkPeriod> periods, DateOnly from, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var spans = new List<(int Start, int End)>();
        foreach (var p in periods)
        {
            var start = Math.Max(p.Start.DayNumber, from.DayNumber);
            var end = Math.Min((p.End ?? asOf).DayNumber, asOf.DayNumber);
            if (end >= start)
            {
                spans.Add((start, end));
            }
        }
        spans.Sort();
        int total = 0, curStart = int.MinValue, curEnd = int.MinValue;
        foreach (var (s, e) in spans)
        {
            if (s > curEnd + 1 || curEnd == int.MinValue)
            {
                if (curEnd != int.MinValue)
                {
                    total += curEnd - curStart + 1;
                }
                (curStart, curEnd) = (s, e);
            }
            else if (e > curEnd)
            {
                curEnd = e;
            }
        }
        if (curEnd != int.MinValue)
        {
            total += curEnd - curStart + 1;
        }
        return total;
    }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var from = DateOnly.MinValue;
        var findings = new List<Finding>();
        if (AnchorDegreeKinds is not null)
        {
            DateOnly? anchor = null;
            foreach (var d in evidence.Degrees)
            {
                if (AnchorDegreeKinds.Contains(d.Kind) && d.AwardedOn <= asOf && (anchor is null || d.AwardedOn < anchor))
                {
                    anchor = d.AwardedOn;
                }
            }
            if (anchor is null)
            {
                var target0 = Components.Sum(c => c.MinimumMonths);
                return Result(RequirementStatus.NotMet, 0, target0, "months",
                    "Only experience after {your} degree counts (" + DisplayNames.List(AnchorDegreeKinds, DisplayNames.Of) + "). {Do}add the degree first, then the dated work experience.");
            }
            from = anchor.Value.AddDays(1);
            foreach (var p in evidence.WorkExperience)
            {
                if (p.Start < from && Components.Any(c => c.Kinds.Contains(p.Kind)))
                {
                    findings.Add(new Finding(Capitalize(DisplayNames.Of(p.Kind)) + " from " + D(p.Start), "only the days after the degree (" + D(anchor.Value) + ") count", p.Start));
                }
            }
        }

        // The figure is the true number of months (overlapping periods counted once), not capped at the target:
        // 72 months shows as 72, so an overlap counted twice would show. With several components, a short one is
        // never covered by another's surplus: the figure then adds each component only up to its own target.
        decimal current = 0, capped = 0, target = 0;
        var allMet = true;
        var families = 0;
        var missing = new List<string>();
        foreach (var c in Components)
        {
            var periods = evidence.WorkExperience.Where(p => c.Kinds.Contains(p.Kind)).ToList();
            var days = CoveredDays(periods, from, asOf);
            var need = DaysFor(c.MinimumMonths);
            var months = Math.Floor(days * 120m / 365m) / 10m;
            current += months;
            capped += Math.Min(months, c.MinimumMonths);
            target += c.MinimumMonths;
            foreach (var p in periods)
            {
                if ((p.End ?? asOf) >= from && p.Start <= asOf)
                {
                    families += p.FamiliesServed;
                }
            }
            if (days < need)
            {
                allMet = false;
                missing.Add(string.Create(Inv, $"{c.Name}: {N(months)} of {c.MinimumMonths} months ({need - days} more days)"));
                findings.Add(new Finding(c.Name, string.Create(Inv, $"{N(months)} of {c.MinimumMonths} months")));
            }
        }
        if (allMet && families < MinimumFamilies)
        {
            allMet = false;
            missing.Add(string.Create(Inv, $"work with at least {MinimumFamilies} families (recorded: {families})"));
        }
        if (allMet)
        {
            return Result(RequirementStatus.Met, current, target, "months", "{Your} dated work experience meets the requirement.", findings: findings);
        }
        if (Components.Count > 1)
        {
            current = capped;
        }
        return Result(RequirementStatus.NotMet, current, target, "months",
            "Still needed — " + string.Join("; ", missing) + ". {Do}add dated experience entries of the right kind (overlapping periods count once"
            + (AnchorDegreeKinds is null ? "" : ", only after the degree") + ").",
            findings: findings);
    }
}
