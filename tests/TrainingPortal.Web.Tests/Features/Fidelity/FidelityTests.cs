using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Fidelity;

/// <summary>Fidelity reviews recorded by the group's trainer.</summary>
public sealed class FidelityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Today in the portal's zone, as the pages judge it (PortalClock.Today).</summary>
    private DateOnly Today => factory.PortalToday();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Member, Enrollment Enrollment);

    /// <summary>A Train-the-Trainer cohort with one member.</summary>
    private async Task<Setup> SetupAsync()
    {
        var c = await factory.TrainTheTrainerCohortAsync("TTT cohort", "ttt");
        return new Setup(c.Trainer, c.Group, c.Member, c.Enrollment);
    }

    private static string Url(Setup s) => $"/groups/{s.Group.Id}/fidelity";

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, Setup s, string personId, string date, string? outcome, string notes = "Followed the model throughout.")
    {
        var fields = new List<KeyValuePair<string, string>> { new("Form.PersonId", personId), new("Form.Date", date), new("Form.Notes", notes) };
        if (outcome is not null)
        {
            fields.Add(new("Form.Outcome", outcome));
        }
        return client.PostFormAsync(Url(s), Url(s), fields);
    }

    private Task<RequirementStatus> FidelityStatusAsync(Setup s) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.Enrollment.Id])).Single().Verdict["fidelity"]!.Status);

    [Fact]
    public async Task An_adherent_review_meets_the_requirement_and_a_later_not_yet_adherent_one_undoes_it()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Equal(RequirementStatus.NotMet, await FidelityStatusAsync(s));

        var response = await AddAsync(client, s, s.Member.Id, Iso(Today.AddDays(-3)), nameof(FidelityOutcome.Adherent));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RequirementStatus.Met, await FidelityStatusAsync(s));
        var stored = await factory.WithDbAsync(db => db.FidelityReviews.AsNoTracking().SingleAsync(r => r.PersonId == s.Member.Id));
        Assert.Equal(s.Trainer.Id, stored.ReviewerId);
        Assert.Equal("Followed the model throughout.", stored.Notes);
        Assert.Contains("data-testid=\"review\"", await client.GetStringAsync(Url(s)));

        await AddAsync(client, s, s.Member.Id, Iso(Today.AddDays(-1)), nameof(FidelityOutcome.NotYetAdherent));
        Assert.Equal(RequirementStatus.NotMet, await FidelityStatusAsync(s));
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(FidelityReviewRecord) && a.ActorId == s.Trainer.Id)));
    }

    [Fact]
    public async Task Bad_input_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var missing = await AddAsync(client, s, s.Member.Id, "", null, notes: "kept notes 42");
        var html = PortalClient.Decode(await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choose adherent or not yet adherent", html);
        Assert.Contains("Enter the date of the review", html);
        Assert.Contains("kept notes 42", html);
        var future = await AddAsync(client, s, s.Member.Id, Iso(Today.AddDays(9)), nameof(FidelityOutcome.Adherent));
        Assert.Contains("cannot be in the future", await future.Content.ReadAsStringAsync());
        var bogus = await AddAsync(client, s, s.Member.Id, Iso(Today), "42");
        Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.FidelityReviews.AnyAsync(r => r.PersonId == s.Member.Id)));
    }

    [Fact]
    public async Task Another_trainers_group_answers_404()
    {
        var s = await SetupAsync();
        var stranger = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(stranger.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s))).StatusCode);
        var token = await client.GetTokenAsync("/profile");
        var post = await client.PostAsync(Url(s), new FormUrlEncodedContent([
            new("Form.PersonId", s.Member.Id), new("Form.Date", Iso(Today)), new("Form.Outcome", "Adherent"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private static string Seen(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Form.Seen\" value=\"([^\"]*)\"").Groups[1].Value;

    private static Task<HttpResponseMessage> EditAsync(HttpClient client, Setup s, int reviewId, string seen, string date, string outcome, string notes) =>
        client.PostFormAsync($"{Url(s)}/{reviewId}/edit", $"{Url(s)}/{reviewId}/edit",
            [new("Form.Seen", seen), new("Form.Date", date), new("Form.Outcome", outcome), new("Form.Notes", notes)]);

    [Fact]
    public async Task A_review_is_edited_by_its_reviewer_the_verdict_follows_and_the_audit_keeps_before_and_after()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        await AddAsync(client, s, s.Member.Id, Iso(Today.AddDays(-3)), nameof(FidelityOutcome.NotYetAdherent), "Needs work on reflections.");
        var id = await factory.WithDbAsync(db => db.FidelityReviews.Where(r => r.PersonId == s.Member.Id).Select(r => r.Id).SingleAsync());
        Assert.Contains($"{Url(s)}/{id}/edit", await client.GetStringAsync(Url(s)));
        var screen = PortalClient.Decode(await client.GetStringAsync($"{Url(s)}/{id}/edit"));
        Assert.Contains("Needs work on reflections.", screen);

        var response = await EditAsync(client, s, id, Seen(screen), Iso(Today.AddDays(-2)), nameof(FidelityOutcome.Adherent), "Adherent after the second recording.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.FidelityReviews.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((Today.AddDays(-2), FidelityOutcome.Adherent, "Adherent after the second recording.", s.Trainer.Id), (stored.Date, stored.Outcome, stored.Notes, stored.ReviewerId));
        Assert.Equal(RequirementStatus.Met, await FidelityStatusAsync(s));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(FidelityReviewRecord) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")
            .Select(a => a.Changes).SingleAsync());
        Assert.Contains("NotYetAdherent", audit);
        Assert.Contains("Adherent after the second recording.", audit);

        // A save from the older screen (it saw the first state) is refused with the current review shown; nothing changes.
        var stale = await EditAsync(client, s, id, Seen(screen), Iso(Today.AddDays(-1)), nameof(FidelityOutcome.NotYetAdherent), "Stale");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = PortalClient.Decode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"current-review\"", html);
        Assert.Contains("Stale", html); // what was typed is kept
        Assert.Equal(FidelityOutcome.Adherent, (await factory.WithDbAsync(db => db.FidelityReviews.AsNoTracking().SingleAsync(r => r.Id == id))).Outcome);
    }

    [Fact]
    public async Task Bad_edits_are_answered_next_to_the_field_and_only_the_reviewer_or_an_administrator_may_edit()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        await AddAsync(client, s, s.Member.Id, Iso(Today.AddDays(-3)), nameof(FidelityOutcome.Adherent));
        var id = await factory.WithDbAsync(db => db.FidelityReviews.Where(r => r.PersonId == s.Member.Id).Select(r => r.Id).SingleAsync());
        var seen = Seen(await client.GetStringAsync($"{Url(s)}/{id}/edit"));

        var future = await EditAsync(client, s, id, seen, Iso(Today.AddDays(5)), nameof(FidelityOutcome.Adherent), "Kept text");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        var html = PortalClient.Decode(await future.Content.ReadAsStringAsync());
        Assert.Contains("The review date cannot be in the future.", html);
        Assert.Contains("Kept text", html);
        var tooLong = await EditAsync(client, s, id, seen, Iso(Today), nameof(FidelityOutcome.Adherent), new string('x', 2001));
        Assert.Contains("notes", PortalClient.Decode(await tooLong.Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Today.AddDays(-3), (await factory.WithDbAsync(db => db.FidelityReviews.AsNoTracking().SingleAsync(r => r.Id == id))).Date);

        // Another trainer: 404 for the screen and the save; an administrator may edit.
        var other = await factory.CreateAsync(Roles.Trainer);
        var otherClient = await factory.SignedInAsync(other.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"{Url(s)}/{id}/edit")).StatusCode);
        var (_, admin) = await factory.AdminAsync();
        var adminSeen = Seen(await admin.GetStringAsync($"{Url(s)}/{id}/edit"));
        var byAdmin = await EditAsync(admin, s, id, adminSeen, Iso(Today.AddDays(-3)), nameof(FidelityOutcome.NotYetAdherent), "Corrected by the office.");
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.StatusCode);
        // A review id that is not a member's of this group: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url(s)}/{id + 1000}/edit")).StatusCode);
    }
}
