using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Notifications;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Notifications;

/// <summary>The administrators' daily digest, the trainers' weekly digest and the hours-leaving-the-window reminder.</summary>
public sealed class DigestTests
{
    private static async Task<string> PersonInAsync(PortalFactory factory, string zoneId, string role)
    {
        var user = await factory.CreateAsync(role);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zoneId)));
        return user.Id;
    }

    [Fact]
    public async Task Administrators_get_one_daily_summary_each_morning_in_their_zone_when_something_waits()
    {
        using var factory = new PortalFactory();
        var admin = await PersonInAsync(factory, "Australia/Sydney", Roles.Administrator);
        var trainee = await PersonInAsync(factory, "Australia/Sydney", Roles.Trainee);
        await using (var db = factory.NewContext())
        {
            db.JoinRequests.Add(new JoinRequest { PersonId = trainee, ProgramKey = DefaultRuleSets.Keys.MioRostering, CreatedUtc = factory.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }
        var eight = factory.Next(null, 8, "Australia/Sydney");

        factory.Time.SetUtcNow(eight.AddMinutes(-1));
        await factory.RunNotificationsAsync();
        Assert.Empty(await factory.NotificationsOfAsync(admin));
        factory.Time.SetUtcNow(eight);
        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(eight.AddHours(5));
        await factory.RunNotificationsAsync();

        var digest = Assert.Single(await factory.NotificationsOfAsync(admin));
        Assert.Equal(NotificationKind.AdministratorDigest, digest.Kind);
        Assert.Matches(@"- [1-9]\d* open requests to join a program", digest.Body);
        Assert.Empty(await factory.NotificationsOfAsync(trainee)); // not an administrator

        factory.Time.SetUtcNow(eight.AddDays(1));
        await factory.RunNotificationsAsync();
        Assert.Equal(2, (await factory.NotificationsOfAsync(admin)).Count);
    }

    [Fact]
    public async Task The_administrators_digest_counts_enrollments_newly_eligible_since_yesterday()
    {
        using var factory = new PortalFactory();
        var admin = await PersonInAsync(factory, "Europe/London", Roles.Administrator);
        var eight = factory.Next(null, 8, "Europe/London").AddDays(4);

        // Eligible three days before the digest (and still), and two hours before it.
        factory.Time.SetUtcNow(eight.AddDays(-3));
        await factory.RefreshDueAsync();
        var before = await factory.MioClinicianAsync(attended: 14);
        await factory.RefreshDueAsync();
        factory.Time.SetUtcNow(eight.AddHours(-2));
        var fresh = await factory.MioClinicianAsync(attended: 14);
        var notYet = await factory.MioClinicianAsync(attended: 13);
        await factory.RefreshDueAsync();

        var old = await factory.StandingAsync(before.EnrollmentId);
        Assert.Equal(OverallStatus.Eligible, old!.Status);
        Assert.Equal(eight.AddDays(-3).UtcDateTime, old.EligibleSinceUtc); // re-evaluated on a later day: still the first time
        Assert.Equal(eight.AddHours(-2).UtcDateTime, (await factory.StandingAsync(fresh.EnrollmentId))!.EligibleSinceUtc);
        Assert.Null((await factory.StandingAsync(notYet.EnrollmentId))!.EligibleSinceUtc);

        factory.Time.SetUtcNow(eight);
        await factory.RunNotificationsAsync();

        var digest = Assert.Single(await factory.NotificationsOfAsync(admin));
        Assert.Matches(@"- [1-9]\d* enrollments eligible and awaiting approval, 1 of them newly since yesterday \(/approvals\)", digest.Body);
    }

    [Fact]
    public async Task A_trainer_gets_a_Monday_summary_of_groups_that_need_them_and_nothing_on_other_days()
    {
        using var factory = new PortalFactory();
        var trainer = await PersonInAsync(factory, "Europe/London", Roles.Trainer);
        var idle = await PersonInAsync(factory, "Europe/London", Roles.Trainer);
        var monday = factory.Next(DayOfWeek.Monday, 8, "Europe/London").AddDays(7); // the Tuesday before it is ahead too
        var today = DateOnly.FromDateTime(monday.UtcDateTime);
        await using (var db = factory.NewContext())
        {
            // Three weekly meetings held, none with attendance recorded.
            db.Groups.Add(ConsultationGroup(today.AddDays(-21), trainerId: trainer, name: "Thursday circle"));
            await db.SaveChangesAsync();
        }

        factory.Time.SetUtcNow(monday.AddDays(-6)); // a Tuesday
        await factory.RunNotificationsAsync();
        Assert.Empty(await factory.NotificationsOfAsync(trainer));
        factory.Time.SetUtcNow(monday);
        await factory.RunNotificationsAsync();
        await factory.RunNotificationsAsync();

        var digest = Assert.Single(await factory.NotificationsOfAsync(trainer));
        Assert.Equal(NotificationKind.TrainerDigest, digest.Kind);
        Assert.Contains("Thursday circle: 0 members newly at risk, 3 past meetings without attendance, 0 submissions waiting", digest.Body, StringComparison.Ordinal);
        Assert.Empty(await factory.NotificationsOfAsync(idle)); // no group: no digest
    }

    [Fact]
    public async Task The_trainers_digest_counts_members_newly_at_risk_this_week_not_those_told_before()
    {
        using var factory = new PortalFactory();
        var trainer = await PersonInAsync(factory, "Europe/London", Roles.Trainer);
        var monday = factory.Next(DayOfWeek.Monday, 8, "Europe/London").AddDays(14);
        // Twenty weekly meetings, the last one the week before the digest: the group is in this week's digest.
        var start = DateOnly.FromDateTime(monday.UtcDateTime).AddDays(-145);

        // Out of reach 10 days before the digest (told then, and still so), and 2 days before it (this week's news); one on
        // track. (A member at risk last week whose requirement turned out of reach this week is this week's news.)
        factory.Time.SetUtcNow(monday.AddDays(-10));
        var told = await factory.MioClinicianAsync(attended: 5, groupName: "Old news", groupStart: start);
        await factory.RefreshDueAsync();
        factory.Time.SetUtcNow(monday.AddDays(-2));
        var fresh = await factory.MioClinicianAsync(attended: 13, groupName: "Fresh news", groupStart: start);
        var fine = await factory.MioClinicianAsync(attended: 14, groupName: "Fresh news too", groupStart: start);
        await factory.RefreshDueAsync();
        await factory.WithDbAsync(db => db.Groups.Where(g => g.Id == told.GroupId || g.Id == fresh.GroupId || g.Id == fine.GroupId)
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.TrainerId, trainer)));
        Assert.Single(await factory.NotificationsOfAsync(told.Person.Id), n => n.Kind == NotificationKind.AtRisk);
        Assert.Single(await factory.NotificationsOfAsync(fresh.Person.Id), n => n.Kind == NotificationKind.AtRisk);

        factory.Time.SetUtcNow(monday);
        await factory.RunNotificationsAsync();

        var digest = Assert.Single(await factory.NotificationsOfAsync(trainer));
        Assert.Contains("- Fresh news: 1 member newly at risk,", digest.Body, StringComparison.Ordinal);
        Assert.Contains("- Old news: 0 members newly at risk,", digest.Body, StringComparison.Ordinal);
        Assert.Contains("- Fresh news too: 0 members newly at risk,", digest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hours_about_to_leave_their_window_are_told_once_thirty_days_ahead()
    {
        using var factory = new PortalFactory();
        var nine = factory.Next(null, 9, "America/Chicago");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nine, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).DateTime);
        var person = await PersonInAsync(factory, "America/Chicago", Roles.Trainee);
        int enrollmentId;
        await using (var db = factory.NewContext())
        {
            var enrollment = Enroll(await db.Users.SingleAsync(u => u.Id == person), DefaultRuleSets.Keys.ImhEndorsementL2, day.AddMonths(-25));
            db.Enrollments.Add(enrollment);
            // 10 of 24 hours; the oldest leave the 24-month window 20 days after the check.
            db.RscLog.Add(new RscLogEntry { PersonId = person, Date = day.AddDays(20).AddMonths(-24), Hours = 10, ProviderApproved = true, ProviderLevel = EndorsementLevel.LevelIII });
            await db.SaveChangesAsync();
            enrollmentId = enrollment.Id;
        }
        factory.Time.SetUtcNow(nine);
        await factory.RefreshDueAsync();

        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(nine.AddDays(1));
        await factory.RunNotificationsAsync();

        var told = Assert.Single(await factory.NotificationsOfAsync(person), n => n.Kind == NotificationKind.DeadlineApproaching);
        Assert.Equal($"window:{enrollmentId}:reflective-supervision:{day.AddDays(20):yyyy-MM-dd}", told.Key);
        Assert.Contains("leave the 24-month window", told.Body, StringComparison.Ordinal);
    }
}
