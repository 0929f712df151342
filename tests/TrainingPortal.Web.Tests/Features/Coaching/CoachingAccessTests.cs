namespace TrainingPortal.Web.Tests.Features.Coaching;

/// <summary>
/// Who may see and do what in the MI trainer directory and coaching requests: anonymous, the practitioner who sent a
/// request, another practitioner, the trainer it is addressed to, another trainer and an administrator, for every page
/// and action. Nobody reads a thread they are not part of — administrators included (they manage listings only): such
/// a request answers 404, as if it did not exist, and nothing changes.
/// </summary>
public sealed class CoachingAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private enum Answer
    {
        Ok,
        Login,
        Denied, // 403, or the access-denied page
        NotFound,
        Done, // the change is made (a redirect back to the page)
    }

    private static Answer Of(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Answer.Ok,
        HttpStatusCode.NotFound => Answer.NotFound,
        HttpStatusCode.Forbidden => Answer.Denied,
        HttpStatusCode.Redirect when response.IsRedirectToLogin() => Answer.Login,
        HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("access-denied", StringComparison.Ordinal) => Answer.Denied,
        HttpStatusCode.Redirect => Answer.Done,
        var other => throw new Xunit.Sdk.XunitException($"Unexpected {(int)other} from {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}"),
    };

    [Fact]
    public async Task Every_page_and_action_answers_each_role_and_relationship_as_the_matrix_says()
    {
        var (trainer, profileId) = await factory.TrainerAsync(website: "https://matrix-trainer.example");
        var (otherTrainer, _) = await factory.TrainerAsync();
        var sender = await factory.CreateAsync();
        var other = await factory.CreateAsync();
        var (adminUser, admin) = await factory.AdminAsync();
        var request = await factory.CoachingRequestAsync(sender.Id, profileId, message: "Private words");
        var pending = (await factory.TrainerAsync(AffiliationState.Waiting)).ProfileId;

        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = factory.CreatePortalClient(),
            ["sender"] = await factory.SignedInAsync(sender.Email!, TestUsers.Password),
            ["other practitioner"] = await factory.SignedInAsync(other.Email!, TestUsers.Password),
            ["trainer"] = await factory.SignedInAsync(trainer.Email!, TestUsers.Password),
            ["other trainer"] = await factory.SignedInAsync(otherTrainer.Email!, TestUsers.Password),
            ["administrator"] = admin,
        };
        string[] roles = ["anonymous", "sender", "other practitioner", "trainer", "other trainer", "administrator"];
        var thread = $"/mi/coaching/{request}";
        const Answer O = Answer.Ok, L = Answer.Login, D = Answer.Denied, N = Answer.NotFound;

        // GET pages:                                 anonymous sender other  trainer otherTr admin
        var pages = new (string Path, Answer[] Expected)[]
        {
            ("/mi/trainers", [L, O, O, O, O, O]),
            ($"/mi/trainers/{profileId}", [L, O, O, O, O, O]),
            ("/mi/trainers/profile", [L, O, O, O, O, O]),
            ("/mi/coaching", [L, O, O, O, O, O]),
            (thread, [L, O, N, O, N, N]),
            ("/admin/mi/trainers", [L, D, D, D, D, O]),
        };
        var problems = new List<string>();
        foreach (var (path, expected) in pages)
        {
            for (var i = 0; i < roles.Length; i++)
            {
                var got = Of(await clients[roles[i]].GetAsync(path));
                if (got != expected[i])
                {
                    problems.Add($"GET {path} as {roles[i]}: {got}, expected {expected[i]}");
                }
            }
        }

        // Thread contents (private words, contact details) are never on a page of a third party.
        foreach (var role in new[] { "other practitioner", "other trainer", "administrator" })
        {
            var html = await clients[role].GetStringAsync("/mi/coaching");
            Assert.DoesNotContain(thread, html);
        }

        // Refused actions change nothing: each is tried on the waiting request by everyone who may not take it.
        var version = (await factory.VersionOfRequestAsync(request)).ToString();
        var actions = new (string Action, (string, string)[] Fields, Answer[] Expected)[]
        {
            //                                                                                          anonymous sender other trainer otherTr admin
            ($"{thread}/accept", [("Answer.Version", version)], [L, D, N, default, N, N]),
            ($"{thread}/decline", [("Answer.Version", version), ("Answer.Reason", "no")], [L, D, N, default, N, N]),
            ($"{thread}/withdraw", [("Answer.Version", version)], [L, default, N, D, N, N]),
            ($"{thread}/reply", [("Reply.Body", "Let me in")], [L, default, N, default, N, N]),
            ($"/admin/mi/trainers/{pending}/confirm", [("Decision.Version", (await factory.VersionOfProfileAsync(pending)).ToString())], [L, D, D, D, D, default]),
            ($"/admin/mi/trainers/{profileId}/withdraw", [("Decision.Version", (await factory.VersionOfProfileAsync(profileId)).ToString()), ("Decision.Reason", "x")], [L, D, D, D, D, default]),
        };
        foreach (var (action, fields, expected) in actions)
        {
            for (var i = 0; i < roles.Length; i++)
            {
                if (expected[i] == default)
                {
                    continue; // allowed: proved below
                }
                var client = clients[roles[i]];
                var response = roles[i] == "anonymous"
                    ? await client.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))))
                    : await client.PostAsync("/mi/trainers", action, fields);
                var got = roles[i] == "anonymous" && response.StatusCode == HttpStatusCode.BadRequest ? L : Of(response); // anonymous has no antiforgery token
                if (got != expected[i])
                {
                    problems.Add($"POST {action} as {roles[i]}: {got}, expected {expected[i]}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var unchanged = await factory.WithDbAsync(db => db.CoachingRequests.AsNoTracking().Include(r => r.Messages).SingleAsync(r => r.Id == request));
        Assert.Equal((CoachingStatus.Waiting, 1), (unchanged.Status, unchanged.Messages.Count));
        Assert.Equal(AffiliationState.Waiting, await factory.WithDbAsync(db => db.MiTrainerProfiles.Where(p => p.Id == pending).Select(p => p.State).SingleAsync()));
        Assert.Equal(AffiliationState.Confirmed, await factory.WithDbAsync(db => db.MiTrainerProfiles.Where(p => p.Id == profileId).Select(p => p.State).SingleAsync()));

        // The allowed cells: the sender and the trainer reply, the trainer accepts, then the sender withdraws; the administrator confirms.
        Assert.Equal(Answer.Done, Of(await clients["sender"].PostAsync(thread, $"{thread}/reply", ("Reply.Body", "From the sender"))));
        Assert.Equal(Answer.Done, Of(await clients["trainer"].PostAsync(thread, $"{thread}/reply", ("Reply.Body", "From the trainer"))));
        Assert.Equal(Answer.Done, Of(await clients["trainer"].PostAsync(thread, $"{thread}/accept", ("Answer.Version", version))));
        Assert.Equal(CoachingStatus.Accepted, (await factory.WithDbAsync(db => db.CoachingRequests.SingleAsync(r => r.Id == request))).Status);
        // Contact details, once accepted: to the two only.
        Assert.Contains("https://matrix-trainer.example", await clients["sender"].GetStringAsync(thread));
        foreach (var role in new[] { "other practitioner", "other trainer", "administrator" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await clients[role].GetAsync(thread)).StatusCode);
            Assert.DoesNotContain("https://matrix-trainer.example", await clients[role].GetStringAsync($"/mi/trainers/{profileId}"));
        }
        Assert.Equal(Answer.Done, Of(await clients["sender"].PostAsync(thread, $"{thread}/withdraw", ("Answer.Version", (await factory.VersionOfRequestAsync(request)).ToString()))));
        Assert.Equal(CoachingStatus.Withdrawn, (await factory.WithDbAsync(db => db.CoachingRequests.SingleAsync(r => r.Id == request))).Status);
        Assert.Equal(Answer.Done, Of(await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{pending}/confirm", ("Decision.Version", (await factory.VersionOfProfileAsync(pending)).ToString()))));
        Assert.NotNull(adminUser);
    }
}
