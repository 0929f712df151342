using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Champions;
using TrainingPortal.Web.Tests.Features.PracticeGroups;

namespace TrainingPortal.Web.Tests.Features.Champions;

/// <summary>
/// Becoming an MI Champion: a person asks with a motivation (one open request at a time), an administrator approves —
/// the role is granted and audited — or declines with a reason; the person reads the outcome. The people screen offers
/// the role in plain words.
/// </summary>
public sealed class ChampionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/mi/champion";
    private const string Admin = "/admin/mi/champions";

    private async Task<(AppUser User, HttpClient Client)> PractitionerAsync()
    {
        var user = await factory.CreateAsync(Roles.Trainee);
        return (user, await factory.SignedInAsync(user.Email!, TestUsers.Password));
    }

    private Task<List<ChampionRequest>> RequestsAsync(string personId) =>
        factory.WithDbAsync(db => db.ChampionRequests.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync());

    private static int RequestId(string html, string personName) =>
        int.Parse(Regex.Match(html, $"data-request=\"(\\d+)\" data-open=\"yes\">\\s*<div class=\"card-body\">\\s*<h2[^>]*><a[^>]*>{Regex.Escape(personName)}</a>").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_person_asks_once_an_administrator_approves_the_role_is_granted_and_audited_and_the_person_creates_a_group()
    {
        var (person, client) = await PractitionerAsync();
        var sent = await client.PostFormAsync(Page, ("Form.Motivation", "I run a peer group at my clinic and would like to host MI practice."));
        Assert.Contains("Your request is sent.", await client.FollowAsync(sent));

        var twice = await client.PostFormAsync(Page, Page, [new("Form.Motivation", "Again.")]);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains(ChampionsController.AlreadyOpen, PortalClient.Decode(await twice.Content.ReadAsStringAsync()));
        Assert.Single(await RequestsAsync(person.Id));
        Assert.Contains("Waiting", PortalClient.Decode(await client.GetStringAsync(Page)));

        var (_, admin) = await factory.AdminAsync();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == person.Id)).DisplayName = "Asking Person " + person.Id[..6];
            return await db.SaveChangesAsync();
        });
        var list = PortalClient.Decode(await admin.GetStringAsync(Admin));
        var id = RequestId(list, "Asking Person " + person.Id[..6]);
        Assert.Contains("I run a peer group at my clinic", list);

        var approved = await admin.PostFormAsync(Admin, $"{Admin}/{id}/approve", []);
        Assert.Contains("is now an MI Champion", await admin.FollowAsync(approved));
        Assert.True(await factory.WithDbAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == person.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Champion))));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == person.Id && a.Action == "RoleGranted" && a.Changes!.Contains(Roles.Champion))));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ChampionRequest) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")));

        var again = await admin.PostFormAsync(Admin, $"{Admin}/{id}/approve", []);
        Assert.Contains(AdminChampionsController.AlreadyDecided, await admin.FollowAsync(again));

        var fresh = await factory.SignedInAsync(person.Email!, TestUsers.Password);
        var mine = PortalClient.Decode(await fresh.GetStringAsync(Page));
        Assert.Contains("Approved", mine);
        Assert.Contains("You are an MI Champion.", mine);
        Assert.DoesNotContain("Send the request", mine);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/mi/groups/new")).StatusCode);
    }

    [Fact]
    public async Task A_decline_needs_a_reason_the_person_reads_it_and_may_ask_again()
    {
        var (person, client) = await PractitionerAsync();
        await client.PostFormAsync(Page, ("Form.Motivation", "Please."));
        var id = Assert.Single(await RequestsAsync(person.Id)).Id;
        var (_, admin) = await factory.AdminAsync();

        var noReason = await admin.PostFormAsync(Admin, $"{Admin}/{id}/decline", [new("Decline.Reason", " ")]);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Write the reason: the person reads it.", PortalClient.Decode(await noReason.Content.ReadAsStringAsync()));
        var tooLong = await admin.PostFormAsync(Admin, $"{Admin}/{id}/decline", [new("Decline.Reason", new string('r', 100_000))]);
        Assert.Contains("Keep the reason to 2,000 characters (you typed 100,000).", PortalClient.Decode(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(ChampionRequestStatus.Open, Assert.Single(await RequestsAsync(person.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(Admin, $"{Admin}/{id}/decline", [new("Decline.Reason", "Please complete the introductory course first.")])).StatusCode);
        var mine = PortalClient.Decode(await client.GetStringAsync(Page));
        Assert.Contains("Declined", mine);
        Assert.Contains("Please complete the introductory course first.", mine);
        Assert.Contains("Ask again", mine);
        Assert.True(PracticeAccessTests.IsDenied(await client.GetAsync("/mi/groups/new")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Page, ("Form.Motivation", "I have finished the course now."))).StatusCode);
        Assert.Equal(2, (await RequestsAsync(person.Id)).Count);
    }

    [Fact]
    public async Task A_motivation_of_100000_characters_or_none_is_answered_next_to_the_field_and_nothing_is_sent()
    {
        var (person, client) = await PractitionerAsync();
        var tooLong = await client.PostFormAsync(Page, ("Form.Motivation", new string('m', 100_000)));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Matches("id=\"Form_Motivation-error\"[^>]*>Keep your motivation to 2,000 characters \\(you typed 100,000\\)", PortalClient.Decode(await tooLong.Content.ReadAsStringAsync()));
        var empty = await client.PostFormAsync(Page, ("Form.Motivation", ""));
        Assert.Contains("Write a few words about why you would like to be a Champion.", PortalClient.Decode(await empty.Content.ReadAsStringAsync()));
        Assert.Empty(await RequestsAsync(person.Id));
    }

    [Fact]
    public async Task The_people_screen_offers_the_champion_role_in_plain_words()
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        var (_, admin) = await factory.AdminAsync();
        var html = PortalClient.Decode(await admin.GetStringAsync("/admin/people/" + person.Id));
        Assert.Contains("Champion (MI Champion: hosts MI practice groups)", html);
        Assert.Contains("value=\"Champion\"", html);
    }
}
