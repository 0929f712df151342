using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 14, done when: a Champion creates a practice group, a practitioner joins, the host logs a session, the member
/// sees it in their practice log. Every page is audited (axe-core, sideways scrolling).
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class PracticeGroupJourneyTests(PortalServer server)
{

    [Fact]
    public async Task A_champion_creates_a_group_a_practitioner_joins_the_host_logs_a_session_and_the_member_sees_it_in_the_log()
    {
        var champion = await server.CreateUserAsync("Champion");
        var practitioner = await server.CreateUserAsync("Trainee");
        var name = "Lakeside MI practice " + Guid.NewGuid().ToString("N")[..6];
        var memberName = "Robin Achebe " + Guid.NewGuid().ToString("N")[..4];
        await server.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == practitioner)).DisplayName = memberName;
            return await db.SaveChangesAsync();
        });
        var groupUrl = "";

        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, champion);
            await page.GotoAsync("/mi/groups");
            await page.GetByRole(AriaRole.Link, new() { Name = "Create a practice group" }).ClickAsync();
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByLabel("When it meets").FillAsync("Every second Tuesday, 7 pm");
            await page.GetByLabel("Town").FillAsync("Lakeside");
            await page.GetByLabel("Places (members, not counting you)").FillAsync("0");
            await page.GetByLabel("Reflection chains").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
            await Expect(page.Locator("#Form_Capacity-error")).ToContainTextAsync("from 1 to 100"); // refused next to the field, the rest kept
            await Expect(page.GetByLabel("Name")).ToHaveValueAsync(name);
            await page.GetByLabel("Places (members, not counting you)").FillAsync("6");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(name);
            await Expect(page.Locator("[data-testid=free-places]")).ToContainTextAsync("6 free places");
            groupUrl = new Uri(page.Url).AbsolutePath;
            await PortalServer.ScreenshotAsync(page, "practice-group-created");
        }, "PracticeGroupJourney_champion_creates");

        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, practitioner);
            await page.GotoAsync("/mi/groups");
            await page.GetByLabel("Town").FillAsync("lakeside");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find groups" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();
            await Expect(page.Locator("body")).ToContainTextAsync("You joined " + name);
            await Expect(page.Locator("[data-testid=free-places]")).ToContainTextAsync("5 free places");
        }, "PracticeGroupJourney_practitioner_joins");

        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, champion);
            await page.GotoAsync(groupUrl);
            await Expect(page.Locator("[data-testid=members]")).ToContainTextAsync(memberName);
            await page.GetByRole(AriaRole.Link, new() { Name = "Log a session" }).ClickAsync();
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.GetByLabel("Date").FillAsync(yesterday);
            await page.GetByLabel("Length in minutes").FillAsync("90");
            await page.GetByLabel(memberName).CheckAsync();
            await page.GetByLabel("Note (optional)").FillAsync("Reflection chains in threes, then a short debrief.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log the session" }).ClickAsync();
            await Expect(page.Locator("[data-testid=sessions]")).ToContainTextAsync("90 minutes");
            await PortalServer.ScreenshotAsync(page, "practice-session-logged");
        }, "PracticeGroupJourney_host_logs");

        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, practitioner);
            await page.GotoAsync("/mi/practice-log");
            await Expect(page.Locator("[data-testid=practice-totals]")).ToHaveTextAsync("1 session, 1.5 hours in all.");
            await Expect(page.Locator("[data-testid=practice-log]")).ToContainTextAsync(name);
            await Expect(page.Locator("[data-testid=practice-log]")).ToContainTextAsync("Reflection chains in threes, then a short debrief.");
            await PortalServer.ScreenshotAsync(page, "practice-log");
        }, "PracticeGroupJourney_member_reads_the_log");
    }
}
