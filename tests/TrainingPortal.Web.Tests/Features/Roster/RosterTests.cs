using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Features.Roster;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Roster;

/// <summary>The public roster: who is listed (opt-in and a valid credential, exactly as CertificateStates says), what is shown, search, paging, query count.</summary>
public sealed partial class RosterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    /// <summary>A unique word for one test's names, so that searches see only that test's people.</summary>
    private static string Tag() => "Zq" + Guid.NewGuid().ToString("N")[..8];

    private sealed record Holder(AppUser Person, Certificate? Certificate);

    private async Task<Holder> PersonAsync(string name, bool listed = true, string? program = DefaultRuleSets.Keys.MioRostering,
        DateOnly? revokedOn = null, DateOnly? expiresOn = null, DateOnly? validThrough = null, string city = "Albany", string state = "NY",
        string? certificateName = null, params string[] morePrograms)
    {
        await using var db = factory.NewContext();
        var person = Person("r");
        person.DisplayName = name;
        person.CertificateName = certificateName ?? name;
        person.ListedOnRoster = listed;
        person.City = city;
        person.State = state;
        db.Users.Add(person);
        Certificate? certificate = null;
        foreach (var key in new[] { program }.Concat(morePrograms).OfType<string>())
        {
            var c = new Certificate
            {
                PersonId = person.Id,
                ProgramKey = key,
                IssuedOn = Today.AddDays(-400),
                AwardedOn = Today.AddDays(-400),
                RevokedOn = revokedOn,
                ExpiresOn = expiresOn,
                ValidThrough = validThrough,
            };
            certificate ??= c;
            db.Certificates.Add(c);
        }
        await db.SaveChangesAsync();
        return new Holder(person, certificate);
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PortalClient.Decode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_over_200_characters_is_refused_next_to_the_field_not_cut()
    {
        var client = factory.CreatePortalClient();
        var name = new string('n', 201);

        var html = await HtmlAsync(client, $"/roster?name={name}&city=Albany");

        Assert.Contains($"id=\"name-error\" class=\"invalid-feedback d-block\">Keep the name to 200 characters (you typed 201).", html);
        Assert.Contains("aria-describedby=\"name-error\"", html);
        Assert.Contains($"value=\"{name}\"", html); // as typed, not cut
        Assert.Contains("value=\"Albany\"", html);
        Assert.Contains("data-testid=\"error-summary\"", html);
        Assert.DoesNotContain("data-testid=\"roster\"", html);
        Assert.DoesNotContain("data-testid=\"roster-empty\"", html);
    }

    [GeneratedRegex("<tr>\\s*<th scope=\"row\">(?<name>[^<]+)</th>\\s*<td>(?<credentials>[\\s\\S]*?)</td>\\s*<td>(?<city>[^<]*)</td>\\s*<td>(?<state>[^<]*)</td>")]
    private static partial Regex RowPattern();

    private static List<(string Name, string Credentials, string City, string State)> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(m => (m.Groups["name"].Value, Regex.Replace(m.Groups["credentials"].Value, "\\s*<br />\\s*", " | ").Trim(),
            m.Groups["city"].Value, m.Groups["state"].Value))];

    [Fact]
    public async Task The_list_agrees_with_the_certificate_state_at_every_boundary()
    {
        var tag = Tag();
        var t = Today;
        var cases = new List<Holder>
        {
            await PersonAsync($"{tag} A no end"),
            await PersonAsync($"{tag} B revoked today", revokedOn: t),
            await PersonAsync($"{tag} C revoked yesterday", revokedOn: t.AddDays(-1)),
            await PersonAsync($"{tag} D revocation dated tomorrow", revokedOn: t.AddDays(1)),
            await PersonAsync($"{tag} E lapsed yesterday", program: DefaultRuleSets.Keys.ImhEndorsementL2, validThrough: t.AddDays(-1)),
            await PersonAsync($"{tag} F lapses after today", program: DefaultRuleSets.Keys.ImhEndorsementL2, validThrough: t),
            await PersonAsync($"{tag} G expired yesterday", expiresOn: t.AddDays(-1)),
            await PersonAsync($"{tag} H expires today", expiresOn: t),
            await PersonAsync($"{tag} I revoked today though valid through tomorrow", validThrough: t.AddDays(1), revokedOn: t),
        };

        var html = await HtmlAsync(factory.CreatePortalClient(), "/roster?name=" + tag);

        var listed = Rows(html).Select(r => r.Name).ToHashSet();
        foreach (var c in cases)
        {
            var valid = c.Certificate!.StateOn(t) == CertificateState.Valid;
            Assert.True(valid == listed.Contains(c.Person.DisplayName), $"{c.Person.DisplayName}: state {c.Certificate!.StateOn(t)}, listed: {listed.Contains(c.Person.DisplayName)}");
        }
        Assert.Equal([$"{tag} A no end", $"{tag} D revocation dated tomorrow", $"{tag} F lapses after today", $"{tag} H expires today"],
            Rows(html).Select(r => r.Name));
    }

    [Fact]
    public async Task Only_people_who_opted_in_with_a_roster_credential_are_listed()
    {
        var tag = Tag();
        await PersonAsync($"{tag} listed");
        await PersonAsync($"{tag} not opted in", listed: false);
        await PersonAsync($"{tag} course only", program: DefaultRuleSets.Keys.ImhCourse);
        await PersonAsync($"{tag} trainer only", program: DefaultRuleSets.Keys.MioTrainTheTrainer);
        await PersonAsync($"{tag} no certificate", program: null);
        var disabled = await PersonAsync($"{tag} disabled");
        await using (var db = factory.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == disabled.Person.Id)).DisabledUtc = factory.Time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }

        var html = await HtmlAsync(factory.CreatePortalClient(), "/roster?name=" + tag);

        Assert.Equal([$"{tag} listed"], Rows(html).Select(r => r.Name));
    }

    [Fact]
    public async Task A_row_shows_the_printed_name_credentials_city_and_state_and_nothing_else()
    {
        var tag = Tag();
        var both = await PersonAsync($"{tag} Dana Reyes", certificateName: $"{tag} Dana M. Reyes, LCSW", city: "Rochester", state: "NY",
            morePrograms: [DefaultRuleSets.Keys.ImhEndorsementL3]);
        var noPrintedName = await PersonAsync($"{tag} Lee Park", certificateName: "", program: DefaultRuleSets.Keys.ImhEndorsementL4, city: "Troy");

        var html = await HtmlAsync(factory.CreatePortalClient(), "/roster?name=" + tag);

        var rows = Rows(html);
        Assert.Equal(
            [
                ($"{tag} Dana M. Reyes, LCSW", "Rostered MIO Clinician | IMH Endorsement Level III — Infant Mental Health Specialist", "Rochester", "NY"),
                ($"{tag} Lee Park", "IMH Endorsement Level IV — Infant Mental Health Mentor", "Troy", "NY"),
            ], rows);
        foreach (var p in new[] { both.Person, noPrintedName.Person })
        {
            Assert.DoesNotContain(p.Email!, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(p.Id, html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain($"{tag} Dana Reyes<", html, StringComparison.Ordinal); // the on-screen name is not the printed one
        Assert.Equal(["Name", "Credential", "City", "State"], Regex.Matches(html, "<th scope=\"col\">([^<]+)</th>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Search_by_credential_city_and_state_without_javascript_and_a_polite_answer_when_nothing_matches()
    {
        var tag = Tag();
        await PersonAsync($"{tag} Ann", city: "Buffalo", state: "NY");
        await PersonAsync($"{tag} Ben", city: "Newark", state: "NJ", program: DefaultRuleSets.Keys.ImhEndorsementL1);
        await PersonAsync($"{tag} Cy", city: "Buffalo Grove", state: "IL", program: DefaultRuleSets.Keys.ImhEndorsementL1);
        var anonymous = factory.CreatePortalClient();

        Assert.Equal([$"{tag} Ben", $"{tag} Cy"],
            Rows(await HtmlAsync(anonymous, $"/roster?name={tag}&credential={DefaultRuleSets.Keys.ImhEndorsementL1}")).Select(r => r.Name));
        Assert.Equal([$"{tag} Ann", $"{tag} Cy"], Rows(await HtmlAsync(anonymous, $"/roster?name={tag}&city=buffalo")).Select(r => r.Name));
        Assert.Equal([$"{tag} Ben"], Rows(await HtmlAsync(anonymous, $"/roster?name={tag}&state=nj")).Select(r => r.Name));
        Assert.Equal([$"{tag} Ann"], Rows(await HtmlAsync(anonymous, $"/roster?name={tag.ToLowerInvariant()}+ann")).Select(r => r.Name));

        var none = await HtmlAsync(anonymous, $"/roster?name={tag}&city=Nowhere%25");
        Assert.Empty(Rows(none));
        Assert.Contains("Sorry, no one on the roster matches your search.", none);

        var form = await HtmlAsync(anonymous, $"/roster?name={tag}&state=nj");
        Assert.Contains("<form method=\"get\" action=\"/roster\"", form);
        Assert.Contains($"value=\"{tag}\"", form); // the search is shown again
        Assert.DoesNotContain("<script>", form);
    }

    [Fact]
    public async Task Pages_are_sorted_by_name_and_cost_three_queries_whatever_the_size()
    {
        var small = Tag();
        var large = Tag();
        for (var i = 0; i < 2; i++)
        {
            await PersonAsync($"{small} {i:00}");
        }
        for (var i = RosterController.PageSize + 5; i > 0; i--)
        {
            await PersonAsync($"{large} {i:00}", morePrograms: [DefaultRuleSets.Keys.ImhEndorsementL2]);
        }
        var anonymous = factory.CreatePortalClient();
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        var smallPage = await HtmlAsync(anonymous, "/roster?name=" + small);
        var forSmall = counter.Count;
        counter.Reset();
        var firstPage = await HtmlAsync(anonymous, "/roster?name=" + large);
        var forLarge = counter.Count;

        Assert.Equal(2, Rows(smallPage).Count);
        Assert.Equal(3, forSmall);
        Assert.Equal(3, forLarge);
        var first = Rows(firstPage).Select(r => r.Name).ToList();
        Assert.Equal(RosterController.PageSize, first.Count);
        Assert.Equal(first.Order(StringComparer.Ordinal), first);
        Assert.Equal($"{large} 01", first[0]);
        Assert.Contains("page 1 of 2", firstPage);

        var secondPage = await HtmlAsync(anonymous, $"/roster?name={large}&page=2");
        Assert.Equal([$"{large} 26", $"{large} 27", $"{large} 28", $"{large} 29", $"{large} 30"], Rows(secondPage).Select(r => r.Name));
        Assert.Contains($"href=\"/roster?name={large}&amp;page=1\"", await (await anonymous.GetAsync($"/roster?name={large}&page=2")).Content.ReadAsStringAsync());
        Assert.Equal(Rows(secondPage), Rows(await HtmlAsync(anonymous, $"/roster?name={large}&page=99"))); // past the end: the last page
    }

    [Fact]
    public async Task The_roster_is_public_and_linked_from_every_page()
    {
        var anonymous = factory.CreatePortalClient();

        var response = await anonymous.GetAsync("/roster");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/roster\"", await anonymous.GetStringAsync("/account/login"));
    }
}
