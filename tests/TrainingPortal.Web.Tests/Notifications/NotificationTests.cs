using System.Net;
using Microsoft.AspNetCore.Hosting;
using TrainingPortal.Web.Certificates;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Notifications;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Notifications;

internal static class NotificationTestData
{
    /// <summary>One run of the background work (day's checks, routing, sending), as the background service does it.</summary>
    public static Task<NotificationRunResult?> RunNotificationsAsync(this PortalFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationRun>().RunAsync());

    /// <summary>Starts with nothing to send (the demo data's own notifications, e.g. its certificates', marked as not e-mailed).</summary>
    public static async Task EmptyOutboxAsync(this PortalFactory factory)
    {
        await factory.WithDbAsync(db => db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailState, NotificationEmailState.NotEmailed)));
        await factory.WithDbAsync(db => db.OutboxEmails.ExecuteDeleteAsync());
    }

    public static Task<List<Notification>> NotificationsOfAsync(this PortalFactory factory, string userId) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    /// <summary>The next moment at <paramref name="hour"/>:00 local time in <paramref name="zoneId"/> on a <paramref name="day"/> after now.</summary>
    public static DateTimeOffset Next(this PortalFactory factory, DayOfWeek? day, int hour, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), zone).DateTime.Date.AddDays(1).AddHours(hour);
        while (day is { } d && local.DayOfWeek != d)
        {
            local = local.AddDays(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An endorsement certificate held by a new person in <paramref name="zoneId"/>, valid through <paramref name="validThrough"/>.</summary>
    public static async Task<(string PersonId, int CertificateId)> EndorsementHolderAsync(this PortalFactory factory, string zoneId, DateOnly validThrough)
    {
        await using var db = factory.NewContext();
        var person = Person("endorsed");
        person.TimeZoneId = zoneId;
        db.Users.Add(person);
        var certificate = new Certificate
        {
            PersonId = person.Id,
            ProgramKey = DefaultRuleSets.Keys.ImhEndorsementL2,
            Code = CertificateCodes.NewCode(),
            IssuedOn = validThrough.AddYears(-1),
            AwardedOn = validThrough.AddYears(-1),
            ValidThrough = validThrough,
        };
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync();
        return (person.Id, certificate.Id);
    }
}

/// <summary>Notifications written with the change that causes them, routed by the person's choice, and sent once.</summary>
public sealed class NotificationTests
{
    [Fact]
    public async Task An_issued_certificate_tells_its_holder_once_in_the_portal_and_by_one_e_mail()
    {
        using var factory = new PortalFactory();
        var (personId, email, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1));

        var told = Assert.Single(await factory.NotificationsOfAsync(personId));
        Assert.Equal((NotificationKind.CertificateIssued, NotificationEmailState.Pending), (told.Kind, told.EmailState));
        Assert.Contains(CertificateCodes.Format(certificate.Code!), told.Body, StringComparison.Ordinal);
        Assert.Equal(0, factory.CountTo(email)); // nothing is sent inside the change itself

        await factory.RunNotificationsAsync();
        await factory.RunNotificationsAsync();

        Assert.Equal(1, factory.CountTo(email));
        var mail = factory.LastTo(email);
        Assert.Equal(told.Title, mail.Subject);
        Assert.Contains(factory.BaseAddress.ToString().TrimEnd('/') + "/certificates/" + CertificateCodes.Format(certificate.Code!), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Why you get this e-mail: a certificate was issued to you", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<" + factory.BaseAddress.ToString().TrimEnd('/') + "/notifications/unsubscribe/", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var stored = Assert.Single(await factory.NotificationsOfAsync(personId));
        Assert.Equal(NotificationEmailState.Queued, stored.EmailState);
        Assert.Equal(OutboxState.Sent, (await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId))).State);
    }

    [Fact]
    public async Task Re_issue_and_revocation_each_tell_the_holder_once()
    {
        using var factory = new PortalFactory();
        var (personId, email, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().ReissueAsync(certificate.CertificateId!.Value, "Name changed"));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "Issued in error"));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "again")); // refused: already revoked

        var kinds = (await factory.NotificationsOfAsync(personId)).Select(n => n.Kind).ToList();
        Assert.Equal([NotificationKind.CertificateIssued, NotificationKind.CertificateReissued, NotificationKind.CertificateRevoked], kinds);
        var revoked = (await factory.NotificationsOfAsync(personId))[2];
        Assert.DoesNotContain("Issued in error", revoked.Body, StringComparison.Ordinal); // the administrator's reason stays with them
        await factory.RunNotificationsAsync();
        Assert.Equal(3, factory.CountTo(email));
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_signing_in_stops_that_kind_only_and_cannot_be_forged()
    {
        using var factory = new PortalFactory();
        var (personId, email, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1));
        await factory.RunNotificationsAsync();
        var link = factory.LastTo(email).Headers["List-Unsubscribe"]!.Trim('<', '>');
        var path = new Uri(link).AbsolutePath;
        var anonymous = factory.CreatePortalClient();

        // A changed token (another person's id or kind cannot be written without the key) is refused and changes nothing.
        var forged = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];
        var refused = await anonymous.PostAsync(forged, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == personId)));

        var page = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stop e-mails: a certificate was issued to you", PortalClient.Decode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == personId))); // GET changes nothing

        // RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", with no cookie and no antiforgery token.
        var done = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var preference = await factory.WithDbAsync(db => db.NotificationPreferences.SingleAsync(p => p.UserId == personId));
        Assert.Equal((NotificationKind.CertificateIssued, NotificationChannel.PortalOnly), (preference.Kind, preference.Channel));

        // Other kinds still e-mail; this kind is only in the portal now.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "test"));
        await using (var db = factory.NewContext())
        {
            var enrollment = Enroll(await db.Users.SingleAsync(u => u.Id == personId), DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-300));
            enrollment.Status = EnrollmentStatus.Completed;
            enrollment.CompletedOn = factory.PortalToday();
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().IssueAsync(enrollment.Id));
        }
        await factory.RunNotificationsAsync();
        var mails = factory.Mails().Where(m => m.To.Mailboxes.Any(b => b.Address == email)).Select(m => m.Subject).ToList();
        Assert.Equal(2, mails.Count); // the first certificate's, and the revocation's; not the second certificate's
        Assert.Contains(mails, s => s?.StartsWith("Your certificate was revoked", StringComparison.Ordinal) == true);
        var second = (await factory.NotificationsOfAsync(personId)).Last();
        Assert.Equal((NotificationKind.CertificateIssued, NotificationEmailState.NotEmailed), (second.Kind, second.EmailState));
    }

    [Fact]
    public async Task A_weekly_digest_gathers_the_week_into_one_e_mail_on_Monday_morning_in_the_persons_zone()
    {
        using var factory = new PortalFactory();
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var saved = await client.PostFormAsync("/notifications/settings", "/notifications/settings",
            [new("channel[CertificateIssued]", "WeeklyDigest"), new("channel[CertificateRevoked]", "WeeklyDigest")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, email, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1), personId: user.Id);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "test"));

        await factory.RunNotificationsAsync();
        Assert.Equal(0, factory.CountTo(email));
        Assert.All(await factory.NotificationsOfAsync(user.Id), n => Assert.Equal(NotificationEmailState.AwaitingDigest, n.EmailState));

        var monday = factory.Next(DayOfWeek.Monday, 8, user.TimeZoneId);
        factory.Time.SetUtcNow(monday.AddMinutes(-1));
        await factory.RunNotificationsAsync();
        Assert.Equal(0, factory.CountTo(email)); // 7:59 in the person's zone: not yet
        factory.Time.SetUtcNow(monday.AddMinutes(1));
        await factory.RunNotificationsAsync();
        await factory.RunNotificationsAsync();

        Assert.Equal(1, factory.CountTo(email));
        var digest = factory.LastTo(email);
        Assert.StartsWith("Your week in the portal (2 notifications", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Your certificate is ready", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your certificate was revoked", digest.TextBody, StringComparison.Ordinal);
        Assert.All(await factory.NotificationsOfAsync(user.Id), n => Assert.Equal(NotificationEmailState.InDigest, n.EmailState));
    }

    [Fact]
    public async Task Renewal_reminders_come_at_90_30_and_7_days_at_eight_in_the_holders_zone_each_once()
    {
        using var factory = new PortalFactory();
        // Tomorrow 9:00 UTC: 9 a.m. in London, 1 a.m. in Los Angeles.
        var london9 = factory.Next(null, 9, "Europe/London");
        var londonDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(london9, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var (inLondon, _) = await factory.EndorsementHolderAsync("Europe/London", londonDay.AddDays(30));
        var (inLosAngeles, _) = await factory.EndorsementHolderAsync("America/Los_Angeles", londonDay.AddDays(30));
        var (farOff, _) = await factory.EndorsementHolderAsync("Europe/London", londonDay.AddDays(91));

        factory.Time.SetUtcNow(london9);
        await factory.RunNotificationsAsync();
        await factory.RunNotificationsAsync();
        var london = Assert.Single(await factory.NotificationsOfAsync(inLondon));
        Assert.Equal(NotificationKind.RenewalDue, london.Kind);
        Assert.EndsWith(":30", london.Key, StringComparison.Ordinal);
        Assert.EndsWith("renewal is due in 30 days", london.Title, StringComparison.Ordinal);
        Assert.Empty(await factory.NotificationsOfAsync(inLosAngeles)); // 1 a.m. there: never at night
        Assert.Empty(await factory.NotificationsOfAsync(farOff)); // 91 days: not yet

        var la8 = factory.Next(null, 8, "America/Los_Angeles");
        factory.Time.SetUtcNow(la8.AddMinutes(-1)); // 7:59 in Los Angeles
        await factory.RunNotificationsAsync();
        Assert.Empty(await factory.NotificationsOfAsync(inLosAngeles));
        factory.Time.SetUtcNow(la8);
        await factory.RunNotificationsAsync();
        var la = Assert.Single(await factory.NotificationsOfAsync(inLosAngeles));
        Assert.Equal(8, TimeZoneInfo.ConvertTimeFromUtc(la.CreatedUtc, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).Hour);
        Assert.Single(await factory.NotificationsOfAsync(farOff)); // the next London morning: 90 days left
        Assert.EndsWith(":90", (await factory.NotificationsOfAsync(farOff))[0].Key, StringComparison.Ordinal);

        // 7 days before: the third reminder; the day after the date: the lapse, once.
        factory.Time.SetUtcNow(london9.AddDays(23));
        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(london9.AddDays(24));
        await factory.RunNotificationsAsync();
        Assert.Equal([":30", ":7"], (await factory.NotificationsOfAsync(inLondon)).Select(n => n.Key[n.Key.LastIndexOf(':')..]));
        factory.Time.SetUtcNow(london9.AddDays(31));
        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(london9.AddDays(32));
        await factory.RunNotificationsAsync();
        var kinds = (await factory.NotificationsOfAsync(inLondon)).Select(n => n.Kind).ToList();
        Assert.Equal([NotificationKind.RenewalDue, NotificationKind.RenewalDue, NotificationKind.EndorsementLapsed], kinds);
    }

    [Fact]
    public async Task A_reading_due_within_three_days_is_reminded_once_to_members_who_have_not_done_it()
    {
        using var factory = new PortalFactory();
        var nineAm = factory.Next(null, 9, "America/New_York");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nineAm, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        string pending, done;
        int item;
        await using (var db = factory.NewContext())
        {
            var cohort = CourseCohort(day.AddDays(-30));
            var a = Person("reader-a");
            var b = Person("reader-b");
            db.Users.AddRange(a, b);
            db.Groups.Add(cohort);
            db.Enrollments.AddRange(Enroll(a, DefaultRuleSets.Keys.ImhCourse, day.AddDays(-40), cohort), Enroll(b, DefaultRuleSets.Keys.ImhCourse, day.AddDays(-40), cohort));
            await db.SaveChangesAsync();
            var reading = new LearningItemRecord { GroupId = cohort.Id, Kind = LearningItemKind.Reading, Title = "Attachment basics", DueOn = day.AddDays(4) };
            db.LearningItems.Add(reading);
            await db.SaveChangesAsync();
            db.LearningCompletions.Add(new LearningCompletion { ItemId = reading.Id, PersonId = b.Id, CompletedOn = day });
            await db.SaveChangesAsync();
            (pending, done, item) = (a.Id, b.Id, reading.Id);
        }

        factory.Time.SetUtcNow(nineAm); // 4 days before: not yet
        await factory.RunNotificationsAsync();
        Assert.Empty(await factory.NotificationsOfAsync(pending));
        factory.Time.SetUtcNow(nineAm.AddDays(1)); // 3 days before
        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(nineAm.AddDays(2));
        await factory.RunNotificationsAsync();

        var reminder = Assert.Single(await factory.NotificationsOfAsync(pending));
        Assert.Equal(NotificationKind.DeadlineApproaching, reminder.Kind);
        Assert.StartsWith("Due ", reminder.Title, StringComparison.Ordinal);
        Assert.EndsWith("Attachment basics", reminder.Title, StringComparison.Ordinal);
        Assert.Equal($"due:learning:{item}:{pending}", reminder.Key);
        Assert.Empty(await factory.NotificationsOfAsync(done)); // marked complete: nothing to remind
    }

    [Fact]
    public async Task A_rater_who_has_not_answered_is_reminded_once_a_week_before_the_link_runs_out_without_the_link()
    {
        using var factory = new PortalFactory();
        await factory.EmptyOutboxAsync();
        var nineAm = factory.Next(null, 9, "America/New_York");
        const string rater = "rater.reminded@example.org";
        await using (var db = factory.NewContext())
        {
            var applicant = Person("applicant");
            db.Users.Add(applicant);
            var enrollment = Enroll(applicant, DefaultRuleSets.Keys.ImhEndorsementL2, factory.PortalToday().AddDays(-60));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            db.References.Add(new ReferenceRecord
            {
                EnrollmentId = enrollment.Id, RaterName = "Robin Rater", RaterEmail = rater, RequestedOn = factory.PortalToday().AddDays(-22),
                TokenHash = new string('A', 64), SentUtc = nineAm.UtcDateTime.AddDays(-22), LinkExpiresUtc = nineAm.UtcDateTime.AddDays(8),
            });
            await db.SaveChangesAsync();
        }

        factory.Time.SetUtcNow(nineAm); // 8 days left: not yet
        await factory.RunNotificationsAsync();
        Assert.Equal(0, factory.CountTo(rater));
        factory.Time.SetUtcNow(nineAm.AddDays(1)); // 7 days left
        await factory.RunNotificationsAsync();
        factory.Time.SetUtcNow(nineAm.AddDays(2));
        await factory.RunNotificationsAsync();

        Assert.Equal(1, factory.CountTo(rater));
        var reminder = factory.LastTo(rater);
        Assert.StartsWith("Reminder: reference request for", reminder.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("/references/", reminder.TextBody, StringComparison.Ordinal); // the token is never stored, so never re-sent
        Assert.Null(reminder.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task A_requirement_turning_out_of_reach_is_told_once_and_an_old_standing_takes_its_baseline_silently()
    {
        using var factory = new PortalFactory();
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var eligible = await factory.MioClinicianAsync(attended: 14);
        await factory.RefreshDueAsync();

        var told = Assert.Single(await factory.NotificationsOfAsync(oneShort.Person.Id));
        Assert.Equal(NotificationKind.AtRisk, told.Kind);
        Assert.EndsWith("a requirement can no longer be met", told.Title, StringComparison.Ordinal);
        Assert.Contains("Consultation", told.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await factory.NotificationsOfAsync(eligible.Person.Id));

        // Evaluated again (stale, and the next day): the same risk is not news.
        await factory.WithDbAsync(db => db.Standings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true)));
        await factory.RefreshDueAsync();
        factory.Time.Advance(TimeSpan.FromDays(1));
        await factory.RefreshDueAsync();
        Assert.Single(await factory.NotificationsOfAsync(oneShort.Person.Id));

        // A standing stored before alerts existed (no baseline): its first evaluation tells nothing, and keeps the baseline.
        var before = await factory.MioClinicianAsync(attended: 13);
        await factory.RefreshDueAsync();
        await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == before.Person.Id).ExecuteDeleteAsync());
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == before.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Alerted, (string?)null).SetProperty(x => x.Stale, true)));
        await factory.RefreshDueAsync();
        Assert.Empty(await factory.NotificationsOfAsync(before.Person.Id));
        Assert.Equal("consultation-attendance=out", (await factory.StandingAsync(before.EnrollmentId))!.Alerted);
    }

    [Fact]
    public async Task The_alert_list_holds_blocking_requirements_at_risk_or_out_of_reach_and_news_is_only_what_is_new()
    {
        Assert.Equal(["b=out"], AtRiskAlerts.News("a=risk;b=risk", "a=risk;b=out"));
        Assert.Empty(AtRiskAlerts.News("a=risk;b=out", "a=risk"));
        Assert.Equal(["a=risk"], AtRiskAlerts.News("", "a=risk"));
        Assert.Empty(AtRiskAlerts.News("a=out", "a=out"));
        await Task.CompletedTask;
    }
}

