using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 14, done when: a practitioner finds a trainer in the directory and sends a coaching request, the trainer
/// accepts, and both see the contact details (Ingrid Halvorsen, the demo MI trainer, confirmed and listed). Before the
/// answer neither sees the other's address. Every page is audited (axe-core, sideways scrolling).
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class CoachingJourneyTests(PortalServer server)
{
    private const string Trainer = "mitrainer@demo.local";


    [Fact]
    public Task A_practitioner_finds_a_trainer_sends_a_coaching_request_the_trainer_accepts_and_both_see_the_contact_details() => server.OnNewPageAsync(async page =>
    {
        var practitioner = await server.CreateUserAsync("Trainee");
        await server.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == practitioner)).DisplayName = "Robin Practitioner";
            return await db.SaveChangesAsync();
        });

        // The practitioner searches the directory and opens Ingrid's profile.
        await server.SignInAsync(page, practitioner);
        await page.GotoAsync("/mi/trainers");
        await page.GetByLabel("Language").FillAsync("Norwegian");
        await page.GetByLabel("Meeting").SelectOptionAsync(new SelectOptionValue { Label = "Online" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await PortalServer.ScreenshotAsync(page, "coaching-directory");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ingrid Halvorsen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingrid Halvorsen", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("mi-coaching.example");

        // A message that is too long is answered next to the field, the goals kept; then the request is sent.
        await page.GetByLabel("What you would like to work on").FillAsync("Reflections in first sessions");
        await page.GetByLabel("Online", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Message to the trainer").FillAsync(new string('x', 2001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the coaching request" }).ClickAsync();
        await Expect(page.Locator("#Request_Message-error")).ToContainTextAsync("Keep the message to 2,000 characters (you typed 2,001)");
        await Expect(page.GetByLabel("What you would like to work on")).ToHaveValueAsync("Reflections in first sessions");
        await page.GetByLabel("Message to the trainer").FillAsync("Hello Ingrid, could we meet online once a month?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the coaching request" }).ClickAsync();
        await Expect(page.Locator("[data-testid=coaching-status]")).ToContainTextAsync("Waiting for the trainer");
        await Expect(page.Locator("[data-testid=contact]")).Not.ToContainTextAsync(Trainer);
        await PortalServer.ScreenshotAsync(page, "coaching-request-sent");
        var requestPath = new Uri(page.Url).AbsolutePath;

        // The trainer, in her own browser, sees the request among hers and accepts it.
        await using (var trainerContext = await server.NewContextAsync())
        {
            var trainerPage = await trainerContext.NewPageAsync();
            var audit = await PageAudit.AttachAsync(trainerPage);
            await server.SignInAsync(trainerPage, Trainer);
            await trainerPage.GotoAsync("/mi/coaching");
            await trainerPage.Locator("[data-testid=received-requests]").GetByRole(AriaRole.Link, new() { Name = "Robin Practitioner" }).ClickAsync();
            await Expect(trainerPage.Locator("[data-testid=thread]")).ToContainTextAsync("could we meet online once a month?");
            await Expect(trainerPage.Locator("[data-testid=contact]")).Not.ToContainTextAsync(practitioner);
            await trainerPage.GetByRole(AriaRole.Button, new() { Name = "Accept the request" }).ClickAsync();
            await Expect(trainerPage.Locator("[data-testid=coaching-status]")).ToContainTextAsync("Accepted");
            await Expect(trainerPage.Locator("[data-testid=contact-details]")).ToContainTextAsync(practitioner);
            await trainerPage.GetByLabel("Your message").FillAsync("Gladly. The first Tuesday of each month?");
            await trainerPage.GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
            await PortalServer.ScreenshotAsync(trainerPage, "coaching-accepted-trainer");
            await audit.FinishAsync();
            Assert.Empty(audit.Problems);
        }

        // The practitioner sees the answer, the trainer's e-mail address, website and phone, and the reply.
        await page.GotoAsync(requestPath);
        await Expect(page.Locator("[data-testid=coaching-status]")).ToContainTextAsync("Accepted");
        var contact = page.Locator("[data-testid=contact-details]");
        await Expect(contact).ToContainTextAsync(Trainer);
        await Expect(contact).ToContainTextAsync("https://mi-coaching.example");
        await Expect(page.Locator("[data-testid=thread]")).ToContainTextAsync("The first Tuesday of each month?");
        await PortalServer.ScreenshotAsync(page, "coaching-accepted-practitioner");
    });
}
