using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 14, done when: a visitor opens the program catalog, registers, asks to join MIO clinician rostering, an
/// administrator accepts the request into a group, and the person's home page shows the program with where they stand.
/// A too-long note is answered next to the field with what was typed kept. Every page is audited (axe-core, sideways
/// scrolling).
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class JoinRequestJourneyTests(PortalServer server)
{
    [Fact]
    public Task A_visitor_registers_asks_to_join_MIO_rostering_an_administrator_places_them_in_a_group_and_their_home_shows_the_program() => server.OnNewPageAsync(async page =>
    {
        var email = $"visitor-{Guid.NewGuid():N}@example.org";

        // The visitor reads the catalog and wants MIO rostering: asking needs an account.
        await page.GotoAsync("/programs");
        await PortalServer.ScreenshotAsync(page, "catalog-visitor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask to join MIO clinician training: rostering" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Robin Visitor");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalServer.DemoPassword);
        await page.GetByLabel("Password again").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GotoAsync(server.LastMailedLinkPath(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your e-mail address is confirmed");
        await server.SignInAsync(page, email);

        // Signed in, they ask from the catalog; a note that is too long is answered next to the field and kept.
        await page.GotoAsync("/programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask to join MIO clinician training: rostering" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ask to join");
        var note = "I see infants and their parents at a community clinic. " + new string('x', 2000);
        await page.GetByLabel("Message to the administrator").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(page.Locator("#Form_Message-error")).ToContainTextAsync("2,000 characters");
        await Expect(page.GetByLabel("Message to the administrator")).ToHaveValueAsync(note);
        await page.GetByLabel("Message to the administrator").FillAsync("I see infants and their parents at a community clinic.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your request to join MIO clinician training: rostering is sent");
        var mine = page.Locator("[data-testid=my-join-request]");
        await Expect(mine).ToContainTextAsync("Waiting");
        await PortalServer.ScreenshotAsync(page, "join-request-waiting");

        // An administrator, in their own browser, finds it from the home page and enrolls them into a group.
        await using (var adminContext = await server.NewContextAsync())
        {
            var admin = await adminContext.NewPageAsync();
            var adminAudit = await PageAudit.AttachAsync(admin);
            await server.SignInAsync(admin, PortalServer.DemoAdministrator);
            await admin.Locator("[data-testid=admin-join-requests]").ClickAsync();
            var request = admin.Locator("[data-testid=join-request]").Filter(new() { HasText = "Robin Visitor" });
            await Expect(request).ToContainTextAsync("community clinic");
            var group = request.GetByLabel("Place in");
            var firstGroup = await group.Locator("option").Nth(1).TextContentAsync();
            await group.SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await PortalServer.ScreenshotAsync(admin, "join-requests-queue");
            await request.GetByRole(AriaRole.Button, new() { Name = "Enroll Robin Visitor" }).ClickAsync();
            // The group has met already: the enroll form's own check asks whether its earlier meetings count.
            await Expect(admin.Locator("[data-testid=error-summary]")).ToContainTextAsync("choose whether those meetings count");
            await Expect(admin.Locator("main")).ToContainTextAsync("This enrollment answers a request to join");
            await PortalServer.ScreenshotAsync(admin, "join-request-late-join");
            await admin.GetByLabel("Do not apply (they are not counted)").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Enroll", Exact = true }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Robin Visitor is enrolled in");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Answered" }).ClickAsync();
            await Expect(admin.Locator("[data-testid=join-request]").Filter(new() { HasText = "Robin Visitor" })).ToContainTextAsync("Accepted");
            await adminAudit.FinishAsync();
            Assert.Empty(adminAudit.Problems);

            // The person's home page now shows the program, its requirements and the group they were placed in.
            await page.GotoAsync("/");
            await Expect(mine).ToContainTextAsync("Accepted");
            var enrollment = page.Locator("[data-testid=enrollment]");
            await Expect(enrollment).ToContainTextAsync("MIO");
            await Expect(enrollment).ToContainTextAsync(firstGroup!.Split(" (")[0].Trim());
            await PortalServer.ScreenshotAsync(page, "join-request-accepted-home");
        }
    });
}
