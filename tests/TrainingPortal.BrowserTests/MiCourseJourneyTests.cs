using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 14, done when: a practitioner completes MI Champions' introductory course and downloads the certificate of
/// completion (the demo starter course). From the /mi front page: start, answer a check question (feedback shown),
/// mark every module complete, download the PDF, and the home page lists the certificate. Every page is audited.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class MiCourseJourneyTests(PortalServer server)
{
    [Fact]
    public Task A_practitioner_completes_the_introductory_course_and_downloads_the_certificate_of_completion() => server.OnNewPageAsync(async page =>
    {
        var practitioner = await server.CreateUserAsync("Trainee");
        await server.SignInAsync(page, practitioner);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "MI Champions" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the course" }).ClickAsync();
        await page.Locator("[data-testid=start-course]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You started the course");
        var modules = page.Locator("[data-testid=course-module]");
        var count = await modules.CountAsync();
        Assert.True(count >= 3, $"the starter course has {count} modules");
        await Expect(page.Locator("[data-testid=course-progress]")).ToHaveTextAsync($"0 of {count} modules complete");
        await PortalServer.ScreenshotAsync(page, "mi-course-started");

        // Module by module: the first one's check question answered (feedback shown, nothing stored), then marked complete.
        for (var i = 0; i < count; i++)
        {
            await page.GotoAsync("/mi/course");
            await modules.Nth(i).GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.Locator("[data-testid=module-text]")).Not.ToBeEmptyAsync();
            if (i == 0 && await page.Locator("[data-testid=check-question]").CountAsync() > 0)
            {
                await page.Locator("[data-testid=check-question]").First.Locator("input[type=radio]").First.CheckAsync();
                await page.Locator("[data-testid=check-answers]").ClickAsync();
                await Expect(page.Locator("[data-testid=question-feedback]").First).Not.ToBeEmptyAsync();
                await PortalServer.ScreenshotAsync(page, "mi-course-module-checked");
            }
            await page.Locator("[data-testid=mark-complete]").ClickAsync();
        }

        // The last mark completes the course: the certificate of completion is issued at once, no approval step.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You completed every module");
        await Expect(page.Locator("[data-testid=course-progress]")).ToHaveTextAsync($"{count} of {count} modules complete");
        await Expect(page.Locator("main")).ToContainTextAsync("it is not a credential or a licence");
        await PortalServer.ScreenshotAsync(page, "mi-course-complete");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=certificate-download]").ClickAsync());
        var file = await download.PathAsync();
        var head = new byte[5];
        await using (var pdf = File.OpenRead(file))
        {
            await pdf.ReadExactlyAsync(head);
        }
        Assert.Equal("%PDF-"u8.ToArray(), head);

        await page.GotoAsync("/");
        await Expect(page.Locator("main")).ToContainTextAsync("Introduction to Motivational Interviewing");
        await Expect(page.Locator("[data-testid=no-enrollments]")).ToContainTextAsync("No program is under way for you now");
    });
}
