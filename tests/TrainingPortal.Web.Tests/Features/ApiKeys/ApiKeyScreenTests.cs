using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

using TrainingPortal.Web.Tests.Features.Api;

namespace TrainingPortal.Web.Tests.Features.ApiKeys;

/// <summary>Administrators create keys (shown once, stored hashed) and revoke them.</summary>
public sealed partial class ApiKeyScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex("value=\"(tp_[a-z0-9]{8}_[A-Za-z0-9_-]{43})\"")]
    private static partial Regex KeyValue();

    private static string ShownKey(string html)
    {
        var match = KeyValue().Match(html);
        Assert.True(match.Success, "the new key is not on the page");
        return match.Groups[1].Value;
    }

    private async Task<(HttpClient Admin, string Key, string Html)> CreateKeyAsync(string name)
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/api-keys/new", ("Name", name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        return (admin, ShownKey(html), html);
    }

    [SqliteFact]
    public async Task A_new_key_is_shown_once_with_a_warning_and_stored_only_as_its_hash()
    {
        var (admin, key, html) = await CreateKeyAsync("State association import");

        Assert.Contains("it will not be shown again", html, StringComparison.Ordinal);
        Assert.Matches("^tp_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", key);
        var prefix = key.Substring(3, 8);
        var stored = await factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == prefix));
        Assert.Equal("State association import", stored.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored.KeyHash);
        Assert.Equal((await factory.FindAsync("admin@demo.local"))!.Id, stored.CreatedById);
        Assert.Null(stored.RevokedUtc);

        // The secret is nowhere in the database file (not in the row, not in the audit log).
        var secret = key[12..];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var audit = string.Join("\n", await factory.WithDbAsync(db => db.AuditEntries.Select(a => a.Changes ?? "").ToListAsync()));
        Assert.DoesNotContain(stored.KeyHash, audit, StringComparison.Ordinal);
        Assert.Contains(prefix, audit, StringComparison.Ordinal); // the creation is audited, without the hash
        foreach (var bytes in await DatabaseFiles.ReadAsync(factory.DatabasePath))
        {
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }

        // Never shown again: the list shows the prefix only.
        var list = PortalClient.Decode(await admin.GetStringAsync("/admin/api-keys"));
        Assert.Contains("State association import", list, StringComparison.Ordinal);
        Assert.Contains($"tp_{prefix}_…", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        // And it works.
        Assert.Equal(HttpStatusCode.OK, (await factory.KeyClient(key).EvaluateAsync(Api.Api.MinimalDocument)).StatusCode);
    }

    [Fact]
    public async Task The_page_with_the_key_is_not_cached()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");

        var response = await admin.PostFormAsync("/admin/api-keys/new", ("Name", "Cache check"));

        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store expected");
    }

    [Fact]
    public async Task Two_keys_differ()
    {
        var (_, first, _) = await CreateKeyAsync("First");
        var (_, second, _) = await CreateKeyAsync("Second");

        Assert.NotEqual(first[..11], second[..11]);
        Assert.NotEqual(first[12..], second[12..]);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_next_to_the_field()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        var before = await factory.WithDbAsync(db => db.ApiKeys.CountAsync());

        var response = await admin.PostFormAsync("/admin/api-keys/new", ("Name", "   "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("Say what the key is for", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(KeyValue(), html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task A_revoked_key_stops_working_and_is_listed_as_revoked_and_audited()
    {
        var (admin, key, _) = await CreateKeyAsync("To be revoked");
        var prefix = key.Substring(3, 8);
        var id = await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await factory.KeyClient(key).EvaluateAsync(Api.Api.MinimalDocument)).StatusCode);

        var response = await admin.PostFormAsync("/admin/api-keys", $"/admin/api-keys/{id}/revoke", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await (await factory.KeyClient(key).EvaluateAsync(Api.Api.MinimalDocument)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var list = PortalClient.Decode(await admin.GetStringAsync("/admin/api-keys"));
        Assert.Contains("has been revoked", list, StringComparison.Ordinal);
        Assert.Matches($"tp_{prefix}_…</code></td>\\s*<td>[^<]*</td>\\s*<td>[^<]*</td>\\s*<td>\\s*<span class=\"badge text-bg-secondary\">Revoked", list);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ApiKey" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Contains(audit, a => a.Action == "Added");
        Assert.Contains(audit, a => a.Action == "Modified" && a.Changes!.Contains("RevokedUtc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_list_shows_when_a_key_was_last_used()
    {
        var (admin, key, _) = await CreateKeyAsync("Usage shown");
        var prefix = key.Substring(3, 8);
        var before = PortalClient.Decode(await admin.GetStringAsync("/admin/api-keys"));
        Assert.Matches($"tp_{prefix}_…</code></td>\\s*<td>[^<]*</td>\\s*<td>never</td>", before);

        await factory.KeyClient(key).EvaluateAsync(Api.Api.MinimalDocument);

        var after = PortalClient.Decode(await admin.GetStringAsync("/admin/api-keys"));
        Assert.Matches($"tp_{prefix}_…</code></td>\\s*<td>[^<]*</td>\\s*<td>\\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</td>", after);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_a_404()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");

        var response = await admin.PostFormAsync("/admin/api-keys", "/admin/api-keys/987654/revoke", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("trainee@demo.local")]
    [InlineData("trainer@demo.local")]
    public async Task Only_administrators_reach_the_key_screens(string email)
    {
        var client = await factory.SignedInAsync(email);

        foreach (var path in new[] { "/admin/api-keys", "/admin/api-keys/new" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("/admin/api-keys", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_cannot_revoke_a_key()
    {
        var key = await factory.CreateKeyAsync();
        var prefix = key.Substring(3, 8);
        var id = await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync());
        var trainee = await factory.SignedInAsync("trainee@demo.local");

        var response = await trainee.PostFormAsync("/profile", $"/admin/api-keys/{id}/revoke", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == id).Select(k => k.RevokedUtc).SingleAsync()));
    }

    [Fact]
    public async Task Administrators_see_the_menu_link()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");

        Assert.Contains("href=\"/admin/api-keys\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_pages_have_no_inline_script_or_style()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        var pages = new List<string>
        {
            await admin.GetStringAsync("/admin/api-keys"),
            await admin.GetStringAsync("/admin/api-keys/new"),
            await (await admin.PostFormAsync("/admin/api-keys/new", ("Name", ""))).Content.ReadAsStringAsync(),
            await (await admin.PostFormAsync("/admin/api-keys/new", ("Name", "Inline check"))).Content.ReadAsStringAsync(),
        };

        Assert.All(pages, html =>
        {
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_api_key_opens_no_portal_screen()
    {
        var key = await factory.CreateKeyAsync();
        var client = factory.KeyClient(key);

        foreach (var path in new[] { "/", "/admin/api-keys", "/profile" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsRedirectToLogin(), $"{path} answered {(int)response.StatusCode} to an API key");
        }
    }
}
