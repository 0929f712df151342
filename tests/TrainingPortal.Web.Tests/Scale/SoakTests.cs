using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Scale;

/// <summary>
/// The soak of issue 15: 200 signed-in users for a minute (<c>TP_SOAK_SECONDS</c>) on two instances of the portal over
/// one PostgreSQL database, every user's requests alternating between the instances — 150 trainees reading their home
/// page, 49 trainer sessions saving attendance (40 trainers alone on their group's meetings, 9 second sessions of 9 of
/// them on the same meetings, so saves collide), one administrator approving eligible enrollments. Afterwards, counted
/// from the database: every accepted save is stored and audited, every refused one was told (409), nothing else
/// answered. The figures go to the test output and, when <c>TP_SOAK_REPORT</c> names a file, to that file (.ci/run prints it).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Readers = 150, Trainers = 40, SecondSessions = 9, Members = 4, ApprovalsWanted = 20;

    private sealed record Save(int MeetingId, int Minutes, bool Alone);

    private sealed class Tally
    {
        public long Requests;
        public long Accepted;
        public long Refused;
        public long Approved;
        public readonly ConcurrentQueue<string> Errors = new();
        public readonly ConcurrentBag<Save> Saves = [];

        public void Error(string what)
        {
            if (Errors.Count < 20)
            {
                Errors.Enqueue(what);
            }
        }
    }

    [PostgresFact]
    public async Task Two_hundred_users_for_a_minute_on_two_instances_get_no_error_and_lose_no_write()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("TP_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60;
        using var pair = new InstancePair();
        var a = pair.A;
        var today = a.TodayInNewYork();

        // Trainees: 20 eligible MIO clinicians (the administrator approves them) among 150 readers.
        var clinicians = new List<Seeded>();
        for (var i = 0; i < ApprovalsWanted; i++)
        {
            clinicians.Add(await a.MioClinicianAsync(attended: 14));
        }
        var readers = clinicians.Select(c => c.Person).ToList();
        while (readers.Count < Readers)
        {
            readers.Add(await a.CreateAsync());
        }
        // Trainers, each with a group of their own that has met 10 times.
        var trainers = new List<(AppUser Trainer, int GroupId, List<int> Meetings)>();
        await using (var db = a.NewContext())
        {
            var start = today.AddDays(-7 * 10 - 1);
            for (var t = 0; t < Trainers; t++)
            {
                var trainer = await a.CreateAsync(Roles.Trainer);
                var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: $"Soak group {t}");
                db.Add(group);
                for (var m = 0; m < Members; m++)
                {
                    var member = Person($"soak-{t}-{m}");
                    db.AddRange(member, Enroll(member, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group));
                }
                await db.SaveChangesAsync();
                var now = a.Time.GetUtcNow().UtcDateTime;
                trainers.Add((trainer, group.Id, [.. group.Meetings.Where(x => x.StartsUtc < now).OrderBy(x => x.StartsUtc).Select(x => x.Id)]));
            }
        }

        // Everyone signs in (through either instance).
        async Task<InstancePair.Browser> SignInAsync(AppUser user, int n)
        {
            var browser = pair.NewBrowser();
            var response = await browser.Next(n).LoginAsync(user.Email!, TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return browser;
        }
        var readerBrowsers = new List<InstancePair.Browser>();
        for (var i = 0; i < readers.Count; i++)
        {
            readerBrowsers.Add(await SignInAsync(readers[i], i));
        }
        var trainerSessions = new List<(InstancePair.Browser Browser, int GroupId, List<int> Meetings, bool Alone)>();
        for (var t = 0; t < Trainers; t++)
        {
            var shared = t < SecondSessions;
            trainerSessions.Add((await SignInAsync(trainers[t].Trainer, t), trainers[t].GroupId, trainers[t].Meetings, !shared));
            if (shared)
            {
                trainerSessions.Add((await SignInAsync(trainers[t].Trainer, t + 1), trainers[t].GroupId, trainers[t].Meetings, false));
            }
        }
        var (_, adminOnA) = await a.AdminAsync();
        Assert.Equal(Readers + Trainers + SecondSessions + 1, readerBrowsers.Count + trainerSessions.Count + 1);

        var tally = new Tally();
        var counters = new ConcurrentDictionary<int, int>();
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);

        async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send, string what)
        {
            Interlocked.Increment(ref tally.Requests);
            try
            {
                return await send();
            }
#pragma warning disable CA1031 // counted and reported: the soak's point is that there are none
            catch (Exception e)
#pragma warning restore CA1031
            {
                tally.Error($"{what}: {e.GetType().Name}: {e.Message}");
                return null;
            }
        }

        async Task ReadAsync(InstancePair.Browser browser)
        {
            for (var n = 0; stop.Elapsed < until; n++)
            {
                var response = await SendAsync(() => browser.Next(n).GetAsync(n % 5 == 4 ? "/profile" : "/"), "trainee read");
                if (response is { StatusCode: not HttpStatusCode.OK })
                {
                    tally.Error($"trainee read: {(int)response.StatusCode}");
                }
            }
        }

        async Task MarkAsync((InstancePair.Browser Browser, int GroupId, List<int> Meetings, bool Alone) session)
        {
            for (var n = 0; stop.Elapsed < until; n++)
            {
                var meeting = session.Meetings[n % session.Meetings.Count];
                var url = $"/groups/{session.GroupId}/meetings/{meeting}/attendance";
                var screen = await SendAsync(() => session.Browser.Next(n).GetAsync(url), "attendance screen");
                if (screen is not { StatusCode: HttpStatusCode.OK })
                {
                    tally.Error($"attendance screen: {(int?)screen?.StatusCode}");
                    continue;
                }
                var html = await screen.Content.ReadAsStringAsync();
                // A value of its own for this save (1–59 minutes of the first member, the next one per meeting).
                var minutes = counters.AddOrUpdate(meeting, 1, (_, v) => v % 59 + 1);
                var form = AttendanceScreen.Form(html, i => i == 0 ? "Partial:" + minutes.ToString(CultureInfo.InvariantCulture) : "Present");
                // Saved through the other instance than the one that showed the screen.
                var saved = await SendAsync(() => session.Browser.Next(n + 1).PostAsync(url, form), "attendance save");
                switch (saved?.StatusCode)
                {
                    case HttpStatusCode.Redirect:
                        Interlocked.Increment(ref tally.Accepted);
                        tally.Saves.Add(new Save(meeting, minutes, session.Alone));
                        break;
                    case HttpStatusCode.Conflict:
                        Interlocked.Increment(ref tally.Refused);
                        if (!PortalClient.Decode(await saved.Content.ReadAsStringAsync()).Contains(Web.Features.MeetingAttendance.MeetingAttendanceController.ConflictMessage, StringComparison.Ordinal))
                        {
                            tally.Error("a refused save did not say why");
                        }
                        break;
                    case null:
                        break;
                    default:
                        tally.Error($"attendance save: {(int)saved.StatusCode}");
                        break;
                }
            }
        }

        async Task ApproveAsync()
        {
            var n = 0;
            foreach (var clinician in clinicians)
            {
                if (stop.Elapsed >= until)
                {
                    break;
                }
                var review = "/admin/approvals/" + QueueData.Id(clinician.EnrollmentId);
                var version = (await a.EnrollmentAsync(clinician.EnrollmentId)).Version;
                var page = await SendAsync(() => adminOnA.GetAsync(review), "approval review");
                if (page is not { StatusCode: HttpStatusCode.OK })
                {
                    tally.Error($"approval review: {(int?)page?.StatusCode}");
                    continue;
                }
                var token = PortalClient.TokenIn(await page.Content.ReadAsStringAsync());
                var approved = await SendAsync(() => adminOnA.PostAsync(review + "/approve", new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token),
                    new("Approve.AwardedOn", QueueData.Iso(today)),
                    new("Approve.Version", version.ToString()),
                ])), "approve");
                if (approved is { StatusCode: HttpStatusCode.Redirect })
                {
                    Interlocked.Increment(ref tally.Approved);
                }
                else if (approved is not null)
                {
                    tally.Error($"approve: {(int)approved.StatusCode}");
                }
                n++;
            }
            while (stop.Elapsed < until)
            {
                var queue = await SendAsync(() => adminOnA.GetAsync("/admin/approvals"), "queue");
                if (queue is { StatusCode: not HttpStatusCode.OK })
                {
                    tally.Error($"queue: {(int)queue.StatusCode}");
                }
            }
        }

        await Task.WhenAll([.. readerBrowsers.Select(ReadAsync), .. trainerSessions.Select(MarkAsync), ApproveAsync()]);
        var elapsed = stop.Elapsed;

        // Counted from the database.
        var meetingIds = trainers.SelectMany(t => t.Meetings).ToList();
        var firstMember = await a.WithDbAsync(db => db.Attendance.AsNoTracking().Where(x => meetingIds.Contains(x.MeetingId) && x.Mark == TrainingPortal.Domain.Eligibility.AttendanceMark.Partial)
            .Select(x => new { x.Id, x.MeetingId, x.MinutesPresent }).ToListAsync());
        var rowIds = firstMember.Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var audits = await a.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Attendance) && rowIds.Contains(e.EntityId) && e.Changes!.Contains("MinutesPresent"))
            .GroupBy(e => e.EntityId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var savesByMeeting = tally.Saves.GroupBy(x => x.MeetingId).ToDictionary(g => g.Key, g => g.ToList());
        var found = 0;
        var lost = new List<string>();
        foreach (var (meeting, saves) in savesByMeeting)
        {
            var row = firstMember.SingleOrDefault(x => x.MeetingId == meeting);
            var audited = row is null ? 0 : audits.SingleOrDefault(x => x.Key == row.Id.ToString(CultureInfo.InvariantCulture))?.Count ?? 0;
            // Every accepted save changed the first member's minutes: one audit row each. The stored value is an accepted one.
            if (row is null || audited != saves.Count || !saves.Any(x => x.Minutes == row.MinutesPresent))
            {
                lost.Add($"meeting {meeting}: {saves.Count} accepted, {audited} audited, stored {row?.MinutesPresent}");
            }
            else
            {
                found += saves.Count;
            }
        }
        var approvedStored = await a.WithDbAsync(db => db.Enrollments.CountAsync(e => clinicians.Select(c => c.EnrollmentId).Contains(e.Id) && e.Status == EnrollmentStatus.Completed));
        var certificates = await a.WithDbAsync(db => db.Certificates.CountAsync(c => c.EnrollmentId != null && clinicians.Select(x => x.EnrollmentId).Contains(c.EnrollmentId.Value)));

        var report = string.Join('\n',
            $"Soak: {readerBrowsers.Count + trainerSessions.Count + 1} users for {elapsed.TotalSeconds:F0} s on two instances ({(TestDatabase.IsPostgres ? "PostgreSQL" : "SQLite")})",
            $"  requests {tally.Requests} ({tally.Requests / elapsed.TotalSeconds:F0}/s), errors {tally.Errors.Count}",
            $"  attendance saves accepted {tally.Accepted}, refused and told {tally.Refused}, accepted found in the database and the audit log {found}",
            $"  approvals accepted {tally.Approved}, completed in the database {approvedStored}, certificates {certificates}",
            lost.Count == 0 ? "  lost writes 0" : "  LOST: " + string.Join("; ", lost.Take(10)),
            tally.Errors.IsEmpty ? "" : "  first errors: " + string.Join(" | ", tally.Errors.Take(10)));
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TP_SOAK_REPORT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, report + "\n");
        }

        Assert.True(tally.Errors.IsEmpty, report);
        Assert.Empty(lost);
        Assert.Equal(tally.Accepted, found);
        Assert.True(tally.Accepted > 0 && tally.Refused > 0, report); // saves collided, and were told
        Assert.Equal(tally.Approved, approvedStored);
        Assert.Equal(tally.Approved, certificates);
    }
}
