using System.Text.Json.Serialization;

namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>MIO train-the-trainer: holds an active (issued, not revoked) certificate of another program.</summary>
public sealed class ActiveCertificateRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public ActiveCertificateRequirement(string key, string title, string programKey, string programTitle) : base(key, title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programKey);
        ProgramKey = programKey;
        ProgramTitle = programTitle;
        Parameters = [new(nameof(ProgramKey), programKey)];
    }

    /// <summary>The program whose certificate is required.</summary>
    public string ProgramKey { get; }

    /// <summary>Display name of that certificate.</summary>
    public string ProgramTitle { get; }

    /// <inheritdoc />
    public override string KindName => "ActiveCertificate";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var revoked = false;
        foreach (var c in evidence.Certificates)
        {
            if (!string.Equals(c.ProgramKey, ProgramKey, StringComparison.OrdinalIgnoreCase) || c.IssuedOn > asOf)
            {
                continue;
            }
            if (c.RevokedOn is { } r && r <= asOf)
            {
                revoked = true;
                continue;
            }
            return Result(RequirementStatus.Met, 1, 1, "certificates", "{You} {hold|holds} an active " + Voice.Literal(ProgramTitle) + " certificate (issued " + D(c.IssuedOn) + ").");
        }
        return Result(RequirementStatus.NotMet, 0, 1, "certificates", revoked
            ? "{Your} " + Voice.Literal(ProgramTitle) + " certificate has been revoked. An active certificate is needed: {Do}contact an administrator."
            : "{You} {need|needs} an active " + Voice.Literal(ProgramTitle) + " certificate. {Do}complete that program and be approved for it first.");
    }
}

/// <summary>MIO train-the-trainer: the most recent fidelity review (on or before the evaluation date) is <see cref="FidelityOutcome.Adherent"/>.</summary>
public sealed class FidelityReviewRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public FidelityReviewRequirement(string key, string title) : base(key, title)
    {
    }

    /// <inheritdoc />
    public override string KindName => "FidelityReview";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; } = [new("RequiredOutcome", nameof(FidelityOutcome.Adherent)), new("Decides", "most recent review")];

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        FidelityReview? latest = null;
        foreach (var r in evidence.FidelityReviews)
        {
            if (r.Date <= asOf && (latest is null || r.Date >= latest.Date))
            {
                latest = r;
            }
        }
        if (latest is { Outcome: FidelityOutcome.Adherent })
        {
            return Result(RequirementStatus.Met, 1, 1, "reviews", "An MIO trainer recorded {you} as adherent to the model on " + D(latest.Date) + ".");
        }
        return Result(RequirementStatus.NotMet, 0, 1, "reviews", latest is null
            ? "No fidelity review is recorded yet. Ask an MIO trainer to review a recorded session and record the outcome."
            : "{Your} most recent fidelity review (" + D(latest.Date) + ") was not yet adherent. {Do}work with {your} MIO trainer toward an adherent review.");
    }
}

/// <summary>Which cohort sessions a <see cref="CohortSessionsRequirement"/> counts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionSource>))]
public enum SessionSource
{
    /// <summary><see cref="Evidence.LiveSessions"/> (MIO train-the-trainer).</summary>
    LiveSessions = 0,
    /// <summary><see cref="Evidence.CourseSessions"/> (IMH course).</summary>
    CourseSessions,
}

/// <summary>
/// Attend a cohort's sessions: either a share of all scheduled (not cancelled) sessions, or a minimum
/// number (overridable per cohort by <see cref="Evidence.CohortMinimumSessions"/>). A session counts
/// when it has been held (dated before the evaluation date) and was attended (present, or partial
/// from <see cref="PartialCountsFromPercent"/>% of its length), or when a make-up was logged.
/// </summary>
public sealed class CohortSessionsRequirement : Requirement, IPartialAttendanceRule
{
    /// <summary>Creates the requirement; give exactly one of <paramref name="minimumSharePercent"/> and <paramref name="minimumSessions"/>.</summary>
    public CohortSessionsRequirement(string key, string title, SessionSource source, int? minimumSharePercent, int? minimumSessions,
        int partialCountsFromPercent) : base(key, title)
    {
        if (minimumSharePercent is null == minimumSessions is null)
        {
            throw new ArgumentException("Give either a minimum share or a minimum number of sessions.");
        }
        Source = source;
        MinimumSharePercent = minimumSharePercent;
        MinimumSessions = minimumSessions;
        PartialCountsFromPercent = partialCountsFromPercent;
        var p = new List<RuleParameter> { new(nameof(Source), DisplayNames.Of(source)) };
        if (minimumSharePercent is { } share)
        {
            p.Add(new(nameof(MinimumSharePercent), N(share) + "%"));
        }
        if (minimumSessions is { } min)
        {
            p.Add(new(nameof(MinimumSessions), N(min) + " (a cohort may set its own)"));
        }
        p.Add(new(nameof(PartialCountsFromPercent), N(partialCountsFromPercent) + "%"));
        p.Add(new("MakeUpCounts", "yes"));
        Parameters = p;
    }

    /// <summary>Which sessions.</summary>
    public SessionSource Source { get; }

    /// <summary>Share of scheduled sessions required, in percent.</summary>
    public int? MinimumSharePercent { get; }

    /// <summary>Number of sessions required (default for cohorts without their own minimum).</summary>
    public int? MinimumSessions { get; }

