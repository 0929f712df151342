using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Notifications in a real browser: Dana (demo, at risk on her consultation calls) sees the unread count in the menu,
/// reads the at-risk notification the standings refresh wrote for her, opens it (it goes to her home page with the
/// figures and counts as read), then chooses with the keyboard a weekly e-mail for that kind and sees it kept.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class NotificationJourneyTests(PortalServer server)
{
    [GeneratedRegex(@"/$")]
    private static partial Regex HomePage();

    [Fact]
    public Task A_trainee_reads_why_she_is_at_risk_and_chooses_a_weekly_e_mail_for_it() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("unread-count")).ToBeVisibleAsync();
        await page.GetByTestId("notifications-link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Notifications");
        var risk = page.Locator("[data-testid=notification][data-kind=AtRisk]").First;
        await Expect(risk).ToHaveAttributeAsync("data-read", "false");
        await Expect(risk).ToContainTextAsync("Your home page shows each requirement");
        await PortalServer.ScreenshotAsync(page, "notifications");

        await risk.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(HomePage());
        await page.GotoAsync("/notifications");
        await Expect(page.Locator("[data-testid=notification][data-kind=AtRisk]").First).ToHaveAttributeAsync("data-read", "true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Choose how you are told" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Notification settings");
        var weekly = page.GetByTestId("kind-AtRisk").GetByLabel("In a weekly e-mail (Mondays)");
        await weekly.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(weekly).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your notification settings are saved.");
        await Expect(page.GetByTestId("kind-AtRisk").GetByLabel("In a weekly e-mail (Mondays)")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("kind-AtRisk").GetByLabel("E-mail me at once")).Not.ToBeCheckedAsync();
        await PortalServer.ScreenshotAsync(page, "notification-settings");
    });
}
