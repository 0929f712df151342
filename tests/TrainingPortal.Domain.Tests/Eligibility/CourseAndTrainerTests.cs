using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class CourseAndTrainerTests
{
    private const string Course = "imh-course@1";
    private const string Ttt = "mio-ttt@1";

    private static List<ScheduledSession> Sessions(int count, int attended, DateOnly first, bool madeUpRest = false) =>
        [.. Enumerable.Range(0, count).Select(i => new ScheduledSession(first.AddDays(7 * i),
            i < attended ? AttendanceMark.Present : AttendanceMark.Absent, MadeUp: i >= attended && madeUpRest))];

    [Theory]
    [InlineData(11, false, RequirementStatus.Met)]
    [InlineData(10, false, RequirementStatus.NotMet)]
    [InlineData(10, true, RequirementStatus.Met)] // the missed session was made up
    public void Course_needs_all_11_sessions_or_make_ups(int attended, bool madeUp, RequirementStatus expected)
    {
        var evidence = new Evidence { CourseSessions = Sessions(11, attended, D("2025-03-03"), madeUp) };

        var r = Evaluate(Course, evidence, "sessions");

        Assert.Equal(expected, r.Status);
        Assert.Equal(11, r.Target);
    }

    [Fact]
    public void A_cohort_can_set_its_own_minimum()
    {
        var evidence = new Evidence { CourseSessions = Sessions(11, 10, D("2025-03-03")), CohortMinimumSessions = 10 };

        Assert.Equal(RequirementStatus.Met, Evaluate(Course, evidence, "sessions").Status);
    }

    [Fact]
    public void Independent_learning_needs_every_item_complete()
    {
        var evidence = new Evidence { IndependentLearning = [new("Reading 1", true), new("Exercise 1", false)] };

        var r = Evaluate(Course, evidence, "independent-learning");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal("Exercise 1", Assert.Single(r.Findings).Item);
    }

    [Theory]
    [InlineData("LCSW", true, 16.5)]
    [InlineData("lmsw", true, 16.5)]
    [InlineData("LMHC", true, 16.5)]
    [InlineData("LCAT", true, 16.5)]
    [InlineData("LMFT", false, 0)]
    [InlineData("RN", false, 0)]
    public void CE_hours_only_for_LMSW_LCSW_LMHC_LCAT(string licence, bool eligible, double hours)
    {
        var evidence = new Evidence { CourseSessions = Sessions(11, 11, D("2025-03-03")), Licences = [new Licence(licence)] };

        var ce = ContinuingEducation.Calculate(RuleSetCatalog.Default.Find(Course)!, evidence, Today);

        Assert.Equal(eligible, ce.Eligible);
        Assert.Equal((decimal)hours, ce.Hours);
    }

    [Fact]
    public void CE_hours_count_only_face_to_face_attendance()
    {
        var sessions = Sessions(11, 9, D("2025-03-03"), madeUpRest: true); // 2 make-ups earn no CE
        sessions[0] = sessions[0] with { Mark = AttendanceMark.Partial, MinutesPresent = 60 };
        var evidence = new Evidence { CourseSessions = sessions, Licences = [new Licence("LCSW")] };

        var ce = ContinuingEducation.Calculate(RuleSetCatalog.Default.Find(Course)!, evidence, Today);

        Assert.Equal(13m, ce.Hours); // 8 × 1.5 h + 1 h
    }

    [Fact]
    public void An_expired_licence_earns_no_CE()
    {
        var evidence = new Evidence { CourseSessions = Sessions(11, 11, D("2025-03-03")), Licences = [new Licence("LCSW", Today.AddDays(-1))] };

        Assert.False(ContinuingEducation.Calculate(RuleSetCatalog.Default.Find(Course)!, evidence, Today).Eligible);
    }

    internal static Evidence EligibleTtt() => new()
    {
        Certificates = [new HeldCertificate("mio-rostering", D("2024-09-01"))],
        FidelityReviews = [new FidelityReview(D("2024-10-01"), FidelityOutcome.Adherent)],
        LiveSessions = Sessions(6, 6, D("2025-02-03")),
        Homework = [new HomeworkAssignment("Module 1", true, true), new HomeworkAssignment("Module 2", true, true)],
    };

    [Fact]
    public void Complete_train_the_trainer_evidence_is_eligible()
    {
        Assert.Equal(OverallStatus.Eligible, RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Ttt)!, EligibleTtt(), Today).Status);
    }

    [Theory]
    [InlineData(null, RequirementStatus.Met)]
    [InlineData("2025-06-30", RequirementStatus.NotMet)] // revoked on the evaluation date
    [InlineData("2025-07-01", RequirementStatus.Met)]    // revocation not yet effective
    public void Rostered_needs_an_active_rostering_certificate(string? revokedOn, RequirementStatus expected)
    {
        var evidence = EligibleTtt() with
        {
            Certificates = [new HeldCertificate("mio-rostering", D("2024-09-01"), revokedOn is null ? null : D(revokedOn))],
        };

        Assert.Equal(expected, Evaluate(Ttt, evidence, "rostered").Status);
    }

    [Fact]
    public void A_certificate_of_another_program_is_not_rostering()
    {
        var evidence = EligibleTtt() with { Certificates = [new HeldCertificate("imh-course", D("2024-09-01"))] };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(Ttt, evidence, "rostered").Status);
    }

    [Theory]
    [InlineData(FidelityOutcome.Adherent, FidelityOutcome.NotYetAdherent, RequirementStatus.Met)]
    [InlineData(FidelityOutcome.NotYetAdherent, FidelityOutcome.Adherent, RequirementStatus.NotMet)] // the most recent review decides
    public void Fidelity_is_decided_by_the_most_recent_review(FidelityOutcome latest, FidelityOutcome earlier, RequirementStatus expected)
    {
        var evidence = EligibleTtt() with
        {
            FidelityReviews = [new FidelityReview(D("2024-10-01"), earlier), new FidelityReview(D("2025-01-01"), latest)],
        };

        Assert.Equal(expected, Evaluate(Ttt, evidence, "fidelity").Status);
    }

    [Theory]
    [InlineData(6, false, RequirementStatus.Met)]
    [InlineData(5, false, RequirementStatus.NotMet)]
    [InlineData(5, true, RequirementStatus.Met)]
    public void Live_sessions_need_100_percent_with_make_ups(int attended, bool madeUp, RequirementStatus expected)
    {
        var evidence = EligibleTtt() with { LiveSessions = Sessions(6, attended, D("2025-02-03"), madeUp) };

        Assert.Equal(expected, Evaluate(Ttt, evidence, "live-sessions").Status);
    }

    [Fact]
    public void Excused_live_session_without_make_up_is_missed()
    {
        var sessions = Sessions(6, 6, D("2025-02-03"));
        sessions[2] = sessions[2] with { Mark = AttendanceMark.Excused };
        var evidence = EligibleTtt() with { LiveSessions = sessions };

        var r = Evaluate(Ttt, evidence, "live-sessions");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains("make-up", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Homework_submitted_but_not_accepted_is_open()
    {
        var evidence = EligibleTtt() with { Homework = [new HomeworkAssignment("Module 1", true, true), new HomeworkAssignment("Module 2", true, false)] };

        var r = Evaluate(Ttt, evidence, "homework");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains("awaiting acceptance", Assert.Single(r.Findings).Problem, StringComparison.Ordinal);
    }
}
