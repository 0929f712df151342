using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Groups;
using Xunit.Abstractions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.MeetingAttendance;

/// <summary>One screen per meeting: whole-meeting saves, bad input, concurrency, per-record access, query count.</summary>
public sealed class AttendanceTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, IReadOnlyList<AppUser> Members, Meeting Past, Meeting Future);

    /// <summary>A 20-week group that started 10 weeks ago with <paramref name="members"/> members and no marks yet.</summary>
    private async Task<Setup> GroupAsync(int members = 3, int extraTrainees = 0)
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: "Attendance group");
        var people = new List<AppUser>();
        db.Add(group);
        for (var i = 0; i < members + extraTrainees; i++)
        {
            var person = Person($"m{i}");
            people.Add(person);
            db.AddRange(person, Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group));
        }
        await db.SaveChangesAsync();
        var past = group.Meetings.Where(m => m.StartsUtc < factory.Time.GetUtcNow().UtcDateTime).OrderBy(m => m.StartsUtc).Last();
        var future = group.Meetings.Where(m => m.StartsUtc > factory.Time.GetUtcNow().UtcDateTime).OrderBy(m => m.StartsUtc).First();
        return new Setup(trainer, group, people, past, future);
    }

    private static string Url(Setup s, Meeting m) => $"/groups/{s.Group.Id}/meetings/{m.Id}/attendance";

    private static List<KeyValuePair<string, string>> Marks(IReadOnlyList<AppUser> members, params string?[] marks)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < members.Count; i++)
        {
            fields.Add(new($"Rows[{i}].PersonId", members[i].Id));
            var mark = i < marks.Length ? marks[i] : null;
            if (mark is null)
            {
                continue;
            }
            var parts = mark.Split(':');
            fields.Add(new($"Rows[{i}].Mark", parts[0]));
            if (parts.Length > 1)
            {
                fields.Add(new($"Rows[{i}].Minutes", parts[1]));
            }
        }
        return fields;
    }

    /// <summary>GET the screen, keep its version, POST the marks (members in the screen's order).</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Setup s, Meeting m, params string?[] marks)
    {
        var html = await client.GetStringAsync(Url(s, m));
        return await PostAsync(client, s, m, html, marks);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Setup s, Meeting m, string screen, params string?[] marks)
    {
        var version = Regex.Match(screen, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var token = Regex.Match(screen, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var order = Regex.Matches(screen, "data-person=\"([^\"]+)\"").Select(x => x.Groups[1].Value).ToList();
        var members = order.Select(id => s.Members.Single(p => p.Id == id)).ToList();
        var fields = Marks(members, marks);
        fields.Add(new("Version", version));
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(Url(s, m), new FormUrlEncodedContent(fields));
    }

    private Task<List<Attendance>> StoredAsync(Meeting m) =>
        factory.WithDbAsync(db => db.Attendance.AsNoTracking().Where(a => a.MeetingId == m.Id).ToListAsync());

    [Fact]
    public async Task The_screen_lists_every_member_with_nothing_pre_marked()
    {
        var s = await GroupAsync(members: 3);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var html = await client.GetStringAsync(Url(s, s.Past));

        Assert.Equal(3, Regex.Count(html, "data-testid=\"attendance-row\""));
        Assert.DoesNotContain("checked", html);
        Assert.Contains("data-testid=\"meeting-when\"", html);
        Assert.Contains("Eastern Time", html);
    }

    [Fact]
    public async Task One_save_records_the_whole_meeting_and_the_trainees_standing_reflects_it()
    {
        var s = await GroupAsync(members: 3);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await SaveAsync(client, s, s.Past, "Present", "Excused", "Partial:45");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(s.Past);
        Assert.Equal(3, stored.Count);
        Assert.Equal(new[] { AttendanceMark.Excused, AttendanceMark.Partial, AttendanceMark.Present }.Order(), stored.Select(a => a.Mark).Order());
        Assert.Equal(45, stored.Single(a => a.Mark == AttendanceMark.Partial).MinutesPresent);
        var audits = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Attendance) && a.ActorId == s.Trainer.Id));
        Assert.Equal(3, audits);
        var screen = await client.GetStringAsync(Url(s, s.Past));
        Assert.Contains("data-testid=\"last-saved\"", screen);
        Assert.Equal(3, Regex.Count(screen, "checked=\"checked\""));
    }

    [Fact]
    public async Task A_late_correction_changes_one_mark_and_is_audited_before_and_after()
    {
        var s = await GroupAsync(members: 2);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        await SaveAsync(client, s, s.Past, "Absent", "Present");

        var html = await client.GetStringAsync(Url(s, s.Past));
        var order = Regex.Matches(html, "data-person=\"([^\"]+)\"").Select(x => x.Groups[1].Value).ToList();
        var firstWasAbsent = (await StoredAsync(s.Past)).Single(a => a.PersonId == order[0]).Mark == AttendanceMark.Absent;
        Assert.True(firstWasAbsent);
        var response = await PostAsync(client, s, s.Past, html, "Present", "Present");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.All(await StoredAsync(s.Past), a => Assert.Equal(AttendanceMark.Present, a.Mark));
        var change = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(Attendance) && a.Action == "Modified").Select(a => a.Changes).ToListAsync());
        Assert.Contains(change, c => c!.Contains("\"Mark\":[\"Absent\",\"Present\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_with_everyone_present_fills_only_the_unmarked_rows_and_saves_nothing_until_saved()
    {
        var s = await GroupAsync(members: 3);
        var excused = s.Members[1];
        await factory.WithDbAsync(async db =>
        {
            db.Attendance.Add(new Attendance { MeetingId = s.Past.Id, PersonId = excused.Id, Mark = AttendanceMark.Excused });
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Contains("data-testid=\"start-present\"", await client.GetStringAsync(Url(s, s.Past)));

        var screen = await client.GetStringAsync(Url(s, s.Past) + "?start=present");

        Assert.Contains("data-testid=\"started-present\"", screen);
        var checkedMarks = Regex.Matches(screen, "data-person=\"([^\"]+)\".*?value=\"(\\w+)\" checked=\"checked\"", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(3, checkedMarks.Count);
        Assert.Equal("Excused", checkedMarks[excused.Id]); // a saved mark is kept
        Assert.Equal(2, checkedMarks.Values.Count(v => v == "Present"));
        Assert.Single(await StoredAsync(s.Past)); // nothing saved by opening the screen

        // Saving what the screen shows records the meeting (the trainer changes nothing).
        var order = Regex.Matches(screen, "data-person=\"([^\"]+)\"").Select(x => x.Groups[1].Value).ToList();
        var response = await PostAsync(client, s, s.Past, screen, [.. order.Select(id => checkedMarks[id])]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, (await StoredAsync(s.Past)).Count(a => a.Mark == AttendanceMark.Present));

        // Every member marked: no offer; a future meeting: neither the offer nor pre-filled marks.
        Assert.DoesNotContain("data-testid=\"start-present\"", await client.GetStringAsync(Url(s, s.Past)));
        var future = await client.GetStringAsync(Url(s, s.Future) + "?start=present");
        Assert.DoesNotContain("data-testid=\"start-present\"", future);
        Assert.DoesNotContain("data-testid=\"started-present\"", future);
        Assert.DoesNotContain("checked=\"checked\"", future);
    }

    [Fact]
    public async Task The_minutes_box_is_explained_by_the_rule_the_group_feeds()
    {
        var s = await GroupAsync(members: 1);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync(Url(s, s.Past)));

        Assert.Contains("A partial attendance counts as an attended call from 45 of its 60 minutes (75% of it)", html);
        Assert.Matches("id=\"Rows_0__Minutes\"[^>]*aria-describedby=\"partial-rule\"", html);
    }

    [Fact]
    public async Task An_empty_save_is_refused()
    {
        var s = await GroupAsync(members: 2);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await SaveAsync(client, s, s.Past);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mark every member as present, absent, excused or partial before saving.", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Fact]
    public async Task A_missing_mark_is_named_on_its_row_and_the_other_marks_are_kept()
    {
        var s = await GroupAsync(members: 3);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await SaveAsync(client, s, s.Past, "Present", null, "Absent");

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"Rows_1__Mark-error\">Choose present, absent, excused or partial.", html);
        Assert.Equal(2, Regex.Count(html, "checked=\"checked\""));
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Theory]
    [InlineData("61")]
    [InlineData("0")]
    [InlineData("")]
    public async Task Partial_minutes_must_lie_within_the_meeting(string minutes)
    {
        var s = await GroupAsync(members: 1);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await SaveAsync(client, s, s.Past, "Partial:" + minutes);

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("For a partial attendance, enter the minutes present: 1 to 60", html);
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Fact]
    public async Task Sixty_partial_minutes_of_a_sixty_minute_meeting_are_accepted()
    {
        var s = await GroupAsync(members: 1);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, s, s.Past, "Partial:60")).StatusCode);
    }

    [Fact]
    public async Task A_future_meeting_and_a_cancelled_meeting_take_no_attendance()
    {
        var s = await GroupAsync(members: 1);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == s.Past.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Cancelled, true)));
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var future = PortalClient.Decode(await (await SaveAsync(client, s, s.Future, "Present")).Content.ReadAsStringAsync());
        var cancelled = PortalClient.Decode(await (await SaveAsync(client, s, s.Past, "Present")).Content.ReadAsStringAsync());

        Assert.Contains("This meeting has not taken place yet.", future);
        Assert.Contains("This meeting was cancelled", cancelled);
        Assert.Empty(await StoredAsync(s.Future));
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Fact]
    public async Task A_save_from_an_older_screen_is_refused_and_shows_the_newer_marks_beside_what_was_typed()
    {
        var s = await GroupAsync(members: 2);
        var first = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var second = await factory.SignedInAsync("admin@demo.local");
        var firstScreen = await first.GetStringAsync(Url(s, s.Past));
        var secondScreen = await second.GetStringAsync(Url(s, s.Past));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, s, s.Past, secondScreen, "Present", "Present")).StatusCode);
        var refused = await PostAsync(first, s, s.Past, firstScreen, "Absent", "Excused");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = PortalClient.Decode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(TrainingPortal.Web.Features.MeetingAttendance.MeetingAttendanceController.ConflictMessage, html);
        Assert.Equal(2, Regex.Count(html, "value=\"Present\" checked=\"checked\"")); // the newer, saved marks
        Assert.Contains("data-testid=\"your-entry\">Absent<", html); // and what this trainer typed
        Assert.All(await StoredAsync(s.Past), a => Assert.Equal(AttendanceMark.Present, a.Mark));

        // Saving again from the refreshed screen works.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, s, s.Past, html, "Absent", "Excused")).StatusCode);
    }

    [Fact]
    public async Task Another_trainers_meeting_answers_404_to_get_and_post()
    {
        var s = await GroupAsync(members: 1);
        var other = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);
        var token = await client.GetTokenAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s, s.Past))).StatusCode);
        var post = await client.PostAsync(Url(s, s.Past), new FormUrlEncodedContent(
            [.. Marks(s.Members, "Present"), new("Version", Guid.NewGuid().ToString()), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Fact]
    public async Task Loading_and_saving_read_the_same_number_of_times_for_a_small_and_a_large_group()
    {
        var small = await GroupAsync(members: 2);
        var large = await GroupAsync(members: 12);
        var smallClient = await factory.SignedInAsync(small.Trainer.Email!, TestUsers.Password);
        var largeClient = await factory.SignedInAsync(large.Trainer.Email!, TestUsers.Password);
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        async Task<(int Load, int SaveReads, int SaveWrites)> MeasureAsync(HttpClient client, Setup s)
        {
            counter.Reset();
            var screen = await client.GetStringAsync(Url(s, s.Past));
            var load = counter.Count;
            // All of the screen's reads on one connection (on PostgreSQL the session check, read through EF
        // Core before the page, may have opened one too; on SQLite it has its own reader).
            Assert.InRange(counter.ConnectionOpens, 1, counter.SessionChecks + 1);
            counter.Reset();
            var response = await PostAsync(client, s, s.Past, screen, [.. s.Members.Select(_ => "Present")]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return (load, counter.Reads, counter.Count - counter.Reads);
        }

        var a = await MeasureAsync(smallClient, small);
        var b = await MeasureAsync(largeClient, large);

        output.WriteLine($"2 members: load {a.Load} commands, save {a.SaveReads} reads + {a.SaveWrites} writes; 12 members: load {b.Load}, save {b.SaveReads} + {b.SaveWrites}");
        Assert.Equal(a.Load, b.Load); // every command of the screen, whatever the group's size
        Assert.InRange(a.Load, 1, 40);
        Assert.Equal(a.SaveReads, b.SaveReads);
        // SQLite takes one INSERT per new row (EF does not batch there; SQL Server batches them):
        // each mark and its audit row, plus the meeting's new version and its audit row, plus ONE statement
        // marking the members' stored standings stale (StandingInvalidator) — nothing else per member.
        // PostgreSQL sends a save's INSERTs and UPDATEs as batches: there the count is the same for 2 or 12 members.
        Assert.Equal(TestDatabase.IsPostgres ? 3 : 2 * 2 + 2 + 1, a.SaveWrites);
        Assert.Equal(TestDatabase.IsPostgres ? 3 : 2 * 12 + 2 + 1, b.SaveWrites);
    }
}
