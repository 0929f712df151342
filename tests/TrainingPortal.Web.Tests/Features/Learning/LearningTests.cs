using System.Globalization;

namespace TrainingPortal.Web.Tests.Features.Learning;

/// <summary>
/// An IMH course cohort's readings and exercises managed by its instructor (/groups/{id}/learning): who may open it,
/// what it refuses, confirm and reopen, removal with completions, and the verdict of "independent-learning".
/// </summary>
public sealed class LearningTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Url(OneMemberCohort c) => $"/groups/{c.Group.Id}/learning";

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, OneMemberCohort c, string title, DateOnly? due = null, string kind = "Reading", string details = "") =>
        client.PostFormAsync(Url(c), Url(c) + "/items",
        [
            new("Form.Kind", kind), new("Form.Title", title), new("Form.Details", details),
            new("Form.DueOn", due?.ToString("yyyy-MM-dd", Inv) ?? ""),
        ]);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, OneMemberCohort c, int itemId, string personId, string decision) =>
        client.PostFormAsync(Url(c), Url(c) + "/completions",
            [new("Completion.ItemId", itemId.ToString(Inv)), new("Completion.PersonId", personId), new("Completion.Decision", decision)]);

    private async Task<List<LearningItemRecord>> ItemsAsync(OneMemberCohort c) =>
        await factory.WithDbAsync(db => db.LearningItems.AsNoTracking().Where(i => i.GroupId == c.Group.Id).OrderBy(i => i.Id).ToListAsync());

    private async Task<LearningItemRecord> SeedItemAsync(OneMemberCohort c, string title, bool completed = false)
    {
        await using var db = factory.NewContext();
        var item = new LearningItemRecord { GroupId = c.Group.Id, Kind = LearningItemKind.Reading, Title = title, DueOn = c.Group.StartDate.AddDays(7) };
        db.Add(item);
        if (completed)
        {
            db.Add(new LearningCompletion { Item = item, PersonId = c.Member.Id, CompletedOn = factory.PortalToday().AddDays(-1) });
        }
        await db.SaveChangesAsync();
        return item;
    }

    private Task<RequirementResult> LearningAsync(OneMemberCohort c) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([c.Enrollment.Id])).Single().Verdict["independent-learning"]!);

    [Fact]
    public async Task The_instructor_adds_an_item_with_a_due_date_and_sees_each_members_completion()
    {
        var c = await factory.ImhCourseCohortAsync();
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var due = c.Group.StartDate.AddDays(14);

        var added = await AddAsync(client, c, "Fraiberg, Ghosts in the nursery", due, details: "Handout in the course folder");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var item = Assert.Single(await ItemsAsync(c));
        Assert.Equal(("Fraiberg, Ghosts in the nursery", LearningItemKind.Reading, due, "Handout in the course folder"), (item.Title, item.Kind, item.DueOn, item.Details));
        var page = PortalClient.Decode(await client.GetStringAsync(Url(c)));
        Assert.Contains("Fraiberg, Ghosts in the nursery", page, StringComparison.Ordinal);
        Assert.Contains("due " + due.ToString("d MMMM yyyy", Inv), page, StringComparison.Ordinal);
        Assert.Contains("Not marked complete", page, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(LearningItemRecord) && a.ActorId == c.Trainer.Id)));
        // The cohort page links the screen.
        Assert.Contains($"href=\"/groups/{c.Group.Id}/learning\"", await client.GetStringAsync($"/groups/{c.Group.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_trainers_cohort_and_a_group_of_another_kind_answer_404()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Reading A");
        var other = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(c))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url(c)}/items/{item.Id}/edit")).StatusCode);
        // A post is refused too, with a token from a page the other trainer may open.
        var posted = await client.PostFormAsync("/", Url(c) + "/items", [new("Form.Kind", "Reading"), new("Form.Title", "Sneaked in")]);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Single(await ItemsAsync(c));

        // The cohort's own trainer cannot open it on a Train-the-Trainer cohort (no readings there).
        var ttt = await factory.TrainTheTrainerCohortAsync("TTT cohort without readings", "ttt-learning");
        var tttClient = await factory.SignedInAsync(ttt.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await tttClient.GetAsync($"/groups/{ttt.Group.Id}/learning")).StatusCode);
    }

    [Fact]
    public async Task A_due_date_outside_the_cohort_is_refused_next_to_the_field_keeping_what_was_typed()
    {
        var c = await factory.ImhCourseCohortAsync();
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        var before = await AddAsync(client, c, "Too early reading", c.Group.StartDate.AddDays(-1));
        var after = await AddAsync(client, c, "Too late reading", c.Group.EndDate.AddDays(1));

        foreach (var (response, title) in new[] { (before, "Too early reading"), (after, "Too late reading") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Choose a due date within the cohort's dates", html, StringComparison.Ordinal);
            Assert.Contains("id=\"Form_DueOn-error\"", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{title}\"", html, StringComparison.Ordinal);
        }
        Assert.Empty(await ItemsAsync(c));

        // The first and last days of the cohort are inside it.
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, c, "First day", c.Group.StartDate)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, c, "Last day", c.Group.EndDate)).StatusCode);
    }

    [Fact]
    public async Task An_empty_or_over_long_title_over_long_details_and_no_kind_are_refused_with_plain_messages()
    {
        var c = await factory.ImhCourseCohortAsync();
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        var empty = PortalClient.Decode(await (await AddAsync(client, c, "   ")).Content.ReadAsStringAsync());
        Assert.Contains("Enter a title", empty, StringComparison.Ordinal);

        var longTitle = new string('t', 201);
        var tooLong = await AddAsync(client, c, longTitle);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var html = PortalClient.Decode(await tooLong.Content.ReadAsStringAsync());
        Assert.Contains("Keep the title to 200 characters (you typed 201)", html, StringComparison.Ordinal);
        Assert.Contains(longTitle, html, StringComparison.Ordinal);

        var details = PortalClient.Decode(await (await AddAsync(client, c, "Reading", details: new string('d', 2001))).Content.ReadAsStringAsync());
        Assert.Contains("Keep the details to 2,000 characters (you typed 2,001)", details, StringComparison.Ordinal);

        var noKind = PortalClient.Decode(await (await AddAsync(client, c, "Reading", kind: "Podcast")).Content.ReadAsStringAsync());
        Assert.Contains("Choose reading or exercise.", noKind, StringComparison.Ordinal);
        Assert.DoesNotContain("Podcast", noKind.Replace("value=\"Podcast\"", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Empty(await ItemsAsync(c));
    }

    [Fact]
    public async Task Unknown_item_ids_answer_404_and_an_item_of_another_cohort_is_not_reachable_through_this_one()
    {
        var c = await factory.ImhCourseCohortAsync();
        var other = await factory.ImhCourseCohortAsync();
        var foreign = await SeedItemAsync(other, "Other cohort's reading");
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url(c)}/items/999999/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url(c)}/items/{foreign.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(Url(c), $"{Url(c)}/items/{foreign.Id}/remove", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(client, c, 999999, c.Member.Id, "Confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(client, c, foreign.Id, other.Member.Id, "Confirm")).StatusCode);
        Assert.Single(await ItemsAsync(other));
    }

    [Fact]
    public async Task Editing_an_item_saves_it_and_refuses_a_due_date_outside_the_cohort()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Reading before");
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var edit = $"{Url(c)}/items/{item.Id}/edit";

        var refused = await client.PostFormAsync(edit, edit,
            [new("Form.Kind", "Exercise"), new("Form.Title", "Reading after"), new("Form.DueOn", c.Group.EndDate.AddDays(3).ToString("yyyy-MM-dd", Inv))]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose a due date within the cohort's dates", PortalClient.Decode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Reading before", (await ItemsAsync(c)).Single().Title);

        var saved = await client.PostFormAsync(edit, edit,
            [new("Form.Kind", "Exercise"), new("Form.Title", "Reading after"), new("Form.DueOn", c.Group.EndDate.ToString("yyyy-MM-dd", Inv))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = (await ItemsAsync(c)).Single();
        Assert.Equal(("Reading after", LearningItemKind.Exercise, (DateOnly?)c.Group.EndDate), (stored.Title, stored.Kind, stored.DueOn));
    }

    [Fact]
    public async Task Removing_an_item_with_completions_asks_first_then_removes_it_and_them()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Marked reading", completed: true);
        var empty = await SeedItemAsync(c, "Unmarked reading");
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var remove = $"{Url(c)}/items/{item.Id}/remove";

        var asked = await client.PostFormAsync(Url(c), remove, []);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("1 member has marked it complete", PortalClient.Decode(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, (await ItemsAsync(c)).Count);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Url(c), remove, [new("confirmed", "true")])).StatusCode);
        Assert.Equal("Unmarked reading", Assert.Single(await ItemsAsync(c)).Title);
        Assert.False(await factory.WithDbAsync(db => db.LearningCompletions.AnyAsync(x => x.ItemId == item.Id)));
        // The removed completion is audited as such, not only cascaded by the database.
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(LearningCompletion) && a.ActorId == c.Trainer.Id)));

        // An item nobody marked goes at once.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Url(c), $"{Url(c)}/items/{empty.Id}/remove", [])).StatusCode);
        Assert.Empty(await ItemsAsync(c));
    }

    [Fact]
    public async Task All_but_one_complete_is_not_met_all_is_met_and_a_reopened_one_is_not_met_again()
    {
        var c = await factory.ImhCourseCohortAsync();
        var first = await SeedItemAsync(c, "Reading one", completed: true);
        var second = await SeedItemAsync(c, "Reading two");
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        var oneShort = await LearningAsync(c);
        Assert.Equal(RequirementStatus.NotMet, oneShort.Status);
        Assert.Equal((1m, 2m), (oneShort.Current, oneShort.Target));

        // The instructor records the second complete for the member (confirmed at once): all complete.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, c, second.Id, c.Member.Id, "Confirm")).StatusCode);
        Assert.Equal(RequirementStatus.Met, (await LearningAsync(c)).Status);
        var confirmed = await factory.WithDbAsync(db => db.LearningCompletions.AsNoTracking().SingleAsync(x => x.ItemId == second.Id));
        Assert.Equal((c.Trainer.Id, (DateOnly?)factory.PortalToday()), (confirmed.ConfirmedById, confirmed.ConfirmedOn));

        // Confirming the member's own mark is an acknowledgment: it counted already.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, c, first.Id, c.Member.Id, "Confirm")).StatusCode);
        Assert.NotNull((await factory.WithDbAsync(db => db.LearningCompletions.AsNoTracking().SingleAsync(x => x.ItemId == first.Id))).ConfirmedOn);
        Assert.Equal(RequirementStatus.Met, (await LearningAsync(c)).Status);

        // Reopened: the completion is gone and the requirement is not met.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, c, first.Id, c.Member.Id, "Reopen")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.LearningCompletions.AnyAsync(x => x.ItemId == first.Id)));
        var reopened = await LearningAsync(c);
        Assert.Equal(RequirementStatus.NotMet, reopened.Status);
        Assert.Equal((1m, 2m), (reopened.Current, reopened.Target));
    }

    [Fact]
    public async Task The_stored_standing_goes_stale_when_an_item_or_a_completion_changes()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Reading for the standing");
        await factory.RefreshDueAsync();
        Assert.False((await factory.StandingAsync(c.Enrollment.Id))!.Stale);
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, c, item.Id, c.Member.Id, "Confirm")).StatusCode);
        Assert.True((await factory.StandingAsync(c.Enrollment.Id))!.Stale);

        await factory.RefreshDueAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, c, "Another reading")).StatusCode);
        Assert.True((await factory.StandingAsync(c.Enrollment.Id))!.Stale);
    }

    [Fact]
    public async Task A_decision_for_someone_who_is_not_a_member_answers_404_and_a_missing_decision_is_refused()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Reading for members");
        var outsider = await factory.CreateAsync(Roles.Trainee);
        var client = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(client, c, item.Id, outsider.Id, "Confirm")).StatusCode);
        var missing = await DecideAsync(client, c, item.Id, c.Member.Id, "");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choose confirm or reopen.", PortalClient.Decode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.LearningCompletions.AnyAsync(x => x.ItemId == item.Id)));
    }
}
