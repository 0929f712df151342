using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Programs;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Training;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 13, done when (Train-the-Trainer): faculty create an assignment, a member submits a file, faculty return it
/// with comments, the member sees the comments and resubmits, faculty accept it; the member's standing then shows the
/// homework met (it is the cohort's only assignment). Every page is audited (axe-core, sideways scrolling).
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class HomeworkJourneyTests(PortalServer server)
{
    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");


    private static async Task SignOutAsync(IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

    [Fact]
    public Task Faculty_set_an_assignment_a_member_hands_in_a_file_it_is_returned_resubmitted_and_accepted_and_the_homework_is_met() => server.OnNewPageAsync(async page =>
    {
        var trainerEmail = await server.CreateUserAsync("Trainer");
        var memberEmail = await server.CreateUserAsync("Trainee");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1); // clear of the date line in any zone
        var groupId = await server.WithDbAsync(async db =>
        {
            var trainer = await db.Users.SingleAsync(u => u.Email == trainerEmail);
            var member = await db.Users.SingleAsync(u => u.Email == memberEmail);
            member.DisplayName = "Robin Vega";
            var cohort = new TrainingGroup
            {
                Kind = GroupKind.TrainTheTrainerCohort, ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer,
                Name = "Train-the-Trainer journey cohort", TrainerId = trainer.Id,
                StartDate = today.AddDays(-14), EndDate = today.AddDays(60), DurationMinutes = 120,
            };
            db.Groups.Add(cohort);
            db.Enrollments.Add(new Enrollment
            {
                PersonId = member.Id, ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer,
                RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.MioTrainTheTrainer, today.AddDays(-20))!.Id,
                Status = EnrollmentStatus.Active, CreatedOn = today.AddDays(-20), CreatedUtc = DateTime.UtcNow, Group = cohort,
            });
            await db.SaveChangesAsync();
            return cohort.Id;
        });
        var due = today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // Faculty: a new assignment with instructions; a due date outside the cohort is answered next to the field first.
        await server.SignInAsync(page, trainerEmail);
        await page.GotoAsync($"/groups/{groupId}/homework");
        await page.Locator("[data-testid=new-assignment]").ClickAsync();
        await page.GetByLabel("Title").FillAsync("Handbook chapter 3: key points");
        await page.GetByLabel("Instructions").FillAsync("Read chapter 3.\nList the five points you would stress.");
        await page.GetByLabel("Due date").FillAsync(today.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the assignment" }).ClickAsync();
        await Expect(page.Locator("#Form_DueOn-error")).ToContainTextAsync("within the cohort's dates");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Handbook chapter 3: key points");
        await page.GetByLabel("Due date").FillAsync(due);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the assignment" }).ClickAsync();
        await Expect(page.Locator("[data-testid=assignment]")).ToContainTextAsync("Handbook chapter 3: key points");
        await SignOutAsync(page);

        // The member: from the home page's homework row to the assignment; hands in a PDF.
        await server.SignInAsync(page, memberEmail);
        await page.Locator("[data-testid=homework-link]").ClickAsync();
        var card = page.Locator("[data-testid=my-assignment]", new() { HasText = "Handbook chapter 3" });
        await Expect(card.Locator("[data-testid=instructions]")).ToContainTextAsync("List the five points");
        await Expect(card.Locator("[data-testid=my-status]")).ToContainTextAsync("Not submitted");
        await card.GetByLabel("File (optional)").SetInputFilesAsync(new FilePayload { Name = "chapter 3 points.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await card.GetByRole(AriaRole.Button, new() { Name = "Hand it in" }).ClickAsync();
        await Expect(card.Locator("[data-testid=my-status]")).ToContainTextAsync("Submitted on");
        await Expect(card.Locator("[data-testid=my-file]")).ToContainTextAsync("chapter 3 points.pdf");
        await SignOutAsync(page);

        // Faculty see the file and return it with comments.
        await server.SignInAsync(page, trainerEmail);
        await page.GotoAsync($"/groups/{groupId}/homework");
        var row = page.Locator("[data-testid=homework]", new() { HasText = "Robin Vega" });
        await Expect(row.Locator("[data-testid=submission-file]")).ToContainTextAsync("chapter 3 points.pdf");
        await row.GetByLabel("Comments for Robin Vega").FillAsync("Point 4 needs an example from your own practice.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Return with comments" }).ClickAsync();
        await Expect(row.Locator("[data-testid=homework-status]")).ToContainTextAsync("Returned");
        await SignOutAsync(page);

        // The member reads the comments and hands it in again.
        await server.SignInAsync(page, memberEmail);
        await page.GotoAsync("/my/homework");
        await Expect(card.Locator("[data-testid=faculty-comments]")).ToContainTextAsync("Point 4 needs an example");
        await Expect(card.Locator("[data-testid=my-status]")).ToContainTextAsync("Returned with comments");
        await card.GetByLabel("Your answer").FillAsync("Point 4, with an example: a home visit where I paused to name the baby's cue.");
        await card.GetByLabel("File (optional)").SetInputFilesAsync(new FilePayload { Name = "chapter 3 points v2.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await card.GetByRole(AriaRole.Button, new() { Name = "Hand it in again" }).ClickAsync();
        await Expect(card.Locator("[data-testid=my-status]")).ToContainTextAsync("Submitted on");
        await PortalServer.ScreenshotAsync(page, "homework-resubmitted");
        await SignOutAsync(page);

        // Faculty accept it; the history shows every step.
        await server.SignInAsync(page, trainerEmail);
        await page.GotoAsync($"/groups/{groupId}/homework");
        await Expect(row.Locator("[data-testid=submission-text]")).ToContainTextAsync("Point 4, with an example");
        await row.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(row.Locator("[data-testid=homework-status]")).ToContainTextAsync("Accepted");
        await Expect(row.Locator("[data-testid=history-step]")).ToHaveCountAsync(4);
        await SignOutAsync(page);

        // The member's standing: homework met.
        await server.SignInAsync(page, memberEmail);
        await Expect(page.Locator("[data-testid=requirement][data-key=homework]")).ToHaveAttributeAsync("data-status", "Met");
        await page.GotoAsync("/my/homework");
        await Expect(card.Locator("[data-testid=my-status]")).ToContainTextAsync("Accepted on");
        await PortalServer.ScreenshotAsync(page, "homework-accepted");
    });
}
