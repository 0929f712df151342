using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>A trainer records a meeting's attendance and the trainee's progress page shows it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AttendanceJourneyTests(PortalServer server)
{
    [GeneratedRegex(@"^(\d+) / \d+ calls$")]
    private static partial Regex CallsFigure();

    private async Task<int> DanasAttendedCallsAsync()
    {
        var attended = 0;
        await server.OnNewPageAsync(async page =>
        {
            await server.SignInAsync(page, "trainee@demo.local");
            var figure = page.Locator("[data-testid=requirement][data-key=consultation-attendance] [data-testid=figure]").First;
            var text = await figure.InnerTextAsync();
            var match = CallsFigure().Match(text.Trim());
            Assert.True(match.Success, $"unexpected figure '{text}'");
            attended = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }, "AttendanceJourney_trainee");
        return attended;
    }


    private Task MarkEveryoneAtTheLastMeetingAsync(string mark, string screenshot) => server.OnNewPageAsync(async page =>
    {
        await server.SignInAsync(page, "trainer@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "MIO consultation — Okafor, Mondays" }).ClickAsync();
        await page.Locator("[data-testid=last-meeting-attendance]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Attendance");

        var rows = page.Locator("[data-testid=attendance-row]");
        var count = await rows.CountAsync();
        Assert.True(count >= 1);
        for (var i = 0; i < count; i++)
        {
            await rows.Nth(i).GetByLabel(mark, new() { Exact = true }).CheckAsync();
        }
        await PortalServer.ScreenshotAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance for everyone" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Attendance saved");
        await Expect(page.Locator("h1")).ToHaveTextAsync("MIO consultation — Okafor, Mondays");
    }, "AttendanceJourney_" + mark);

    [Fact]
    public async Task A_trainer_marks_the_last_meeting_and_the_trainees_progress_reflects_it()
    {
        await MarkEveryoneAtTheLastMeetingAsync("Absent", "attendance-absent");
        var absent = await DanasAttendedCallsAsync();

        await MarkEveryoneAtTheLastMeetingAsync("Present", "attendance-marked");
        var present = await DanasAttendedCallsAsync();

        Assert.Equal(absent + 1, present);
    }
}
