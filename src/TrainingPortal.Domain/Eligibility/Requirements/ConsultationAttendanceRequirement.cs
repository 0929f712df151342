namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>
/// MIO: attend at least <see cref="MinimumSharePercent"/>% of the consultation group's held calls.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><em>Held</em> = scheduled, not cancelled, dated on or before the evaluation date (a standing "as of D" is the
/// standing at the end of day D, so a call dated D is held, as a clip played on D counts).</item>
/// <item>Attended = present, or partial with minutes present × 100 ≥ meeting length × <see cref="PartialCountsFromPercent"/>.
/// Excused, absent and unmarked held meetings are absences.</item>
/// <item>Compared in integers: attended × 100 ≥ held × share.</item>
/// <item>Decidable from the end of the group's period end date; before, the status is
/// <see cref="RequirementStatus.NotYetDecidable"/> with a forecast over the remaining scheduled calls.</item>
/// </list>
/// </remarks>
public sealed class ConsultationAttendanceRequirement : Requirement, IPartialAttendanceRule
{
    /// <summary>Creates the requirement.</summary>
    public ConsultationAttendanceRequirement(string key, string title, int minimumSharePercent, int partialCountsFromPercent)
        : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSharePercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSharePercent, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(partialCountsFromPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partialCountsFromPercent, 100);
        MinimumSharePercent = minimumSharePercent;
        PartialCountsFromPercent = partialCountsFromPercent;
        Parameters =
        [
            new(nameof(MinimumSharePercent), N(minimumSharePercent) + "%"),
            new(nameof(PartialCountsFromPercent), N(partialCountsFromPercent) + "%"),
        ];
    }

    /// <summary>Minimum share of held calls attended, in percent.</summary>
    public int MinimumSharePercent { get; }

    /// <summary>A partial attendance counts as attended when at least this share of the meeting was attended.</summary>
    public int PartialCountsFromPercent { get; }

    /// <inheritdoc />
    public override string KindName => "ConsultationAttendanceShare";

    /// <inheritdoc />
    public string ExplainPartial(int meetingMinutes) =>
        PartialAttendance.FromShare("call", meetingMinutes, PartialCountsFromPercent, "it counts as missed, as an excused absence does");

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>The smallest whole number of calls that is at least <paramref name="percent"/>% of <paramref name="of"/>.</summary>
    public static int Needed(int of, int percent) => (of * percent + 99) / 100;

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var group = evidence.ConsultationGroup;
        if (group is null)
        {
            return Result(RequirementStatus.NotYetDecidable, 0, 0, "calls",
                "{You} {have|has} not been placed in a consultation group yet. Once in one, {do}attend at least "
                + N(MinimumSharePercent) + "% of its calls.",
                forecast: Ahead("No consultation group yet.", reachable: true, atRisk: false));
        }

        var meetings = group.Meetings;
        var attendance = evidence.ConsultationAttendance;
        int held = 0, attended = 0, remaining = 0;
        List<Finding>? missed = null;
        for (var i = 0; i < meetings.Count; i++)
        {
            var m = meetings[i];
            if (m.Cancelled)
            {
                continue;
            }
            if (m.Date > asOf)
            {
                remaining++;
                continue;
            }
            held++;
            var a = MeetingLookup.Find(attendance, m.Id, i);
            if (a is not null && MeetingLookup.CountsAsAttended(a, m.DurationMinutes, PartialCountsFromPercent))
            {
                attended++;
            }
            else
            {
                (missed ??= []).Add(new Finding(string.Create(Inv, $"Call on {m.Date:yyyy-MM-dd}"), MissText(a), m.Date));
            }
        }

        var findings = (IReadOnlyList<Finding>?)missed ?? [];
        var percentNow = Pct(attended, held, MinimumSharePercent);
        if (asOf >= group.PeriodEnd)
        {
            var neededHeld = Needed(held, MinimumSharePercent);
            if (held > 0 && attended * 100 >= held * MinimumSharePercent)
            {
                return Result(RequirementStatus.Met, attended, neededHeld, "calls",
                    string.Create(Inv, $"{{You}} attended {attended} of {held} consultation calls ({percentNow}); at least {MinimumSharePercent}% was required."), findings: findings);
            }
            return Result(RequirementStatus.NotMet, attended, neededHeld, "calls",
                string.Create(Inv, $"The consultation period ended on {D(group.PeriodEnd)}. {{You}} attended {attended} of {held} calls ({percentNow}); {neededHeld} ({MinimumSharePercent}%) were needed. This can no longer be met in this group: {{do}}talk to {{your}} trainer about joining another group or an administrator's review."), findings: findings, canStillBeMet: false);
        }

        var total = held + remaining;
        var needed = Needed(total, MinimumSharePercent);
        var mayStillMiss = attended + remaining - needed;
        Forecast forecast;
        string explanation;
        if (total == 0)
        {
            forecast = Ahead("No consultation calls are scheduled yet.", true, false, 0, 0);
            explanation = string.Create(Inv, $"No consultation calls are scheduled yet. {{Do}}attend at least {MinimumSharePercent}% of the group's calls; this is decided when the consultation period ends on {D(group.PeriodEnd)}.");
        }
        else if (mayStillMiss >= 0)
        {
            var summary = string.Create(Inv, $"{{You}} may miss {mayStillMiss} more of the {Plural(remaining, "remaining call", "remaining calls")} and still reach {MinimumSharePercent}%.");
            forecast = Ahead(summary, true, false, remaining, mayStillMiss);
            explanation = string.Create(Inv, $"So far {{you}} attended {attended} of {Plural(held, "held call", "held calls")}. To meet this, {{do}}attend at least {needed} of the {total} scheduled calls: {summary} This is decided when the consultation period ends on {D(group.PeriodEnd)}.");
        }
        else
        {
            var summary = string.Create(Inv, $"{MinimumSharePercent}% can no longer be reached: even attending all {Plural(remaining, "remaining call", "remaining calls")} gives {attended + remaining} of {total}, and {needed} are needed.");
            forecast = Ahead(summary, false, true, remaining, mayStillMiss);
            explanation = summary + " {Do}talk to {your} trainer: only a change of group or an administrator's review can help now.";
        }
        return Result(RequirementStatus.NotYetDecidable, attended, needed, "calls", explanation, forecast, findings, forecast.Reachable);
    }

    private string MissText(MeetingAttendance? a) => a?.Mark switch
    {
        null or AttendanceMark.Absent => "missed",
        AttendanceMark.Excused => "excused absence (still counts as missed)",
        AttendanceMark.Partial => string.Create(Inv, $"partial attendance ({a.MinutesPresent} min) below {PartialCountsFromPercent}% of the call"),
        _ => "missed",
    };
}

