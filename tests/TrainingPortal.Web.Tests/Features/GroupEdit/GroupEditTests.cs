using System.Globalization;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.GroupEdit;

/// <summary>
/// Group corrections: a trainer edits the name and where their own group meets (never another's, never its trainer);
/// administrators also give it another trainer, extend it by weeks and delete it while nothing is recorded in it.
/// </summary>
public sealed class GroupEditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), NewYork).DateTime);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private async Task<TrainingGroup> GroupAsync(string? trainerId, int weeks = 20, DateOnly? start = null)
    {
        var group = ConsultationGroup(start ?? Today.AddDays(14), weeks, trainerId, "Group " + Guid.NewGuid().ToString("N")[..6]);
        await factory.WithDbAsync(async db => { db.Groups.Add(group); return await db.SaveChangesAsync(); });
        return group;
    }

    private Task<TrainingGroup> StoredAsync(int id) =>
        factory.WithDbAsync(db => db.Groups.AsNoTracking().Include(g => g.Meetings).SingleAsync(g => g.Id == id));

    private static string Edit(int id) => string.Create(Inv, $"/groups/{id}/edit");

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, string name, string link = "", string place = "", string? trainer = null) =>
        client.PostFormAsync(Edit(id), Edit(id),
        [
            new("Form.Name", name), new("Form.MeetingLink", link), new("Form.MeetingPlace", place),
            .. trainer is null ? Array.Empty<KeyValuePair<string, string>>() : [new KeyValuePair<string, string>("Form.TrainerId", trainer)],
        ]);

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_trainer_renames_their_own_group_and_sets_its_link_but_not_another_trainers_group_nor_its_trainer()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var other = await factory.CreateAsync(Roles.Trainer);
        var mine = await GroupAsync(trainer.Id);
        var theirs = await GroupAsync(other.Id);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var saved = await SaveAsync(client, mine.Id, "Tuesday circle", "https://meet.example.org/circle", "Room 4", trainer: other.Id);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredAsync(mine.Id);
        Assert.Equal(("Tuesday circle", "https://meet.example.org/circle", "Room 4"), (stored.Name, stored.MeetingLink, stored.MeetingPlace));
        Assert.Equal(trainer.Id, stored.TrainerId); // a trainer cannot hand the group to someone else
        var page = PortalClient.Decode(await client.GetStringAsync(string.Create(Inv, $"/groups/{mine.Id}")));
        Assert.Contains("href=\"https://meet.example.org/circle\"", page);
        Assert.Contains("Room 4", page);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Edit(theirs.Id))).StatusCode);
        var token = await client.GetTokenAsync(Edit(mine.Id));
        var foreign = await client.PostAsync(Edit(theirs.Id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Taken over", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(theirs.Name, (await StoredAsync(theirs.Id)).Name);

        Assert.True((await client.GetAsync(string.Create(Inv, $"/groups/{mine.Id}/delete"))).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("http://meet.example.org/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("meet.example.org/x")]
    public async Task A_link_that_is_not_https_is_refused_next_to_the_field_and_kept(string link)
    {
        var client = await AdminAsync();
        var group = await GroupAsync(null);

        var response = await SaveAsync(client, group.Id, "Renamed", link);

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Form_MeetingLink-error\">Enter a full web address that starts with https://", html);
        Assert.Contains($"value=\"{link}\"", html);
        Assert.Equal(group.Name, (await StoredAsync(group.Id)).Name);
    }

    [Fact]
    public async Task An_administrator_gives_the_group_another_trainer_but_only_a_trainer()
    {
        var client = await AdminAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainee = await factory.CreateAsync();
        var group = await GroupAsync(null);

        var refused = await SaveAsync(client, group.Id, group.Name, trainer: trainee.Id);
        Assert.Contains("id=\"Form_TrainerId-error\">That person is not a trainer", await HtmlAsync(refused));
        Assert.Null((await StoredAsync(group.Id)).TrainerId);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, group.Id, group.Name, trainer: trainer.Id)).StatusCode);
        Assert.Equal(trainer.Id, (await StoredAsync(group.Id)).TrainerId);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(TrainingGroup) && a.EntityId == group.Id.ToString(Inv) && a.Action == "Modified").Select(a => a.Changes).ToListAsync());
        Assert.Contains(audit, c => c!.Contains(trainer.Id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("60")]
    [InlineData("")]
    public async Task Extending_by_0_or_60_weeks_is_refused_next_to_the_field(string weeks)
    {
        var client = await AdminAsync();
        var group = await GroupAsync(null);

        var response = await client.PostFormAsync(Edit(group.Id), string.Create(Inv, $"/groups/{group.Id}/extend"), [new("Extend.Weeks", weeks)]);

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Extend_Weeks-error\">", html);
        Assert.Equal(20, (await StoredAsync(group.Id)).Meetings.Count);
    }

    [Fact]
    public async Task Extending_adds_weekly_meetings_after_the_last_one_without_the_skip_dates()
    {
        var client = await AdminAsync();
        var group = await GroupAsync(null, weeks: 4);
        var last = group.Meetings.Max(m => m.StartsUtc);
        var lastDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(last, NewYork));
        await factory.WithDbAsync(async db =>
        {
            db.Add(new GroupSkipDate { GroupId = group.Id, Date = lastDate.AddDays(14) });
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync(Edit(group.Id), string.Create(Inv, $"/groups/{group.Id}/extend"), [new("Extend.Weeks", "3")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(group.Id);
        var added = stored.Meetings.Where(m => m.StartsUtc > last).OrderBy(m => m.StartsUtc)
            .Select(m => TimeZoneInfo.ConvertTimeFromUtc(m.StartsUtc, NewYork)).ToList();
        Assert.Equal([lastDate.AddDays(7), lastDate.AddDays(21)], added.Select(DateOnly.FromDateTime));
        Assert.All(added, a => Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(a)));
        Assert.Equal(lastDate.AddDays(21), stored.EndDate);
    }

    [Fact]
    public async Task Deleting_is_refused_once_attendance_is_recorded_and_done_before()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var used = await GroupAsync(null, start: Today.AddDays(-14));
        var unused = await GroupAsync(null);
        await factory.WithDbAsync(async db =>
        {
            db.Attendance.Add(new Attendance { MeetingId = used.Meetings.OrderBy(m => m.StartsUtc).First().Id, PersonId = person.Id, Mark = AttendanceMark.Present });
            var e = Enroll(person, DefaultRuleSets.Keys.MioRostering, Today);
            e.GroupId = unused.Id;
            db.Enrollments.Add(e);
            return await db.SaveChangesAsync();
        });
        string Delete(int id) => string.Create(Inv, $"/groups/{id}/delete");

        var refused = await client.PostFormAsync(Delete(used.Id), Delete(used.Id), []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This group cannot be deleted: attendance is recorded", await HtmlAsync(refused));
        Assert.True(await factory.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == used.Id)));

        Assert.Contains("Delete the group", PortalClient.Decode(await client.GetStringAsync(Delete(unused.Id))));
        var deleted = await client.PostFormAsync(Delete(unused.Id), Delete(unused.Id), []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == unused.Id)));
        var enrollment = await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == person.Id));
        Assert.Null(enrollment.GroupId);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(TrainingGroup) && a.EntityId == unused.Id.ToString(Inv) && a.Action == "Deleted")));
    }
}
