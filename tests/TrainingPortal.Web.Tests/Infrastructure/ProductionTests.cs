using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>An e-mail sender that fails, as an SMTP server that is down would.</summary>
internal sealed class BrokenEmailSender : IEmailSender
{
    public Task SendAsync(string toAddress, string subject, string textBody, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("SMTP server unreachable: secret-detail-in-exception");
}

public sealed class BrokenMailProductionFactory : ProductionPortalFactory
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IEmailSender, BrokenEmailSender>();
}

public sealed class ProductionTests(BrokenMailProductionFactory factory) : IClassFixture<BrokenMailProductionFactory>
{
    [Fact]
    public async Task No_account_at_all_exists_outside_development()
    {
        using var fresh = new ProductionPortalFactory();
        _ = fresh.CreatePortalClient(); // starts the app: migrates, creates roles, seeds nothing

        var users = await fresh.WithDbAsync(db => db.Users.CountAsync());
        var roles = await fresh.WithDbAsync(db => db.Roles.Select(r => r.Name).ToListAsync());

        Assert.Equal(0, users);
        Assert.Equal(["Administrator", "Champion", "Reviewer", "Trainee", "Trainer"], roles.Order());
        Assert.Equal(Roles.All.Order(), roles.Order()); // every role of the portal, and only those
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://portal.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently);
        Assert.StartsWith("https://", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_responses_carry_hsts()
    {
        var response = await factory.CreatePortalClient().GetAsync("/account/login");

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts);
    }

    [Fact]
    public async Task A_failure_shows_a_friendly_page_with_a_correlation_id_and_no_stack_trace()
    {
        var client = factory.CreatePortalClient();

        // Registering sends a mail; the mail server is down.
        var response = await client.PostFormAsync("/account/register",
            ("DisplayName", "Kim Doe"), ("Email", "kim@test.local"), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.Matches("data-testid=\"correlation-id\">[0-9a-f]{32}<", html);
        Assert.DoesNotContain("secret-detail-in-exception", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain(" at ", html.Replace(" at this address", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_sends_an_anonymous_visitor_to_sign_in_and_shows_a_friendly_404_after()
    {
        var anonymous = await factory.CreatePortalClient().GetAsync("/no-such-page");
        Assert.True(anonymous.IsRedirectToLogin()); // which addresses exist is not told to strangers

        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var response = await client.GetAsync("/no-such-page");

        Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"{response.StatusCode} {response.Headers.Location}");
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Auth_cookie_is_host_prefixed_secure_httponly_and_lax()
    {
        var client = factory.CreatePortalClient();
        var user = await factory.CreateAsync();

        var page = await client.GetAsync("/account/login");
        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentitySetup.AntiforgeryCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentitySetup.AuthCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie
    }
}
