using TrainingPortal.Web.Data;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>The Development seed puts the demo people where the README promises, judged by the real engine as of today.</summary>
public sealed class DemoProgramsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<IReadOnlyList<EnrollmentVerdict>> VerdictsAsync(string email) =>
        await factory.WithScopeAsync(async services =>
        {
            var user = await factory.FindAsync(email);
            return await services.GetRequiredService<EligibilityService>().ForPersonAsync(user!.Id);
        });

    private async Task<EnrollmentVerdict> VerdictAsync(string email, string program) =>
        Assert.Single(await VerdictsAsync(email), v => v.Enrollment.ProgramKey == program);

    [Fact]
    public async Task Dana_is_at_risk_one_call_short_in_trainers_group()
    {
        var dana = await VerdictAsync("trainee@demo.local", DefaultRuleSets.Keys.MioRostering);

        var calls = dana.Verdict["consultation-attendance"]!;
        Assert.True(dana.Verdict.AtRisk);
        Assert.Equal(-1, calls.Forecast!.MayStillMiss);
        Assert.Equal(OverallStatus.CannotBecomeEligible, dana.Verdict.Status);
        Assert.Equal(RequirementStatus.Waived, dana.Verdict["training-case-dose"]!.Status);
    }

    [Fact]
    public async Task Priya_is_just_eligible_for_rostering()
    {
        var priya = await VerdictAsync("trainee2@demo.local", DefaultRuleSets.Keys.MioRostering);

        Assert.Equal(OverallStatus.Eligible, priya.Verdict.Status);
        Assert.Equal(18m, priya.Verdict["consultation-attendance"]!.Current);
        Assert.Equal(18m, priya.Verdict["consultation-attendance"]!.Target);
        Assert.Equal(16m, priya.Verdict["classroom-hours"]!.Current);
        Assert.Equal(8m, priya.Verdict["training-case-dose"]!.Current);
        Assert.Equal(6m, priya.Verdict["audio-clips"]!.Current);
    }

    [Fact]
    public async Task Marcus_has_all_course_sessions_through_a_make_up_and_one_reading_left()
    {
        var marcus = await VerdictAsync("trainee3@demo.local", DefaultRuleSets.Keys.ImhCourse);

        Assert.Equal(RequirementStatus.Met, marcus.Verdict["sessions"]!.Status);
        Assert.Contains(marcus.Evidence.CourseSessions, s => s.Mark == AttendanceMark.Absent && s.MadeUp);
        Assert.Equal(RequirementStatus.NotMet, marcus.Verdict["independent-learning"]!.Status);
        Assert.Equal("independent-learning", marcus.Verdict.NextStep!.RequirementKey);
    }

    [Fact]
    public async Task Hannah_on_level_III_version_2_waits_only_for_references()
    {
        var hannah = await VerdictAsync("trainee4@demo.local", DefaultRuleSets.Keys.ImhEndorsementL3);

        Assert.Equal("imh-endorsement-l3@2", hannah.RuleSet.Id);
        Assert.Equal(1m, hannah.Verdict["references"]!.Current); // one of three received, two pending
        Assert.Equal(["references"], hannah.Verdict.Requirements.Where(r => r.Blocking && !r.IsSatisfied).Select(r => r.Key));
    }

    [Fact]
    public async Task Jose_renews_the_level_III_his_certificate_says_he_holds()
    {
        var jose = await factory.FindAsync("trainee5@demo.local");
        var held = await factory.WithScopeAsync(services => services.GetRequiredService<Web.Renewals.RenewalService>().HeldAsync([jose!.Id]));

        var endorsement = held[jose!.Id];
        Assert.Equal(EndorsementLevel.LevelIII, endorsement.Level);
        var certificate = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == endorsement.CertificateId));
        Assert.Equal(DefaultRuleSets.Keys.ImhEndorsementL3, certificate.ProgramKey);
        Assert.Null(certificate.RevokedOn);
        var renewal = await VerdictAsync("trainee5@demo.local", DefaultRuleSets.Keys.ImhRenewal);
        Assert.Equal(EndorsementLevel.LevelIII, renewal.Evidence.HeldEndorsement);
    }

    [Fact]
    public async Task Jose_on_level_IV_clinical_has_RSC_hours_about_to_fall_out_of_the_window()
    {
        var jose = await VerdictAsync("trainee5@demo.local", DefaultRuleSets.Keys.ImhEndorsementL4);

        var rsc = jose.Verdict["reflective-supervision"]!;
        Assert.Equal(["reflective-supervision"], jose.Verdict.Requirements.Where(r => r.Blocking && !r.IsSatisfied).Select(r => r.Key));
        Assert.Equal(46m, rsc.Current);
        var today = jose.Verdict.AsOf;
        Assert.InRange(rsc.Forecast!.OldestCountedExpiresOn!.Value, today, today.AddDays(40));
    }

    [Fact]
    public async Task Grace_is_halfway_through_train_the_trainer()
    {
        var grace = await VerdictAsync("trainee6@demo.local", DefaultRuleSets.Keys.MioTrainTheTrainer);

        Assert.Equal(RequirementStatus.Met, grace.Verdict["rostered"]!.Status);
        Assert.Equal(RequirementStatus.Met, grace.Verdict["fidelity"]!.Status);
        Assert.Equal(RequirementStatus.NotMet, grace.Verdict["homework"]!.Status);
        Assert.Equal(OverallStatus.NotYetEligible, grace.Verdict.Status);
    }

    [Fact]
    public async Task Every_program_has_someone_and_seeding_again_adds_nothing()
    {
        var programs = await factory.WithDbAsync(db => db.Enrollments.Select(e => e.ProgramKey).Distinct().ToListAsync());
        Assert.Equal(RuleSetCatalog.Default.ProgramKeys.Order(StringComparer.Ordinal), programs.Order(StringComparer.Ordinal));
        var before = await factory.WithDbAsync(db => db.Enrollments.CountAsync());
        var attendance = await factory.WithDbAsync(db => db.Attendance.CountAsync());

        await factory.WithScopeAsync(async services =>
        {
            await DemoPrograms.SeedAsync(services);
            return 0;
        });

        Assert.Equal(before, await factory.WithDbAsync(db => db.Enrollments.CountAsync()));
        Assert.Equal(attendance, await factory.WithDbAsync(db => db.Attendance.CountAsync()));
        var trainers = await factory.WithDbAsync(db => db.Groups.Where(g => g.TrainerId != null).Select(g => g.TrainerId).Distinct().CountAsync());
        Assert.Equal(2, trainers);
        var codes = await factory.WithDbAsync(db => db.TrainingCases.Select(c => c.Code).Distinct().ToListAsync());
        Assert.All(codes, c => Assert.Matches("^TC-[0-9]+$", c)); // pseudonymous codes only
    }
}
