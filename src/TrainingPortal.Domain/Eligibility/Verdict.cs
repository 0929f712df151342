using System.Text.Json.Serialization;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>The standing of one requirement.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequirementStatus>))]
public enum RequirementStatus
{
    /// <summary>Not met yet; the explanation says what would make it met.</summary>
    NotMet = 0,
    /// <summary>Met.</summary>
    Met,
    /// <summary>Cannot be decided yet (e.g. the consultation period has not ended); see the forecast.</summary>
    NotYetDecidable,
    /// <summary>Waived by an administrator; <see cref="RequirementResult.WaiverReason"/> says why.</summary>
    Waived,
    /// <summary>Does not apply to this person (e.g. renewal <c>rsc-training</c> for someone who provides no RSC).</summary>
    NotApplicable,
}

/// <summary>The overall standing of an enrollment under one rule set.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverallStatus>))]
public enum OverallStatus
{
    /// <summary>Some blocking requirement is not met yet, but every one can still be met.</summary>
    NotYetEligible = 0,
    /// <summary>Every blocking requirement is met, waived or not applicable.</summary>
    Eligible,
    /// <summary>Some blocking requirement can no longer be met under this rule set (only a waiver would help).</summary>
    CannotBecomeEligible,
}

/// <summary>A look ahead for requirements where the future matters.</summary>
/// <param name="Summary">Plain-language forecast.</param>
/// <param name="Reachable">Whether the requirement can still be met with what is scheduled.</param>
/// <param name="AtRisk">Flag for the trainer: the person will not meet it without intervention.</param>
/// <param name="RemainingScheduled">Consultation: scheduled calls not yet held.</param>
/// <param name="MayStillMiss">Consultation: how many of the remaining calls may still be missed (negative when out of reach).</param>
/// <param name="StillNeeded">Hours (or other units) still needed.</param>
/// <param name="OldestCountedExpiresOn">RSC: the first day on which the oldest hours counted now no longer fall within the window.</param>
public sealed record Forecast(string Summary, bool Reachable, bool AtRisk, int? RemainingScheduled = null,
    int? MayStillMiss = null, decimal? StillNeeded = null, DateOnly? OldestCountedExpiresOn = null)
{
    /// <summary>The <see cref="Voice"/> template of <see cref="Summary"/>, for readers other than the person.</summary>
    [JsonIgnore]
    public string SummaryTemplate { get => field ?? Summary; init; }
}

/// <summary>One item behind a requirement's result, e.g. a session that breaks consent-and-recording.</summary>
/// <param name="Item">What it is about, e.g. <c>TC-1 session on 2025-03-04</c>.</param>
/// <param name="Problem">What is wrong with it, or why it does not count.</param>
/// <param name="Date">The date concerned, if any.</param>
public sealed record Finding(string Item, string Problem, DateOnly? Date = null);

/// <summary>The result for one requirement.</summary>
/// <param name="Key">Stable key from the spec, e.g. <c>consultation-attendance</c>.</param>
/// <param name="Title">Plain-language title.</param>
/// <param name="Kind">The requirement kind's name.</param>
/// <param name="Status">Met, not met, not yet decidable, waived or not applicable.</param>
/// <param name="Current">The current figure, in <paramref name="Unit"/>.</param>
/// <param name="Target">The target figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of <paramref name="Current"/> and <paramref name="Target"/>: hours, calls, sessions, clips, ...</param>
/// <param name="Explanation">Plain language; when not met it always says what would make it met.</param>
/// <param name="Blocking">Whether it must be met for eligibility (advisory requirements never block).</param>
public sealed record RequirementResult(string Key, string Title, string Kind, RequirementStatus Status, decimal Current,
    decimal Target, string Unit, string Explanation, bool Blocking)
{
    /// <summary><c>false</c> when the requirement can no longer be met under this rule set (only a waiver would help).</summary>
    public bool CanStillBeMet { get; init; } = true;

    /// <summary>The <see cref="Voice"/> template of <see cref="Explanation"/>, for readers other than the person
    /// (<see cref="Voice.About"/>); the explanation itself when it was built without one.</summary>
    [JsonIgnore]
    public string ExplanationTemplate { get => field ?? Explanation; init; }

    /// <summary>The administrator's reason when <see cref="Status"/> is <see cref="RequirementStatus.Waived"/>.</summary>
    public string? WaiverReason { get; init; }

    /// <summary>A forecast, for requirements where the future matters.</summary>
    public Forecast? Forecast { get; init; }

    /// <summary>Items that break the requirement or do not count, with reasons.</summary>
    public IReadOnlyList<Finding> Findings { get; init => field = value ?? []; } = [];

    /// <summary>Whether this requirement is settled in the person's favour (met, waived or not applicable).</summary>
    [JsonIgnore]
    public bool IsSatisfied => Status is RequirementStatus.Met or RequirementStatus.Waived or RequirementStatus.NotApplicable;
}

/// <summary>The single most useful next action for the person.</summary>
/// <param name="RequirementKey">The requirement it concerns.</param>
/// <param name="Action">What to do, in plain language.</param>
public sealed record NextStep(string RequirementKey, string Action);

/// <summary>The result of evaluating one enrollment's evidence under one rule set on one date.</summary>
/// <param name="RuleSetKey">Program key, e.g. <c>mio-rostering</c>.</param>
/// <param name="Version">Rule set version.</param>
/// <param name="Category">The category evaluated, for rule sets with categories.</param>
/// <param name="AsOf">The evaluation date.</param>
/// <param name="Status">Overall status.</param>
/// <param name="Requirements">Every requirement that applies, in rule-set order.</param>
public sealed record Verdict(string RuleSetKey, int Version, string? Category, DateOnly AsOf, OverallStatus Status,
    IReadOnlyList<RequirementResult> Requirements)
{
    /// <summary><c>key@version</c>, e.g. <c>mio-rostering@1</c>.</summary>
    public string RuleSetId => RuleSetKey + "@" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether any requirement has a forecast flagged at risk (for the trainer's list).</summary>
    public bool AtRisk
    {
        get
        {
            foreach (var r in Requirements)
            {
                if (r.Forecast is { AtRisk: true } && r.Status != RequirementStatus.Waived)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The result for a requirement key, or <c>null</c>.</summary>
    public RequirementResult? this[string key]
    {
        get
        {
            foreach (var r in Requirements)
            {
                if (string.Equals(r.Key, key, StringComparison.Ordinal))
                {
                    return r;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// The most useful single next action: first a blocking requirement that can no longer be met,
    /// then the first blocking requirement that is not met, then the first blocking one not yet
    /// decidable, then the first advisory one not met; <c>null</c> when nothing is left to do.
    /// </summary>
    public NextStep? NextStep
    {
        get
        {
            RequirementResult? notMet = null, undecided = null, advisory = null;
            foreach (var r in Requirements)
            {
                if (r.IsSatisfied)
                {
                    continue;
                }
                if (!r.Blocking)
                {
                    advisory ??= r;
                    continue;
                }
                if (!r.CanStillBeMet)
                {
                    return new NextStep(r.Key, r.Explanation);
                }
                if (r.Status == RequirementStatus.NotMet)
                {
                    notMet ??= r;
                }
                else
                {
                    undecided ??= r;
                }
            }
            var pick = notMet ?? undecided ?? advisory;
            return pick is null ? null : new NextStep(pick.Key, pick.Forecast?.Summary is { } s && ReferenceEquals(pick, undecided) ? s : pick.Explanation);
        }
    }
}
