using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Web.Features.TwoFactor;
using TrainingPortal.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>Two-step sign-in in a real Chromium: set up with the key typed by hand, recovery codes, the second sign-in step.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class TwoFactorJourneyTests(PortalServer server)
{
    // Only CourseReadingsJourneyTests also signs in as this demo account, and it answers the second step when it is on.
    private const string Email = "trainer2@demo.local";

    [GeneratedRegex("^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$")]
    private static partial Regex GroupedKey();

    [Fact]
    public Task A_trainer_sets_up_two_step_sign_in_and_signs_in_with_a_code() => server.OnNewPageAsync(async page =>
    {
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = [];" +
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");

        await page.GetByRole(AriaRole.Link, new() { Name = "Two-step sign-in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=two-factor-status]")).ToContainTextAsync("off");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-step sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-step sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to add TrainingPortal to your authenticator app" })).ToBeVisibleAsync();
        var grouped = (await page.Locator("[data-testid=setup-key]").InnerTextAsync()).Trim();
        Assert.Matches(GroupedKey(), grouped);
        await PortalServer.ScreenshotAsync(page, "two-factor-set-up");

        // A wrong code first: a message next to the field, and nothing turned on.
        await page.GetByLabel("6-digit code from the app").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("That code is not right");
        await Expect(page.Locator("[data-testid=setup-key]")).ToHaveTextAsync(grouped); // same key: the app entry stays valid
        await PortalServer.ScreenshotAsync(page, "two-factor-set-up-wrong-code");

        var key = grouped.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("6-digit code from the app").FillAsync(Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=keep-codes]")).ToContainTextAsync("will not be shown again");
        await PortalServer.ScreenshotAsync(page, "two-factor-recovery-codes");

        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept my codes — continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-step sign-in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=two-factor-status]")).ToContainTextAsync("on");
        await PortalServer.ScreenshotAsync(page, "two-factor-settings");

        // Signing in again asks for the code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your sign-in code", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("6-digit code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(page.GetByLabel("6-digit code")).ToHaveAttributeAsync("inputmode", "numeric");
        await PortalServer.ScreenshotAsync(page, "two-factor-sign-in");
        await server.AnswerSecondStepAsync(page, Email);
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
    });

    [Fact]
    public Task A_new_administrator_must_set_it_up_before_anything_else() => server.OnNewPageAsync(async page =>
    {
        var email = await server.CreateUserAsync(TrainingPortal.Domain.Roles.Administrator);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("[data-testid=setup-required]")).ToContainTextAsync("Administrators must use two-step sign-in");
        await PortalServer.ScreenshotAsync(page, "two-factor-admin-required");
        await page.GotoAsync("/admin/people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-step sign-in", Level = 1 })).ToBeVisibleAsync();

        var key = (await page.Locator("[data-testid=setup-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();
        await page.GetByLabel("6-digit code from the app").FillAsync(Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        await page.GotoAsync("/admin/people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-step sign-in", Level = 1 })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" })).ToBeVisibleAsync();
    });
}
