using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Domain.Tests;

/// <summary>Small builders for evidence used across the tests.</summary>
internal static class Build
{
    public static readonly DateOnly Today = new(2025, 6, 30);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A group with <paramref name="count"/> weekly 60-minute meetings (ids 1..count) starting on <paramref name="first"/>.</summary>
    public static ConsultationGroup WeeklyGroup(DateOnly first, int count, DateOnly periodEnd, params int[] cancelledIds)
    {
        var meetings = new List<ConsultationMeeting>();
        for (var i = 0; i < count; i++)
        {
            meetings.Add(new ConsultationMeeting(i + 1, first.AddDays(7 * i), cancelledIds.Contains(i + 1)));
        }
        return new ConsultationGroup(periodEnd, meetings);
    }

    /// <summary>Attendance for meetings 1..n: the first <paramref name="present"/> present, the rest <paramref name="otherwise"/>.</summary>
    public static List<MeetingAttendance> Attendance(int meetings, int present, AttendanceMark otherwise = AttendanceMark.Absent)
    {
        var list = new List<MeetingAttendance>();
        for (var i = 1; i <= meetings; i++)
        {
            list.Add(new MeetingAttendance(i, i <= present ? AttendanceMark.Present : otherwise));
        }
        return list;
    }

    public static TrainingCase Case(string code, DateOnly consent, DateOnly firstSession, int sessions, bool recorded = true)
    {
        var list = new List<CaseSession>();
        for (var i = 0; i < sessions; i++)
        {
            list.Add(new CaseSession(firstSession.AddDays(7 * i), recorded));
        }
        return new TrainingCase(code, consent, list);
    }

    public static List<ClipPresentation> Clips(int count, int firstMeetingId = 1) =>
        Enumerable.Range(0, count)
            .Select(i => new ClipPresentation("clip-" + (i + 1), firstMeetingId + i, DeIdentified: true, Feedback: "Good use of curiosity."))
            .ToList();

    /// <summary>Complete MIO rostering evidence: eligible as of <see cref="Today"/>.</summary>
    public static Evidence EligibleMio()
    {
        var group = WeeklyGroup(D("2025-01-06"), 24, periodEnd: D("2025-06-20"));
        return new Evidence
        {
            Classroom = [new(D("2024-12-02"), 480, AttendanceMark.Present), new(D("2024-12-03"), 480, AttendanceMark.Present)],
            ConsultationGroup = group,
            ConsultationAttendance = Attendance(24, 24),
            TrainingCases =
            [
                Case("TC-1", D("2025-01-10"), D("2025-01-10"), 9),
                Case("TC-2", D("2025-02-01"), D("2025-02-03"), 3),
            ],
            Clips = Clips(6),
        };
    }

    public static RequirementResult Evaluate(string ruleSetId, Evidence evidence, string key, DateOnly? asOf = null)
    {
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(ruleSetId)!, evidence, asOf ?? Today);
        return verdict[key] ?? throw new InvalidOperationException("no requirement " + key);
    }
}
