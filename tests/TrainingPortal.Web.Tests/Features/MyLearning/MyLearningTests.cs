using System.Globalization;

namespace TrainingPortal.Web.Tests.Features.MyLearning;

/// <summary>A course member's own readings and exercises (/my/learning/{cohort}): marking, un-marking, who may open it, and the home page's link.</summary>
public sealed class MyLearningTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Url(OneMemberCohort c) => $"/my/learning/{c.Group.Id}";

    private async Task<LearningItemRecord> SeedItemAsync(OneMemberCohort c, string title, DateOnly? due = null)
    {
        await using var db = factory.NewContext();
        var item = new LearningItemRecord { GroupId = c.Group.Id, Kind = LearningItemKind.Exercise, Title = title, DueOn = due };
        db.Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    private static Task<HttpResponseMessage> MarkAsync(HttpClient client, OneMemberCohort c, int itemId, bool complete, string? page = null) =>
        client.PostFormAsync(page ?? "/", Url(c), [new("itemId", itemId.ToString(Inv)), new("complete", complete ? "true" : "false")]);

    private Task<LearningCompletion?> CompletionAsync(int itemId, string personId) =>
        factory.WithDbAsync(db => db.LearningCompletions.AsNoTracking().SingleOrDefaultAsync(x => x.ItemId == itemId && x.PersonId == personId));

    [Fact]
    public async Task A_member_sees_the_due_date_in_words_marks_an_item_complete_and_removes_their_own_mark()
    {
        var c = await factory.ImhCourseCohortAsync();
        var due = c.Group.StartDate.AddDays(40);
        var item = await SeedItemAsync(c, "Infant observation", due);
        var client = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);

        var page = PortalClient.Decode(await client.GetStringAsync(Url(c)));
        Assert.Contains("Infant observation", page, StringComparison.Ordinal);
        Assert.Contains("due " + due.ToString("d MMMM yyyy", Inv), page, StringComparison.Ordinal);
        Assert.Contains("readings and exercises do not count for CE", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, c, item.Id, complete: true)).StatusCode);
        var marked = await CompletionAsync(item.Id, c.Member.Id);
        Assert.NotNull(marked);
        Assert.Null(marked.ConfirmedOn);
        Assert.Contains("You marked it complete on", PortalClient.Decode(await client.GetStringAsync(Url(c))), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(LearningCompletion) && a.ActorId == c.Member.Id)));

        // Marking twice keeps one completion.
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, c, item.Id, complete: true)).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.LearningCompletions.CountAsync(x => x.ItemId == item.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, c, item.Id, complete: false)).StatusCode);
        Assert.Null(await CompletionAsync(item.Id, c.Member.Id));
    }

    [Fact]
    public async Task A_confirmed_completion_stays_when_the_member_tries_to_remove_their_mark()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Confirmed reading");
        await using (var db = factory.NewContext())
        {
            db.Add(new LearningCompletion { ItemId = item.Id, PersonId = c.Member.Id, CompletedOn = factory.PortalToday(), ConfirmedOn = factory.PortalToday(), ConfirmedById = c.Trainer.Id });
            await db.SaveChangesAsync();
        }
        var client = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);
        Assert.Contains("your instructor confirmed it on", PortalClient.Decode(await client.GetStringAsync(Url(c))), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, c, item.Id, complete: false)).StatusCode);
        Assert.NotNull(await CompletionAsync(item.Id, c.Member.Id));
    }

    [Fact]
    public async Task Another_persons_cohort_answers_404_and_nothing_is_marked()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Members only");
        var outsider = await factory.CreateAsync(Roles.Trainee);
        var client = await factory.SignedInAsync(outsider.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(c))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarkAsync(client, c, item.Id, complete: true)).StatusCode);
        Assert.Null(await CompletionAsync(item.Id, outsider.Id));

        // A member of another cohort cannot mark this cohort's item through their own page either.
        var other = await factory.ImhCourseCohortAsync();
        var otherClient = await factory.SignedInAsync(other.Member.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostFormAsync("/", $"/my/learning/{other.Group.Id}",
            [new("itemId", item.Id.ToString(Inv)), new("complete", "true")])).StatusCode);
        Assert.Null(await CompletionAsync(item.Id, other.Member.Id));
    }

    [Fact]
    public async Task A_trainee_cannot_confirm_on_the_instructors_screen()
    {
        var c = await factory.ImhCourseCohortAsync();
        var item = await SeedItemAsync(c, "Self-confirmed?");
        var client = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/", $"/groups/{c.Group.Id}/learning/completions",
            [new("Completion.ItemId", item.Id.ToString(Inv)), new("Completion.PersonId", c.Member.Id), new("Completion.Decision", "Confirm")]);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.DoesNotContain("/learning", response.Headers.Location!.ToString(), StringComparison.Ordinal); // to the access-denied page, not back to the screen
        }
        Assert.Null(await CompletionAsync(item.Id, c.Member.Id));
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/groups/{c.Group.Id}/learning")).StatusCode);
    }

    [Fact]
    public async Task The_home_page_links_the_requirement_to_the_page_and_shows_it_met_once_every_item_is_marked()
    {
        var c = await factory.ImhCourseCohortAsync();
        var first = await SeedItemAsync(c, "First exercise");
        var second = await SeedItemAsync(c, "Second exercise");
        var client = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);

        var home = await client.GetStringAsync("/");
        Assert.Contains($"href=\"{Url(c)}\" data-testid=\"requirement-link\"", home, StringComparison.Ordinal);

        await MarkAsync(client, c, first.Id, complete: true);
        Assert.Contains("data-key=\"independent-learning\" data-status=\"NotMet\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        await MarkAsync(client, c, second.Id, complete: true);
        Assert.Contains("data-key=\"independent-learning\" data-status=\"Met\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
