using System.Net.Http.Headers;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>Who may call the eligibility API: an API key, or an administrator's session.</summary>
public sealed class ApiAuthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task No_credentials_get_401_problem_json_not_a_redirect()
    {
        var response = await factory.CreatePortalClient().EvaluateAsync(Api.MinimalDocument);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(response.Headers.Location);
        Assert.Contains("API key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_session_gets_403_problem_json()
    {
        var client = await factory.SignedInAsync("trainee@demo.local");

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_trainer_session_gets_403_problem_json()
    {
        var client = await factory.SignedInAsync("trainer@demo.local");

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_administrator_session_gets_the_verdict()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var verdict = await response.JsonAsync();
        Assert.Equal("mio-rostering", verdict.GetProperty("ruleSet").GetString());
        Assert.Equal("NotYetEligible", verdict.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_valid_key_gets_the_verdict()
    {
        var key = await factory.CreateKeyAsync();

        var response = await factory.KeyClient(key).EvaluateAsync(Api.MinimalDocument);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mio-rostering@1", (await response.JsonAsync()).GetProperty("ruleSetId").GetString());
    }

    [Fact]
    public async Task A_revoked_key_gets_401()
    {
        var key = await factory.CreateKeyAsync(revoked: true);

        var response = await factory.KeyClient(key).EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_a_key_takes_effect_on_the_next_request()
    {
        var key = await factory.CreateKeyAsync();
        var client = factory.KeyClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.EvaluateAsync(Api.MinimalDocument)).StatusCode);

        var prefix = ApiKeyFormat.PrefixOf(key);
        await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == prefix)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, DateTime.UtcNow)));

        await (await client.EvaluateAsync(Api.MinimalDocument)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_secret_with_a_right_prefix_gets_401()
    {
        var key = await factory.CreateKeyAsync();
        var last = key[^1] == 'A' ? 'B' : 'A';
        var forged = key[..^1] + last;

        var response = await factory.KeyClient(forged).EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer tp_")]
    [InlineData("Bearer tp_abcdefgh_short")]
    [InlineData("Bearer tp_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Bearer tp_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x")]
    [InlineData("Basic YWRtaW5AZGVtby5sb2NhbDpEZW1vLVBvcnRhbC0yMDI2")]
    [InlineData("tp_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Malformed_authorization_headers_get_401(string header)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_bad_key_is_not_rescued_by_an_administrator_cookie()
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tp_abcdefgh_" + new string('a', 43));

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var key = await factory.CreateKeyAsync();
        var prefix = ApiKeyFormat.PrefixOf(key);
        var client = factory.KeyClient(key);
        Task<DateTime?> LastUsed() => factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.LastUsedUtc).SingleAsync());
        Assert.Null(await LastUsed());

        Assert.Equal(HttpStatusCode.OK, (await client.EvaluateAsync(Api.MinimalDocument)).StatusCode);
        var first = await LastUsed();
        Assert.NotNull(first);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, first.Value, TimeSpan.FromSeconds(1));

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.EvaluateAsync(Api.MinimalDocument)).StatusCode);
        Assert.Equal(first, await LastUsed()); // within the minute: no write

        factory.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await client.EvaluateAsync(Api.MinimalDocument)).StatusCode);
        var second = await LastUsed();
        Assert.True(second > first, $"{second:O} should be after {first:O}");
    }

    [SqliteFact]
    public async Task The_api_touches_no_stored_data_apart_from_last_used()
    {
        var key = await factory.CreateKeyAsync();
        var admin = await factory.SignedInAsync("admin@demo.local");
        var keyClient = factory.KeyClient(key);
        await keyClient.EvaluateAsync(Api.MinimalDocument); // first use writes LastUsedUtc
        var keysBefore = await KeysAsync();
        var before = await factory.RowCountsAsync();

        foreach (var client in new[] { keyClient, admin, factory.CreatePortalClient() })
        {
            await client.EvaluateAsync(Api.MinimalDocument);
            await client.EvaluateAsync("""{ "ruleSet": "imh-endorsement-l4", "asOf": "2026-11-23", "category": "clinical", "evidence": { "degrees": [{ "kind": "MSW", "awardedOn": "2010-05-01", "transcriptVerified": true }] } }""");
            await client.EvaluateAsync("""{ "ruleSet": 1 }""");
        }

        Assert.Equal(before, await factory.RowCountsAsync());
        Assert.Equal(keysBefore, await KeysAsync());
        Assert.Contains("ApiKeys", before.Keys);
        Assert.Contains("AuditLog", before.Keys);

        Task<List<string>> KeysAsync() => factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().OrderBy(k => k.Id)
            .Select(k => k.Id + "|" + k.Name + "|" + k.Prefix + "|" + k.KeyHash + "|" + k.CreatedUtc + "|" + k.RevokedUtc + "|" + k.CreatedById)
            .ToListAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonp")]
    public async Task An_administrator_session_cannot_be_used_with_a_form_content_type(string contentType)
    {
        // What a cross-site HTML form can send (text/plain, urlencoded, multipart) is refused even with
        // the administrator's cookie, so the missing antiforgery token is not a CSRF hole (ADR-008).
        var client = await factory.SignedInAsync("admin@demo.local");

        var response = await client.EvaluateAsync(System.Text.Encoding.UTF8.GetBytes(Api.MinimalDocument), contentType);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_without_content_type_gets_415()
    {
        var key = await factory.CreateKeyAsync();

        var response = await factory.KeyClient(key).EvaluateAsync(System.Text.Encoding.UTF8.GetBytes(Api.MinimalDocument), contentType: null);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Json_with_charset_utf8_is_accepted()
    {
        var key = await factory.CreateKeyAsync();

        var response = await factory.KeyClient(key).EvaluateAsync(Api.MinimalDocument, "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/eligibility/evaluate")]
    [InlineData("POST", "/api/v1/eligibility/nothing-here")]
    [InlineData("GET", "/api/v2/anything")]
    public async Task Other_api_addresses_answer_an_anonymous_caller_with_401_not_the_sign_in_page(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await factory.CreatePortalClient().SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Screens_still_send_an_anonymous_visitor_to_sign_in()
    {
        var response = await factory.CreatePortalClient().GetAsync("/apikeys-is-not-api");

        Assert.True(response.IsRedirectToLogin());
    }

    [Fact]
    public async Task A_cors_preflight_is_not_granted()
    {
        // A cross-site fetch with Content-Type: application/json needs this preflight; the portal
        // grants no CORS, so the browser never sends the real request (ADR-008).
        var client = await factory.SignedInAsync("admin@demo.local");
        using var request = new HttpRequestMessage(HttpMethod.Options, Api.EvaluatePath);
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await client.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }
}
