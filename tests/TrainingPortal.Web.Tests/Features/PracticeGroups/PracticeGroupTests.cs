using TrainingPortal.Web.Time;
using System.Globalization;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.PracticeGroups;

namespace TrainingPortal.Web.Tests.Features.PracticeGroups;

/// <summary>
/// MI practice groups (seed 002): a Champion creates a group, practitioners find and join it, the host logs sessions and
/// members read their practice log. Full groups, double joins, bad input and privacy answered clearly, never a 500.
/// </summary>
public sealed class PracticeGroupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => PortalClock.LocalDate(factory.Time.GetUtcNow().UtcDateTime, PortalClock.FindZone("America/New_York"));

    private async Task<(AppUser User, HttpClient Client)> SignedInAsync(string role)
    {
        var user = await factory.CreateAsync(role);
        return (user, await factory.SignedInAsync(user.Email!, TestUsers.Password));
    }

    private Task<bool> AuditedAsync(string entityType, string action) =>
        factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == entityType && a.Action == action));

    [Fact]
    public async Task A_champion_creates_a_group_a_practitioner_finds_and_joins_it_the_host_logs_a_session_and_the_member_sees_it_in_the_log()
    {
        var (_, host) = await SignedInAsync(Roles.Champion);
        var (member, practitioner) = await SignedInAsync(Roles.Trainee);
        var name = "Harbour MI circle " + Guid.NewGuid().ToString("N")[..6];

        var created = await host.PostFormAsync("/mi/groups/new", PracticeData.GroupFields(name, capacity: "4", town: "Portland, ME", link: "https://meet.example.org/harbour"));
        var id = PracticeData.IdFrom(created);
        var stored = await factory.WithDbAsync(db => db.MiPracticeGroups.AsNoTracking().SingleAsync(g => g.Id == id));
        Assert.Equal(("Portland, ME", "https://meet.example.org/harbour", 4, MiActivities.ReflectionChains), (stored.Town, stored.OnlineLink, stored.Capacity, stored.Activities));

        var found = PortalClient.Decode(await practitioner.GetStringAsync("/mi/groups?town=portland"));
        Assert.Contains(name, found);
        Assert.Contains("4 free places", found);
        Assert.DoesNotContain(name, PortalClient.Decode(await practitioner.GetStringAsync("/mi/groups?town=nowhere-" + Guid.NewGuid().ToString("N")[..4])));
        var before = PortalClient.Decode(await practitioner.GetStringAsync($"/mi/groups/{id}"));
        Assert.DoesNotContain("https://meet.example.org/harbour", before); // the link is for members

        var joined = await practitioner.FollowAsync(await practitioner.PostFormAsync($"/mi/groups/{id}", $"/mi/groups/{id}/join", []));
        Assert.Contains("You joined " + name, joined);
        Assert.Contains("https://meet.example.org/harbour", joined);
        Assert.Contains("3 free places", joined);

        var logged = await host.PostFormAsync($"/mi/groups/{id}/sessions/new", PracticeData.SessionFields(Today.AddDays(-1), "90", "Reflection chains in threes.", member.Id));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        var log = PortalClient.Decode(await practitioner.GetStringAsync("/mi/practice-log"));
        Assert.Contains("1 session, 1.5 hours in all.", log);
        Assert.Contains(name, log);
        Assert.Contains("Reflection chains, Video review", log);
        Assert.Contains("Reflection chains in threes.", log);
        Assert.True(await AuditedAsync(nameof(MiPracticeGroup), "Added"));
        Assert.True(await AuditedAsync(nameof(MiPracticeMembership), "Added"));
        Assert.True(await AuditedAsync(nameof(MiPracticeSession), "Added"));
        Assert.True(await AuditedAsync(nameof(MiPracticeAttendance), "Added"));
    }

    [Fact]
    public async Task A_full_group_refuses_a_join_clearly_and_a_second_join_is_answered_without_a_second_place()
    {
        var champion = await factory.CreateAsync(Roles.Champion);
        var (first, firstClient) = await SignedInAsync(Roles.Trainee);
        var (_, second) = await SignedInAsync(Roles.Trainee);
        var group = await factory.GroupAsync(champion.Id, capacity: 1);
        var page = $"/mi/groups/{group.Id}";

        Assert.Contains("You joined", await firstClient.FollowAsync(await firstClient.PostFormAsync(page, page + "/join", [])));
        var token = await firstClient.GetTokenAsync(page); // the join button is gone for a member: a second post as if clicked twice
        var again = await firstClient.PostAsync(page + "/join", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains(PracticeGroupsController.AlreadyMember, await firstClient.FollowAsync(again));

        var secondPage = PortalClient.Decode(await second.GetStringAsync(page));
        Assert.Contains("This group is full.", secondPage);
        var full = await second.PostFormAsync(page, page + "/join", []);
        Assert.Contains(PracticeGroupsController.FullMessage, await second.FollowAsync(full));

        var stored = await factory.WithDbAsync(db => db.MiPracticeGroups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal(1, stored.Members);
        Assert.Equal([first.Id], await factory.WithDbAsync(db => db.MiPracticeMemberships.Where(m => m.GroupId == group.Id).Select(m => m.PersonId).ToListAsync()));
    }

    [Fact]
    public async Task Of_several_joins_for_the_last_place_at_once_exactly_one_wins_and_the_others_are_told_it_is_full()
    {
        var champion = await factory.CreateAsync(Roles.Champion);
        var group = await factory.GroupAsync(champion.Id, capacity: 1);
        var page = $"/mi/groups/{group.Id}";
        var posters = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            var (_, client) = await SignedInAsync(Roles.Trainee);
            posters.Add((client, await client.GetTokenAsync(page)));
        }
        using var start = new SemaphoreSlim(0);
        var tasks = posters.Select(async p =>
        {
            await start.WaitAsync();
            return await p.Client.PostAsync(page + "/join", new FormUrlEncodedContent([new("__RequestVerificationToken", p.Token)]));
        }).ToList();
        start.Release(posters.Count);
        var answers = await Task.WhenAll(tasks);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var notices = new List<string>();
        for (var i = 0; i < posters.Count; i++)
        {
            notices.Add(await posters[i].Client.FollowAsync(answers[i]));
        }
        Assert.Single(notices, n => n.Contains("You joined", StringComparison.Ordinal));
        Assert.Equal(5, notices.Count(n => n.Contains(PracticeGroupsController.FullMessage, StringComparison.Ordinal)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.MiPracticeMemberships.CountAsync(m => m.GroupId == group.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.MiPracticeGroups.Where(g => g.Id == group.Id).Select(g => g.Members).SingleAsync()));
    }

    [Theory]
    [InlineData("Form.Capacity", "0", "Enter the number of places, a whole number from 1 to 100.")]
    [InlineData("Form.Capacity", "-3", "Enter the number of places, a whole number from 1 to 100.")]
    [InlineData("Form.Capacity", "1000000", "Enter the number of places, a whole number from 1 to 100.")]
    [InlineData("Form.Capacity", "99999999999999999999", "")]
    [InlineData("Form.Capacity", "many", "")]
    [InlineData("Form.Town", "", "Enter the town where the group meets, or an online meeting link (or both).")]
    [InlineData("Form.OnlineLink", "javascript:alert(1)", "Enter the link as a web address starting with https://")]
    [InlineData("Form.Rhythm", " ", "Say when the group meets")]
    [InlineData("Form.Activities", "NotAnActivity", "Choose at least one activity")]
    [InlineData("Form.TimeZoneId", "Mars/Olympus", "Choose a time zone from the list.")]
    [InlineData("Form.Name", "LONG", "Keep the name to 200 characters (you typed 100,000).")]
    [InlineData("Form.OtherActivities", "LONG", "Keep the other activities to 200 characters (you typed 100,000).")]
    [InlineData("Form.Town", "LONG", "Keep the town to 200 characters (you typed 100,000).")]
    public async Task Bad_group_input_is_answered_next_to_the_field_with_the_rest_kept_and_nothing_stored(string field, string value, string message)
    {
        var (champion, host) = await SignedInAsync(Roles.Champion);
        var name = "Bad input " + Guid.NewGuid().ToString("N")[..6];
        value = value == "LONG" ? new string('x', 100_000) : value;
        var fields = PracticeData.GroupFields(name).Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();

        var response = await host.PostFormAsync("/mi/groups/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        var id = field.Replace('.', '_');
        Assert.Matches($"id=\"{id}-error\"[^>]*>{Regex.Escape(message)}", html);
        Assert.Contains(field == "Form.Name" ? "Every second Tuesday, 7 pm" : name, html);
        Assert.False(await factory.WithDbAsync(db => db.MiPracticeGroups.AnyAsync(g => g.HostId == champion.Id)));
    }

    [Fact]
    public async Task A_session_in_the_future_for_someone_who_is_not_a_member_with_a_100000_character_note_or_no_minutes_is_refused()
    {
        var (champion, host) = await SignedInAsync(Roles.Champion);
        var member = await factory.CreateAsync(Roles.Trainee);
        var stranger = await factory.CreateAsync(Roles.Trainee);
        var group = await factory.GroupAsync(champion.Id, memberIds: member.Id);
        var form = $"/mi/groups/{group.Id}/sessions/new";

        async Task RefusedAsync((string, string)[] fields, string errorId, string message)
        {
            var response = await host.PostFormAsync(form, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches($"id=\"{errorId}-error\"[^>]*>{Regex.Escape(message)}", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        }
        await RefusedAsync(PracticeData.SessionFields(Today.AddDays(1), came: member.Id), "Form_HeldOn", "A session can be logged once it has taken place");
        await RefusedAsync(PracticeData.SessionFields(Today, came: [member.Id, stranger.Id]), "Form_Attendees", PracticeSessionsController.NotAMember);
        await RefusedAsync(PracticeData.SessionFields(Today, note: new string('n', 100_000), came: member.Id), "Form_Note", "Keep the note to 2,000 characters (you typed 100,000).");
        await RefusedAsync(PracticeData.SessionFields(Today, minutes: "0", came: member.Id), "Form_Minutes", "Enter the length in minutes");
        await RefusedAsync(PracticeData.SessionFields(Today, minutes: "100000000000", came: member.Id), "Form_Minutes", "");
        await RefusedAsync(PracticeData.SessionFields(Today), "Form_Attendees", "Tick at least one member who came.");

        Assert.False(await factory.WithDbAsync(db => db.MiPracticeSessions.AnyAsync(s => s.GroupId == group.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await host.PostFormAsync(form, PracticeData.SessionFields(Today, came: member.Id))).StatusCode); // today is fine
    }

    [Fact]
    public async Task A_member_who_left_keeps_their_past_sessions_and_the_host_can_still_edit_them_but_not_add_the_leaver_to_a_new_one()
    {
        var (champion, host) = await SignedInAsync(Roles.Champion);
        var (leaver, leaverClient) = await SignedInAsync(Roles.Trainee);
        var stayer = await factory.CreateAsync(Roles.Trainee);
        var group = await factory.GroupAsync(champion.Id, memberIds: [leaver.Id, stayer.Id]);
        var session = await factory.SessionAsync(group, Today.AddDays(-7), 60, leaver.Id, stayer.Id);
        var page = $"/mi/groups/{group.Id}";

        Assert.Contains("The sessions you came to stay in your practice log.", await leaverClient.FollowAsync(await leaverClient.PostFormAsync(page, page + "/leave", [])));
        Assert.Contains("1 session, 1 hours in all.", PortalClient.Decode(await leaverClient.GetStringAsync("/mi/practice-log")));

        var edit = $"{page}/sessions/{session.Id}/edit";
        var editPage = PortalClient.Decode(await host.GetStringAsync(edit));
        Assert.Contains("Test Trainee (has left the group)", editPage);
        var version = Regex.Match(editPage, "name=\"Form.Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var saved = await host.PostFormAsync(edit, [.. PracticeData.SessionFields(Today.AddDays(-7), "75", "Longer than planned.", leaver.Id, stayer.Id), ("Form.Version", version)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("1 session, 1.25 hours in all.", PortalClient.Decode(await leaverClient.GetStringAsync("/mi/practice-log")));

        var refused = await host.PostFormAsync($"{page}/sessions/new", PracticeData.SessionFields(Today, came: leaver.Id));
        Assert.Contains(PracticeSessionsController.NotAMember, PortalClient.Decode(await refused.Content.ReadAsStringAsync()));

        var stale = await host.PostFormAsync(edit, [.. PracticeData.SessionFields(Today.AddDays(-7), "30", came: stayer.Id), ("Form.Version", version)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode); // saved from the page opened before the last save
        Assert.Equal(75, await factory.WithDbAsync(db => db.MiPracticeSessions.Where(s => s.Id == session.Id).Select(s => s.Minutes).SingleAsync()));
    }

    [Fact]
    public async Task The_host_sees_the_members_names_members_see_the_host_and_the_link_but_not_each_other_and_others_not_the_link()
    {
        var (champion, host) = await SignedInAsync(Roles.Champion);
        var (member, memberClient) = await SignedInAsync(Roles.Trainee);
        var other = await factory.CreateAsync(Roles.Trainee);
        await factory.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == other.Id);
            u.DisplayName = "Zelda Quintero-Secret";
            var h = await db.Users.SingleAsync(x => x.Id == champion.Id);
            h.DisplayName = "Hosting Champion Name";
            return await db.SaveChangesAsync();
        });
        var (_, outsider) = await SignedInAsync(Roles.Trainee);
        var group = await factory.GroupAsync(champion.Id, link: "https://meet.example.org/private-room", memberIds: [member.Id, other.Id]);
        var page = $"/mi/groups/{group.Id}";

        var hostView = PortalClient.Decode(await host.GetStringAsync(page));
        Assert.Contains("Zelda Quintero-Secret", hostView);
        var memberView = PortalClient.Decode(await memberClient.GetStringAsync(page));
        Assert.Contains("Hosting Champion Name", memberView);
        Assert.Contains("https://meet.example.org/private-room", memberView);
        Assert.DoesNotContain("Zelda Quintero-Secret", memberView);
        var outsiderView = PortalClient.Decode(await outsider.GetStringAsync(page));
        Assert.DoesNotContain("https://meet.example.org/private-room", outsiderView);
        Assert.DoesNotContain("Zelda Quintero-Secret", outsiderView);
        Assert.DoesNotContain("Zelda Quintero-Secret", PortalClient.Decode(await outsider.GetStringAsync("/mi/groups")));
    }

    [Fact]
    public async Task The_host_cannot_lower_the_places_below_the_members_and_a_closed_group_leaves_the_finder_and_takes_no_joins()
    {
        var (champion, host) = await SignedInAsync(Roles.Champion);
        var a = await factory.CreateAsync(Roles.Trainee);
        var b = await factory.CreateAsync(Roles.Trainee);
        var (_, late) = await SignedInAsync(Roles.Trainee);
        var group = await factory.GroupAsync(champion.Id, capacity: 5, memberIds: [a.Id, b.Id]);
        var page = $"/mi/groups/{group.Id}";

        var lowered = await host.PostFormAsync(page + "/edit", PracticeData.GroupFields(group.Name, capacity: "1"));
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains("The group has 2 members now: keep at least 2 places.", PortalClient.Decode(await lowered.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await host.PostFormAsync(page + "/edit", PracticeData.GroupFields(group.Name, capacity: "2"))).StatusCode);

        Assert.Contains("The group is closed", await host.FollowAsync(await host.PostFormAsync(page, page + "/close", [])));
        Assert.DoesNotContain(group.Name, PortalClient.Decode(await late.GetStringAsync("/mi/groups")));
        Assert.Contains("This group is closed", await late.FollowAsync(await late.PostFormAsync(page, page + "/join", [])));
        Assert.Equal(2, await factory.WithDbAsync(db => db.MiPracticeMemberships.CountAsync(m => m.GroupId == group.Id)));
    }

    [Fact]
    public async Task The_finder_and_the_practice_log_read_the_same_number_of_times_whatever_the_number_of_groups_and_sessions()
    {
        var (person, client) = await SignedInAsync(Roles.Trainee);
        var champion = await factory.CreateAsync(Roles.Champion);
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<(int Finder, int Log)> ReadsAsync()
        {
            await client.GetStringAsync("/mi/groups");
            counter.Reset();
            await client.GetStringAsync("/mi/groups");
            var finder = counter.Reads;
            counter.Reset();
            await client.GetStringAsync("/mi/practice-log");
            return (finder, counter.Reads);
        }
        var first = await factory.GroupAsync(champion.Id, memberIds: person.Id);
        await factory.SessionAsync(first, Today.AddDays(-3), 60, person.Id);
        var before = await ReadsAsync();
        for (var i = 0; i < 12; i++)
        {
            var group = await factory.GroupAsync(champion.Id, town: i % 2 == 0 ? "Town " + i : null, link: i % 2 == 0 ? null : "https://meet.example.org/" + i, memberIds: person.Id);
            await factory.SessionAsync(group, Today.AddDays(-i), 45, person.Id);
            await factory.SessionAsync(group, Today.AddDays(-i - 20), 30, person.Id);
        }
        Assert.Equal(before, await ReadsAsync());
        // The finder: one query for the groups with their hosts and the viewer's memberships; the log: one for the sessions
        // (the per-request session check is counted apart).
        Assert.Equal((1, 1), before);
    }
}