/// <summary>A portal that sends over SMTP to a <see cref="FakeSmtpServer"/>.</summary>
public sealed class SmtpPortalFactory(int port) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Mode", "Smtp");
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:SmtpSecurity", "None");
    }
}

public sealed class NotificationDeliveryTests
{
    [Fact]
    public async Task A_refusing_SMTP_server_delays_the_message_and_loses_nothing_and_administrators_see_it()
    {
        await using var smtp = new FakeSmtpServer { Refusing = true };
        using var factory = new SmtpPortalFactory(smtp.Port);
        await factory.EmptyOutboxAsync();
        var (personId, email, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1));

        await factory.RunNotificationsAsync();
        var waiting = await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId));
        Assert.Equal((OutboxState.Waiting, 1), (waiting.State, waiting.Attempts));
        Assert.StartsWith("SMTP refused (451", waiting.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Received);

        var (_, admin) = await factory.AdminAsync();
        var outbox = PortalClient.Decode(await admin.GetStringAsync("/admin/notifications"));
        Assert.Contains("SMTP refused (451", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain(email, outbox, StringComparison.OrdinalIgnoreCase); // no address on the page

        // Not before its backoff (1 minute), then again: 2 minutes later, still refused.
        await factory.RunNotificationsAsync();
        Assert.Equal(1, (await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId))).Attempts);
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await factory.RunNotificationsAsync();
        Assert.Equal(2, (await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId))).Attempts);

        smtp.Refusing = false;
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await factory.RunNotificationsAsync();
        await factory.RunNotificationsAsync();
        var sent = Assert.Single(smtp.Received, m => m.To == email);
        Assert.Contains("Your certificate is ready", sent.Data, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId));
        Assert.Equal((OutboxState.Sent, 3), (stored.State, stored.Attempts));
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_marked_failed_and_an_administrator_can_send_it_again()
    {
        await using var smtp = new FakeSmtpServer { Refusing = true };
        using var factory = new SmtpPortalFactory(smtp.Port);
        await factory.EmptyOutboxAsync();
        var (personId, _, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-1));
        for (var i = 0; i < NotificationSender.MaxAttempts; i++)
        {
            await factory.RunNotificationsAsync();
            factory.Time.Advance(TimeSpan.FromHours(6));
        }
        var failed = await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.UserId == personId));
        Assert.Equal((OutboxState.Failed, NotificationSender.MaxAttempts), (failed.State, failed.Attempts));
        await factory.RunNotificationsAsync(); // a failed message is not tried again on its own
        Assert.Equal(NotificationSender.MaxAttempts, (await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.Id == failed.Id))).Attempts);

        smtp.Refusing = false;
        var (_, admin) = await factory.AdminAsync();
        var retried = await admin.PostFormAsync("/admin/notifications", $"/admin/notifications/{failed.Id}/retry", []);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        await factory.RunNotificationsAsync();
        Assert.Contains(smtp.Received, m => m.Data.Contains("Your certificate is ready", StringComparison.Ordinal));
        Assert.Equal(OutboxState.Sent, (await factory.WithDbAsync(db => db.OutboxEmails.SingleAsync(e => e.Id == failed.Id))).State);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 360)]
    public void Backoff_doubles_from_one_minute_up_to_six_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), NotificationSender.Backoff(attempts));

    [Fact]
    public async Task Two_instances_sending_at_once_send_each_message_once()
    {
        using var pair = new InstancePair();
        var holders = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (_, email, _) = await pair.A.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, pair.A.PortalToday().AddDays(-1));
            holders.Add(email);
        }
        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(pair.A.RunNotificationsAsync(), pair.B.RunNotificationsAsync());
            Assert.Single(results, r => r is not null); // one of them holds the lease; the other skips the run
        }
        // The lease runs out; the other instance takes over and finds nothing left to send.
        pair.Advance(TimeSpan.FromMinutes(10));
        await pair.B.RunNotificationsAsync();
        await pair.A.RunNotificationsAsync();

        foreach (var email in holders)
        {
            Assert.Equal(1, pair.A.CountTo(email) + pair.B.CountTo(email));
        }
    }
}
