using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class MioRosteringTests
{
    private const string Rs = "mio-rostering@1";

    [Fact]
    public void Complete_evidence_is_eligible_and_has_no_next_step()
    {
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, EligibleMio(), Today);

        Assert.Equal(OverallStatus.Eligible, verdict.Status);
        Assert.All(verdict.Requirements, r => Assert.Equal(RequirementStatus.Met, r.Status));
        Assert.Null(verdict.NextStep);
        Assert.Equal(
            ["classroom-hours", "consultation-attendance", "training-cases-begun", "training-case-dose", "consent-and-recording", "audio-clips"],
            verdict.Requirements.Select(r => r.Key));
    }

    [Theory]
    [InlineData(480, 480, AttendanceMark.Present, 0, RequirementStatus.Met, 16.0)]
    [InlineData(480, 480, AttendanceMark.Partial, 450, RequirementStatus.NotMet, 15.5)]
    [InlineData(480, 480, AttendanceMark.Partial, 479, RequirementStatus.NotMet, 15.98)]
    [InlineData(480, 480, AttendanceMark.Excused, 0, RequirementStatus.NotMet, 8.0)]
    [InlineData(480, 480, AttendanceMark.Partial, 600, RequirementStatus.Met, 16.0)] // partial minutes are capped at the session length
    public void Classroom_hours_count_partial_minutes_and_need_16_hours(int first, int secondLength, AttendanceMark secondMark,
        int secondMinutes, RequirementStatus expected, double expectedHours)
    {
        var evidence = EligibleMio() with
        {
            Classroom = [new(D("2024-12-02"), first, AttendanceMark.Present), new(D("2024-12-03"), secondLength, secondMark, secondMinutes)],
        };

        var r = Evaluate(Rs, evidence, "classroom-hours");

        Assert.Equal(expected, r.Status);
        Assert.Equal((decimal)expectedHours, decimal.Round(r.Current, 2));
        Assert.Equal(16m, r.Target);
        Assert.Equal("hours", r.Unit);
    }

    [Fact]
    public void Classroom_session_after_the_evaluation_date_does_not_count()
    {
        var evidence = EligibleMio() with
        {
            Classroom = [new(D("2024-12-02"), 480, AttendanceMark.Present), new(Today.AddDays(1), 480, AttendanceMark.Present)],
        };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(Rs, evidence, "classroom-hours").Status);
    }

    [Theory]
    [InlineData(20, 14, RequirementStatus.Met)]
    [InlineData(20, 13, RequirementStatus.NotMet)]
    [InlineData(100, 70, RequirementStatus.Met)]
    [InlineData(100, 69, RequirementStatus.NotMet)]
    [InlineData(3, 2, RequirementStatus.NotMet)] // 66.7%
    [InlineData(10, 7, RequirementStatus.Met)]
    public void Consultation_attendance_needs_70_percent_compared_in_integers(int held, int attended, RequirementStatus expected)
    {
        var evidence = EligibleMio() with
        {
            ConsultationGroup = WeeklyGroup(D("2023-01-02"), held, periodEnd: D("2025-01-01")),
            ConsultationAttendance = Attendance(held, attended),
        };

        var r = Evaluate(Rs, evidence, "consultation-attendance");

        Assert.Equal(expected, r.Status);
        Assert.Equal(attended, r.Current);
        Assert.Equal(expected == RequirementStatus.Met, r.CanStillBeMet);
    }

    [Fact]
    public void Excused_absence_counts_as_an_absence()
    {
        var evidence = EligibleMio() with
        {
            ConsultationGroup = WeeklyGroup(D("2025-01-06"), 20, periodEnd: D("2025-06-01")),
            ConsultationAttendance = Attendance(20, 13, AttendanceMark.Excused),
        };

        var r = Evaluate(Rs, evidence, "consultation-attendance");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains(r.Findings, f => f.Problem.Contains("excused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(45, RequirementStatus.Met)]    // 45 of 60 minutes = 75%: counts as attended
    [InlineData(44, RequirementStatus.NotMet)] // below 75%: an absence
    public void Partial_attendance_counts_for_the_call_share_from_75_percent_of_the_meeting(int minutes, RequirementStatus expected)
    {
        var attendance = Attendance(20, 13);
        attendance[19] = new MeetingAttendance(20, AttendanceMark.Partial, minutes); // the 14th attended call
        var evidence = EligibleMio() with
        {
            ConsultationGroup = WeeklyGroup(D("2025-01-06"), 20, periodEnd: D("2025-06-01")),
            ConsultationAttendance = attendance,
        };

        Assert.Equal(expected, Evaluate(Rs, evidence, "consultation-attendance").Status);
    }

    [Fact]
    public void Cancelled_meeting_is_not_held()
    {
        // 21 scheduled, one cancelled: 14 of 20 held = 70%.
        var evidence = EligibleMio() with
        {
            ConsultationGroup = WeeklyGroup(D("2025-01-06"), 21, periodEnd: D("2025-06-01"), cancelledIds: 21),
            ConsultationAttendance = Attendance(21, 14),
        };

        var r = Evaluate(Rs, evidence, "consultation-attendance");

        Assert.Equal(RequirementStatus.Met, r.Status);
        Assert.Contains("14 of 20", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Meeting_after_the_evaluation_date_is_not_held_and_the_period_is_not_over()
    {
        // 10 weekly calls, evaluation on the day before call 6: 5 held, all attended; 5 remaining.
        var group = WeeklyGroup(D("2025-05-05"), 10, periodEnd: D("2025-07-07"));
        var asOf = D("2025-06-08");
        var evidence = EligibleMio() with { ConsultationGroup = group, ConsultationAttendance = Attendance(5, 5) };

        var r = Evaluate(Rs, evidence, "consultation-attendance", asOf);

        Assert.Equal(RequirementStatus.NotYetDecidable, r.Status);
        Assert.Equal(5, r.Current);
        Assert.Equal(7, r.Target); // 70% of 10 scheduled
        Assert.NotNull(r.Forecast);
        Assert.Equal(5, r.Forecast.RemainingScheduled);
        Assert.Equal(3, r.Forecast.MayStillMiss);
        Assert.False(r.Forecast.AtRisk);
        Assert.Contains("You may miss 3 more of the 5 remaining calls", r.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3, true, OverallStatus.NotYetEligible)]
    [InlineData(2, 1, true, OverallStatus.NotYetEligible)]
    [InlineData(3, 0, true, OverallStatus.NotYetEligible)]        // no slack left, but still reachable
    [InlineData(4, -1, false, OverallStatus.CannotBecomeEligible)] // out of reach: 1 + 5 remaining < 7 of 10
    public void Consultation_forecast_becomes_out_of_reach_when_70_percent_cannot_be_reached(int missed, int mayStillMiss,
        bool reachable, OverallStatus overall)
    {
        // 10 weekly calls; evaluation on the day before call 6: 5 held, 5 remaining, 7 needed.
        var group = WeeklyGroup(D("2025-05-05"), 10, periodEnd: D("2025-07-07"));
        var evidence = EligibleMio() with { ConsultationGroup = group, ConsultationAttendance = Attendance(5, 5 - missed) };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, D("2025-06-08"));
        var r = verdict["consultation-attendance"]!;

        Assert.Equal(RequirementStatus.NotYetDecidable, r.Status);
        Assert.NotNull(r.Forecast);
        Assert.Equal(mayStillMiss, r.Forecast.MayStillMiss);
        Assert.Equal(reachable, r.Forecast.Reachable);
        Assert.Equal(!reachable, r.Forecast.AtRisk);
        Assert.Equal(!reachable, verdict.AtRisk);
        Assert.Equal(reachable, r.CanStillBeMet);
        Assert.Equal(overall, verdict.Status);
    }

    [Fact]
    public void Out_of_reach_attendance_is_the_next_step()
    {
        var group = WeeklyGroup(D("2025-05-05"), 10, periodEnd: D("2025-07-07"));
        var evidence = EligibleMio() with { ConsultationGroup = group, ConsultationAttendance = Attendance(5, 1), Clips = Clips(2) };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, D("2025-06-09"));

        Assert.Equal("consultation-attendance", verdict.NextStep?.RequirementKey);
        Assert.Contains("can no longer be reached", verdict.NextStep!.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_consultation_group_attendance_is_not_yet_decidable()
    {
        var evidence = EligibleMio() with { ConsultationGroup = null, ConsultationAttendance = [] };

        var r = Evaluate(Rs, evidence, "consultation-attendance");

        Assert.Equal(RequirementStatus.NotYetDecidable, r.Status);
        Assert.True(r.CanStillBeMet);
    }

    [Theory]
    [InlineData(1, RequirementStatus.NotMet)]
    [InlineData(2, RequirementStatus.Met)]
    [InlineData(3, RequirementStatus.Met)]
    public void Two_training_cases_must_have_begun(int cases, RequirementStatus expected)
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [.. Enumerable.Range(1, cases).Select(i => Case("TC-" + i, D("2025-01-01"), D("2025-01-06"), 8))],
        };

        Assert.Equal(expected, Evaluate(Rs, evidence, "training-cases-begun").Status);
    }

    [Fact]
    public void Training_case_without_a_session_has_not_begun()
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [Case("TC-1", D("2025-01-01"), D("2025-01-06"), 8), new TrainingCase("TC-2", D("2025-01-01"), [])],
        };

        var r = Evaluate(Rs, evidence, "training-cases-begun");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(1, r.Current);
    }

    [Theory]
    [InlineData(7, RequirementStatus.NotMet)]
    [InlineData(8, RequirementStatus.Met)]
    public void One_training_case_needs_at_least_8_sessions(int sessions, RequirementStatus expected)
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [Case("TC-1", D("2025-01-01"), D("2025-01-06"), sessions), Case("TC-2", D("2025-01-01"), D("2025-01-06"), 7)],
        };

        var r = Evaluate(Rs, evidence, "training-case-dose");

        Assert.Equal(expected, r.Status);
        Assert.Equal(sessions, r.Current);
        Assert.Equal(8, r.Target);
    }

    [Fact]
    public void Sessions_split_across_cases_do_not_add_up_to_the_dose()
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [Case("TC-1", D("2025-01-01"), D("2025-01-06"), 4), Case("TC-2", D("2025-01-01"), D("2025-01-06"), 4)],
        };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(Rs, evidence, "training-case-dose").Status);
    }

    [Theory]
    [InlineData("2025-01-06", RequirementStatus.Met)]    // consent on the day of the first session
    [InlineData("2025-01-05", RequirementStatus.Met)]    // before
    [InlineData("2025-01-07", RequirementStatus.NotMet)] // one day after the first session
    public void Consent_must_be_on_or_before_the_first_session(string consent, RequirementStatus expected)
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [Case("TC-1", D(consent), D("2025-01-06"), 8), Case("TC-2", D("2025-01-01"), D("2025-01-06"), 2)],
        };

        var r = Evaluate(Rs, evidence, "consent-and-recording");

        Assert.Equal(expected, r.Status);
        Assert.Equal(expected == RequirementStatus.NotMet, r.Findings.Any(f => f.Item == "TC-1" && f.Problem.Contains("after the first session", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unrecorded_session_breaks_consent_and_recording_and_is_listed()
    {
        var tc1 = Case("TC-1", D("2025-01-01"), D("2025-01-06"), 8);
        var sessions = tc1.Sessions.ToList();
        sessions[3] = sessions[3] with { Recorded = false };
        var evidence = EligibleMio() with { TrainingCases = [tc1 with { Sessions = sessions }, Case("TC-2", D("2025-01-01"), D("2025-01-06"), 2)] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, Today);
        var r = verdict["consent-and-recording"]!;

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        var finding = Assert.Single(r.Findings);
        Assert.Equal("TC-1 session on 2025-01-27", finding.Item);
        Assert.Equal("not recorded", finding.Problem);
        Assert.Equal(9, r.Current);
        Assert.Equal(10, r.Target);
        Assert.Equal(OverallStatus.NotYetEligible, verdict.Status);
    }

    [Fact]
    public void Missing_consent_is_listed()
    {
        var evidence = EligibleMio() with
        {
            TrainingCases = [new TrainingCase("TC-1", null, [new CaseSession(D("2025-01-06"), true)]), Case("TC-2", D("2025-01-01"), D("2025-01-06"), 8)],
        };

        var r = Evaluate(Rs, evidence, "consent-and-recording");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains(r.Findings, f => f.Item == "TC-1" && f.Problem.StartsWith("no consent", StringComparison.Ordinal));
    }

    [Fact]
    public void Consent_and_recording_is_not_decidable_before_any_session()
    {
        var evidence = EligibleMio() with { TrainingCases = [] };

        Assert.Equal(RequirementStatus.NotYetDecidable, Evaluate(Rs, evidence, "consent-and-recording").Status);
    }

    [Theory]
    [InlineData(5, RequirementStatus.NotMet)]
    [InlineData(6, RequirementStatus.Met)]
    public void Six_clips_are_required(int clips, RequirementStatus expected)
    {
        var evidence = EligibleMio() with { Clips = Clips(clips) };

        var r = Evaluate(Rs, evidence, "audio-clips");

        Assert.Equal(expected, r.Status);
        Assert.Equal(clips, r.Current);
    }

    public enum ClipFlaw { MissedMeeting, ExcusedMeeting, NotDeIdentified, NoFeedback, BlankFeedback, SameClipTwice, CancelledMeeting, FutureMeeting, OtherGroup }

    [Theory]
    [InlineData(ClipFlaw.MissedMeeting, "not attended")]
    [InlineData(ClipFlaw.ExcusedMeeting, "not attended")]
    [InlineData(ClipFlaw.NotDeIdentified, "de-identified")]
    [InlineData(ClipFlaw.NoFeedback, "feedback")]
    [InlineData(ClipFlaw.BlankFeedback, "feedback")]
    [InlineData(ClipFlaw.SameClipTwice, null)]
    [InlineData(ClipFlaw.CancelledMeeting, "cancelled")]
    [InlineData(ClipFlaw.FutureMeeting, "not taken place")]
    [InlineData(ClipFlaw.OtherGroup, "consultation group")]
    public void A_flawed_sixth_clip_does_not_count(ClipFlaw flaw, string? problem)
    {
        var clips = Clips(6);
        var attendance = Attendance(24, 24);
        var group = WeeklyGroup(D("2025-01-06"), 24, periodEnd: D("2025-06-20"), cancelledIds: flaw == ClipFlaw.CancelledMeeting ? [6] : []);
        switch (flaw)
        {
            case ClipFlaw.MissedMeeting: attendance[5] = new MeetingAttendance(6, AttendanceMark.Absent); break;
            case ClipFlaw.ExcusedMeeting: attendance[5] = new MeetingAttendance(6, AttendanceMark.Excused); break;
            case ClipFlaw.NotDeIdentified: clips[5] = clips[5] with { DeIdentified = false }; break;
            case ClipFlaw.NoFeedback: clips[5] = clips[5] with { Feedback = null }; break;
            case ClipFlaw.BlankFeedback: clips[5] = clips[5] with { Feedback = "  " }; break;
            case ClipFlaw.SameClipTwice: clips[5] = clips[5] with { ClipCode = "CLIP-1" }; break;
            case ClipFlaw.CancelledMeeting: break;
            case ClipFlaw.FutureMeeting: clips[5] = clips[5] with { MeetingId = 24 }; break;
            case ClipFlaw.OtherGroup: clips[5] = clips[5] with { MeetingId = 999 }; break;
        }
        var evidence = EligibleMio() with { ConsultationGroup = group, ConsultationAttendance = attendance, Clips = clips };

        var r = Evaluate(Rs, evidence, "audio-clips", flaw == ClipFlaw.FutureMeeting ? D("2025-06-01") : null);

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(5, r.Current);
        if (problem is not null)
        {
            Assert.Contains(r.Findings, f => f.Item == "Clip clip-6" && f.Problem.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Clip_played_in_a_meeting_attended_partially_counts()
    {
        var attendance = Attendance(24, 24);
        attendance[5] = new MeetingAttendance(6, AttendanceMark.Partial, 10);
        var evidence = EligibleMio() with { ConsultationAttendance = attendance };

        Assert.Equal(RequirementStatus.Met, Evaluate(Rs, evidence, "audio-clips").Status);
    }

    [Fact]
    public void Next_step_is_the_first_blocking_unmet_requirement()
    {
        var evidence = EligibleMio() with { Clips = Clips(4), Classroom = [] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, Today);

        Assert.Equal(OverallStatus.NotYetEligible, verdict.Status);
        Assert.Equal("classroom-hours", verdict.NextStep?.RequirementKey);
        Assert.Contains("Attend 16 more hours", verdict.NextStep!.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_step_while_only_attendance_is_open_is_the_attendance_forecast()
    {
        var group = WeeklyGroup(D("2025-05-05"), 10, periodEnd: D("2025-07-07"));
        var evidence = EligibleMio() with { ConsultationGroup = group, ConsultationAttendance = Attendance(10, 10) };

        // On the day of call 6: the call is held and its clip counts (end of day).
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, D("2025-06-09"));

        Assert.Equal(OverallStatus.NotYetEligible, verdict.Status);
        Assert.Equal(new NextStep("consultation-attendance", "You may miss 3 more of the 4 remaining calls and still reach 70%."), verdict.NextStep);
    }
}
