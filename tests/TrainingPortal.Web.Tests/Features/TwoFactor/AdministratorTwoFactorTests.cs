using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Tests.Features.TwoFactor;

/// <summary>An administrator who has not set up two-step sign-in can set it up or sign out, and nothing else.</summary>
public sealed class AdministratorTwoFactorTests : IDisposable
{
    // Some tests move the clock: an app of their own.
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Every page of the app that takes no route value and needs a signed-in person (the class guard).</summary>
    private List<string> SignedInPages() =>
        [.. _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<AllowedBeforeTwoFactorAttribute>() is null)
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task An_administrator_without_it_is_sent_to_the_set_up_page_from_every_page()
    {
        var admin = await _factory.CreateAsync(Roles.Administrator);
        var client = _factory.CreatePortalClient();
        var response = await client.LoginAsync(admin.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // the password is right; no second step is due yet

        var pages = SignedInPages();
        Assert.Contains("/admin/people", pages);
        Assert.Contains("/profile", pages);
        Assert.True(pages.Count > 20, string.Join(", ", pages));
        foreach (var page in pages)
        {
            var answer = await client.GetAsync(page);
            if (page.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{page} answered {(int)answer.StatusCode}");
                continue;
            }
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location?.OriginalString == TwoFactorController.SetUpPath,
                $"{page} answered {(int)answer.StatusCode} {answer.Headers.Location}");
        }

        // Posting elsewhere is stopped too; the set-up page itself works, and so does signing out.
        var token = await client.GetTokenAsync(TwoFactorController.SetUpPath);
        var post = await client.PostAsync("/account/change-password", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(TwoFactorController.SetUpPath, post.Headers.Location?.OriginalString);
        var setUp = await client.GetStringAsync(TwoFactorController.SetUpPath);
        Assert.Contains("Administrators must use two-step sign-in", setUp, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Administration\"", setUp, StringComparison.Ordinal); // no menu of pages it cannot open yet
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(TwoFactorController.SetUpPath, "/account/logout", [])).StatusCode);
        Assert.True((await client.GetAsync("/admin/people")).IsRedirectToLogin());
    }

    [Fact]
    public async Task Once_set_up_the_administrator_reaches_every_page_and_keeps_doing_so_after_the_session_is_revalidated()
    {
        var admin = await _factory.CreateAsync(Roles.Administrator);
        var client = _factory.CreatePortalClient();
        await client.LoginAsync(admin.Email!, TestUsers.Password);
        var html = await client.GetStringAsync(TwoFactorController.SetUpPath);
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"setup-key\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

        var enabled = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", TotpCodes.Code(key, TotpCodes.StepAt(_factory.Time.GetUtcNow()))));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("Keep these codes somewhere safe", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same session now counts as signed in with two steps.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people")).StatusCode);
        // The security stamp changed (two-step sign-in turned on); after the one-minute revalidation the session keeps its "two steps".
        _factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people")).StatusCode);

        // The next sign-in asks for the code.
        Assert.True((await _factory.CreatePortalClient().LoginAsync(admin.Email!, TestUsers.Password)).IsSecondStep());
    }

    [Fact]
    public async Task The_demo_administrator_is_asked_too()
    {
        var client = _factory.CreatePortalClient();
        await client.LoginAsync("admin@demo.local");
        var response = await client.GetAsync("/");
        Assert.Equal(TwoFactorController.SetUpPath, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_person_made_administrator_during_a_password_only_session_is_sent_to_set_up_within_a_minute()
    {
        var trainer = await _factory.CreateAsync(Roles.Trainer);
        var client = await _factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        await _factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Identity.AppUser>>();
            return (await users.AddToRoleAsync((await users.FindByIdAsync(trainer.Id))!, Roles.Administrator)).Succeeded;
        });
        _factory.Time.Advance(TimeSpan.FromSeconds(61));

        var response = await client.GetAsync("/");
        Assert.Equal(TwoFactorController.SetUpPath, response.Headers.Location?.OriginalString);
    }
}

/// <summary>The cookie between the two sign-in steps, as in production.</summary>
public sealed class TwoFactorCookieTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task The_second_step_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        var user = await factory.CreateAsync();
        await factory.EnableTwoFactorAsync(user.Email!);
        var client = factory.CreatePortalClient();

        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        Assert.True(response.IsSecondStep());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(TwoFactorSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-TrainingPortal=", StringComparison.Ordinal));
    }
}