/// <summary>Shared helpers for consultation meetings.</summary>
internal static class MeetingLookup
{
    /// <summary>Finds the attendance entry for a meeting; tries index <paramref name="hint"/> first (loaders usually keep the same order).</summary>
    public static MeetingAttendance? Find(IReadOnlyList<MeetingAttendance> attendance, int meetingId, int hint)
    {
        if ((uint)hint < (uint)attendance.Count && attendance[hint].MeetingId == meetingId)
        {
            return attendance[hint];
        }
        for (var j = 0; j < attendance.Count; j++)
        {
            if (attendance[j].MeetingId == meetingId)
            {
                return attendance[j];
            }
        }
        return null;
    }

    /// <summary>Finds a meeting by id.</summary>
    public static ConsultationMeeting? FindMeeting(IReadOnlyList<ConsultationMeeting> meetings, int meetingId)
    {
        for (var j = 0; j < meetings.Count; j++)
        {
            if (meetings[j].Id == meetingId)
            {
                return meetings[j];
            }
        }
        return null;
    }

    /// <summary>Whether an attendance mark counts as attended for the call share.</summary>
    public static bool CountsAsAttended(MeetingAttendance a, int durationMinutes, int partialCountsFromPercent) => a.Mark switch
    {
        AttendanceMark.Present => true,
        AttendanceMark.Partial => (long)a.MinutesPresent * 100 >= (long)durationMinutes * partialCountsFromPercent,
        _ => false,
    };
}
