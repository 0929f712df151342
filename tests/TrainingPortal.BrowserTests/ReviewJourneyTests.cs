using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Training;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 12, the reviewer: a Reviewer opens the queue from the menu, opens a submitted Level II application, refuses an
/// entry without a reason (told next to the field), then with one; verifies another; comments on the training section and
/// returns the application with a note. Every page is audited (axe-core, sideways scrolling).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReviewJourneyTests(PortalServer server)
{
    [Fact]
    public Task A_reviewer_decides_entries_comments_and_returns_a_submitted_application() => server.OnNewPageAsync(async page =>
    {
        var applicant = await server.CreateUserAsync("Trainee");
        var (enrollmentId, first, second) = await server.WithDbAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == applicant);
            person.DisplayName = "Robin Reviewed";
            var created = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20);
            var enrollment = new Enrollment
            {
                PersonId = person.Id,
                ProgramKey = DefaultRuleSets.Keys.ImhEndorsementL2,
                RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.ImhEndorsementL2, created)!.Id,
                Status = EnrollmentStatus.Active,
                CreatedOn = created,
                CreatedUtc = DateTime.UtcNow.AddDays(-20),
            };
            db.Enrollments.Add(enrollment);
            var a = new TrainingHoursRecord { PersonId = person.Id, Date = created.AddDays(2), Title = "Attachment seminar", Provider = "State IMH Association", Hours = 15m, RelationshipBased = true, FaceToFace = true };
            var b = new TrainingHoursRecord { PersonId = person.Id, Date = created.AddDays(3), Title = "Infant observation", Provider = "University extension", Hours = 15m, RelationshipBased = true, FaceToFace = true };
            db.TrainingHours.AddRange(a, b);
            await db.SaveChangesAsync();
            db.EndorsementApplications.Add(new EndorsementApplication { EnrollmentId = enrollment.Id, Status = ApplicationStatus.Submitted, Round = 1, SubmittedUtc = DateTime.UtcNow.AddHours(-3) });
            await db.SaveChangesAsync();
            return (enrollment.Id, a.Id, b.Id);
        });
        var reviewer = await server.CreateUserAsync("Reviewer");

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(reviewer);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Applications to review", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Robin Reviewed" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/reviews/{enrollmentId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review: Robin Reviewed", Level = 1 })).ToBeVisibleAsync();

        // Not accepted without a reason: told next to the field, nothing saved.
        var firstRow = page.Locator($"#entry-training-{first}");
        await firstRow.Locator("summary").ClickAsync();
        await firstRow.GetByRole(AriaRole.Button, new() { Name = "Do not accept" }).ClickAsync();
        await Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("Write why this entry is not accepted");
        var reason = page.Locator($"#entry-training-{first}").GetByLabel("Why it is not accepted");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await reason.FillAsync("No certificate of attendance was uploaded.");
        await page.Locator($"#entry-training-{first}").GetByRole(AriaRole.Button, new() { Name = "Do not accept" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Not accepted");
        await Expect(page.Locator($"#entry-training-{first} [data-testid=entry-state]")).ToHaveTextAsync("Not accepted");

        await page.Locator($"#entry-training-{second}").GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Verified");
        await Expect(page.Locator($"#entry-training-{second} [data-testid=entry-state]")).ToHaveTextAsync("Verified");
        await Expect(page.Locator("[data-key=training-hours] [data-testid=figure]")).ToContainTextAsync("15");

        var training = page.Locator("[data-key=training-hours]");
        await training.GetByLabel("Comment on this section").FillAsync("Please upload the certificate for the attachment seminar.");
        await training.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Comment saved");
        await Expect(page.Locator("[data-key=training-hours] [data-testid=section-comments]")).ToContainTextAsync("Please upload the certificate");
        await PortalServer.ScreenshotAsync(page, "review-application");

        await page.GetByLabel("Note to the applicant").FillAsync("Two training entries need their certificates.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Return the application" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Returned to the applicant");
        await Expect(page.Locator("[data-testid=application-state]")).ToHaveTextAsync("Returned to the applicant");
        await Expect(page.Locator("[data-testid=returned-note]")).ToContainTextAsync("Two training entries need their certificates.");
    });
}
