using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Submitting an application for review, on the demo data: Grace (Level II under way; the demo has her sign the ethics
/// agreement) submits; no other browser test changes her application.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SubmitJourneyTests(PortalServer server)
{
    [Fact]
    public Task An_applicant_sees_what_is_missing_confirms_and_submits_and_the_page_then_says_under_review_with_the_forms_closed() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee6@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");

        await page.Locator("[data-testid=application-link]", new() { HasText = "Level II" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Your application");
        await Expect(page.Locator("[data-testid=ethics-signed]")).ToContainTextAsync("Signed by Grace Whitfield");
        var submit = page.Locator("[data-testid=submit-section]");
        await Expect(submit.Locator("[data-testid=still-missing]")).ToBeVisibleAsync();

        // Not confirmed: answered next to the box.
        await submit.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator("#Submit_Confirm-error")).ToContainTextAsync("Tick the box");
        await PortalServer.ScreenshotAsync(page, "submit-unconfirmed");

        await page.GetByLabel("I confirm that the information in this application is true").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator("[data-testid=application-state][data-state=submitted]")).ToContainTextAsync("— under review");
        await Expect(page.Locator("[data-testid=application-state]")).ToContainTextAsync("Eastern Time");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add the training" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(page, "submit-under-review");

        // Returned by the reviewer (the review screens are another step: set here in the database): the note at the top,
        // the comment in its section, the forms open again.
        var enrollmentId = int.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        await server.WithDbAsync(async db =>
        {
            var reviewer = await db.Users.Where(u => u.Email == PortalServer.DemoAdministrator).Select(u => u.Id).SingleAsync();
            var application = await db.EndorsementApplications.SingleAsync(a => a.EnrollmentId == enrollmentId);
            application.Status = TrainingPortal.Web.Data.Training.ApplicationStatus.Returned;
            application.ReturnNote = "Please log the missing reflective supervision hours.";
            application.ReturnedUtc = application.SubmittedUtc!.Value.AddMinutes(5);
            application.ReturnedById = reviewer;
            db.ApplicationComments.Add(new TrainingPortal.Web.Data.Training.ApplicationComment
            {
                EnrollmentId = enrollmentId, Section = "training-hours", Text = "One certificate is missing its date.",
                AuthorId = reviewer, CreatedUtc = application.SubmittedUtc!.Value.AddMinutes(4),
            });
            return await db.SaveChangesAsync();
        });
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=return-note]")).ToContainTextAsync("Please log the missing reflective supervision hours.");
        await Expect(page.Locator("[data-testid=application-section][data-key=training-hours] [data-testid=section-comment]")).ToHaveTextAsync("One certificate is missing its date.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add the training" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "submit-returned");
    });
}
