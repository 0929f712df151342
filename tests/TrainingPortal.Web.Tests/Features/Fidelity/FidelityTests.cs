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
}
