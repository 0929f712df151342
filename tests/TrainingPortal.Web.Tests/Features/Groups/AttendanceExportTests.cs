using TrainingPortal.Web.Features.Groups;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Groups;

/// <summary>The group's attendance as CSV: content, headers, formula-injection guard, query count, per-record access.</summary>
public sealed class AttendanceExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Today in the portal's zone, as the pages judge it (PortalClock.Today).</summary>
    private DateOnly Today => factory.PortalToday();

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, IReadOnlyList<AppUser> Members, Meeting Past);

    /// <summary>
    /// A 20-week group that started 10 weeks ago; members named <paramref name="names"/>. At the last held
    /// meeting the first member is present, the second partial (30 minutes) with a make-up logged, the rest
    /// unmarked. The first meeting is cancelled.
    /// </summary>
    private async Task<Setup> GroupAsync(string groupName, params string[] names)
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: groupName);
        group.Meetings.OrderBy(m => m.StartsUtc).First().Cancelled = true;
        db.Add(group);
        var people = new List<AppUser>();
        foreach (var name in names)
        {
            var person = Person("m");
            person.DisplayName = name;
            people.Add(person);
            db.AddRange(person, Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group));
        }
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var past = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        if (people.Count > 0)
        {
            db.Attendance.Add(new Attendance { Meeting = past, PersonId = people[0].Id, Mark = AttendanceMark.Present });
        }
        if (people.Count > 1)
        {
            db.Attendance.Add(new Attendance { Meeting = past, PersonId = people[1].Id, Mark = AttendanceMark.Partial, MinutesPresent = 30 });
            db.SessionMakeUps.Add(new SessionMakeUp { Meeting = past, PersonId = people[1].Id, LoggedOn = Today, Note = "Watched the recording" });
        }
        await db.SaveChangesAsync();
        return new Setup(trainer, group, people, past);
    }

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task The_file_has_one_row_per_member_per_meeting_with_local_times_marks_minutes_and_make_ups()
    {
        var s = await GroupAsync("Monday noon group (Renée)", "Alice Able", "Bob Brown, Jr.");
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await client.GetAsync($"/groups/{s.Group.Id}/attendance.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"monday-noon-group-renée-attendance-{Today:yyyy-MM-dd}.csv", disposition.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte order mark, for Excel

        var lines = Lines(System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(string.Join(',', AttendanceExportController.Header), lines[0]);
        Assert.Equal(1 + 20 * 2, lines.Length);

        var zone = GroupSchedule.Zone("America/New_York");
        var first = TimeZoneInfo.ConvertTimeFromUtc(s.Group.Meetings.Min(m => m.StartsUtc), zone);
        Assert.Equal($"1,{first:yyyy-MM-dd},12:00,America/New_York,yes,Alice Able,,,no,,", lines[1]);
        Assert.Equal($"1,{first:yyyy-MM-dd},12:00,America/New_York,yes,\"Bob Brown, Jr.\",,,no,,", lines[2]);

        var number = s.Group.Meetings.OrderBy(m => m.StartsUtc).ToList().FindIndex(m => m.Id == s.Past.Id) + 1;
        var past = TimeZoneInfo.ConvertTimeFromUtc(s.Past.StartsUtc, zone);
        Assert.Contains($"{number},{past:yyyy-MM-dd},12:00,America/New_York,no,Alice Able,Present,60,no,,", lines);
        Assert.Contains($"{number},{past:yyyy-MM-dd},12:00,America/New_York,no,\"Bob Brown, Jr.\",Partial,30,yes,{Today:yyyy-MM-dd},Watched the recording", lines);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\"")]
    [InlineData("+1+cmd", "\"'+1+cmd\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    public async Task A_name_that_starts_like_a_formula_is_written_as_text_behind_an_apostrophe(string name, string field)
    {
        var s = await GroupAsync("Injection group", name);
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var csv = await client.GetStringAsync($"/groups/{s.Group.Id}/attendance.csv");

        var rows = Lines(csv).Skip(1).ToList();
        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Contains($",{field},", r, StringComparison.Ordinal));
        Assert.DoesNotContain($",{name},", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_takes_two_queries_for_2_or_12_members()
    {
        var small = await GroupAsync("Small", "A", "B");
        var large = await GroupAsync("Large", [.. Enumerable.Range(1, 12).Select(i => $"Member {i}")]);
        var admin = await factory.SignedInAsync("admin@demo.local");
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        var smallCsv = await admin.GetStringAsync($"/groups/{small.Group.Id}/attendance.csv");
        var forSmall = counter.Count;
        counter.Reset();
        var largeCsv = await admin.GetStringAsync($"/groups/{large.Group.Id}/attendance.csv");
        var forLarge = counter.Count;

        Assert.Equal(1 + 20 * 2, Lines(smallCsv).Length);
        Assert.Equal(1 + 20 * 12, Lines(largeCsv).Length);
        Assert.Equal(2, forSmall);
        Assert.Equal(2, forLarge);
    }

    [Fact]
    public async Task A_member_who_left_keeps_their_marked_history_in_the_file()
    {
        var s = await GroupAsync("Left group", "Stays", "Leaves");
        await factory.WithDbAsync(db => db.Enrollments.Where(e => e.PersonId == s.Members[1].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrollmentStatus.Withdrawn)));
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var csv = await client.GetStringAsync($"/groups/{s.Group.Id}/attendance.csv");

        Assert.Contains(",Leaves,Partial,30,yes,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_trainers_group_answers_404_an_administrator_gets_it_and_a_trainee_is_denied()
    {
        var s = await GroupAsync("Not yours", "Someone");
        var other = await factory.CreateAsync(Roles.Trainer);
        var url = $"/groups/{s.Group.Id}/attendance.csv";

        var foreign = await (await factory.SignedInAsync(other.Email!, TestUsers.Password)).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password)).GetAsync("/groups/999999/attendance.csv")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInAsync("admin@demo.local")).GetAsync(url)).StatusCode);

        var denied = await (await factory.SignedInAsync("trainee3@demo.local")).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location?.PathAndQuery);

        Assert.True((await factory.CreatePortalClient().GetAsync(url)).IsRedirectToLogin());
    }

    [Fact]
    public async Task The_group_page_links_the_export()
    {
        var s = await GroupAsync("Linked group", "Someone");
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var html = await client.GetStringAsync($"/groups/{s.Group.Id}");

        Assert.Contains($"href=\"/groups/{s.Group.Id}/attendance.csv\"", html);
    }
}
