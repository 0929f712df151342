using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// The IMH course's readings in a real browser: the instructor (Samuel, demo) adds two readings with due dates to his
/// cohort, the participant (Marcus, demo) follows the link from his home page's requirement, marks them complete, and
/// his home page shows the independent-learning requirement met; meanwhile the administrator changes his course fee,
/// which his home page shows.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class CourseReadingsJourneyTests(PortalServer server)
{
    private static readonly string[] Readings = ["Journey reading: Brazelton, Touchpoints ch. 1", "Journey reading: Stern, The motherhood constellation"];

    [Fact]
    public async Task An_instructor_adds_two_readings_the_participant_marks_them_complete_and_the_requirement_is_met()
    {
        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, "trainer2@demo.local");
            await page.Locator("[data-testid=trainer-group]", new() { HasText = "IMH course cohort" }).First.GetByRole(AriaRole.Link).ClickAsync();
            await page.Locator("[data-testid=learning-link]").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Readings and exercises", Level = 1 })).ToBeVisibleAsync();

            // A due date outside the cohort is refused next to the field, the title kept.
            var due = page.GetByLabel("Due date (optional)");
            var first = await due.GetAttributeAsync("min") ?? throw new InvalidOperationException("no min on the due date");
            var last = await due.GetAttributeAsync("max") ?? throw new InvalidOperationException("no max on the due date");
            await page.GetByLabel("Reading", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync(Readings[0]);
            await due.FillAsync(DateOnly.ParseExact(last, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the item" }).ClickAsync();
            await Expect(page.Locator("#Form_DueOn-error")).ToContainTextAsync("within the cohort's dates");
            await Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(Readings[0]);

            foreach (var (title, date) in new[] { (Readings[0], first), (Readings[1], last) })
            {
                await page.GetByLabel("Reading", new() { Exact = true }).CheckAsync();
                await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
                await page.GetByLabel("Due date (optional)").FillAsync(date);
                await page.GetByRole(AriaRole.Button, new() { Name = "Add the item" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{title}” added.");
            }
            await Expect(page.Locator("[data-testid=learning-item]", new() { HasText = Readings[1] })).ToContainTextAsync("Not marked complete");
            await PortalServer.ScreenshotAsync(page, "course-readings-instructor");
        });

        // The administrator changes Marcus's fee from the scholarship to a group rate (the fees list, filtered, then his form).
        await server.OnNewPageAsync(async page =>
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("E-mail address").FillAsync(PortalServer.DemoAdministrator);
            await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await server.AnswerSecondStepAsync(page);
            await page.GotoAsync("/admin/records");
            await page.GetByRole(AriaRole.Link, new() { Name = "Course fees and scholarships" }).ClickAsync();
            await page.GetByLabel("Fee status").SelectOptionAsync(new SelectOptionValue { Label = "Scholarship (grant-funded)" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
            var row = page.Locator("[data-testid=fee-row]", new() { HasText = "Marcus Bell" });
            await Expect(row.Locator("[data-testid=fee-status]")).ToContainTextAsync("Scholarship (grant-funded)");
            await row.GetByRole(AriaRole.Link).ClickAsync();

            // A group rate needs its amount: refused next to the field first.
            await page.GetByLabel("Group rate").CheckAsync();
            await page.GetByLabel("Amount in US dollars").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the fee" }).ClickAsync();
            await Expect(page.Locator("#Form_Amount-error")).ToContainTextAsync("Enter the amount");
            await page.GetByLabel("Amount in US dollars").FillAsync("900");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the fee" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Course fee: group rate, $900");
            await PortalServer.ScreenshotAsync(page, "course-fees");
        });

        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, "trainee3@demo.local");
            var course = page.Locator("[data-testid=enrollment]", new() { HasText = "Infant Mental Health: Theory to Practice" });
            await Expect(course.Locator("[data-testid=requirement][data-key=independent-learning]")).Not.ToHaveAttributeAsync("data-status", "Met");
            await course.Locator("[data-testid=requirement-link]").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your readings and exercises", Level = 1 })).ToBeVisibleAsync();

            // The two new readings, and any item still open from before (the demo's exercise), marked complete.
            foreach (var title in Readings)
            {
                await page.Locator("[data-testid=my-learning-item]", new() { HasText = title }).GetByRole(AriaRole.Button, new() { Name = "Mark complete" }).ClickAsync();
                await Expect(page.Locator("[data-testid=my-learning-item]", new() { HasText = title }).Locator("[data-testid=my-learning-status]"))
                    .ToContainTextAsync("You marked it complete");
            }
            var open = page.GetByRole(AriaRole.Button, new() { Name = "Mark complete" });
            while (await open.CountAsync() > 0)
            {
                await open.First.ClickAsync();
                await page.WaitForLoadStateAsync();
            }
            await PortalServer.ScreenshotAsync(page, "course-readings-participant");

            await page.GotoAsync("/");
            await Expect(course.Locator("[data-testid=requirement][data-key=independent-learning]")).ToHaveAttributeAsync("data-status", "Met");
            await Expect(course.Locator("[data-testid=fee-line]")).ToContainTextAsync("Course fee: group rate, $900");
        });
    }

    /// <summary>Signs in; Samuel may have two-step sign-in on (TwoFactorJourneyTests turns it on), then the code is answered.</summary>
}
