using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>Sign-in journeys in a real Chromium against the app on a real port.</summary>
/// <remarks>Each test signs in with a demo account of its own, so that lockout counts never meet.</remarks>
[Collection(BrowserTestGroup.Name)]
public sealed class LoginTests(PortalServer server)
{
    private const string WrongCredentials = "The e-mail address or password is not correct.";
    private const string LockedOut = "Too many failed sign-in attempts";
    private const string AuthCookie = TrainingPortal.Web.Infrastructure.IdentitySetup.DevelopmentAuthCookieName; // Development: the cookie follows the scheme (ADR-006)

    [Fact]
    public Task Demo_trainee_signs_in_and_sees_their_home_page() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "login");

        await page.GetByLabel("E-mail address").FillAsync("trainee@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(server.BaseAddress.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Welcome, Dana Reyes");
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Signed in as trainee@demo.local");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == AuthCookie);
        Assert.True(cookie.Secure && cookie.HttpOnly, "the auth cookie is Secure and HttpOnly");
        await PortalServer.ScreenshotAsync(page, "home");
    });

    [Fact]
    public Task Anonymous_visit_to_home_is_sent_to_the_login_page() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/");

        Assert.Equal(new Uri(server.BaseAddress, "/account/login?ReturnUrl=%2F"), new Uri(page.Url));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Wrong_password_shows_a_clear_message_and_keeps_the_address_but_not_the_password() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee3@demo.local");
        await page.GetByLabel("Password").FillAsync("Not-The-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.Locator("[data-testid=error-summary]");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToHaveAttributeAsync("role", "alert");
        await Expect(summary).ToContainTextAsync(WrongCredentials);
        // site.js moves focus to the summary so that screen readers announce it.
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync("trainee3@demo.local");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == AuthCookie);
        await PortalServer.ScreenshotAsync(page, "login-wrong-password");
    });

    [Fact]
    public Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused() => server.OnNewPageAsync(async page =>
    {
        const string address = "trainee2@demo.local";
        var summary = page.Locator("[data-testid=error-summary]");

        await page.GotoAsync("/account/login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("E-mail address").FillAsync(address);
            await page.GetByLabel("Password").FillAsync($"Wrong-Password-{attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            if (attempt < 5)
            {
                await Expect(summary).ToContainTextAsync(WrongCredentials);
            }
            else
            {
                await Expect(summary).ToContainTextAsync(LockedOut);
            }
        }
        await PortalServer.ScreenshotAsync(page, "login-locked-out");

        await page.GetByLabel("E-mail address").FillAsync(address);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(summary).ToContainTextAsync(LockedOut);
        await Expect(summary).Not.ToContainTextAsync(WrongCredentials);
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == AuthCookie);

        // And the home page still wants a sign-in.
        await page.GotoAsync("/");
        Assert.StartsWith(new Uri(server.BaseAddress, "/account/login").ToString(), page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task Keyboard_only_the_skip_link_comes_first_and_enter_signs_in() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();  // off-screen until it has focus

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("E-mail address")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("trainee4@demo.local");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(PortalServer.DemoPassword);

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Signed in as trainee4@demo.local");
        await Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^Welcome, .+"));
    });

    [Fact]
    public Task Content_security_policy_is_sent_and_no_page_violates_it() => server.OnNewPageAsync(async page =>
    {
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) { console.Add($"{message.Type}: {message.Text}"); } };
        page.PageError += (_, error) => { lock (console) { console.Add($"pageerror: {error}"); } };
        // Also catch violations through the DOM event, which fires for every one of them.
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = [];" +
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        string[] Console() { lock (console) { return [.. console]; } }
        static bool IsCspViolation(string message) => message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase);

        var response = await page.GotoAsync("/account/login");
        Assert.NotNull(response);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        await Expect(page.Locator(".skip-link")).Not.ToBeInViewportAsync();  // site.css loaded and applied
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));

        await page.GetByLabel("E-mail address").FillAsync("trainee5@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Signed in as trainee5@demo.local");
        // Bootstrap's script runs: the menu toggler (shown at narrow widths only) opens the menu. Wait for the
        // page's load event first: the script is at the end of the body and a click before it runs does nothing.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.SetViewportSizeAsync(500, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu" }).ClickAsync();
        await Expect(page.Locator("#main-nav")).ToHaveClassAsync(new Regex(@"\bshow\b"));
        await Expect(page.Locator("#main-nav")).Not.ToHaveClassAsync(new Regex(@"\bcollapsing\b"));
        await PortalServer.ScreenshotAsync(page, "home-narrow-menu-open");
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
        Assert.DoesNotContain(Console(), IsCspViolation);
        Assert.DoesNotContain(Console(), m => m.StartsWith("pageerror:", StringComparison.Ordinal));

        // Control: the watch above does see a violation. An inline script must be refused, and reported.
        await page.EvaluateAsync(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }");
        for (var waited = 0; waited < 5_000 && !Console().Any(IsCspViolation); waited += 50)
        {
            await Task.Delay(50);
        }
        Assert.Contains(Console(), IsCspViolation);
        Assert.False(await page.EvaluateAsync<bool>("window.__inlineRan === true"), "an inline script ran despite the CSP");
        Assert.NotEmpty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
    });
}
