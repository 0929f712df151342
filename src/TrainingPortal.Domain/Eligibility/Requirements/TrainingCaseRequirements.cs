namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>MIO: at least <see cref="MinimumCases"/> training cases with at least one session held.</summary>
public sealed class TrainingCasesBegunRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public TrainingCasesBegunRequirement(string key, string title, int minimumCases) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumCases);
        MinimumCases = minimumCases;
        Parameters = [new(nameof(MinimumCases), N(minimumCases))];
    }

    /// <summary>Training cases that must have begun.</summary>
    public int MinimumCases { get; }

    /// <inheritdoc />
    public override string KindName => "TrainingCasesBegun";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var begun = 0;
        foreach (var c in evidence.TrainingCases)
        {
            if (CaseSessions.Count(c, asOf) > 0)
            {
                begun++;
            }
        }
        if (begun >= MinimumCases)
        {
            return Result(RequirementStatus.Met, begun, MinimumCases, "cases",
                string.Create(Inv, $"{{You}} {{have|has}} begun MIO with {Plural(begun, "training case", "training cases")}; {MinimumCases} are required."));
        }
        return Result(RequirementStatus.NotMet, begun, MinimumCases, "cases",
            string.Create(Inv, $"{{You}} {{have|has}} begun MIO with {begun} of {MinimumCases} training cases. {{Do}}identify {(MinimumCases - begun == 1 ? "1 more caregiver as a training case" : N(MinimumCases - begun) + " more caregivers as training cases")} and log a first MIO session to meet this."));
    }
}

/// <summary>MIO: at least one training case seen for at least <see cref="MinimumSessions"/> sessions.</summary>
public sealed class TrainingCaseDoseRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public TrainingCaseDoseRequirement(string key, string title, int minimumSessions) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSessions);
        MinimumSessions = minimumSessions;
        Parameters = [new(nameof(MinimumSessions), N(minimumSessions))];
    }

    /// <summary>Sessions required with at least one case.</summary>
    public int MinimumSessions { get; }

    /// <inheritdoc />
    public override string KindName => "TrainingCaseDose";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var best = 0;
        string? bestCode = null;
        foreach (var c in evidence.TrainingCases)
        {
            var n = CaseSessions.Count(c, asOf);
            if (n > best)
            {
                best = n;
                bestCode = c.Code;
            }
        }
        if (best >= MinimumSessions)
        {
            return Result(RequirementStatus.Met, best, MinimumSessions, "sessions",
                string.Create(Inv, $"{{You}} {{have|has}} seen training case {Voice.Literal(bestCode ?? "")} for {best} sessions; {MinimumSessions} are required."));
        }
        var explanation = bestCode is null
            ? string.Create(Inv, $"No training-case sessions are logged yet. See one training case for at least {MinimumSessions} MIO sessions to meet this.")
            : string.Create(Inv, $"{{Your}} training case with most sessions ({Voice.Literal(bestCode ?? "")}) has {best} of {MinimumSessions}. {{Do}}hold {Plural(MinimumSessions - best, "more session", "more sessions")} with one training case to meet this.");
        return Result(RequirementStatus.NotMet, best, MinimumSessions, "sessions", explanation);
    }
}

/// <summary>
/// MIO: consent for audio recording obtained on or before each training case's first session, and
/// every session recorded. The findings list every case and session that breaks it.
/// </summary>
/// <remarks>
/// A broken session cannot be repaired afterwards, but the requirement stays reachable: an
/// administrator may review and waive it, or the case may be withdrawn as a training case.
/// Until at least one session is logged the status is <see cref="RequirementStatus.NotYetDecidable"/>.
/// </remarks>
public sealed class ConsentAndRecordingRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public ConsentAndRecordingRequirement(string key, string title) : base(key, title)
    {
    }

    /// <inheritdoc />
    public override string KindName => "ConsentAndRecording";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; } = [new("ConsentOnOrBeforeFirstSession", "yes"), new("EverySessionRecorded", "yes")];

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        int total = 0, fine = 0;
        List<Finding>? findings = null;
        foreach (var c in evidence.TrainingCases)
        {
            var sessions = c.Sessions;
            DateOnly? first = null;
            for (var i = 0; i < sessions.Count; i++)
            {
                var s = sessions[i];
                if (s.Date <= asOf && (first is null || s.Date < first))
                {
                    first = s.Date;
                }
            }
            if (first is null)
            {
                continue;
            }
            var consentOk = c.ConsentDate is { } consent && consent <= first.Value;
            if (!consentOk)
            {
                (findings ??= []).Add(new Finding(c.Code, c.ConsentDate is { } late
                    ? string.Create(Inv, $"consent for audio recording was recorded on {D(late)}, after the first session on {D(first.Value)}; it must be obtained on or before the first session")
                    : string.Create(Inv, $"no consent for audio recording is recorded; the first session was on {D(first.Value)}"), first));
            }
            for (var i = 0; i < sessions.Count; i++)
            {
                var s = sessions[i];
                if (s.Date > asOf)
                {
                    continue;
                }
                total++;
                var beforeConsent = c.ConsentDate is not { } cd || s.Date < cd;
                if (!s.Recorded)
                {
                    (findings ??= []).Add(new Finding(c.Code + " session on " + D(s.Date), "not recorded", s.Date));
                }
                else if (beforeConsent)
                {
                    (findings ??= []).Add(new Finding(c.Code + " session on " + D(s.Date), "held before consent for recording was obtained", s.Date));
                }
                else
                {
                    fine++;
                }
            }
        }

        if (total == 0)
        {
            return Result(RequirementStatus.NotYetDecidable, 0, 0, "sessions",
                "No training-case sessions are logged yet. Obtain the caregiver's consent for audio recording on or before the first session, and record every session.");
        }
        if (findings is null)
        {
            return Result(RequirementStatus.Met, fine, total, "sessions",
                string.Create(Inv, $"Consent was obtained before each training case's first session, and all {total} sessions are recorded."));
        }
        return Result(RequirementStatus.NotMet, fine, total, "sessions",
            string.Create(Inv, $"{Plural(findings.Count, "problem breaks", "problems break")} the consent-and-recording rule (listed). Sessions cannot be fixed afterwards: {{do}}ask {{your}} trainer to have an administrator review them (a waiver), or withdraw the case as a training case; record every future session, with consent obtained on or before the first."),
            findings: findings);
    }
}

internal static class CaseSessions
{
    public static int Count(TrainingCase c, DateOnly asOf)
    {
        var n = 0;
        var sessions = c.Sessions;
        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Date <= asOf)
            {
                n++;
            }
        }
        return n;
    }
}
