using System.Globalization;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// The form rules in a real browser: each refusal or question is shown on its page, and nothing is changed
/// (these journeys leave the shared demo data as it was for the other browser tests).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FormRulesJourneyTests(PortalServer server)
{

    [Fact]
    public Task Moving_an_upcoming_meeting_into_the_past_asks_first() => server.OnNewPageAsync(async page =>
    {
        await server.SignInAsync(page, "trainer@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "MIO consultation — Okafor, Mondays" }).ClickAsync();
        await page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "Upcoming", Exact = true }) })
            .First.Locator("[data-testid=meeting-link]").ClickAsync();
        var before = await page.Locator("[data-testid=meeting-when]").InnerTextAsync();

        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("New date").FillAsync(yesterday);
        await page.GetByLabel("New start time").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();

        await Expect(page.Locator("[data-testid=confirm-past]")).ToContainTextAsync("as a missed call for every member until you record its attendance");
        await Expect(page.GetByLabel("Yes, move it into the past: I will record its attendance")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("New date")).ToHaveValueAsync(yesterday);
        await Expect(page.Locator("[data-testid=meeting-when]")).ToHaveTextAsync(before); // not moved
        await PortalServer.ScreenshotAsync(page, "FormRules_meeting_move_into_the_past");
    });

    [Fact]
    public Task A_training_case_session_is_removed_only_after_a_confirmation_page_and_an_ancient_consent_is_refused() => server.OnNewPageAsync(async page =>
    {
        await server.SignInAsync(page, "trainee@demo.local");
        await page.GotoAsync("/my/training-cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "TC-1", Exact = true }).ClickAsync();
        var sessions = await page.Locator("[data-testid=session]").CountAsync();
        await page.Locator("[data-testid=session]").First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("Remove the session of");
        await PortalServer.ScreenshotAsync(page, "FormRules_remove_session_confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Keep it" }).ClickAsync();
        await Expect(page.Locator("[data-testid=session]")).ToHaveCountAsync(sessions);

        await page.GotoAsync("/my/training-cases");
        await page.GetByLabel("Case code (pseudonymous, e.g. TC-1)").FillAsync("TC-9");
        await page.GetByLabel("Date consent for audio recording was obtained").FillAsync("1900-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the case" }).ClickAsync();
        await Expect(page.Locator("#Form_ConsentDate-error")).ToContainTextAsync("is more than 5 years ago");
        await PortalServer.ScreenshotAsync(page, "FormRules_consent_1900_refused");
    });

    [Fact]
    public Task Homework_not_handed_in_offers_only_recording_it_as_handed_in() => server.OnNewPageAsync(async page =>
    {
        await server.SignInAsync(page, "trainer@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "MIO Train-the-Trainer cohort" }).First.ClickAsync();
        await page.Locator("[data-testid=homework-link]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Homework");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record as handed in today" }).First).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "FormRules_homework");
    });

    [Fact]
    public Task A_pasted_licence_issuer_over_64_characters_is_refused_not_cut() => server.OnNewPageAsync(async page =>
    {
        await server.SignInAsync(page, "trainee@demo.local");
        await page.GotoAsync("/profile");
        var issuer = new string('N', 65);
        var field = page.GetByLabel("LCSW issued by");
        await field.FillAsync(issuer);
        await Expect(field).ToHaveValueAsync(issuer); // the browser does not cut it
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        await Expect(page.GetByText("Keep the issuer to 64 characters (you typed 65).").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("LCSW issued by")).ToHaveValueAsync(issuer);
        await PortalServer.ScreenshotAsync(page, "FormRules_licence_issuer_too_long");
    });
}
