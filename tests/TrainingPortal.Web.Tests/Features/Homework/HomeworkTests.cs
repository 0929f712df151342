using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Homework;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Homework;

/// <summary>Train-the-Trainer homework accepted or returned with comments by the cohort's faculty.</summary>
public sealed class HomeworkTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Today in the portal's zone, as the pages judge it (PortalClock.Today).</summary>
    private DateOnly Today => factory.PortalToday();

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Member, Enrollment Enrollment, HomeworkAssignmentRecord Assignment);

    private async Task<Setup> SetupAsync()
    {
        var (trainer, group, member, enrollment) = await factory.TrainTheTrainerCohortAsync("TTT homework cohort", "hw");
        await using var db = factory.NewContext();
        var assignment = new HomeworkAssignmentRecord { GroupId = group.Id, Title = "Handbook chapter 1", DueOn = Today.AddDays(-2) };
        db.Add(assignment);
        db.Add(new HomeworkSubmission { Assignment = assignment, PersonId = member.Id, SubmittedOn = Today.AddDays(-3) });
        await db.SaveChangesAsync();
        return new Setup(trainer, group, member, enrollment, assignment);
    }

    private static string Url(Setup s) => $"/groups/{s.Group.Id}/homework";

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, Setup s, string decision, string comments = "", string? personId = null,
        HomeworkAssignmentRecord? assignment = null, string? page = null)
    {
        page ??= await client.GetStringAsync(Url(s));
        return await PostAsync(client, s, page, assignment ?? s.Assignment, personId ?? s.Member.Id, decision, comments);
    }

    /// <summary>Posts one cell's form as the browser would: with the page's token and the state (Seen) the page showed for that cell.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Setup s, string page, HomeworkAssignmentRecord assignment, string personId, string decision, string comments)
    {
        var id = assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var seen = Regex.Match(page, $"name=\"Form.AssignmentId\" value=\"{id}\" />\\s*<input type=\"hidden\" name=\"Form.PersonId\" value=\"{Regex.Escape(personId)}\" />\\s*<input type=\"hidden\" name=\"Form.Seen\" value=\"([^\"]*)\"");
        return client.PostAsync(Url(s), new FormUrlEncodedContent([
            new("Form.AssignmentId", id), new("Form.PersonId", personId), new("Form.Decision", decision), new("Form.Comments", comments),
            new("Form.Seen", seen.Success ? seen.Groups[1].Value : ""), new("__RequestVerificationToken", token)]));
    }

    private Task<RequirementResult> HomeworkAsync(Setup s) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.Enrollment.Id])).Single().Verdict["homework"]!);

    private Task<HomeworkSubmission> StoredAsync(Setup s) =>
        factory.WithDbAsync(db => db.HomeworkSubmissions.AsNoTracking().SingleAsync(h => h.AssignmentId == s.Assignment.Id && h.PersonId == s.Member.Id));

    [Fact]
    public async Task Faculty_return_with_comments_then_accept_and_the_verdict_follows()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Contains("Handbook chapter 1", await client.GetStringAsync(Url(s)));
        Assert.NotEqual(RequirementStatus.Met, (await HomeworkAsync(s)).Status);

        var returned = await DecideAsync(client, s, "Return", "Add the reflection section.");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var stored = await StoredAsync(s);
        Assert.NotNull(stored.ReturnedOn);
        Assert.Null(stored.AcceptedOn);
        Assert.Equal("Add the reflection section.", stored.Comments);
        Assert.NotEqual(RequirementStatus.Met, (await HomeworkAsync(s)).Status);
        Assert.Contains("Returned", await client.GetStringAsync(Url(s)));

        // A returned assignment is not decided on until it is handed in again: accepting it is refused next to the decision.
        var early = await DecideAsync(client, s, "Accept");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("has not been handed in again, so it cannot be accepted", PortalClient.Decode(await early.Content.ReadAsStringAsync()));
        Assert.Null((await StoredAsync(s)).AcceptedOn);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, s, "Received")).StatusCode);
        var accepted = await DecideAsync(client, s, "Accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        stored = await StoredAsync(s);
        Assert.NotNull(stored.AcceptedOn);
        Assert.Null(stored.ReturnedOn);
        Assert.Equal(RequirementStatus.Met, (await HomeworkAsync(s)).Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(HomeworkSubmission) && a.ActorId == s.Trainer.Id)));
    }

    [Fact]
    public async Task Returning_without_comments_is_refused_next_to_the_field()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await DecideAsync(client, s, "Return", "   ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Say what the member should change", html);
        Assert.Contains("id=\"Form_Comments-error\"", html);
        Assert.Null((await StoredAsync(s)).ReturnedOn);
        var bogus = await DecideAsync(client, s, "7");
        Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
        Assert.Contains("Choose accept or return", PortalClient.Decode(await bogus.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Nothing_handed_in_cannot_be_accepted_or_returned_until_recorded_as_handed_in()
    {
        var s = await SetupAsync();
        var unsubmitted = new HomeworkAssignmentRecord { GroupId = s.Group.Id, Title = "Handbook chapter 2", DueOn = Today.AddDays(5) };
        await factory.WithDbAsync(async db => { db.Add(unsubmitted); return await db.SaveChangesAsync(); });
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Task<bool> AnyStored() => factory.WithDbAsync(db => db.HomeworkSubmissions.AnyAsync(h => h.AssignmentId == unsubmitted.Id));

        foreach (var decision in new[] { "Accept", "Return" })
        {
            var refused = await DecideAsync(client, s, decision, "Looks fine.", assignment: unsubmitted);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = PortalClient.Decode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("id=\"Form_Decision\">Nothing has been handed in for “Handbook chapter 2” yet", html);
            Assert.False(await AnyStored());
        }
        Assert.Equal(RequirementStatus.NotMet, (await HomeworkAsync(s)).Status);

        // The page offers only "Record as handed in" for it; recording it makes it decidable.
        var page = await client.GetStringAsync(Url(s));
        Assert.Contains("Record as handed in today", page);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, s, "Received", assignment: unsubmitted)).StatusCode);
        var received = await factory.WithDbAsync(db => db.HomeworkSubmissions.AsNoTracking().SingleAsync(h => h.AssignmentId == unsubmitted.Id));
        Assert.Equal((Today, (DateOnly?)null), (received.SubmittedOn, received.AcceptedOn));
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, s, "Accept", assignment: unsubmitted)).StatusCode);
        Assert.NotNull((await factory.WithDbAsync(db => db.HomeworkSubmissions.AsNoTracking().SingleAsync(h => h.AssignmentId == unsubmitted.Id))).AcceptedOn);
    }

    [Fact]
    public async Task A_decision_from_a_stale_screen_is_refused_and_the_newer_state_shown()
    {
        var s = await SetupAsync();
        var first = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var second = await factory.SignedInAsync("admin@demo.local");
        var stale = await second.GetStringAsync(Url(s));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(first, s, "Return", "Add the reflection section.")).StatusCode);
        var refused = await DecideAsync(second, s, "Accept", "Well done.", page: stale);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = PortalClient.Decode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(HomeworkController.ConflictMessage, html);
        Assert.Contains("Returned", html); // the newer state
        Assert.Contains("Your comments, not saved: <span class=\"text-prewrap\">Well done.</span>", html); // what was typed, kept
        var stored = await StoredAsync(s);
        Assert.Null(stored.AcceptedOn);
        Assert.Equal("Add the reflection section.", stored.Comments);

        // From the refreshed screen the returned work is no longer decided on: it is handed in again first.
        var again = await DecideAsync(second, s, "Accept", "Well done.", page: html);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("has not been handed in again", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
        Assert.Null((await StoredAsync(s)).AcceptedOn);
    }

    [Fact]
    public async Task The_decision_columns_are_a_concurrency_token_so_a_concurrent_save_fails_instead_of_overwriting()
    {
        var s = await SetupAsync();
        await using var one = factory.NewContext();
        await using var two = factory.NewContext();
        var a = await one.HomeworkSubmissions.SingleAsync(h => h.AssignmentId == s.Assignment.Id);
        var b = await two.HomeworkSubmissions.SingleAsync(h => h.AssignmentId == s.Assignment.Id);

        a.ReturnedOn = Today;
        a.Comments = "Redo it.";
        await one.SaveChangesAsync();
        b.AcceptedOn = Today;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        Assert.Null((await StoredAsync(s)).AcceptedOn);
    }

    [Fact]
    public async Task Another_trainers_cohort_or_a_non_member_answers_404()
    {
        var s = await SetupAsync();
        var own = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(own, s, "Accept", personId: "not-a-member")).StatusCode);

        var stranger = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(stranger.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s))).StatusCode);
        var token = await client.GetTokenAsync("/profile");
        var post = await client.PostAsync(Url(s), new FormUrlEncodedContent([
            new("Form.AssignmentId", s.Assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.PersonId", s.Member.Id), new("Form.Decision", "Accept"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null((await StoredAsync(s)).AcceptedOn);
    }
}
