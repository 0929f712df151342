using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>The endorsement applicant's application page, on the demo data (José applies for Level IV; his own demo account, as the lockout test takes Priya's).</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ApplicationJourneyTests(PortalServer server)
{
    [Fact]
    public Task An_applicant_opens_the_application_adds_training_sees_it_pending_and_a_bad_entry_is_answered_next_to_the_field() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee5@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");

        await page.Locator("[data-testid=application-link]", new() { HasText = "Level IV" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Your application");
        var training = page.Locator("[data-testid=application-section][data-key=training-hours]");
        await Expect(training.Locator("[data-testid=figure]")).ToContainTextAsync("hours");
        await PortalServer.ScreenshotAsync(page, "application-page");

        // A day has at most 24 hours: answered next to the field, the rest kept.
        var today = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await training.GetByLabel("Date of the training").FillAsync(today);
        await training.GetByLabel("Title of the training").FillAsync("Reflective practice in home visiting");
        await training.GetByLabel("Provider (who gave the training)").FillAsync("State IMH Association");
        await training.GetByLabel("Clock hours", new() { Exact = true }).FillAsync("30");
        await training.GetByLabel("Reflection", new() { Exact = true }).CheckAsync();
        await training.GetByRole(AriaRole.Button, new() { Name = "Add the training" }).ClickAsync();
        await Expect(page.Locator("#Training_Hours-error")).ToContainTextAsync("at most 24");
        await Expect(page.GetByLabel("Title of the training")).ToHaveValueAsync("Reflective practice in home visiting");
        await Expect(page.GetByLabel("Reflection", new() { Exact = true })).ToBeCheckedAsync();
        await PortalServer.ScreenshotAsync(page, "application-bad-hours");

        await page.GetByLabel("Clock hours", new() { Exact = true }).FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the training" }).ClickAsync();
        var entry = page.Locator("[data-testid=training-entry]", new() { HasText = "Reflective practice in home visiting" });
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry.Locator("[data-testid=entry-status]")).ToHaveTextAsync("Waiting for verification");
        // Pending, never silently dropped: it is named among the items behind the training figure.
        await Expect(page.Locator("[data-testid=application-section][data-key=training-hours] details:not([data-testid=certificate-upload])")).ToContainTextAsync("Reflective practice in home visiting — not verified yet");
        await PortalServer.ScreenshotAsync(page, "application-training-added");
    });
}
