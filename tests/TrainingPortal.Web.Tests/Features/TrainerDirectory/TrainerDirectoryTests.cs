using System.Globalization;
using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.TrainerDirectory;

/// <summary>
/// The directory of MI trainers: a profile is written by the trainer, listed only once an administrator confirms the
/// MINT affiliation and while not paused; changing the affiliation asks again; the search finds listed profiles only,
/// in a constant number of reads; bad input is answered next to its field with everything typed kept.
/// </summary>
public sealed class TrainerDirectoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Profile = "/mi/trainers/profile";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<MiTrainerProfile> ProfileOfAsync(string userId) =>
        factory.WithDbAsync(db => db.MiTrainerProfiles.AsNoTracking().SingleAsync(p => p.UserId == userId));

    private static async Task<bool> ListedAsync(HttpClient client, string name) =>
        PortalClient.Decode(await client.GetStringAsync("/mi/trainers?q=" + Uri.EscapeDataString(name))).Contains($">{name}</a>", StringComparison.Ordinal); // a link to the profile, not the search box echoing it

    [Fact]
    public async Task A_trainer_writes_a_profile_that_waits_for_an_administrator_who_confirms_it_and_it_is_listed_and_audited()
    {
        var trainer = await factory.CreateAsync();
        var name = "Trainer " + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == trainer.Id)).DisplayName = name; return await db.SaveChangesAsync(); });
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var practitioner = await factory.SignedInAsync((await factory.CreateAsync()).Email!, TestUsers.Password);

        var saved = await client.PostFormAsync(Profile, DirectoryData.ProfileFields());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var profile = await ProfileOfAsync(trainer.Id);
        Assert.Equal((AffiliationState.Waiting, "https://coach.example", 2015, true, false), (profile.State, profile.Website, profile.MintSince, profile.Online, profile.InPerson));
        Assert.Contains("Waiting for an administrator to confirm", PortalClient.Decode(await client.GetStringAsync(Profile)));
        Assert.False(await ListedAsync(practitioner, name));
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync($"/mi/trainers/{profile.Id}")).StatusCode);
        Assert.DoesNotContain("I coach MI practitioners.", await practitioner.GetStringAsync($"/mi/trainers/{profile.Id}"));

        var (_, admin) = await factory.AdminAsync();
        Assert.Contains(name, PortalClient.Decode(await admin.GetStringAsync("/admin/mi/trainers")));
        var confirmed = await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{profile.Id}/confirm", ("Decision.Version", profile.Version.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(AffiliationState.Confirmed, (await ProfileOfAsync(trainer.Id)).State);
        Assert.True(await ListedAsync(practitioner, name));
        var page = PortalClient.Decode(await practitioner.GetStringAsync($"/mi/trainers/{profile.Id}"));
        Assert.Contains("I coach MI practitioners.", page);
        Assert.DoesNotContain("https://coach.example", page); // the website is a contact detail: only after an accepted request
        Assert.DoesNotContain("+49 30 1234", page);
        Assert.Contains("MINT affiliation confirmed", PortalClient.Decode(await client.GetStringAsync(Profile)));
        var audits = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(MiTrainerProfile) && a.EntityId == Id(profile.Id)).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Added", "Modified"], audits);
    }

    [Fact]
    public async Task A_decline_needs_a_reason_the_trainer_sees_and_a_withdrawn_confirmation_unlists_the_profile()
    {
        var (trainer, id) = await factory.TrainerAsync(AffiliationState.Waiting);
        var (_, admin) = await factory.AdminAsync();

        var noReason = await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{id}/decline", ("Decision.Version", (await factory.VersionOfProfileAsync(id)).ToString()), ("Decision.Reason", " "));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Give the trainer a reason for declining.", await noReason.HtmlAsync());
        Assert.Equal(AffiliationState.Waiting, (await ProfileOfAsync(trainer.Id)).State);

        var declined = await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{id}/decline", ("Decision.Version", (await factory.VersionOfProfileAsync(id)).ToString()), ("Decision.Reason", "No MINT membership found."));
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        Assert.Contains("No MINT membership found.", await trainerClient.GetStringAsync(Profile));

        // Correcting the affiliation asks again.
        await trainerClient.PostFormAsync(Profile, DirectoryData.ProfileFields(mintSince: "2016"));
        Assert.Equal(AffiliationState.Waiting, (await ProfileOfAsync(trainer.Id)).State);
        await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{id}/confirm", ("Decision.Version", (await factory.VersionOfProfileAsync(id)).ToString()));
        Assert.True((await ProfileOfAsync(trainer.Id)).Listed);

        var withdrawn = await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{id}/withdraw", ("Decision.Version", (await factory.VersionOfProfileAsync(id)).ToString()), ("Decision.Reason", "Membership lapsed."));
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var after = await ProfileOfAsync(trainer.Id);
        Assert.Equal((AffiliationState.Withdrawn, "Membership lapsed.", false), (after.State, after.StateReason, after.Listed));
    }

    [Fact]
    public async Task Changing_the_affiliation_after_confirmation_asks_again_other_changes_keep_the_listing()
    {
        var (trainer, id) = await factory.TrainerAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        await factory.WithDbAsync(async db =>
        {
            var p = await db.MiTrainerProfiles.SingleAsync(p => p.Id == id);
            p.MintProfileUrl = "https://mint.example/me";
            return await db.SaveChangesAsync();
        });

        await client.PostFormAsync(Profile, DirectoryData.ProfileFields(bio: "New words about me."));
        var kept = await ProfileOfAsync(trainer.Id);
        Assert.Equal(("New words about me.", AffiliationState.Confirmed), (kept.Bio, kept.State));

        await client.PostFormAsync(Profile, DirectoryData.ProfileFields(mintUrl: "https://mint.example/someone-else"));
        var asked = await ProfileOfAsync(trainer.Id);
        Assert.Equal((AffiliationState.Waiting, false), (asked.State, asked.Listed));
    }

    [Fact]
    public async Task A_decision_taken_on_an_older_screen_is_refused_with_the_newer_state()
    {
        var (trainer, id) = await factory.TrainerAsync(AffiliationState.Waiting);
        var (_, admin) = await factory.AdminAsync();
        var seen = await factory.VersionOfProfileAsync(id);
        // The trainer changes the affiliation meanwhile.
        await (await factory.SignedInAsync(trainer.Email!, TestUsers.Password)).PostFormAsync(Profile, DirectoryData.ProfileFields(mintSince: "2001"));

        var stale = await admin.PostAsync("/admin/mi/trainers", $"/admin/mi/trainers/{id}/confirm", ("Decision.Version", seen.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(AffiliationState.Waiting, (await ProfileOfAsync(trainer.Id)).State);
        Assert.Contains("changed since you opened the page", PortalClient.Decode(await admin.GetStringAsync("/admin/mi/trainers")));
    }

    [Fact]
    public async Task A_paused_listing_is_not_found_and_refuses_new_requests_until_resumed()
    {
        var name = "Paused " + Guid.NewGuid().ToString("N")[..8];
        var (trainer, id) = await factory.TrainerAsync(name: name);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var practitionerUser = await factory.CreateAsync();
        var practitioner = await factory.SignedInAsync(practitionerUser.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Profile, $"{Profile}/pause", [])).StatusCode);
        Assert.True((await ProfileOfAsync(trainer.Id)).Paused);
        Assert.False(await ListedAsync(practitioner, name));
        var refused = await practitioner.PostAsync("/mi/trainers", $"/mi/trainers/{id}/request", DirectoryData.RequestFields());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("has paused their listing", await refused.HtmlAsync());
        Assert.False(await factory.WithDbAsync(db => db.CoachingRequests.AnyAsync(r => r.PersonId == practitionerUser.Id)));

        await client.PostFormAsync(Profile, $"{Profile}/resume", []);
        Assert.True(await ListedAsync(practitioner, name));
    }

    [Fact]
    public async Task A_request_to_a_trainer_not_confirmed_is_refused_and_nothing_is_stored()
    {
        var (_, id) = await factory.TrainerAsync(AffiliationState.Declined);
        var person = await factory.CreateAsync();
        var client = await factory.SignedInAsync(person.Email!, TestUsers.Password);

        var refused = await client.PostAsync("/mi/trainers", $"/mi/trainers/{id}/request", DirectoryData.RequestFields());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not listed in the directory", await refused.HtmlAsync());
        Assert.False(await factory.WithDbAsync(db => db.CoachingRequests.AnyAsync(r => r.PersonId == person.Id)));
    }

    [Fact]
    public async Task The_search_finds_listed_profiles_by_words_language_region_and_format_and_pages()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await factory.TrainerAsync(name: $"Anna {tag}", bio: $"Coaching {tag} for nurses", languages: "English, Finnish", regions: "Helsinki", online: true, inPerson: false);
        await factory.TrainerAsync(name: $"Bo {tag}", bio: $"Coaching {tag} for probation officers", languages: "Swedish", regions: "Malmö", online: false, inPerson: true);
        await factory.TrainerAsync(AffiliationState.Waiting, name: $"Cleo {tag}", bio: $"Coaching {tag}");
        await factory.TrainerAsync(paused: true, name: $"Dag {tag}", bio: $"Coaching {tag}");
        var client = await factory.SignedInAsync((await factory.CreateAsync()).Email!, TestUsers.Password);

        async Task<List<string>> Names(string query) =>
            [.. Regex.Matches(PortalClient.Decode(await client.GetStringAsync("/mi/trainers?" + query)), $"<a href=\"/mi/trainers/\\d+\">(\\w+) {tag}</a>").Select(m => m.Groups[1].Value)];

        Assert.Equal(["Anna", "Bo"], await Names($"q={tag}"));
        Assert.Equal(["Anna"], await Names($"q={tag}&language=finn"));
        Assert.Equal(["Bo"], await Names($"q={tag}&region=malm%C3%B6"));
        Assert.Equal(["Anna"], await Names($"q={tag}&format=online"));
        Assert.Equal(["Bo"], await Names($"q={tag}&format=in-person"));
        Assert.Equal(["Bo"], await Names($"q=probation%20officers%20&page=7")); // a page past the end shows the last
        Assert.Contains("Keep the search to 200 characters (you typed 201)", PortalClient.Decode(await client.GetStringAsync("/mi/trainers?q=" + new string('x', 201))));
    }

    [Fact]
    public async Task The_search_page_reads_the_same_number_of_times_for_3_or_43_trainers_and_pages_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var client = await factory.SignedInAsync((await factory.CreateAsync()).Email!, TestUsers.Password);
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<int> ReadsAsync()
        {
            await client.GetAsync($"/mi/trainers?q={tag}");
            counter.Reset();
            var html = await client.GetStringAsync($"/mi/trainers?q={tag}");
            Assert.Contains(tag, html);
            return counter.Reads;
        }
        for (var i = 0; i < 3; i++)
        {
            await factory.TrainerAsync(name: $"T{i:00} {tag}", bio: tag);
        }
        var few = await ReadsAsync();
        for (var i = 3; i < 43; i++)
        {
            await factory.TrainerAsync(name: $"T{i:00} {tag}", bio: tag);
        }
        var many = await ReadsAsync();

        Assert.Equal(few, many);
        var last = PortalClient.Decode(await client.GetStringAsync($"/mi/trainers?q={tag}&page=3"));
        Assert.Contains("43 trainers match your search", last);
        Assert.Equal(3, Regex.Count(last, "data-testid=\"trainer\""));
    }

    [Theory]
    [InlineData("Profile.Website", "javascript:alert(1)", "Enter a web address that starts with https:// or http://.")]
    [InlineData("Profile.MintProfileUrl", "/relative", "Enter a web address that starts with https:// or http://.")]
    [InlineData("Profile.MintSince", "1970", "Enter the year you joined MINT as four digits")]
    [InlineData("Profile.MintSince", "", "Enter the year you joined MINT, like 2015.")]
    [InlineData("Profile.Bio", "", "Write a few words about you and your coaching.")]
    [InlineData("Profile.Online", "false", "Tick online, in person or both.")]
    [InlineData("Profile.Phone", "<script>", "Enter a phone number with digits")]
    public async Task Bad_profile_input_is_answered_next_to_the_field_with_the_rest_kept_and_nothing_saved(string field, string value, string message)
    {
        var trainer = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var fields = DirectoryData.ProfileFields().Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();

        var response = await client.PostFormAsync(Profile, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(message, html);
        Assert.Contains("value=\"Berlin\"", html);
        Assert.False(await factory.WithDbAsync(db => db.MiTrainerProfiles.AnyAsync(p => p.UserId == trainer.Id)));
    }

    [Fact]
    public async Task A_bio_of_100000_characters_is_refused_with_its_length_and_kept()
    {
        var trainer = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var response = await client.PostFormAsync(Profile, DirectoryData.ProfileFields(bio: new string('b', 100_000)));
        var html = await response.HtmlAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Keep the text about you to 2,000 characters (you typed 100,000).", html);
        Assert.Contains(new string('b', 100_000), html);
    }
}
