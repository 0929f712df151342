using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// The training transcript in a real browser: Marcus (demo, LCSW) opens it from his home page, sees CE hours on the
/// IMH course's sessions only, never on his consultation calls or classroom days, and downloads it as a PDF and CSV.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class TranscriptJourneyTests(PortalServer server)
{
    [Fact]
    public Task A_trainee_opens_their_transcript_sees_CE_hours_for_their_licence_on_the_course_only_and_downloads_it() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee3@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your training transcript" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your training transcript");

        var licence = page.Locator("[data-testid=licence]");
        await Expect(licence).ToHaveCountAsync(1);
        await Expect(licence).ToContainTextAsync("LCSW");
        await Expect(licence).ToContainTextAsync("CE hours");
        var course = page.Locator("[data-testid=line]", new() { HasText = "IMH course cohort" });
        var calls = page.Locator("[data-testid=line]", new() { HasText = "MIO consultation group" });
        Assert.True(await course.CountAsync() > 0);
        Assert.True(await calls.CountAsync() > 0);
        foreach (var row in await course.AllAsync())
        {
            Assert.NotEqual("—", (await row.Locator("td").Last.InnerTextAsync()).Trim());
        }
        foreach (var row in await calls.AllAsync())
        {
            Assert.Equal("—", (await row.Locator("td").Last.InnerTextAsync()).Trim());
        }
        await Expect(page.Locator("[data-testid=ce-note]")).ToContainTextAsync("Readings and exercises earn neither hours nor CE credit.");
        await PortalServer.ScreenshotAsync(page, "transcript");

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the transcript (PDF)" }).ClickAsync());
        Assert.Matches(@"^transcript-\d{4}-\d{2}-\d{2}\.pdf$", pdf.SuggestedFilename);
        var path = await pdf.PathAsync();
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head);
        }
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as a spreadsheet (CSV)" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await csv.PathAsync());
        Assert.Equal("date,activity,kind,source,hours,ce_hours,renewal_year", lines[0].TrimStart('\uFEFF'));
        Assert.All(lines.Skip(1).Where(l => l.Contains("MIO consultation group", StringComparison.Ordinal)), l => Assert.Contains(",portal,1,,", l, StringComparison.Ordinal));
    });
}
