using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Groups;

/// <summary>A trainer's groups: the home page list, the group page with members' standing, and per-record access.</summary>
public sealed class GroupPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    /// <summary>A 20-week group that started 10 weeks ago, led by <paramref name="trainer"/>, with one member per entry of <paramref name="attendedSoFar"/>.</summary>
    private async Task<TrainingGroup> GroupInProgressAsync(AppUser trainer, string name, params int[] attendedSoFar)
    {
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: name);
        var classroom = Classroom(start.AddDays(-14));
        db.AddRange(group, classroom);
        var i = 0;
        foreach (var attended in attendedSoFar)
        {
            var person = Person($"member{i++}");
            db.AddRange(person, Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group, classroom));
            AddMioRecords(db, person, group, classroom, attended, markedBefore: Today);
        }
        await db.SaveChangesAsync();
        return group;
    }

    [Fact]
    public async Task The_trainer_home_lists_their_groups_with_last_and_next_meeting()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var group = await GroupInProgressAsync(trainer, "Thursday noon group", 10, 10);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync("/"));

        Assert.Contains($"<a href=\"/groups/{group.Id}\">Thursday noon group</a>", html);
        Assert.Matches(@"data-testid=""trainer-group"">[\s\S]*?<td>2</td>\s*<td>\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d Eastern Time \(UTC.\d\d:00\)</td>\s*<td>\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d Eastern Time", html);
    }

    [Fact]
    public async Task The_group_page_flags_members_who_can_no_longer_reach_seventy_percent_first()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var group = await GroupInProgressAsync(trainer, "Flags group", 10, 2);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync($"/groups/{group.Id}"));

        var flags = System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"member\" data-flag=\"(\\w+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["OutOfReach", "OnTrack"], flags); // the member who attended 2 of 10 can reach at most 12 of 20
        Assert.Contains("Cannot reach the minimum", html);
        // 10 or 11: on a Monday after 12:00 New York time today's meeting has been held too.
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var held = group.Meetings.Count(m => !m.Cancelled && m.StartsUtc <= now);
        Assert.InRange(held, 10, 11);
        Assert.Contains($"{held} of 20 meetings held.", html);
        Assert.Contains("data-testid=\"next-meeting\"", html);
    }

    [Fact]
    public async Task Another_trainers_group_answers_404()
    {
        var owner = await factory.CreateAsync(Roles.Trainer);
        var other = await factory.CreateAsync(Roles.Trainer);
        var group = await GroupInProgressAsync(owner, "Not yours", 10);
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/groups/{group.Id}")).StatusCode);
        Assert.DoesNotContain("Not yours", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task An_administrator_sees_any_group_and_a_trainee_none()
    {
        var owner = await factory.CreateAsync(Roles.Trainer);
        var group = await GroupInProgressAsync(owner, "Admin can see", 10);

        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/groups/{group.Id}")).StatusCode);

        var trainee = await factory.SignedInAsync("trainee3@demo.local");
        var denied = await trainee.GetAsync($"/groups/{group.Id}");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_group_page_takes_the_same_number_of_queries_for_2_or_12_members()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var small = await GroupInProgressAsync(trainer, "Small", 10, 9);
        var large = await GroupInProgressAsync(trainer, "Large", 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 10, 10);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var counter = factory.Services.GetRequiredService<CommandCounter>();
        counter.Reset();
        await client.GetStringAsync($"/groups/{small.Id}");
        var forSmall = counter.Count;
        counter.Reset();
        await client.GetStringAsync($"/groups/{large.Id}");
        var forLarge = counter.Count;

        Assert.Equal(forSmall, forLarge);
        Assert.InRange(forSmall, 1, 40);
        // All of the page's reads on one connection (on PostgreSQL the session check, read through EF
        // Core before the page, may have opened one too; on SQLite it has its own reader).
        Assert.InRange(counter.ConnectionOpens, 1, counter.SessionChecks + 1);
    }

    [Fact]
    public async Task A_course_cohort_page_shows_the_eight_competency_areas_and_links_its_readings_a_consultation_group_does_neither()
    {
        var c = await factory.ImhCourseCohortAsync();
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync($"/groups/{c.Group.Id}"));
        Assert.Contains("Competency areas the course covers", html, StringComparison.Ordinal);
        foreach (var area in new[] { "Theoretical Foundations", "Law, Regulation & Policy", "Systems Expertise", "Direct Service Skills",
                     "Working with Others", "Communicating", "Thinking", "Reflection" })
        {
            Assert.Contains($"<li>{area}</li>", html, StringComparison.Ordinal);
        }
        Assert.Contains($"href=\"/groups/{c.Group.Id}/learning\"", html, StringComparison.Ordinal);

        var trainer = await factory.CreateAsync(Roles.Trainer);
        var group = await GroupInProgressAsync(trainer, "Group without areas", 3);
        var other = PortalClient.Decode(await (await factory.SignedInAsync(trainer.Email!, TestUsers.Password)).GetStringAsync($"/groups/{group.Id}"));
        Assert.DoesNotContain("Competency areas", other, StringComparison.Ordinal);
        Assert.DoesNotContain("/learning", other, StringComparison.Ordinal);
    }

    [Fact]
    public void The_courses_competency_areas_are_the_ones_the_endorsement_log_offers_in_the_same_order()
    {
        Assert.Equal(
            Web.Features.Endorsement.CompetencyAreaNames.All.Select(Web.Features.Endorsement.CompetencyAreaNames.Of),
            ProgramCatalog.Default.Get(DefaultRuleSets.Keys.ImhCourse).CompetencyAreas);
    }
}
