using System.Text.RegularExpressions;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Audit;

namespace TrainingPortal.Web.Tests.Features.Audit;

/// <summary>The audit-log viewer: filters (person as actor or concerned, type, id, days in the viewer's zone), readable changes, keyset paging, errors beside fields.</summary>
public sealed partial class AuditViewerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(AppUser Admin, HttpClient Client)> AdminAsync(string zone = "America/New_York")
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZoneId, zone)));
        return (admin, await factory.SignedInAsync(admin.Email!, TestUsers.Password));
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    [GeneratedRegex("data-entry=\"(\\d+)\"")]
    private static partial Regex EntryPattern();

    private static List<long> Entries(string html) => [.. EntryPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private async Task<List<long>> AddEntriesAsync(string entityId, int count, DateTime atUtc, string? actorId = null, string? personId = null)
    {
        await using var db = factory.NewContext();
        var entries = Enumerable.Range(0, count).Select(i => new AuditEntry
        {
            AtUtc = atUtc.AddSeconds(i), ActorId = actorId, PersonId = personId, Action = "Modified", EntityType = "Enrollment", EntityId = entityId,
            Changes = $$"""{"Status":["Active","Withdrawn"],"Note":[null,"n{{i}}"]}""",
        }).ToList();
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync();
        return [.. entries.Select(e => e.Id)];
    }

    [Fact]
    public async Task A_persons_entries_are_found_as_the_one_concerned_or_the_one_who_acted_and_the_page_says_which()
    {
        var (admin, client) = await AdminAsync();
        var trainee = await factory.CreateAsync();
        var response = await client.PostFormAsync("/admin/enrollments/new",
            ("Form.PersonEmail", trainee.Email!), ("Form.ProgramKey", DefaultRuleSets.Keys.ImhCourse), ("Form.GroupId", ""), ("Form.ClassroomGroupId", ""), ("Form.Category", ""));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var enrollmentId = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.PersonId == trainee.Id).Select(e => e.Id).SingleAsync());
        await factory.SignedInAsync(trainee.Email!, TestUsers.Password); // the trainee's own sign-in: actor and person

        var concerned = await HtmlAsync(client, $"/admin/audit?person={Uri.EscapeDataString(trainee.Email!)}&role=concerned&entityType=Enrollment");
        Assert.Contains($"data-entry=", concerned);
        Assert.Contains("<td>Test Administrator</td>", concerned);                 // who
        Assert.Contains("<td>Added</td>", concerned);
        Assert.Contains($"Enrollment <span class=\"text-body-secondary\">#{enrollmentId}</span>", concerned);
        Assert.Contains("<td>Test Trainee</td>", concerned);                       // person concerned
        Assert.Contains("<td>concerned</td>", concerned);                          // how the searched person appears
        Assert.Contains("<span class=\"fw-semibold\">ProgramKey:</span>", concerned);
        Assert.Contains("Infant Mental Health: Theory to Practice", concerned); // the program key in words
        Assert.Contains("the record is about", concerned);

        var acted = await HtmlAsync(client, $"/admin/audit?person={Uri.EscapeDataString(trainee.Email!)}&role=actor&entityType=Enrollment");
        Assert.Empty(Entries(acted));
        Assert.Contains("No entries match these filters.", acted);

        var byAdmin = await HtmlAsync(client, $"/admin/audit?person={Uri.EscapeDataString(admin.Email!)}&role=actor&entityType=Enrollment&entityId={enrollmentId}");
        Assert.Single(Entries(byAdmin));
        Assert.Contains("<td>acted</td>", byAdmin);

        var signIn = await HtmlAsync(client, $"/admin/audit?person={Uri.EscapeDataString(trainee.Email!)}&role=either&entityType=AppUser");
        Assert.Contains("<td>Signed in</td>", signIn); // the action in words
        Assert.Contains("<td>acted on their own record</td>", signIn);
    }

    [Fact]
    public async Task Changes_read_as_property_before_and_after_and_the_system_is_named()
    {
        var (_, client) = await AdminAsync();
        var id = "chg-" + Guid.NewGuid().ToString("N")[..8];
        await AddEntriesAsync(id, 1, factory.Time.GetUtcNow().UtcDateTime);

        var html = await HtmlAsync(client, $"/admin/audit?entityId={id}");

        Assert.Contains("<td>system</td>", html);
        Assert.Matches("<span class=\"fw-semibold\">Status:</span>\\s*Active<span aria-hidden=\"true\"> → </span><span class=\"visually-hidden\"> changed to </span>Withdrawn", html);
        Assert.Matches("<span class=\"fw-semibold\">Note:</span>\\s*\\(empty\\)<span aria-hidden=\"true\"> → </span>", html);
        Assert.DoesNotContain("[\"Active\",\"Withdrawn\"]", html);
    }

    [Fact]
    public async Task Days_are_read_in_the_viewers_time_zone_and_times_are_shown_with_it()
    {
        var (_, client) = await AdminAsync("America/Los_Angeles");
        var id = "tz-" + Guid.NewGuid().ToString("N")[..8];
        var lateOn19th = await AddEntriesAsync(id, 1, new DateTime(2026, 11, 20, 7, 30, 0, DateTimeKind.Utc));  // 23:30 on the 19th in Los Angeles
        var earlyOn20th = await AddEntriesAsync(id, 1, new DateTime(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc)); // 00:30 on the 20th
        var lateOn20th = await AddEntriesAsync(id, 1, new DateTime(2026, 11, 21, 7, 59, 0, DateTimeKind.Utc));  // 23:59 on the 20th
        await AddEntriesAsync(id, 1, new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc));                   // 00:00 on the 21st

        var html = await HtmlAsync(client, $"/admin/audit?entityId={id}&from=2026-11-20&to=2026-11-20");

        Assert.Equal([lateOn20th[0], earlyOn20th[0]], Entries(html));
        Assert.Contains("Fri 20 Nov 2026, 00:30 Pacific Time (UTC−08:00)", html);
        Assert.Contains("America/Los_Angeles", html);
        Assert.Equal([lateOn19th[0]], Entries(await HtmlAsync(client, $"/admin/audit?entityId={id}&to=2026-11-19")));
    }

    [Theory]
    [InlineData("from=2026-11-20&to=2026-11-19", "To", "The last day is before the first day")]
    [InlineData("from=yesterday", "From", "Enter a date like 2026-11-23.")]
    [InlineData("to=2026-02-30", "To", "Enter a date like 2026-11-23.")]
    [InlineData("entityType=Nonsense", "EntityType", "Choose an entity type from the list.")]
    [InlineData("role=boss", "Role", "Choose one of the options.")]
    [InlineData("person=nobody-at-all-zzz", "Person", "No account has this e-mail address or a name containing this text.")]
    [InlineData("before=abc", "Before", "Enter a whole number for Before, like 12.")]
    [InlineData("before=-4", "Before", "start again from the newest entries")]
    public async Task Bad_filters_get_a_message_beside_the_field_never_a_500(string query, string field, string message)
    {
        var (_, client) = await AdminAsync();

        var html = await HtmlAsync(client, "/admin/audit?" + query);

        Assert.Matches($"id=\"{field}-error\"[^>]*>[^<]*{Regex.Escape(message)}", html);
        Assert.Contains("data-testid=\"error-summary\"", html);
        Assert.Contains($"href=\"#{field}\"", html);
        Assert.Empty(Entries(html));
    }

    [Fact]
    public async Task Keyset_pages_walk_older_and_back_newer_at_the_same_query_count()
    {
        var (_, client) = await AdminAsync();
        var id = "page-" + Guid.NewGuid().ToString("N")[..8];
        var ids = await AddEntriesAsync(id, AuditController.PageSize * 2 + 20, new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc));
        var newestFirst = ids.OrderDescending().ToList();
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        var first = await HtmlAsync(client, $"/admin/audit?entityId={id}");
        var firstCount = counter.Count;
        Assert.Equal(newestFirst.Take(AuditController.PageSize), Entries(first));
        Assert.DoesNotContain("Newer entries", first);
        var older = Regex.Match(first, "href=\"(/admin/audit\\?[^\"]+)\" rel=\"next\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Equal($"/admin/audit?entityId={id}&before={newestFirst[AuditController.PageSize - 1]}", older);

        counter.Reset();
        var second = await HtmlAsync(client, older);
        var secondCount = counter.Count;
        Assert.Equal(newestFirst.Skip(AuditController.PageSize).Take(AuditController.PageSize), Entries(second));

        var third = await HtmlAsync(client, $"/admin/audit?entityId={id}&before={newestFirst[2 * AuditController.PageSize - 1]}");
        Assert.Equal(newestFirst.Skip(2 * AuditController.PageSize), Entries(third));
        Assert.DoesNotContain("rel=\"next\"", third);

        var back = Regex.Match(third, "href=\"(/admin/audit\\?[^\"]+)\" rel=\"prev\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Equal(Entries(second), Entries(await HtmlAsync(client, back)));
        var backToFirst = await HtmlAsync(client, $"/admin/audit?entityId={id}&after={newestFirst[AuditController.PageSize]}");
        Assert.Equal(Entries(first), Entries(backToFirst));
        Assert.DoesNotContain("rel=\"prev\"", backToFirst);

        Assert.Equal(firstCount, secondCount);
        Assert.True(firstCount <= 3, $"{firstCount} queries");
    }

    [Fact]
    public async Task Only_administrators_see_the_audit_log()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Changes_that_are_not_pairs_or_not_json_are_still_shown()
    {
        Assert.Equal([new AuditChange("Details", null, "not json", false)], AuditChanges.Describe("not json"));
        Assert.Equal([new AuditChange("Count", null, "3", false)], AuditChanges.Describe("""{"Count":3}"""));
        Assert.Empty(AuditChanges.Describe(null));
        Assert.EndsWith("…", AuditChanges.Describe($$"""{"Long":[null,"{{new string('x', 400)}}"]}""")[0].After, StringComparison.Ordinal);
    }
}
