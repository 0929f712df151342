using System.Net;
using TrainingPortal.Web.Features.MeetingAttendance;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Scale;

/// <summary>
/// Two instances of the portal on one database (<see cref="InstancePair"/>), as behind a load balancer without sticky
/// sessions (issue 15): the browser's requests land on either. In CI this runs on SQLite and again with both instances
/// on one PostgreSQL database (<see cref="TestDatabase"/>).
/// </summary>
public sealed class TwoInstanceTests : IDisposable
{
    private readonly InstancePair _pair = new();
    private PortalFactory A => _pair.A;

    private PortalFactory B => _pair.B;

    public void Dispose() => _pair.Dispose();

    private DateOnly Today => DateOnly.FromDateTime(A.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_session_cookie_and_an_antiforgery_token_issued_by_one_instance_are_accepted_by_the_other()
    {
        var person = await A.CreateAsync();
        var browser = _pair.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.A.LoginAsync(person.Email!, TestUsers.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.B.GetAsync("/profile")).StatusCode); // the cookie A issued
        var token = await browser.A.GetTokenAsync("/account/change-password"); // a form from A…
        var posted = await browser.B.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])); // …posted to B

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // not 400: B read A's token with the shared keys
        Assert.True((await browser.A.GetAsync("/profile")).IsRedirectToLogin()); // signed out on B: gone on A too
    }

    [Fact]
    public async Task An_account_disabled_on_one_instance_is_refused_by_the_other_within_a_minute()
    {
        var person = await A.CreateAsync();
        var browser = _pair.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.B.LoginAsync(person.Email!, TestUsers.Password)).StatusCode);
        var (_, admin) = await A.AdminAsync(); // signed in on A
        var page = "/admin/people/" + person.Id;

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, page + "/disable", [new("Account.Reason", "Left the agency")])).StatusCode);

        // B has not seen the disable in its memory: the open session lasts until B checks the stamp (documented:
        // within a minute); signing in again on B is refused at once (the database says disabled).
        var again = await B.CreatePortalClient().LoginAsync(person.Email!, TestUsers.Password);
        Assert.Contains("This account has been disabled", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
        B.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.True((await browser.B.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task The_standings_refresh_runs_on_one_instance_at_a_time_and_another_takes_over_when_it_stops()
    {
        var start = Today.AddDays(-30);
        async Task<List<int>> EnrollAsync(int count)
        {
            await using var db = A.NewContext();
            var enrollments = new List<Enrollment>();
            for (var i = 0; i < count; i++)
            {
                var person = Person($"due-{i}");
                var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, start);
                enrollments.Add(enrollment);
                db.AddRange(person, enrollment);
            }
            await db.SaveChangesAsync();
            return [.. enrollments.Select(e => e.Id)];
        }
        static Task<int?> RunAsync(PortalFactory instance) =>
            instance.WithScopeAsync(sp => sp.GetRequiredService<Web.Standings.StandingRefreshRun>().RunAsync(startUp: false));
        Task<int> DueAsync() => A.WithScopeAsync(sp =>
            sp.GetRequiredService<Web.Standings.StandingRefresher>().Due(sp.GetRequiredService<EligibilityService>().Today()).CountAsync());
        var first = await EnrollAsync(6);
        var due = await DueAsync();
        Assert.True(due >= 6, $"{due} due");

        // Both instances' timers fire at the same moment.
        var runs = await Task.WhenAll(RunAsync(A), RunAsync(B));

        Assert.Single(runs, r => r is null); // the other instance holds the refresh
        Assert.Equal(due, runs.Single(r => r is not null)); // every due standing, once
        Assert.Equal(0, await DueAsync());
        var holderIsA = runs[0] is not null;
        var (holder, other) = holderIsA ? (A, B) : (B, A);
        Assert.Null(await RunAsync(other)); // the next tick: still the holder's
        Assert.Equal(0, await RunAsync(holder)); // the holder renews its lease; nothing is due

        // The holder stops (no more runs): once its lease has run out, the other instance takes over and misses nothing.
        var later = await EnrollAsync(2);
        var lease = other.Services.CreateScope().ServiceProvider.GetRequiredService<Web.Standings.StandingRefreshRun>().LeaseDuration;
        _pair.Advance(lease / 2);
        Assert.Null(await RunAsync(other));
        _pair.Advance(lease / 2 + TimeSpan.FromSeconds(1));
        var dueNow = await DueAsync(); // the 2 new ones (all of them, had the portal's midnight just passed)
        Assert.True(dueNow >= 2, $"{dueNow} due");
        Assert.Equal(dueNow, await RunAsync(other));
        Assert.Equal(0, await DueAsync());
        // An instance that shuts down gives the lease up: the other takes the next run at once.
        await other.WithScopeAsync(async sp => { await sp.GetRequiredService<Web.Infrastructure.BackgroundLeases>().ReleaseAsync(Web.Standings.StandingRefreshRun.LeaseName); return 0; });
        Assert.Equal(0, await RunAsync(holder));
        Assert.Equal(first.Count + later.Count, await A.WithDbAsync(db => db.Standings.CountAsync(s => first.Contains(s.EnrollmentId) || later.Contains(s.EnrollmentId))));
    }

    [Fact]
    public async Task Trainers_saving_attendance_through_both_instances_at_once_lose_nothing_and_every_refused_save_is_told()
    {
        var trainer = await A.CreateAsync(Roles.Trainer);
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: "Two-instance group");
        await using (var db = A.NewContext())
        {
            db.Add(group);
            for (var i = 0; i < 4; i++)
            {
                var member = Person($"two-{i}");
                db.AddRange(member, Enroll(member, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group));
            }
            await db.SaveChangesAsync();
        }
        var now = A.Time.GetUtcNow().UtcDateTime;
        var meetings = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Take(8).ToList();
        var browser = _pair.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.A.LoginAsync(trainer.Email!, TestUsers.Password)).StatusCode);

        // For every meeting, the same screen is open on both instances; both save at the same moment, A "Present", B "Absent".
        var outcomes = await Task.WhenAll(meetings.Select(async meeting =>
        {
            var url = $"/groups/{group.Id}/meetings/{meeting.Id}/attendance";
            var onA = await browser.A.GetStringAsync(url);
            var onB = await browser.B.GetStringAsync(url);
            var saves = await Task.WhenAll(browser.A.PostAsync(url, AttendanceScreen.Form(onA, _ => "Present")), browser.B.PostAsync(url, AttendanceScreen.Form(onB, _ => "Absent")));
            return (Meeting: meeting, A: saves[0], B: saves[1], BodyA: await saves[0].Content.ReadAsStringAsync(), BodyB: await saves[1].Content.ReadAsStringAsync());
        }));

        foreach (var o in outcomes)
        {
            // Exactly one of the two is accepted; the other is told, with the newer marks shown.
            var accepted = new[] { o.A, o.B }.Count(r => r.StatusCode == HttpStatusCode.Redirect);
            Assert.True(accepted == 1, $"meeting {o.Meeting.Id}: {(int)o.A.StatusCode} and {(int)o.B.StatusCode}");
            var (refusedBody, keptMark) = o.A.StatusCode == HttpStatusCode.Redirect ? (o.BodyB, "Present") : (o.BodyA, "Absent");
            Assert.Equal(HttpStatusCode.Conflict, (o.A.StatusCode == HttpStatusCode.Redirect ? o.B : o.A).StatusCode);
            Assert.Contains(MeetingAttendanceController.ConflictMessage, PortalClient.Decode(refusedBody));

            // What was accepted is what is stored, and audited under the trainer.
            var stored = await A.WithDbAsync(db => db.Attendance.AsNoTracking().Where(a => a.MeetingId == o.Meeting.Id).ToListAsync());
            Assert.Equal(4, stored.Count);
            Assert.All(stored, a => Assert.Equal(keptMark, a.Mark.ToString()));
            var audited = await A.WithDbAsync(db => db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == nameof(Attendance) && e.ActorId == trainer.Id)
                .Select(e => e.EntityId).ToListAsync());
            Assert.All(stored, a => Assert.Contains(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audited));
        }
    }
}
