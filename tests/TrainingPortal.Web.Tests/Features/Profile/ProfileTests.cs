namespace TrainingPortal.Web.Tests.Features.Profile;

public sealed class ProfileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly int LicenceCount = Enum.GetValues<LicenceType>().Length;

    private static List<KeyValuePair<string, string>> Form(string name, string certificateName, string zone, params (LicenceType Type, string? Number, string? State)[] held)
    {
        var fields = new List<KeyValuePair<string, string>> { new("DisplayName", name), new("CertificateName", certificateName), new("TimeZoneId", zone) };
        var types = Enum.GetValues<LicenceType>();
        for (var i = 0; i < types.Length; i++)
        {
            fields.Add(new($"Licences[{i}].Type", types[i].ToString()));
            var row = held.FirstOrDefault(h => h.Type == types[i]);
            if (held.Any(h => h.Type == types[i]))
            {
                fields.Add(new($"Licences[{i}].Held", "true"));
                fields.Add(new($"Licences[{i}].Number", row.Number ?? ""));
                fields.Add(new($"Licences[{i}].IssuedBy", row.State ?? ""));
            }
        }
        return fields;
    }

    private Task<AppUser> StoredAsync(string id) =>
        factory.WithDbAsync(db => db.Users.Include(u => u.Licences).AsNoTracking().SingleAsync(u => u.Id == id));

    [Fact]
    public async Task Names_time_zone_and_licences_are_saved_and_shown_again()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/profile", "/profile",
            Form("Dana Reyes", "Dana M. Reyes, LCSW", "America/Chicago", (LicenceType.LCSW, "012345", "NY"), (LicenceType.LCAT, null, null)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(user.Id);
        Assert.Equal("Dana Reyes", stored.DisplayName);
        Assert.Equal("Dana M. Reyes, LCSW", stored.CertificateName);
        Assert.Equal("America/Chicago", stored.TimeZoneId);
        Assert.Equal([LicenceType.LCSW, LicenceType.LCAT], stored.Licences.Select(l => l.Type).Order());
        Assert.Equal("012345", stored.Licences.Single(l => l.Type == LicenceType.LCSW).Number);

        var page = PortalClient.Decode(await client.GetStringAsync("/profile"));
        Assert.Contains("value=\"Dana M. Reyes, LCSW\"", page);
        Assert.Contains("value=\"012345\"", page);
        Assert.Contains("Your profile has been saved.", page);
    }

    [Fact]
    public async Task A_certificate_name_the_certificate_typeface_cannot_print_is_refused_next_to_the_field()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var refused = await client.PostFormAsync("/profile", "/profile", Form("李明", "李明 Li", "UTC"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = PortalClient.Decode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"CertificateName-error\"", html, StringComparison.Ordinal);
        Assert.Contains("The certificate typeface cannot print 李 明.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"李明 Li\"", html, StringComparison.Ordinal); // what was typed is kept
        Assert.NotEqual("李明 Li", (await StoredAsync(user.Id)).CertificateName);

        // Latin letters with accents print; the screen name may keep its own script.
        var saved = await client.PostFormAsync("/profile", "/profile", Form("李明", "Zoë Ångström-Nuñez Łukasz", "UTC"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("李明", "Zoë Ångström-Nuñez Łukasz"), ((await StoredAsync(user.Id)).DisplayName, (await StoredAsync(user.Id)).CertificateName));
    }

    [Fact]
    public async Task Unticking_a_licence_removes_it_and_the_change_is_audited()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        await client.PostFormAsync("/profile", "/profile", Form("A", "A", "UTC", (LicenceType.LMSW, "1", "NY")));

        await client.PostFormAsync("/profile", "/profile", Form("A", "A", "UTC"));

        Assert.Empty((await StoredAsync(user.Id)).Licences);
        var actions = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(ProfessionalLicence) && a.ActorId == user.Id)
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["Added", "Deleted"], actions);
        var nameChange = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == user.Id && a.Action == "Modified" && a.ActorId == user.Id)
            .Select(a => a.Changes).ToListAsync());
        Assert.Contains(nameChange, c => c!.Contains("\"DisplayName\":[\"Test Trainee\",\"A\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_named_next_to_the_field_and_what_was_typed_is_kept()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/profile", "/profile",
            Form("", "Kept Certificate Name", "Mars/Olympus_Mons", (LicenceType.LMHC, new string('9', 65), "NY")));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"DisplayName-error\">Enter your name.", html);
        Assert.Contains("id=\"TimeZoneId-error\">Choose a time zone from the list.", html);
        Assert.Contains("Keep the licence number to 64 characters (you typed 65).", html);
        Assert.Contains("value=\"Kept Certificate Name\"", html);
        Assert.Equal("Test Trainee", (await StoredAsync(user.Id)).DisplayName); // nothing saved
        Assert.Equal(LicenceCount, System.Text.RegularExpressions.Regex.Count(html, "name=\"Licences\\[\\d+\\]\\.Type\""));
    }

    [Fact]
    public async Task Each_licence_row_names_its_fields_by_position_and_links_an_error_to_its_field()
    {
        // The rows are plain markup (PlainField, no tag helpers): names, ids, kept values and the error's aria links are
        // those the tag helpers write for the indexed form.
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var row = Array.IndexOf(Enum.GetValues<LicenceType>(), LicenceType.LMHC);
        var other = Array.IndexOf(Enum.GetValues<LicenceType>(), LicenceType.LCSW);
        var tooLong = new string('9', 65);

        var response = await client.PostFormAsync("/profile", "/profile",
            Form("Dana", "Dana", "UTC", (LicenceType.LMHC, tooLong, "NY"), (LicenceType.LCSW, "0123", "VT")));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"""<input class="form-control form-control-sm input-validation-error is-invalid" aria-label="LMHC licence number" type="text" id="Licences_{row}__Number" name="Licences[{row}].Number" value="{tooLong}" aria-invalid="true" aria-describedby="Licences_{row}__Number-error" />""", html);
        Assert.Contains($"""data-valmsg-for="Licences[{row}].Number" data-valmsg-replace="true" id="Licences_{row}__Number-error">Keep the licence number to 64 characters (you typed 65).</span>""", html);
        Assert.Contains($"""<a href="#Licences_{row}__Number" class="alert-link">""", html);
        Assert.Contains($"""<input type="hidden" data-val="true" data-val-required="The Type field is required." id="Licences_{row}__Type" name="Licences[{row}].Type" value="LMHC" />""", html);
        Assert.Contains($"""<input type="checkbox" name="Licences[{row}].Held" id="Licences_{row}__Held" value="true" checked="checked" class="form-check-input" aria-labelledby="licence-{row}" />""", html);
        Assert.Contains($"""<th scope="row" id="licence-{row}">LMHC</th>""", html);
        Assert.Contains($"""<input class="form-control form-control-sm" aria-label="LCSW issued by" type="text" id="Licences_{other}__IssuedBy" name="Licences[{other}].IssuedBy" value="VT" />""", html);
    }

    [Fact]
    public async Task Showing_the_profile_is_one_query_whatever_licences_are_held()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/profile", "/profile",
            Form("Dana", "Dana", "UTC", (LicenceType.LCSW, "0123", "NY"), (LicenceType.RN, "77", "VT")))).StatusCode);
        await client.GetAsync("/profile");
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        var html = PortalClient.Decode(await client.GetStringAsync("/profile"));

        Assert.Equal(1, counter.Count); // the person with their licences (the session check is counted apart)
        Assert.Contains("value=\"0123\"", html);
        Assert.Contains("value=\"77\"", html);
    }

    [Fact]
    public async Task Garbage_in_licence_rows_is_a_message_not_a_500()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/profile", "/profile",
            [new("DisplayName", "A"), new("CertificateName", "A"), new("TimeZoneId", "UTC"), new("Licences[0].Type", "NotALicence"), new("Licences[0].Held", "maybe")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html[..Math.Min(html.Length, 3000)]);
        Assert.Contains("error-summary", html);
        // What was typed comes back as typed, marked invalid, as the tag helpers wrote it before the rows were plain markup.
        Assert.Contains("""<input type="hidden" class="input-validation-error is-invalid" data-val="true" data-val-required="The Type field is required." id="Licences_0__Type" name="Licences[0].Type" value="NotALicence" aria-invalid="true" aria-describedby="Licences_0__Type-error" />""", html);
    }

    [Fact]
    public async Task Opting_in_to_the_roster_saves_the_trimmed_city_and_state_and_says_what_is_shown()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var page = PortalClient.Decode(await client.GetStringAsync("/profile"));
        Assert.Contains("your name as printed on certificates, your credential(s), your city and your state", page);
        Assert.Contains("<label for=\"ListedOnRoster\" class=\"form-check-label\">List me on the public roster</label>", page);

        var response = await client.PostFormAsync("/profile", "/profile",
            [.. Form("Dana Reyes", "Dana Reyes", "UTC"), new("City", "  Albany "), new("State", " NY  "), new("ListedOnRoster", "true"), new("ListedOnRoster", "false")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(user.Id);
        Assert.True(stored.ListedOnRoster);
        Assert.Equal(("Albany", "NY"), (stored.City, stored.State));
        var again = PortalClient.Decode(await client.GetStringAsync("/profile"));
        Assert.Matches("<input type=\"checkbox\" name=\"ListedOnRoster\" id=\"ListedOnRoster\" value=\"true\" checked=\"checked\"", again);

        await client.PostFormAsync("/profile", "/profile", [.. Form("Dana Reyes", "Dana Reyes", "UTC"), new("City", "Albany"), new("State", "NY"), new("ListedOnRoster", "false")]);
        Assert.False((await StoredAsync(user.Id)).ListedOnRoster);
    }

    [Fact]
    public async Task Opting_in_needs_a_city_and_a_state_and_nothing_is_saved_without_them()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/profile", "/profile",
            [.. Form("Changed Name", "Changed Name", "UTC"), new("City", "   "), new("State", ""), new("ListedOnRoster", "true")]);

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"City-error\">Enter your city: the roster shows it.", html);
        Assert.Contains("id=\"State-error\">Enter your state, e.g. NY: the roster shows it.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        var stored = await StoredAsync(user.Id);
        Assert.False(stored.ListedOnRoster);
        Assert.Equal("Test Trainee", stored.DisplayName);

        var tooLong = await client.PostFormAsync("/profile", "/profile",
            [.. Form("A", "A", "UTC"), new("City", "Albany"), new("State", new string('S', 65)), new("ListedOnRoster", "false")]);
        Assert.Contains("Keep the state to 64 characters (you typed 65).", PortalClient.Decode(await tooLong.Content.ReadAsStringAsync()));
    }
}
