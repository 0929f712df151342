namespace TrainingPortal.Web.Tests.Features.PersonDetails;

/// <summary>
/// An administrator corrects a person's name and e-mail address: the name at once; a new address only once the link mailed
/// to it is used (until then the old one signs in); a taken address is refused next to the field; audited.
/// </summary>
public sealed class PersonDetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static string Page(string id) => $"/admin/people/{id}/details";

    private static async Task<string> StampAsync(HttpClient client, string id)
    {
        var html = await client.GetStringAsync(Page(id));
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"Form.Stamp\" value=\"([^\"]*)\"");
        Assert.True(match.Success, "no stamp on the page");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string id, string name, string email, string? stamp = null) =>
        await client.PostFormAsync(Page(id), Page(id),
            [new("Form.DisplayName", name), new("Form.Email", email), new("Form.Stamp", stamp ?? await StampAsync(client, id))]);

    [Fact]
    public async Task A_new_address_is_confirmed_by_its_link_and_the_old_one_signs_in_until_then()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var newAddress = $"new-{Guid.NewGuid():N}@test.local";

        var saved = await SaveAsync(client, person.Id, "Corrected Name", newAddress);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await factory.FindAsync(person.Email!);
        Assert.NotNull(stored); // the old address still finds (and signs in) the account
        Assert.Equal("Corrected Name", stored.DisplayName);
        Assert.Equal(person.Email, stored.Email);
        var signedIn = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.LoginAsync(person.Email!, TestUsers.Password)).StatusCode);

        var link = factory.LastTo(newAddress).LinkPath();
        var confirmed = await factory.CreatePortalClient().PostFormAsync(link, "/account/confirm-email-change",
            Mail.Query(link).Select(p => new KeyValuePair<string, string>(p.Key switch { "userId" => "UserId", "email" => "Email", _ => "Code" }, p.Value)));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var changed = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id));
        Assert.Equal((newAddress, newAddress), (changed.Email, changed.UserName));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == person.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("EmailChangeRequested", audit);
        Assert.Contains("Modified", audit);
    }

    [Fact]
    public async Task A_taken_address_or_an_empty_name_is_refused_next_to_the_field_and_kept()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var other = await factory.CreateAsync();

        var taken = await SaveAsync(client, person.Id, "Someone", other.Email!);
        var html = PortalClient.Decode(await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("id=\"Form_Email-error\">Another account already uses this e-mail address.", html);
        Assert.Contains($"value=\"{other.Email}\"", html);

        var empty = await SaveAsync(client, person.Id, "  ", person.Email!);
        Assert.Contains("id=\"Form_DisplayName-error\">Enter the person's name.", PortalClient.Decode(await empty.Content.ReadAsStringAsync()));
        Assert.Equal("Test Trainee", (await factory.FindAsync(person.Email!))!.DisplayName);
    }

    [Fact]
    public async Task A_change_from_an_older_screen_is_refused_with_409()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var stamp = await StampAsync(client, person.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, person.Id, "First edit", person.Email!, stamp)).StatusCode);

        var stale = await SaveAsync(client, person.Id, "Second edit", person.Email!, stamp);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("First edit", (await factory.FindAsync(person.Email!))!.DisplayName);
    }

    [Fact]
    public async Task A_trainer_cannot_open_it()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var person = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var response = await client.GetAsync(Page(person.Id));

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
    }
}
