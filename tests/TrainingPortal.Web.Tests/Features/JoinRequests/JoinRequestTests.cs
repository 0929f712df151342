using System.Text.RegularExpressions;
using TrainingPortal.Web.Data;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Tests.Features.JoinRequests;

/// <summary>
/// A signed-in person asks to join a program from the catalog; an administrator enrolls them with one action (the
/// enroll form's checks apply) or declines with a reason; the person sees the answer on their home page. Groups have
/// places: the catalog shows the free ones, and nobody is placed beyond them.
/// </summary>
public sealed class JoinRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Rostering = DefaultRuleSets.Keys.MioRostering;

    private async Task<TrainingGroup> GroupAsync(int? capacity, int members = 0, int startsInDays = 14)
    {
        var group = TrainingData.ConsultationGroup(factory.PortalToday().AddDays(startsInDays), name: "Join test group " + Guid.NewGuid().ToString("N")[..6]);
        group.Capacity = capacity;
        await factory.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            for (var i = 0; i < members; i++)
            {
                var member = TrainingData.Person("member");
                db.Users.Add(member);
                db.Enrollments.Add(TrainingData.Enroll(member, Rostering, factory.PortalToday(), group));
            }
            return await db.SaveChangesAsync();
        });
        return group;
    }

    private async Task<(AppUser Person, HttpClient Client)> PersonAsync()
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        return (person, await factory.SignedInAsync(person.Email!, TestUsers.Password));
    }

    private Task<List<JoinRequest>> RequestsAsync(string personId) =>
        factory.WithDbAsync(db => db.JoinRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Id).ToListAsync());

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string program, int? groupId, string message = "I work at Riverside and could start in March.") =>
        client.PostFormAsync($"/programs/{program}/join", ("Form.GroupId", groupId is { } g ? QueueData.Id(g) : ""), ("Form.Message", message));

    private static Task<HttpResponseMessage> EnrollAsync(HttpClient admin, AppUser person, JoinRequest request, int? groupId) =>
        admin.PostFormAsync("/admin/join-requests", "/admin/enrollments/new",
        [
            new("Form.PersonEmail", person.Email!), new("Form.ProgramKey", request.ProgramKey), new("Form.Category", request.Category ?? ""),
            new("Form.JoinRequestId", QueueData.Id(request.Id)), new("Form.GroupId", groupId is { } g ? QueueData.Id(g) : ""),
        ]);

    [Fact]
    public async Task A_person_asks_for_a_place_an_administrator_enrolls_them_with_one_action_and_their_home_page_shows_the_program()
    {
        var group = await GroupAsync(capacity: 4);
        var (person, client) = await PersonAsync();
        var catalog = PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync("/programs"));
        Assert.Contains($"/programs/{Rostering}/join?group={group.Id}", catalog);
        Assert.Matches($"{Regex.Escape(group.Name)}.*?4 of 4 places free", Regex.Replace(catalog, @"\s+", " "));
        var (_, admin) = await factory.AdminAsync();
        var waitingBefore = WaitingCount(await admin.GetStringAsync("/"));

        var asked = await AskAsync(client, Rostering, group.Id);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = Assert.Single(await RequestsAsync(person.Id));
        Assert.Equal((JoinRequestStatus.Open, group.Id, "I work at Riverside and could start in March."), (request.Status, request.GroupId, request.Message));
        var home = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("Waiting for an answer", home);
        Assert.Contains("data-testid=\"no-enrollments\"", home);
        Assert.Equal(waitingBefore + 1, WaitingCount(await admin.GetStringAsync("/")));
        var queue = PortalClient.Decode(await admin.GetStringAsync("/admin/join-requests"));
        Assert.Contains($"data-request=\"{request.Id}\"", queue);
        Assert.Contains("I work at Riverside and could start in March.", queue);

        var enrolled = await EnrollAsync(admin, person, request, group.Id);

        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal("/admin/join-requests", enrolled.Headers.Location!.ToString());
        var enrollment = await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == person.Id));
        Assert.Equal((Rostering, group.Id, EnrollmentStatus.Active), (enrollment.ProgramKey, enrollment.GroupId, enrollment.Status));
        request = Assert.Single(await RequestsAsync(person.Id));
        Assert.Equal((JoinRequestStatus.Accepted, enrollment.Id), (request.Status, request.EnrollmentId));
        home = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("Accepted: enrolled", home);
        Assert.Contains("MIO clinician training: rostering", home);
        Assert.DoesNotContain("data-testid=\"no-enrollments\"", home);
        Assert.Equal(waitingBefore, WaitingCount(await admin.GetStringAsync("/")));
        Assert.Matches($"{Regex.Escape(group.Name)}.*?3 of 4 places free",
            Regex.Replace(PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync("/programs")), @"\s+", " "));
        var audited = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(JoinRequest) && a.EntityId == QueueData.Id(request.Id)).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Added", "Modified"], audited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Asking_twice_or_when_enrolled_already_gets_a_clear_answer_and_stores_nothing_more()
    {
        var (person, client) = await PersonAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(client, Rostering, null)).StatusCode);

        var page = PortalClient.Decode(await client.GetStringAsync($"/programs/{Rostering}/join"));
        Assert.Contains("data-testid=\"join-open\"", page);
        Assert.Contains("an administrator has not answered yet", page);
        // A second post (an old tab) answers with the same page; still one request.
        var again = await client.PostAsync($"/programs/{Rostering}/join", new FormUrlEncodedContent(
            [new("Form.Message", "again"), new("__RequestVerificationToken", await client.GetTokenAsync("/"))]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("data-testid=\"join-open\"", await again.Content.ReadAsStringAsync());
        Assert.Single(await RequestsAsync(person.Id));

        var enrolled = await factory.CreateAsync(Roles.Trainee);
        await factory.WithDbAsync(db =>
        {
            db.Enrollments.Add(TrainingData.Enroll(enrolled, Rostering, factory.PortalToday()));
            return db.SaveChangesAsync();
        });
        var enrolledClient = await factory.SignedInAsync(enrolled.Email!, TestUsers.Password);
        Assert.Contains("data-testid=\"join-enrolled\"", await enrolledClient.GetStringAsync($"/programs/{Rostering}/join"));
        var posted = await enrolledClient.PostAsync($"/programs/{Rostering}/join", new FormUrlEncodedContent(
            [new("Form.Message", "x"), new("__RequestVerificationToken", await enrolledClient.GetTokenAsync("/"))]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Empty(await RequestsAsync(enrolled.Id));
    }

    [Fact]
    public async Task A_full_group_is_refused_next_to_the_field_with_the_message_kept_and_nobody_is_placed_beyond_its_places()
    {
        var full = await GroupAsync(capacity: 2, members: 2);
        var (person, client) = await PersonAsync();
        Assert.Contains("Full (2 places)", PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync("/programs")));

        var response = await AskAsync(client, Rostering, full.Id, message: "Keep this text");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"{full.Name} is full (full (2 places)). Choose another one, or “any”.", html);
        Assert.Contains("Keep this text</textarea>", html);
        Assert.Empty(await RequestsAsync(person.Id));

        // The administrator cannot place anyone beyond it either: not from a request, not from the enroll form, not by lowering its places.
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(client, Rostering, null)).StatusCode);
        var request = Assert.Single(await RequestsAsync(person.Id));
        var (_, admin) = await factory.AdminAsync();
        var refused = await EnrollAsync(admin, person, request, full.Id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"{full.Name} is full (2 of 2 places taken)", PortalClient.Decode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Enrollments.AnyAsync(e => e.PersonId == person.Id)));
        Assert.Equal(JoinRequestStatus.Open, Assert.Single(await RequestsAsync(person.Id)).Status);

        var open = await GroupAsync(capacity: 3, members: 2);
        var lowered = await admin.PostFormAsync($"/groups/{open.Id}/edit", ("Form.Name", open.Name), ("Form.Capacity", "1"));
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains("2 people are in this group now: it cannot take fewer than 2.", PortalClient.Decode(await lowered.Content.ReadAsStringAsync()));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Groups.Where(g => g.Id == open.Id).Select(g => g.Capacity).SingleAsync()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-1)]
    public async Task Places_outside_1_to_500_are_refused_next_to_the_field(int places)
    {
        var group = await GroupAsync(capacity: null);
        var (_, admin) = await factory.AdminAsync();

        var response = await admin.PostFormAsync($"/groups/{group.Id}/edit", ("Form.Name", group.Name), ("Form.Capacity", QueueData.Id(places)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter how many people it takes, 1 to 500, or leave it empty for no limit.", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.Capacity).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_declines_with_a_reason_the_person_reads_and_a_stale_decision_changes_nothing()
    {
        var (person, client) = await PersonAsync();
        await AskAsync(client, Rostering, null);
        var request = Assert.Single(await RequestsAsync(person.Id));
        var (_, admin) = await factory.AdminAsync();
        var page = $"/admin/join-requests/{request.Id}/decline";

        var empty = await admin.PostFormAsync(page, ("Form.Reason", " "), ("Form.Version", request.Version.ToString()));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say why the request is declined; the person reads it.", PortalClient.Decode(await empty.Content.ReadAsStringAsync()));
        var stale = await admin.PostFormAsync(page, ("Form.Reason", "No group until spring."), ("Form.Version", Guid.NewGuid().ToString()));
        Assert.Contains("This request changed while you were looking at it", PortalClient.Decode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(JoinRequestStatus.Open, Assert.Single(await RequestsAsync(person.Id)).Status);

        var declined = await admin.PostFormAsync(page, ("Form.Reason", "No group until spring: please ask again in March."), ("Form.Version", request.Version.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        request = Assert.Single(await RequestsAsync(person.Id));
        Assert.Equal((JoinRequestStatus.Declined, "No group until spring: please ask again in March."), (request.Status, request.DeclineReason));
        var home = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("Declined", home);
        Assert.Contains("Reason: No group until spring: please ask again in March.", home);
        var told = Assert.Single(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == person.Id && n.Kind == NotificationKind.JoinRequestAnswered).ToListAsync()));
        Assert.EndsWith("was declined", told.Title, StringComparison.Ordinal);
        Assert.Contains("No group until spring: please ask again in March.", told.Body, StringComparison.Ordinal);
        // Declined: the person may ask again.
        Assert.DoesNotContain("data-testid=\"join-open\"", await client.GetStringAsync($"/programs/{Rostering}/join"));
        // A decision on a request no longer open changes nothing, and enrolling for it is refused.
        var late = await admin.PostFormAsync(page, ("Form.Reason", "Again"), ("Form.Version", request.Version.ToString()));
        Assert.Contains("This request is no longer open", PortalClient.Decode(await late.Content.ReadAsStringAsync()));
        var enroll = await EnrollAsync(admin, person, request, null);
        Assert.Contains("The request to join was answered or withdrawn meanwhile", PortalClient.Decode(await enroll.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Enrollments.AnyAsync(e => e.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_person_withdraws_only_their_own_open_request()
    {
        var (person, client) = await PersonAsync();
        await AskAsync(client, Rostering, null);
        var request = Assert.Single(await RequestsAsync(person.Id));
        var (_, other) = await PersonAsync();

        var foreign = await other.PostFormAsync("/", $"/my/join-requests/{request.Id}/withdraw", []);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(JoinRequestStatus.Open, Assert.Single(await RequestsAsync(person.Id)).Status);

        var withdrawn = await client.PostFormAsync("/", $"/my/join-requests/{request.Id}/withdraw", []);

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        request = Assert.Single(await RequestsAsync(person.Id));
        Assert.Equal((JoinRequestStatus.Withdrawn, person.Id), (request.Status, request.DecidedById));
    }

    [Fact]
    public async Task A_message_of_100000_characters_gets_its_length_and_a_wrong_group_or_category_is_named()
    {
        var (person, client) = await PersonAsync();
        var course = TrainingData.CourseCohort(factory.PortalToday().AddDays(10));
        await factory.WithDbAsync(db => { db.Groups.Add(course); return db.SaveChangesAsync(); });

        var huge = await AskAsync(client, Rostering, null, message: new string('x', 100_000));
        Assert.Contains("you typed 100,000", PortalClient.Decode(await huge.Content.ReadAsStringAsync()));
        var wrongGroup = await AskAsync(client, Rostering, course.Id);
        Assert.Contains("Choose one of the groups or cohorts listed, or “any”.", PortalClient.Decode(await wrongGroup.Content.ReadAsStringAsync()));
        var noCategory = await client.PostFormAsync($"/programs/{DefaultRuleSets.Keys.ImhEndorsementL4}/join", ("Form.Category", "astrology"), ("Form.Message", ""));
        Assert.Contains("Choose the category you apply in.", PortalClient.Decode(await noCategory.Content.ReadAsStringAsync()));
        Assert.Empty(await RequestsAsync(person.Id));

        var withCategory = await client.PostFormAsync($"/programs/{DefaultRuleSets.Keys.ImhEndorsementL4}/join", ("Form.Category", DefaultRuleSets.Categories.Policy), ("Form.Message", ""));
        Assert.Equal(HttpStatusCode.Redirect, withCategory.StatusCode);
        Assert.Equal(DefaultRuleSets.Categories.Policy, Assert.Single(await RequestsAsync(person.Id)).Category);
    }

    [Fact]
    public async Task Programs_one_starts_oneself_or_that_the_portal_sets_up_take_no_request()
    {
        var (person, client) = await PersonAsync();
        Assert.Contains("data-testid=\"join-self\"", await client.GetStringAsync($"/programs/{DefaultRuleSets.Keys.MiPractice}/join"));
        Assert.Contains("data-testid=\"join-automatic\"", await client.GetStringAsync($"/programs/{DefaultRuleSets.Keys.ImhRenewal}/join"));

        var posted = await client.PostAsync($"/programs/{DefaultRuleSets.Keys.ImhRenewal}/join", new FormUrlEncodedContent(
            [new("Form.Message", "x"), new("__RequestVerificationToken", await client.GetTokenAsync("/"))]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Empty(await RequestsAsync(person.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/programs/no-such-program/join")).StatusCode);
    }

    [Fact]
    public async Task Only_a_signed_in_person_asks_and_only_administrators_answer()
    {
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var ask = await anonymous.GetAsync($"/programs/{Rostering}/join");
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Contains("/account/login", ask.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/join-requests")).StatusCode);
        foreach (var role in new[] { Roles.Trainer, Roles.Trainee, Roles.Reviewer, Roles.Champion })
        {
            var someone = await factory.CreateAsync(role);
            var client = await factory.SignedInAsync(someone.Email!, TestUsers.Password);
            foreach (var path in new[] { "/admin/join-requests", "/admin/join-requests/1/decline" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {path}: {(int)response.StatusCode}");
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_queue_and_the_catalog_read_the_same_number_of_times_for_2_or_22_requests()
    {
        var (_, admin) = await factory.AdminAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<(int Queue, int Catalog)> ReadsAsync()
        {
            counter.Reset();
            await admin.GetStringAsync("/admin/join-requests");
            var queue = counter.Reads;
            counter.Reset();
            await admin.GetStringAsync("/programs");
            return (queue, counter.Reads);
        }
        for (var i = 0; i < 2; i++)
        {
            var (_, c) = await PersonAsync();
            await AskAsync(c, Rostering, (await GroupAsync(capacity: 5, members: 1)).Id);
        }
        var before = await ReadsAsync();
        for (var i = 0; i < 20; i++)
        {
            var (_, c) = await PersonAsync();
            await AskAsync(c, Rostering, (await GroupAsync(capacity: 5, members: 1)).Id);
        }

        Assert.Equal(before, await ReadsAsync());
    }

    private static int WaitingCount(string html) =>
        int.Parse(Regex.Match(html, "data-testid=\"admin-join-requests\">\\s*<span class=\"card-body\"><span class=\"d-block fs-3 fw-semibold\">(\\d+)</span>").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
}