    /// <summary>A partial attendance counts from this share of the session.</summary>
    public int PartialCountsFromPercent { get; }

    /// <inheritdoc />
    public override string KindName => MinimumSharePercent is null ? "CohortSessionCount" : "CohortSessionShare";

    /// <inheritdoc />
    public string ExplainPartial(int meetingMinutes) =>
        PartialAttendance.FromShare("session", meetingMinutes, PartialCountsFromPercent, "it counts as missed unless a make-up is logged");

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var sessions = Source == SessionSource.LiveSessions ? evidence.LiveSessions : evidence.CourseSessions;
        int scheduled = 0, counted = 0, remaining = 0;
        List<Finding>? missed = null;
        foreach (var s in sessions)
        {
            if (s.Cancelled)
            {
                continue;
            }
            scheduled++;
            if (s.Date > asOf)
            {
                remaining++;
                continue;
            }
            var attended = s.Mark == AttendanceMark.Present
                || (s.Mark == AttendanceMark.Partial && (long)s.MinutesPresent * 100 >= (long)s.DurationMinutes * PartialCountsFromPercent);
            if (attended || s.MadeUp)
            {
                counted++;
            }
            else
            {
                (missed ??= []).Add(new Finding("Session on " + D(s.Date), "missed, no make-up logged", s.Date));
            }
        }

        var target = MinimumSharePercent is { } share
            ? ConsultationAttendanceRequirement.Needed(scheduled, share)
            : evidence.CohortMinimumSessions ?? MinimumSessions!.Value;
        var findings = (IReadOnlyList<Finding>?)missed ?? [];
        if (scheduled == 0)
        {
            return Result(RequirementStatus.NotYetDecidable, 0, target, "sessions", "No sessions are scheduled for the cohort yet.");
        }
        if (counted >= target)
        {
            return Result(RequirementStatus.Met, counted, target, "sessions",
                string.Create(Inv, $"{{You}} attended (or made up) {Plural(counted, "session", "sessions")}; {target} are required."), findings: findings);
        }
        var explanation = string.Create(Inv, $"{{You}} attended (or made up) {counted} of {target} required sessions") + (remaining > 0
            ? string.Create(Inv, $"; {Plural(remaining, "session is", "sessions are")} still to come.")
            : ".");
        if (missed is not null)
        {
            explanation += " For each missed session, ask faculty to log a make-up.";
        }
        else
        {
            explanation += " Attend the remaining sessions to meet this.";
        }
        return Result(RequirementStatus.NotMet, counted, target, "sessions", explanation, findings: findings);
    }
}

/// <summary>Which items an <see cref="AllItemsCompleteRequirement"/> checks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemSource>))]
public enum ItemSource
{
    /// <summary><see cref="Evidence.Homework"/>: each must be submitted and accepted by faculty.</summary>
    Homework = 0,
    /// <summary><see cref="Evidence.IndependentLearning"/>: each must be marked complete.</summary>
    IndependentLearning,
    /// <summary><see cref="Evidence.IntroCourseModules"/>: each module of the MI introductory course must be marked complete.</summary>
    IntroCourseModules,
}

/// <summary>Every assigned item complete (homework accepted, or readings/exercises completed). Not decidable while nothing is assigned.</summary>
public sealed class AllItemsCompleteRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public AllItemsCompleteRequirement(string key, string title, ItemSource source) : base(key, title)
    {
        Source = source;
        Parameters = [new(nameof(Source), DisplayNames.Of(source)), new("Required", "all assigned")];
    }

    /// <summary>Which items.</summary>
    public ItemSource Source { get; }

    /// <inheritdoc />
    public override string KindName => "AllItemsComplete";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        int total, done = 0;
        List<Finding>? open = null;
        if (Source == ItemSource.Homework)
        {
            total = evidence.Homework.Count;
            foreach (var h in evidence.Homework)
            {
                if (h.Accepted)
                {
                    done++;
                }
                else
                {
                    (open ??= []).Add(new Finding(h.Title, h.Submitted ? "submitted, awaiting acceptance by faculty" : "not submitted"));
                }
            }
        }
        else
        {
            var items = Source == ItemSource.IntroCourseModules ? evidence.IntroCourseModules : evidence.IndependentLearning;
            total = items.Count;
            foreach (var i in items)
            {
                if (i.Completed)
                {
                    done++;
                }
                else
                {
                    (open ??= []).Add(new Finding(i.Title, "not marked complete"));
                }
            }
        }
        var unit = Source switch
        {
            ItemSource.Homework => "assignments",
            ItemSource.IntroCourseModules => "modules",
            ItemSource.IndependentLearning => "items",
            _ => throw new InvalidOperationException("Unknown item source " + Source),
        };
        if (total == 0)
        {
            return Result(RequirementStatus.NotYetDecidable, 0, 0, unit, "Nothing has been assigned yet; complete each item once it is assigned.");
        }
        if (done == total)
        {
            return Result(RequirementStatus.Met, done, total, unit, string.Create(Inv, $"All {total} {unit} are complete."));
        }
        return Result(RequirementStatus.NotMet, done, total, unit,
            string.Create(Inv, $"{done} of {total} {unit} are complete. ") + Source switch
            {
                ItemSource.Homework => "Submit the open assignments (listed) and have faculty accept them.",
                ItemSource.IntroCourseModules => "Work through the open modules (listed) and mark each complete.",
                _ => "Complete the open readings and exercises (listed) and mark them complete.",
            },
            findings: open);
    }
}
