using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// An administrator finds the demo's eligible trainee in the eligibility queue, opens the review page and
/// sees the live verdict and the approve form, then finds a person on the people page. Read-only: the
/// demo data stays as it is for the other browser tests.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ApprovalsJourneyTests(PortalServer server)
{
    [Fact]
    public Task Administrator_finds_an_eligible_trainee_in_the_queue_and_reviews_the_live_verdict() => server.OnNewPageAsync(async page =>
    {
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = [];" +
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eligibility queue", Level = 1 })).ToBeVisibleAsync();
        var queue = page.Locator("[data-testid=queue]");
        await Expect(queue).ToContainTextAsync("Priya Natarajan"); // the demo's just-eligible MIO clinician
        await Expect(queue).Not.ToContainTextAsync("Dana Reyes"); // at risk, not eligible
        await Expect(page.Locator("[data-testid=evaluated-as-of]")).ToContainTextAsync("Evaluated as of");
        await page.GetByLabel("Program").SelectOptionAsync(new SelectOptionValue { Value = "mio-rostering" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(queue).ToContainTextAsync("Priya Natarajan");
        await PortalServer.ScreenshotAsync(page, "approvals-queue");

        await queue.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Priya Natarajan: MIO clinician training: rostering", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=overall-status]")).ToHaveTextAsync("All requirements met");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve rostering" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Award date")).ToHaveAttributeAsync("max", new System.Text.RegularExpressions.Regex("^\\d{4}-\\d{2}-\\d{2}$"));
        await PortalServer.ScreenshotAsync(page, "approvals-review");

        await page.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Priya Natarajan", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=roles]")).ToHaveTextAsync("Trainee");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Roles Priya Natarajan has" })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "person");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await page.GetByLabel("Name or e-mail address").FillAsync("natarajan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("[data-testid=people]")).ToContainTextAsync("trainee2@demo.local");

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
    });
}
