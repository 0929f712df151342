using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 12, references: a new Level II applicant names a rater (and is told, next to the field, that their own address
/// will not do); the rater answers from the e-mailed link in a fresh browser context without an account; the applicant
/// then sees the rating as received, and the used link says it is no longer valid.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReferencesJourneyTests(PortalServer server)
{
    [Fact]
    public Task An_applicant_names_a_rater_who_answers_from_the_mailed_link() => server.OnNewPageAsync(async page =>
    {
        var applicant = await server.CreateUserAsync("Trainee");
        var enrollmentId = await server.WithDbAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == applicant);
            person.DisplayName = "Robin Applicant";
            var created = DateOnly.FromDateTime(DateTime.UtcNow);
            var enrollment = new TrainingPortal.Web.Data.Training.Enrollment
            {
                PersonId = person.Id,
                ProgramKey = DefaultRuleSets.Keys.ImhEndorsementL2,
                RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.ImhEndorsementL2, created)!.Id,
                Status = TrainingPortal.Web.Data.Training.EnrollmentStatus.Active,
                CreatedOn = created,
                CreatedUtc = DateTime.UtcNow,
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(applicant);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your references" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/endorsement/{enrollmentId}/references$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your references", Level = 1 })).ToBeVisibleAsync();

        // Their own address: refused next to the field, what was typed kept.
        await page.GetByLabel("Rater's full name").FillAsync("Sam Supervisor");
        await page.GetByLabel("Rater's e-mail address").FillAsync(applicant);
        await page.GetByLabel("How the rater knows you").SelectOptionAsync(new SelectOptionValue { Label = "Supervisor" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("your own e-mail address");
        await Expect(page.GetByLabel("Rater's e-mail address")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Rater's full name")).ToHaveValueAsync("Sam Supervisor");

        var rater = $"sam-{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Rater's e-mail address").FillAsync(rater);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A link was e-mailed to Sam Supervisor");
        await Expect(page.Locator("[data-testid=references]")).ToContainTextAsync("Link sent, not yet opened");
        await PortalServer.ScreenshotAsync(page, "references-named");

        // The rater: a fresh browser, no account, the link from the mail.
        var link = server.LastMailedLinkPath(rater);
        await using (var raterContext = await server.NewContextAsync())
        {
            var raterPage = await raterContext.NewPageAsync();
            var audit = await PageAudit.AttachAsync(raterPage);
            await raterPage.GotoAsync(link);
            await Expect(raterPage.GetByRole(AriaRole.Heading, new() { Name = "Professional reference for Robin Applicant", Level = 1 })).ToBeVisibleAsync();
            await raterPage.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }).ClickAsync();
            await Expect(raterPage.Locator("[data-testid=error-summary]")).ToContainTextAsync("Choose whether you recommend the applicant");
            await raterPage.GetByLabel("I recommend the applicant for this endorsement", new() { Exact = true }).CheckAsync();
            await raterPage.GetByLabel("Your own endorsement").SelectOptionAsync(new SelectOptionValue { Label = DisplayNames.Of(EndorsementLevel.LevelII) });
            await raterPage.GetByLabel("Comments (optional)").FillAsync("Thoughtful with families.");
            await PortalServer.ScreenshotAsync(raterPage, "references-rating-form");
            await raterPage.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }).ClickAsync();
            await Expect(raterPage.Locator("[data-testid=reference-received]")).ToContainTextAsync("Robin Applicant");

            await raterPage.GotoAsync(link);
            await Expect(raterPage.Locator("[data-testid=reference-link-invalid]")).ToBeVisibleAsync();
            await audit.FinishAsync();
            Assert.Empty(audit.Problems);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=references]")).ToContainTextAsync("Rating received");
        await Expect(page.Locator("[data-testid=references]")).Not.ToContainTextAsync("Thoughtful");
    });
}
