using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.Coaching;

/// <summary>
/// Coaching requests: sent from a listed trainer's page, answered by the trainer, withdrawn by the practitioner; the
/// thread and status are the two's only; contact details appear to the two only once accepted; a second open request,
/// a 100,000-character message and a stale answer each get a clear answer; every change is audited without its text.
/// </summary>
public sealed class CoachingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<CoachingRequest> RequestAsync(int id) => factory.WithDbAsync(db => db.CoachingRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_practitioner_sends_a_request_the_trainer_accepts_and_only_then_both_see_each_others_contact_details()
    {
        var (trainer, profileId) = await factory.TrainerAsync(name: "Ingeborg Test", website: "https://ingeborg.example", phone: "+47 555 0101");
        var person = await factory.CreateAsync();
        var practitioner = await factory.SignedInAsync(person.Email!, TestUsers.Password);
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var sent = await practitioner.PostAsync($"/mi/trainers/{profileId}", $"/mi/trainers/{profileId}/request", DirectoryData.RequestFields(message: "Tuesdays suit me."));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var path = sent.Headers.Location!.ToString();
        var id = int.Parse(Regex.Match(path, @"/mi/coaching/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stored = await RequestAsync(id);
        Assert.Equal((CoachingStatus.Waiting, CoachingFormat.Online, "Better reflections", person.Id), (stored.Status, stored.Format, stored.Goals, stored.PersonId));

        var before = PortalClient.Decode(await practitioner.GetStringAsync(path));
        Assert.Contains("Tuesdays suit me.", before);
        Assert.DoesNotContain(trainer.Email!, before);
        Assert.DoesNotContain("https://ingeborg.example", before);
        Assert.DoesNotContain("+47 555 0101", before);
        var list = PortalClient.Decode(await trainerClient.GetStringAsync("/mi/coaching"));
        Assert.Contains("Requests to me", list);
        Assert.Contains($"/mi/coaching/{id}", list);
        var trainerBefore = PortalClient.Decode(await trainerClient.GetStringAsync(path));
        Assert.Contains("Tuesdays suit me.", trainerBefore);
        Assert.DoesNotContain(person.Email!, trainerBefore);

        var accepted = await trainerClient.PostAsync(path, $"{path}/accept", ("Answer.Version", stored.Version.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(CoachingStatus.Accepted, (await RequestAsync(id)).Status);
        var after = PortalClient.Decode(await practitioner.GetStringAsync(path));
        Assert.Contains($"mailto:{trainer.Email}", after);
        Assert.Contains("https://ingeborg.example", after);
        Assert.Contains("+47 555 0101", after);
        Assert.Contains($"mailto:{person.Email}", PortalClient.Decode(await trainerClient.GetStringAsync(path)));

        // The trainer replies; both see the thread.
        await trainerClient.PostAsync(path, $"{path}/reply", ("Reply.Body", "Tuesday at six, then."));
        Assert.Contains("Tuesday at six, then.", PortalClient.Decode(await practitioner.GetStringAsync(path)));
    }

    [Fact]
    public async Task A_second_open_request_to_the_same_trainer_is_answered_with_the_existing_one_and_not_stored()
    {
        var (_, profileId) = await factory.TrainerAsync();
        var person = await factory.CreateAsync();
        var existing = await factory.CoachingRequestAsync(person.Id, profileId);
        var client = await factory.SignedInAsync(person.Email!, TestUsers.Password);

        var page = PortalClient.Decode(await client.GetStringAsync($"/mi/trainers/{profileId}"));
        Assert.Contains($"/mi/coaching/{existing}", page);
        var again = await client.PostAsync("/mi/trainers", $"/mi/trainers/{profileId}/request", DirectoryData.RequestFields());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var html = await again.HtmlAsync();
        Assert.Contains("You already have an open coaching request to this trainer", html);
        Assert.Contains($"/mi/coaching/{existing}", html);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CoachingRequests.CountAsync(r => r.PersonId == person.Id)));

        // Once declined, a new request may be sent.
        await factory.WithDbAsync(async db => { (await db.CoachingRequests.SingleAsync(r => r.Id == existing)).Close(CoachingStatus.Declined, factory.Time.GetUtcNow().UtcDateTime); return await db.SaveChangesAsync(); });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/mi/trainers", $"/mi/trainers/{profileId}/request", DirectoryData.RequestFields())).StatusCode);
    }

    [Fact]
    public async Task A_message_of_100000_characters_is_refused_next_to_the_field_with_everything_typed_kept()
    {
        var (_, profileId) = await factory.TrainerAsync();
        var person = await factory.CreateAsync();
        var client = await factory.SignedInAsync(person.Email!, TestUsers.Password);

        var response = await client.PostAsync("/mi/trainers", $"/mi/trainers/{profileId}/request",
            DirectoryData.RequestFields(goals: "Open questions with teenagers", format: "InPerson", message: new string('m', 100_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Matches("id=\"Request_Message-error\"[^>]*>Keep the message to 2,000 characters \\(you typed 100,000\\)", html);
        Assert.Contains("Open questions with teenagers</textarea>", html);
        Assert.Contains(new string('m', 100_000), html);
        Assert.Matches("id=\"format-InPerson\" value=\"InPerson\" checked", html);
        Assert.False(await factory.WithDbAsync(db => db.CoachingRequests.AnyAsync(r => r.PersonId == person.Id)));

        // The same in the thread.
        var id = await factory.CoachingRequestAsync(person.Id, profileId);
        var reply = await client.PostAsync($"/mi/coaching/{id}", $"/mi/coaching/{id}/reply", ("Reply.Body", new string('r', 100_000)));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("Keep the message to 2,000 characters (you typed 100,000).", await reply.HtmlAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.CoachingMessages.CountAsync(m => m.RequestId == id)));
    }

    [Fact]
    public async Task Declining_a_request_the_practitioner_withdrew_meanwhile_is_refused_with_its_newer_state()
    {
        var (trainer, profileId) = await factory.TrainerAsync();
        var person = await factory.CreateAsync();
        var id = await factory.CoachingRequestAsync(person.Id, profileId);
        var path = $"/mi/coaching/{id}";
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var practitioner = await factory.SignedInAsync(person.Email!, TestUsers.Password);
        var seen = await factory.VersionOfRequestAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.PostAsync(path, $"{path}/withdraw", ("Answer.Version", seen.ToString()))).StatusCode);
        var stale = await trainerClient.PostAsync(path, $"{path}/decline", ("Answer.Version", seen.ToString()), ("Answer.Reason", "Fully booked"));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var request = await RequestAsync(id);
        Assert.Equal((CoachingStatus.Withdrawn, (string?)null), (request.Status, request.DeclineReason));
        var page = PortalClient.Decode(await trainerClient.GetStringAsync(path));
        Assert.Contains("This request changed since you opened it — it is now: withdrawn. Nothing was changed.", page);
        // A closed request takes no more messages.
        var late = await trainerClient.PostAsync(path, $"{path}/reply", ("Reply.Body", "Sorry to hear"));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("no more messages can be sent", await late.HtmlAsync());
    }

    [Fact]
    public async Task Every_change_is_audited_without_the_text_of_goals_reasons_or_messages()
    {
        var (trainer, profileId) = await factory.TrainerAsync();
        var person = await factory.CreateAsync();
        var practitioner = await factory.SignedInAsync(person.Email!, TestUsers.Password);
        var secret = "Secret-" + Guid.NewGuid().ToString("N");
        var sent = await practitioner.PostAsync("/mi/trainers", $"/mi/trainers/{profileId}/request", DirectoryData.RequestFields(goals: secret + "-goal", message: secret + "-message"));
        var path = sent.Headers.Location!.ToString();
        var id = int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        await trainerClient.PostAsync(path, $"{path}/reply", ("Reply.Body", secret + "-reply"));
        await trainerClient.PostAsync(path, $"{path}/decline", ("Answer.Version", (await factory.VersionOfRequestAsync(id)).ToString()), ("Answer.Reason", secret + "-reason"));

        var audits = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(CoachingRequest) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)) || a.EntityType == nameof(CoachingMessage))
            .ToListAsync());
        Assert.Contains(audits, a => a.EntityType == nameof(CoachingRequest) && a.Action == "Added");
        Assert.Contains(audits, a => a.EntityType == nameof(CoachingRequest) && a.Action == "Modified" && a.Changes!.Contains("\"Status\":[0,2]", StringComparison.Ordinal));
        Assert.True(audits.Count(a => a.EntityType == nameof(CoachingMessage) && a.Action == "Added") >= 2);
        Assert.DoesNotContain(audits, a => a.Changes?.Contains(secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_requests_list_reads_the_same_number_of_times_for_2_or_32_requests()
    {
        var (trainer, profileId) = await factory.TrainerAsync();
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<int> ReadsAsync()
        {
            await trainerClient.GetAsync("/mi/coaching");
            counter.Reset();
            Assert.Equal(HttpStatusCode.OK, (await trainerClient.GetAsync("/mi/coaching")).StatusCode);
            return counter.Reads;
        }
        async Task AddAsync(int n)
        {
            for (var i = 0; i < n; i++)
            {
                var person = await factory.CreateAsync();
                var id = await factory.CoachingRequestAsync(person.Id, profileId);
                await factory.CoachingRequestAsync(trainer.Id, (await factory.TrainerAsync()).ProfileId); // and one the trainer sent
                await factory.WithDbAsync(async db => { db.CoachingMessages.Add(new CoachingMessage { RequestId = id, AuthorId = trainer.Id, Body = "Hi", SentUtc = factory.Time.GetUtcNow().UtcDateTime }); return await db.SaveChangesAsync(); });
            }
        }
        await AddAsync(2);
        var few = await ReadsAsync();
        await AddAsync(30);
        var many = await ReadsAsync();

        Assert.Equal(few, many);
        var html = await trainerClient.GetStringAsync("/mi/coaching");
        Assert.Equal(64, Regex.Count(html, "data-testid=\"coaching-row\""));
    }
}
