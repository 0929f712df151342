using Microsoft.AspNetCore.Identity;
using static TrainingPortal.Web.Tests.Testing.QueueData;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.People;

/// <summary>People and roles: search, roles with confirmation, make trainer, disable and enable with a reason.</summary>
public sealed class PeopleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string PersonPage(AppUser user) => "/admin/people/" + user.Id;

    private Task<IList<string>> RolesOfAsync(AppUser user) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!);
    });

    private static Task<HttpResponseMessage> DisableAsync(HttpClient admin, AppUser user, string reason) =>
        admin.PostFormAsync(PersonPage(user), PersonPage(user) + "/disable", [new("Account.Reason", reason)]);

    private static Task<HttpResponseMessage> SetRolesAsync(HttpClient admin, AppUser user, bool confirm, params string[] roles) =>
        admin.PostFormAsync(PersonPage(user), PersonPage(user) + "/roles",
            [.. roles.Select(r => new KeyValuePair<string, string>("RolesForm.Roles", r)), new("RolesForm.Confirm", confirm ? "true" : "false")]);

    /// <summary>A trainee with a Train-the-Trainer enrollment, completed or still active.</summary>
    private async Task<(AppUser Person, int EnrollmentId)> TrainTheTrainerAsync(bool completed)
    {
        var user = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var enrollment = Enroll(user, DefaultRuleSets.Keys.MioTrainTheTrainer, new DateOnly(2026, 1, 12));
        if (completed)
        {
            enrollment.Status = EnrollmentStatus.Completed;
            enrollment.CompletedOn = new DateOnly(2026, 6, 30);
            enrollment.ApprovedUtc = new DateTime(2026, 6, 30, 15, 0, 0, DateTimeKind.Utc);
        }
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync();
        return (user, enrollment.Id);
    }

    [Fact]
    public async Task People_are_found_by_part_of_their_name_or_address_in_any_case()
    {
        var person = await factory.CreateAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == person.Id)).DisplayName = "Ophelia Quintanilla-Search";
            return await db.SaveChangesAsync();
        });
        var (_, admin) = await factory.AdminAsync();

        var byName = PortalClient.Decode(await admin.GetStringAsync("/admin/people?q=quintanilla"));
        var byAddress = PortalClient.Decode(await admin.GetStringAsync("/admin/people?q=" + Uri.EscapeDataString(person.Email![..20].ToUpperInvariant())));
        var nobody = PortalClient.Decode(await admin.GetStringAsync("/admin/people?q=%25zz_nobody"));

        Assert.Contains($"<tr data-person=\"{person.Id}\">", byName);
        Assert.Contains("Ophelia Quintanilla-Search", byName);
        Assert.Contains("<td>Trainee</td>", byName);
        Assert.Contains($"<tr data-person=\"{person.Id}\">", byAddress);
        Assert.Contains("data-testid=\"no-people\"", nobody); // % and _ are matched literally
    }

    [Fact]
    public async Task Disabling_ends_the_open_session_at_its_next_request_and_blocks_sign_in()
    {
        var target = await factory.CreateAsync();
        var session = await factory.SignedInAsync(target.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        var (adminUser, admin) = await factory.AdminAsync();
        const string reason = "Left the agency on 20 November";

        var response = await DisableAsync(admin, target, reason);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // No clock change: the very next request of the open session is refused.
        Assert.True((await session.GetAsync("/")).IsRedirectToLogin());
        var again = await factory.CreatePortalClient().LoginAsync(target.Email!, TestUsers.Password);
        Assert.Contains("This account has been disabled", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
        var stored = await factory.FindAsync(target.Email!);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, stored!.DisabledUtc);
        Assert.NotEqual(target.SecurityStamp, stored.SecurityStamp); // other instances: the stamp check within a minute
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "AccountDisabled" && a.PersonId == target.Id));
        Assert.Equal(adminUser.Id, audit.ActorId);
        Assert.Contains(reason, audit.Changes, StringComparison.Ordinal);
        var page = PortalClient.Decode(await admin.GetStringAsync(PersonPage(target)));
        Assert.Contains("Disabled since", page);
        Assert.Contains(reason, page); // the account history shows why

        // Enabled again (with a reason): the person can sign in.
        var enable = await admin.PostFormAsync(PersonPage(target), PersonPage(target) + "/enable", [new("Account.Reason", "Rehired")]);
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Null((await factory.FindAsync(target.Email!))!.DisabledUtc);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePortalClient().LoginAsync(target.Email!, TestUsers.Password)).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "AccountEnabled" && a.PersonId == target.Id && a.Changes!.Contains("Rehired"))));
    }

    [Fact]
    public async Task Disabling_needs_a_reason_next_to_the_field()
    {
        var target = await factory.CreateAsync();
        var (_, admin) = await factory.AdminAsync();

        var response = await DisableAsync(admin, target, "  ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Account_Reason-error\">Write the reason", await response.HtmlAsync());
        Assert.Null((await factory.FindAsync(target.Email!))!.DisabledUtc);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_nor_remove_their_own_administrator_role()
    {
        var (me, admin) = await factory.AdminAsync();

        var disable = await DisableAsync(admin, me, "Testing what happens");
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("You cannot disable your own account", await disable.HtmlAsync());
        Assert.Null((await factory.FindAsync(me.Email!))!.DisabledUtc);

        var demote = await SetRolesAsync(admin, me, confirm: true, Roles.Trainer);
        Assert.Contains("id=\"RolesForm_Roles-error\">You cannot remove your own Administrator role", await demote.HtmlAsync());
        Assert.Equal([Roles.Administrator], await RolesOfAsync(me));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/people")).StatusCode); // still an administrator
    }

    [Fact]
    public async Task Roles_change_only_when_confirmed_and_the_change_is_audited()
    {
        var person = await factory.CreateAsync();
        var (adminUser, admin) = await factory.AdminAsync();

        var unconfirmed = await SetRolesAsync(admin, person, confirm: false, Roles.Trainee, Roles.Trainer);
        var html = await unconfirmed.HtmlAsync();
        Assert.Contains("id=\"RolesForm_Confirm-error\">Tick the box to confirm the role changes.", html);
        Assert.Contains("id=\"role-trainer\" name=\"RolesForm.Roles\" value=\"Trainer\" checked=\"checked\"", html); // the ticks are kept
        Assert.Equal([Roles.Trainee], await RolesOfAsync(person));

        var confirmed = await SetRolesAsync(admin, person, confirm: true, Roles.Trainer);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal([Roles.Trainer], await RolesOfAsync(person));
        var events = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == person.Id && (a.Action == "RoleGranted" || a.Action == "RoleRemoved")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["RoleGranted", "RoleRemoved"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(adminUser.Id, e.ActorId));
        Assert.Contains("Trainer", events[0].Changes, StringComparison.Ordinal);
        Assert.Contains("Trainee", events[1].Changes, StringComparison.Ordinal);
        // The interceptor's own rows for the role link are there too.
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == person.Id && a.EntityType.StartsWith("IdentityUserRole") && a.Action == "Added")));
    }

    [Fact]
    public async Task A_Train_the_Trainer_graduate_is_made_a_trainer_from_the_person_page()
    {
        var (graduate, _) = await TrainTheTrainerAsync(completed: true);
        var (_, admin) = await factory.AdminAsync();

        var page = PortalClient.Decode(await admin.GetStringAsync(PersonPage(graduate)));
        Assert.Contains("Completed on Tue 30 Jun 2026", page);
        Assert.Contains("data-testid=\"make-trainer\"", page);
        Assert.DoesNotContain("data-testid=\"no-ttt-note\"", page);

        var response = await admin.PostFormAsync(PersonPage(graduate), PersonPage(graduate) + "/make-trainer", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(Roles.Trainer, await RolesOfAsync(graduate));
        Assert.Contains(Roles.Trainee, await RolesOfAsync(graduate)); // nothing else changes
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.PersonId == graduate.Id && a.Action == "RoleGranted"));
        Assert.Contains("Train-the-Trainer completed on 2026-06-30", audit.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"make-trainer\"", PortalClient.Decode(await admin.GetStringAsync(PersonPage(graduate))));
    }

    [Fact]
    public async Task The_approved_Train_the_Trainer_review_page_offers_make_trainer_and_returns_there()
    {
        var (graduate, enrollmentId) = await TrainTheTrainerAsync(completed: true);
        var (_, admin) = await factory.AdminAsync();
        var review = "/admin/approvals/" + Id(enrollmentId);

        var page = PortalClient.Decode(await admin.GetStringAsync(review));
        Assert.Contains("data-testid=\"approved\"", page);
        Assert.Contains("data-testid=\"make-trainer\"", page);

        var response = await admin.PostFormAsync(review, PersonPage(graduate) + "/make-trainer", [new("returnTo", review)]);

        Assert.Equal(review, response.Headers.Location!.ToString());
        Assert.Contains(Roles.Trainer, await RolesOfAsync(graduate));
    }

    [Fact]
    public async Task Without_a_Train_the_Trainer_completion_the_page_says_so_and_only_the_roles_form_grants_trainer()
    {
        var (student, _) = await TrainTheTrainerAsync(completed: false);
        var (_, admin) = await factory.AdminAsync();

        var page = PortalClient.Decode(await admin.GetStringAsync(PersonPage(student)));
        Assert.Contains("data-testid=\"no-ttt-note\"", page);
        Assert.DoesNotContain("data-testid=\"make-trainer\"", page);

        var forged = await admin.PostFormAsync(PersonPage(student), PersonPage(student) + "/make-trainer", []);
        Assert.Contains("No Train-the-Trainer completion is on record", await forged.HtmlAsync());
        Assert.DoesNotContain(Roles.Trainer, await RolesOfAsync(student));

        Assert.Equal(HttpStatusCode.Redirect, (await SetRolesAsync(admin, student, confirm: true, Roles.Trainee, Roles.Trainer)).StatusCode);
        Assert.Contains(Roles.Trainer, await RolesOfAsync(student));
    }

    [Fact]
    public async Task Trainers_and_trainees_cannot_reach_the_people_pages()
    {
        var target = await factory.CreateAsync();
        foreach (var role in new[] { Roles.Trainee, Roles.Trainer })
        {
            var user = await factory.CreateAsync(role);
            var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
            var token = await client.GetTokenAsync("/profile");
            foreach (var path in new[] { "/admin/people", PersonPage(target) })
            {
                Assert.True(IsAccessDenied(await client.GetAsync(path)), $"{role} GET {path}");
            }
            foreach (var (path, fields) in new (string, KeyValuePair<string, string>[])[]
            {
                (PersonPage(target) + "/roles", [new("RolesForm.Roles", Roles.Administrator), new("RolesForm.Confirm", "true")]),
                (PersonPage(target) + "/make-trainer", []),
                (PersonPage(target) + "/disable", [new("Account.Reason", "Mischief")]),
                (PersonPage(target) + "/enable", [new("Account.Reason", "Mischief")]),
            })
            {
                var response = await client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
                Assert.True(IsAccessDenied(response), $"{role} POST {path}");
            }
        }
        Assert.Equal([Roles.Trainee], await RolesOfAsync(target));
        Assert.Null((await factory.FindAsync(target.Email!))!.DisabledUtc);
    }

    [Fact]
    public async Task An_unknown_person_answers_404()
    {
        var (_, admin) = await factory.AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/people/no-such-id")).StatusCode);
        var response = await admin.PostFormAsync("/admin/people", "/admin/people/no-such-id/disable", [new("Account.Reason", "Gone")]);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal));
}

/// <summary>The per-request list of recently disabled accounts.</summary>
public sealed class DisabledAccountsTests
{
    [Fact]
    public void A_session_issued_before_the_disable_is_refused_one_issued_after_passes_and_the_entry_expires()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var accounts = new DisabledAccounts(time);
        var disabledAt = time.GetUtcNow();

        accounts.Add("someone");

        Assert.True(accounts.Refuses("someone", disabledAt.AddHours(-1))); // the open session
        Assert.True(accounts.Refuses("someone", null));
        Assert.False(accounts.Refuses("someone", disabledAt.AddSeconds(1))); // signed in again after being enabled elsewhere
        Assert.False(accounts.Refuses("someone else", disabledAt.AddHours(-1)));
        Assert.False(accounts.Refuses(null, null));

        time.Advance(DisabledAccounts.RememberFor + TimeSpan.FromSeconds(1)); // by then the stamp check has ended it everywhere
        Assert.False(accounts.Contains("someone"));

        accounts.Add("again");
        accounts.Remove("again");
        Assert.False(accounts.Contains("again"));
    }
}
