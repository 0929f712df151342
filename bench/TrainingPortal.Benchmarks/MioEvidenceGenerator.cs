using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Benchmarks;

/// <summary>
/// Realistic MIO rostering evidence: groups of 4 clinicians sharing one schedule of 26 weekly calls
/// (one cancelled per group), attendance between ~60% and 100% with excused and partial marks,
/// 16 classroom hours in 2 days (some partial), 2 training cases × 12 sessions and 8 clips each.
/// Half of the groups have finished their period on the evaluation date, half are in progress.
/// Deterministic (seeded).
/// </summary>
public static class MioEvidenceGenerator
{
    /// <summary>The evaluation date used by the benchmark.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    /// <summary>Generates <paramref name="count"/> evidence snapshots.</summary>
    public static Evidence[] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var result = new Evidence[count];
        ConsultationGroup? group = null;
        for (var i = 0; i < count; i++)
        {
            if (i % 4 == 0)
            {
                group = Group(random, finished: i % 8 == 0);
            }
            result[i] = Clinician(random, group!);
        }
        return result;
    }

    private static ConsultationGroup Group(Random random, bool finished)
    {
        var first = finished ? new DateOnly(2024, 12, 2).AddDays(random.Next(0, 14)) : new DateOnly(2025, 2, 3).AddDays(random.Next(0, 14));
        var cancelled = random.Next(26);
        var meetings = new ConsultationMeeting[26];
        for (var m = 0; m < meetings.Length; m++)
        {
            meetings[m] = new ConsultationMeeting(m + 1, first.AddDays(7 * m), Cancelled: m == cancelled, DurationMinutes: 60);
        }
        return new ConsultationGroup(first.AddDays(7 * 25), meetings);
    }

    private static Evidence Clinician(Random random, ConsultationGroup group)
    {
        var attendRate = 0.6 + random.NextDouble() * 0.4;
        var attendance = new MeetingAttendance[group.Meetings.Count];
        for (var m = 0; m < attendance.Length; m++)
        {
            var roll = random.NextDouble();
            attendance[m] = roll < attendRate ? new MeetingAttendance(m + 1, AttendanceMark.Present)
                : roll < attendRate + 0.05 ? new MeetingAttendance(m + 1, AttendanceMark.Partial, random.Next(20, 60))
                : roll < attendRate + 0.15 ? new MeetingAttendance(m + 1, AttendanceMark.Excused)
                : new MeetingAttendance(m + 1, AttendanceMark.Absent);
        }

        var start = group.Meetings[0].Date;
        var cases = new TrainingCase[2];
        for (var c = 0; c < cases.Length; c++)
        {
            var firstSession = start.AddDays(random.Next(0, 30));
            var sessions = new CaseSession[12];
            for (var s = 0; s < sessions.Length; s++)
            {
                sessions[s] = new CaseSession(firstSession.AddDays(7 * s), Recorded: random.NextDouble() > 0.01);
            }
            var consent = firstSession.AddDays(random.NextDouble() < 0.02 ? 1 : -random.Next(0, 5));
            cases[c] = new TrainingCase("TC-" + (c + 1), consent, sessions);
        }

        var clips = new ClipPresentation[8];
        for (var k = 0; k < clips.Length; k++)
        {
            var meetingId = 3 + k * 2 + random.Next(0, 2);
            clips[k] = new ClipPresentation("clip-" + (k + 1), meetingId, DeIdentified: random.NextDouble() > 0.03,
                Feedback: random.NextDouble() > 0.05 ? "Trainer feedback on mentalizing stance." : null);
        }

        var partialMinutes = random.NextDouble() < 0.1 ? random.Next(300, 480) : 480;
        return new Evidence
        {
            Classroom =
            [
                new ClassroomAttendance(start.AddDays(-30), 480, AttendanceMark.Present),
                new ClassroomAttendance(start.AddDays(-29), 480, partialMinutes == 480 ? AttendanceMark.Present : AttendanceMark.Partial, partialMinutes),
            ],
            ConsultationGroup = group,
            ConsultationAttendance = attendance,
            TrainingCases = cases,
            Clips = clips,
        };
    }
}
