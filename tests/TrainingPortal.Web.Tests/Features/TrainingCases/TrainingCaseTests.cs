using System.Text.RegularExpressions;
using TrainingPortal.Web.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.TrainingCases;

/// <summary>A trainee's own training cases and sessions; the group trainer's verification.</summary>
public sealed class TrainingCaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Today in the portal's zone, as the pages judge it (PortalClock.Today).</summary>
    private DateOnly Today => factory.PortalToday();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Trainee, Enrollment Enrollment);

    private async Task<Setup> SetupAsync()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainee = await factory.CreateAsync(Roles.Trainee);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: "Cases group");
        db.Add(group);
        var enrollment = new Enrollment
        {
            PersonId = trainee.Id,
            ProgramKey = DefaultRuleSets.Keys.MioRostering,
            RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.MioRostering, start)!.Id,
            Group = group,
            Status = EnrollmentStatus.Active,
            CreatedOn = start.AddDays(-20),
            CreatedUtc = start.AddDays(-20).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
        };
        db.Add(enrollment);
        await db.SaveChangesAsync();
        return new Setup(trainer, group, trainee, enrollment);
    }

    private static async Task<int> RegisterAsync(HttpClient client, string code, DateOnly? consent)
    {
        var response = await client.PostFormAsync("/my/training-cases", ("Form.Code", code), ("Form.ConsentDate", consent is { } c ? Iso(c) : ""));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> LogAsync(HttpClient client, int caseId, DateOnly date, bool recorded = true) =>
        client.PostFormAsync($"/my/training-cases/{caseId}", $"/my/training-cases/{caseId}/sessions",
            [new("Form.Date", Iso(date)), new("Form.Recorded", recorded ? "true" : "false")]);

    private Task<RequirementResult> RequirementAsync(Setup s, string key) =>
        factory.WithScopeAsync(async services =>
        {
            var verdicts = await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.Enrollment.Id]);
            return verdicts.Single().Verdict[key]!;
        });

    [Fact]
    public async Task A_trainee_registers_cases_and_logs_sessions_and_the_verdict_moves()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var page = await client.GetStringAsync("/my/training-cases");
        Assert.Contains("No client names, contact data or birth dates", page);
        Assert.Equal(0m, (await RequirementAsync(s, "training-cases-begun")).Current);

        var tc1 = await RegisterAsync(client, "tc-1", Today.AddDays(-30));
        var tc2 = await RegisterAsync(client, "TC-2", Today.AddDays(-30));
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, tc1, Today.AddDays(-20))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, tc2, Today.AddDays(-13))).StatusCode);

        var stored = await factory.WithDbAsync(db => db.TrainingCases.AsNoTracking().Include(c => c.Sessions).Where(c => c.PersonId == s.Trainee.Id).ToListAsync());
        Assert.Equal(["TC-1", "TC-2"], stored.Select(c => c.Code).Order());
        Assert.All(stored, c => Assert.Single(c.Sessions));
        var begun = await RequirementAsync(s, "training-cases-begun");
        Assert.Equal(2m, begun.Current);
        Assert.Equal(RequirementStatus.Met, begun.Status);
        var audits = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(TrainingCaseRecord) && a.ActorId == s.Trainee.Id));
        Assert.Equal(2, audits);
        Assert.Contains("data-testid=\"session\"", await client.GetStringAsync($"/my/training-cases/{tc1}"));
    }

    [Theory]
    [InlineData("", "Enter the case's code")]
    [InlineData("Maria Lopez", "pseudonymous code such as TC-1")]
    [InlineData("Maria", "pseudonymous code such as TC-1")]
    public async Task A_code_that_is_missing_or_looks_like_a_name_is_refused_and_kept(string code, string message)
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/my/training-cases", ("Form.Code", code), ("Form.ConsentDate", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html);
        Assert.Contains("data-testid=\"error-summary\"", html);
        Assert.Contains($"value=\"{code}\"", html);
        Assert.False(await factory.WithDbAsync(db => db.TrainingCases.AnyAsync(c => c.PersonId == s.Trainee.Id)));
    }

    [Fact]
    public async Task A_duplicate_code_a_future_consent_or_a_bad_date_is_refused_with_a_message()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(client, "TC-1", null);

        var duplicate = await client.PostFormAsync("/my/training-cases", ("Form.Code", "tc-1"), ("Form.ConsentDate", ""));
        Assert.Contains("You already have a training case TC-1", await duplicate.Content.ReadAsStringAsync());
        var future = await client.PostFormAsync("/my/training-cases", ("Form.Code", "TC-3"), ("Form.ConsentDate", Iso(Today.AddDays(10))));
        Assert.Contains("cannot be in the future", await future.Content.ReadAsStringAsync());
        var garbage = await client.PostFormAsync($"/my/training-cases/{id}", $"/my/training-cases/{id}/sessions", [new("Form.Date", "31/31/2026")]);
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Contains("31/31/2026", await garbage.Content.ReadAsStringAsync());
        var futureSession = await LogAsync(client, id, Today.AddDays(5));
        Assert.Equal(HttpStatusCode.OK, futureSession.StatusCode);
        Assert.Contains("cannot be in the future", await futureSession.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.TrainingCases.CountAsync(c => c.PersonId == s.Trainee.Id)));
        Assert.False(await factory.WithDbAsync(db => db.CaseSessions.AnyAsync(c => c.TrainingCaseId == id)));
    }

    [Fact]
    public async Task The_same_session_date_twice_is_refused_next_to_the_field_and_not_counted_twice()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(client, "TC-1", Today.AddDays(-30));
        var day = Today.AddDays(-10);
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, id, day)).StatusCode);

        var again = await LogAsync(client, id, day, recorded: false);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var html = PortalClient.Decode(await again.Content.ReadAsStringAsync());
        Assert.Contains($"id=\"Form_Date-error\">A session of {DateDisplay.Date(day)} is already logged for TC-1.", html);
        Assert.Contains($"value=\"{Iso(day)}\"", html);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseSessions.CountAsync(c => c.TrainingCaseId == id)));
        Assert.Equal(1m, (await RequirementAsync(s, "training-case-dose")).Current);
    }

    [Fact]
    public async Task Sessions_stored_twice_on_one_date_count_once_toward_the_eight()
    {
        var s = await SetupAsync();
        await using (var db = factory.NewContext())
        {
            var record = new TrainingCaseRecord { PersonId = s.Trainee.Id, Code = "TC-1", ConsentDate = Today.AddDays(-60) };
            var day = Today.AddDays(-20);
            record.Sessions.AddRange([
                new CaseSessionRecord { Date = day, Recorded = true }, new CaseSessionRecord { Date = day, Recorded = true },
                new CaseSessionRecord { Date = day, Recorded = false }, new CaseSessionRecord { Date = day.AddDays(7), Recorded = true }]);
            db.Add(record);
            await db.SaveChangesAsync();
        }

        Assert.Equal(2m, (await RequirementAsync(s, "training-case-dose")).Current);
        var consent = await RequirementAsync(s, "consent-and-recording");
        Assert.Equal(2m, consent.Target); // two sessions judged, one of them (the doubly logged day) not recorded
        Assert.Equal(1m, consent.Current);
    }

    [Fact]
    public async Task A_consent_or_session_date_more_than_five_years_ago_is_refused()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);

        var ancient = await client.PostFormAsync("/my/training-cases", ("Form.Code", "TC-1"), ("Form.ConsentDate", "1900-01-01"));
        Assert.Equal(HttpStatusCode.OK, ancient.StatusCode);
        var html = PortalClient.Decode(await ancient.Content.ReadAsStringAsync());
        Assert.Contains("id=\"Form_ConsentDate-error\">Mon 1 Jan 1900 is more than 5 years ago.", html);
        Assert.Contains("value=\"1900-01-01\"", html);
        Assert.False(await factory.WithDbAsync(db => db.TrainingCases.AnyAsync(c => c.PersonId == s.Trainee.Id)));

        var earliest = Today.AddYears(-5);
        var dayBefore = await client.PostFormAsync("/my/training-cases", ("Form.Code", "TC-1"), ("Form.ConsentDate", Iso(earliest.AddDays(-1))));
        Assert.Equal(HttpStatusCode.OK, dayBefore.StatusCode);
        var id = await RegisterAsync(client, "TC-1", earliest);

        var oldSession = await LogAsync(client, id, earliest.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, oldSession.StatusCode);
        Assert.Contains("is more than 5 years ago. Enter the date of the session", PortalClient.Decode(await oldSession.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, id, earliest)).StatusCode);
    }

    [Fact]
    public async Task Removing_a_session_asks_first_is_audited_and_can_be_undone()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(client, "TC-1", Today.AddDays(-30));
        var day = Today.AddDays(-10);
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, id, day, recorded: false)).StatusCode);
        var sessionId = await factory.WithDbAsync(db => db.CaseSessions.Where(c => c.TrainingCaseId == id).Select(c => c.Id).SingleAsync());
        var confirmUrl = $"/my/training-cases/{id}/sessions/{sessionId}/delete";

        // The case page links to a confirmation page; there is no one-click removal.
        var casePage = await client.GetStringAsync($"/my/training-cases/{id}");
        Assert.Contains($"<a href=\"{confirmUrl}\">Remove", casePage);
        Assert.DoesNotContain($"action=\"{confirmUrl}\"", casePage);
        var oneClick = await client.PostFormAsync($"/my/training-cases/{id}", confirmUrl, []);
        Assert.Equal(HttpStatusCode.Redirect, oneClick.StatusCode);
        Assert.Equal(confirmUrl, oneClick.Headers.Location!.OriginalString);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseSessions.CountAsync(c => c.TrainingCaseId == id)));

        var confirm = PortalClient.Decode(await client.GetStringAsync(confirmUrl));
        Assert.Contains($"Remove the session of {DateDisplay.Date(day)}?", confirm);
        var removed = await client.PostFormAsync(confirmUrl, confirmUrl, [new("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.CaseSessions.AnyAsync(c => c.TrainingCaseId == id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(CaseSessionRecord)
            && a.EntityId == sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Deleted" && a.ActorId == s.Trainee.Id)));

        // Undo, offered once on the case page, logs the same session again.
        var afterRemoval = PortalClient.Decode(await client.GetStringAsync($"/my/training-cases/{id}"));
        Assert.Contains("data-testid=\"undo-remove\"", afterRemoval);
        Assert.Contains($"name=\"Form.Date\" value=\"{Iso(day)}\"", afterRemoval);
        var undo = await client.PostFormAsync($"/my/training-cases/{id}", $"/my/training-cases/{id}/sessions", [new("Form.Date", Iso(day)), new("Form.Recorded", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        var back = await factory.WithDbAsync(db => db.CaseSessions.AsNoTracking().SingleAsync(c => c.TrainingCaseId == id));
        Assert.Equal((day, false), (back.Date, back.Recorded));
        Assert.DoesNotContain("data-testid=\"undo-remove\"", await client.GetStringAsync($"/my/training-cases/{id}"));

        // Another person's session: 404 for the page and the removal.
        var other = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainee)).Email!, TestUsers.Password);
        var otherUrl = $"/my/training-cases/{id}/sessions/{back.Id}/delete";
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(otherUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/my/training-cases", otherUrl, [new("Confirm", "true")])).StatusCode);
    }

    [Fact]
    public async Task A_session_before_consent_is_saved_and_the_page_says_the_rules_will_flag_it()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(client, "TC-1", Today.AddDays(-5));

        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(client, id, Today.AddDays(-10))).StatusCode);

        Assert.Contains("data-testid=\"before-consent\"", await client.GetStringAsync($"/my/training-cases/{id}"));
        Assert.NotEqual(RequirementStatus.Met, (await RequirementAsync(s, "consent-and-recording")).Status);
    }

    [Fact]
    public async Task Another_trainees_case_answers_404_for_reading_and_writing()
    {
        var s = await SetupAsync();
        var owner = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(owner, "ZQ-42", null);
        var other = await factory.CreateAsync(Roles.Trainee);
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/my/training-cases/{id}")).StatusCode);
        var post = await client.PostFormAsync("/my/training-cases", $"/my/training-cases/{id}/sessions", [new("Form.Date", Iso(Today.AddDays(-1)))]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("ZQ-42", await client.GetStringAsync("/my/training-cases"));
        Assert.False(await factory.WithDbAsync(db => db.CaseSessions.AnyAsync(c => c.TrainingCaseId == id)));
    }

    [Fact]
    public async Task The_group_trainer_sees_members_cases_and_marks_one_verified_another_trainer_gets_404()
    {
        var s = await SetupAsync();
        var trainee = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        var id = await RegisterAsync(trainee, "TC-7", Today.AddDays(-30));
        var trainer = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var url = $"/groups/{s.Group.Id}/training-cases";

        var list = await trainer.GetStringAsync(url);
        Assert.Contains("TC-7", list);
        var response = await trainer.PostFormAsync(url, $"{url}/{id}/verify", [new("verified", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.TrainingCases.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.True(stored.Verified);
        Assert.Equal(s.Trainer.Id, stored.VerifiedById);
        Assert.NotNull(stored.VerifiedUtc);
        Assert.Contains("data-testid=\"verified\"", await trainer.GetStringAsync(url));
        Assert.Contains("Verified by your trainer", await trainee.GetStringAsync($"/my/training-cases/{id}"));

        var stranger = await factory.CreateAsync(Roles.Trainer);
        var other = await factory.SignedInAsync(stranger.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        var token = await other.GetTokenAsync("/profile");
        var foreign = await other.PostAsync($"{url}/{id}/verify", new FormUrlEncodedContent([new("verified", "false"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.TrainingCases.Where(c => c.Id == id).Select(c => c.Verified).SingleAsync()));

        // A later change to the session log withdraws the verification.
        Assert.Equal(HttpStatusCode.Redirect, (await LogAsync(trainee, id, Today.AddDays(-2))).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.TrainingCases.Where(c => c.Id == id).Select(c => c.Verified).SingleAsync()));
    }

    [Fact]
    public async Task The_group_page_and_the_trainees_home_link_the_screens()
    {
        var s = await SetupAsync();
        var trainee = await factory.SignedInAsync(s.Trainee.Email!, TestUsers.Password);
        Assert.Contains("href=\"/my/training-cases\"", await trainee.GetStringAsync("/"));
        var trainer = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var page = await trainer.GetStringAsync($"/groups/{s.Group.Id}");
        Assert.Contains($"href=\"/groups/{s.Group.Id}/training-cases\"", page);
        Assert.Matches(new Regex($"href=\"/groups/{s.Group.Id}/meetings/\\d+/clips\""), page);
    }
}
