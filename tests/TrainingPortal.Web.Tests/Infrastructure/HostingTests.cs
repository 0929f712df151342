using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

public sealed class HostingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Live_and_ready_health_checks_answer_without_login()
    {
        var client = factory.CreatePortalClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    [InlineData("/error/404")]
    [InlineData("/health/live")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        var html = await factory.CreatePortalClient().GetStringAsync("/account/login");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("style=\"", html);
        Assert.DoesNotContain("<style", html);
    }

    [Fact]
    public async Task Unknown_page_shows_a_friendly_404()
    {
        var client = await factory.SignedInAsync("trainee@demo.local");

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_accounts_exist_in_development_with_their_roles()
    {
        var roles = await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var result = new Dictionary<string, string>();
            foreach (var (email, _, _) in DemoData.Accounts)
            {
                var user = await users.FindByEmailAsync(email);
                Assert.NotNull(user);
                result[email] = Assert.Single(await users.GetRolesAsync(user));
            }
            return result;
        });

        Assert.Equal("Administrator", roles["admin@demo.local"]);
        Assert.Equal("Trainer", roles["trainer@demo.local"]);
        Assert.Equal("Trainer", roles["trainer2@demo.local"]);
        Assert.Equal(7, roles.Count(r => r.Value == "Trainee"));
        Assert.Equal("Champion", roles["champion@demo.local"]);
    }

    [SqliteFact]
    public void Database_file_is_the_configured_sqlite_file()
    {
        Assert.True(File.Exists(factory.DatabasePath));
        Assert.True(new FileInfo(factory.DatabasePath).Length > 0);
    }
}
