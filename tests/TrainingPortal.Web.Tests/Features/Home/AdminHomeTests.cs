using System.Globalization;
using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Home;

/// <summary>The administrator's home page: each count follows its list, and the latest changes come from the audit log.</summary>
public sealed class AdminHomeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_count_moves_with_what_waits_and_links_to_its_list()
    {
        var (_, admin) = await factory.AdminAsync();
        await factory.RefreshDueAsync(); // the page counts stored standings: start from current ones
        var before = Counts(PortalClient.Decode(await admin.GetStringAsync("/")));

        // One of each: an eligible enrollment (its standing stored), a submitted application, a past meeting with no
        // attendance, a certificate issued today; and things that must not count.
        var eligible = await factory.MioClinicianAsync(attended: 14);
        var shortOne = await factory.MioClinicianAsync(attended: 13);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        await using (var db = factory.NewContext())
        {
            var applicant = Person("applicant");
            var drafter = Person("drafter");
            db.Users.AddRange(applicant, drafter);
            var submitted = Enroll(applicant, DefaultRuleSets.Keys.ImhEndorsementL2, factory.TodayInNewYork().AddDays(-10));
            var draft = Enroll(drafter, DefaultRuleSets.Keys.ImhEndorsementL2, factory.TodayInNewYork().AddDays(-10));
            db.Enrollments.AddRange(submitted, draft);
            await db.SaveChangesAsync();
            db.EndorsementApplications.Add(new EndorsementApplication { EnrollmentId = submitted.Id, Status = ApplicationStatus.Submitted, SubmittedUtc = now, Round = 1 });
            db.EndorsementApplications.Add(new EndorsementApplication { EnrollmentId = draft.Id, Status = ApplicationStatus.Draft });
            // The other clinician's group gets a meeting yesterday that nobody recorded.
            db.Meetings.Add(new Meeting { GroupId = shortOne.GroupId, StartsUtc = now.AddDays(-1), DurationMinutes = 60 });
            await db.SaveChangesAsync();
        }
        await factory.RefreshDueAsync();
        Assert.Equal(OverallStatus.Eligible, (await factory.StandingAsync(eligible.EnrollmentId))!.Status);
        Assert.NotEqual(OverallStatus.Eligible, (await factory.StandingAsync(shortOne.EnrollmentId))!.Status);
        await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.TodayInNewYork().AddDays(-3));

        var html = PortalClient.Decode(await admin.GetStringAsync("/"));
        var after = Counts(html);
        Assert.Equal(before.Waiting + 1, after.Waiting);
        Assert.Equal(before.Applications + 1, after.Applications);
        Assert.Equal(before.Unrecorded + 1, after.Unrecorded);
        Assert.Equal(before.Issued + 1, after.Issued);
        foreach (var (testId, href) in new[] { ("admin-waiting", "/admin/approvals"), ("admin-applications", "/reviews"), ("admin-unrecorded", "/meetings/unrecorded"), ("admin-issued", "/admin/certificates") })
        {
            Assert.Matches($"href=\"{Regex.Escape(href)}\" data-testid=\"{testId}\"", html);
        }
        var monthStart = new DateOnly(factory.TodayInNewYork().Year, factory.TodayInNewYork().Month, 1);
        Assert.Contains("issued since " + Web.Infrastructure.DateDisplay.Date(monthStart), html);

        // The latest changes are the audit log's newest rows, newest first.
        var latest = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Action, a.EntityType, a.EntityId }).FirstAsync());
        var firstRow = Regex.Match(html, "data-testid=\"admin-changes\".*?<tbody>\\s*<tr>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(Web.Infrastructure.Display.Words(latest.Action) + " " + Web.Infrastructure.Display.EntityType(latest.EntityType), firstRow);
        Assert.Contains("EntityId=" + Uri.EscapeDataString(latest.EntityId), firstRow);
    }

    [Fact]
    public async Task Trainers_and_trainees_do_not_see_the_administrators_day()
    {
        foreach (var role in new[] { Roles.Trainer, Roles.Trainee })
        {
            var person = await factory.CreateAsync(role);
            var html = await (await factory.SignedInAsync(person.Email!, TestUsers.Password)).GetStringAsync("/");
            Assert.DoesNotContain("data-testid=\"admin-day\"", html);
            Assert.DoesNotContain("admin-changes", html);
        }
    }

    private static (int Waiting, int Applications, int Unrecorded, int Issued) Counts(string html) =>
        (Count(html, "admin-waiting"), Count(html, "admin-applications"), Count(html, "admin-unrecorded"), Count(html, "admin-issued"));

    private static int Count(string html, string testId)
    {
        var m = Regex.Match(html, $"data-testid=\"{testId}\">\\s*<span class=\"card-body\"><span class=\"d-block fs-3 fw-semibold\">(\\d+)</span>");
        Assert.True(m.Success, $"no count {testId}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_day_costs_the_same_reads_whatever_the_amount_of_data()
    {
        var (_, admin) = await factory.AdminAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<int> ReadsAsync()
        {
            await admin.GetStringAsync("/");
            counter.Reset();
            await admin.GetStringAsync("/");
            return counter.Reads;
        }
        var before = await ReadsAsync();
        for (var i = 0; i < 5; i++)
        {
            await factory.MioClinicianAsync(attended: 14); // groups, meetings, attendance, enrollments and their audit rows
        }
        await factory.RefreshDueAsync();
        Assert.Equal(before, await ReadsAsync());
        // The signed-in user, their certificates, their own requests to join, and the day's seven (AdminDayReader).
        Assert.Equal(10, before);
    }
}
