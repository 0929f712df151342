using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>What trainees, trainers and administrators see of the rules engine's verdicts, on the demo data.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class ProgressTests(PortalServer server)
{
    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (email == PortalServer.DemoAdministrator)
        {
            await server.AnswerSecondStepAsync(page);
        }
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
    }

    [Fact]
    public Task The_demo_trainee_sees_every_requirement_with_a_bar_a_figure_and_the_next_step() => server.OnNewPageAsync(async page =>
    {
        await SignInAsync(page, "trainee@demo.local");

        var enrollment = page.Locator("[data-testid=enrollment]").First;
        await Expect(enrollment).ToBeVisibleAsync();
        await Expect(enrollment.Locator("[data-testid=overall-status]")).ToBeVisibleAsync();
        await Expect(enrollment.Locator("[data-testid=next-step]")).ToBeVisibleAsync();
        var requirements = enrollment.Locator("[data-testid=requirement]");
        Assert.True(await requirements.CountAsync() >= 6);
        await Expect(requirements.First.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Expect(requirements.First.Locator("[data-testid=figure]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d+)? / \d+(\.\d+)? \w+"));
        await PortalServer.ScreenshotAsync(page, "trainee-progress");
    });

    [Fact]
    public Task The_demo_trainer_opens_a_group_and_sees_each_members_standing() => server.OnNewPageAsync(async page =>
    {
        await SignInAsync(page, "trainer@demo.local");
        var groups = page.Locator("[data-testid=trainer-group]");
        Assert.True(await groups.CountAsync() >= 1);
        await PortalServer.ScreenshotAsync(page, "trainer-home");

        await groups.First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.Locator("[data-testid=member]").First).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "trainer-group");
    });

    [Fact]
    public Task The_administrator_reads_the_rule_sets_and_the_enrollments() => server.OnNewPageAsync(async page =>
    {
        await SignInAsync(page, "admin@demo.local");

        await page.GetByRole(AriaRole.Link, new() { Name = "Rule sets" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Programs and rule sets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1" }).First.ClickAsync();
        await Expect(page.Locator("table")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "admin-rule-set");

        await page.GetByRole(AriaRole.Link, new() { Name = "Enrollments" }).ClickAsync();
        await PortalServer.ScreenshotAsync(page, "admin-enrollments");
    });
}
