using TrainingPortal.Domain.Programs;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// What a certificate states beyond the verdict: the training hours it prints, the continuing-education
/// hours (only where the rule set awards them), and until when an endorsement holds without renewal.
/// Pure functions of the rule set, the evidence and a date.
/// </summary>
public static class CertificateTerms
{
    /// <summary>
    /// Face-to-face training hours attended, for the programs whose certificates print hours (each program's
    /// <see cref="ProgramDefinition.CertificateHours"/>: MIO rostering counts classroom plus consultation meetings,
    /// Train-the-Trainer its live sessions, the IMH course its course sessions). Present counts the meeting's length,
    /// partial its minutes present; absences, excused absences, make-ups and cancelled or future meetings count nothing.
    /// Null for endorsements and renewals, whose certificates do not print hours, and when no attended minute is on record.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The rule set's program is not in the program catalog.</exception>
    public static decimal? Hours(RuleSet ruleSet, Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return Hours(ProgramCatalog.Default.Get(ruleSet.Key), evidence, asOf);
    }

    /// <summary>The hours <paramref name="program"/>'s certificate prints (see <see cref="Hours(RuleSet, Evidence, DateOnly)"/>).</summary>
    public static decimal? Hours(ProgramDefinition program, Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.CertificateHours.For(evidence, asOf);
    }

    /// <summary>
    /// CE hours to print: null unless the rule set awards continuing-education credit and the person holds a
    /// current qualifying licence (then the face-to-face hours of <see cref="ContinuingEducation.Calculate"/>).
    /// </summary>
    public static decimal? ContinuingEducationHours(RuleSet ruleSet, Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        if (ruleSet.ContinuingEducation is null)
        {
            return null;
        }
        var ce = ContinuingEducation.Calculate(ruleSet, evidence, asOf);
        return ce.Eligible ? ce.Hours : null;
    }

    /// <summary>
    /// The last day an endorsement awarded (or renewed) on <paramref name="on"/> holds without a further
    /// renewal: the due date of the cycle after the one <paramref name="on"/> falls in. Awarded on
    /// 14 March 2026 with the yearly cycle due 31 January: the 2027 renewal is due 31 January 2028, so the
    /// endorsement holds through 31 January 2028 and lapses on 1 February 2028 unless renewed.
    /// A renewal approved on 20 January 2027 (for 2026) likewise moves it to 31 January 2028.
    /// </summary>
    public static DateOnly EndorsementValidThrough(DateOnly on, RenewalCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.PeriodFor(on).Due.AddYears(cycle.CycleYears);
    }

    /// <summary>Minutes attended in the consultation group's past, uncancelled meetings (present: the length; partial: the minutes present).</summary>
    internal static int ConsultationMinutes(Evidence evidence, DateOnly asOf)
    {
        if (evidence.ConsultationGroup is not { } group)
        {
            return 0;
        }
        var marks = new Dictionary<int, MeetingAttendance>();
        foreach (var a in evidence.ConsultationAttendance)
        {
            marks[a.MeetingId] = a;
        }
        var minutes = 0;
        foreach (var m in group.Meetings)
        {
            if (m.Cancelled || m.Date >= asOf || !marks.TryGetValue(m.Id, out var a))
            {
                continue;
            }
            minutes += Attended(a.Mark, m.DurationMinutes, a.MinutesPresent);
        }
        return minutes;
    }

    private static int Attended(AttendanceMark mark, int length, int minutesPresent) => mark switch
    {
        AttendanceMark.Present => Math.Max(0, length),
        AttendanceMark.Partial => Math.Clamp(minutesPresent, 0, Math.Max(0, length)),
        _ => 0,
    };
}
