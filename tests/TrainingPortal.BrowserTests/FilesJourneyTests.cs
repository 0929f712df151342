using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>Uploaded evidence in a real browser: a transcript refused by its content next to the field, then accepted, listed and downloaded (José, demo Level IV applicant).</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FilesJourneyTests(PortalServer server)
{
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public Task An_applicant_adds_a_degree_with_its_transcript_a_wrong_file_is_answered_next_to_the_field_and_the_transcript_downloads() => server.OnNewPageAsync(async page =>
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee5@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-testid=application-link]", new() { HasText = "Level IV" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Your application");

        var awarded = DateTime.UtcNow.AddYears(-4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Degree or credential").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Date awarded").FillAsync(awarded);
        await page.GetByLabel("Institution").FillAsync("Riverside Graduate School");
        // A text file named like a PDF: refused by its content, the typed fields kept.
        await page.GetByLabel("Official transcript").SetInputFilesAsync(new FilePayload
        {
            Name = "transcript.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("not really a PDF"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the degree" }).ClickAsync();
        await Expect(page.Locator("#Degree_Transcript-error")).ToContainTextAsync("is not a PDF, PNG or JPEG");
        await Expect(page.GetByLabel("Institution")).ToHaveValueAsync("Riverside Graduate School");
        await Expect(page.GetByLabel("Date awarded")).ToHaveValueAsync(awarded);
        await PortalServer.ScreenshotAsync(page, "files-wrong-type");

        // A photo of the transcript (PNG): accepted, listed with its download link.
        await page.GetByLabel("Official transcript").SetInputFilesAsync(new FilePayload { Name = "transcript photo.png", MimeType = "image/png", Buffer = PngBytes });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the degree" }).ClickAsync();
        var row = page.Locator("[data-testid=degree-entry]", new() { HasText = "Riverside Graduate School" });
        var link = row.Locator("[data-testid=file-link]");
        await Expect(link).ToContainTextAsync("transcript photo.png");
        await PortalServer.ScreenshotAsync(page, "files-transcript-added");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("transcript photo.png", download.SuggestedFilename);

        // Removed while it waits for verification; the row offers the upload again.
        await row.Locator("[data-testid=file-remove]").ClickAsync();
        await Expect(row.Locator("[data-testid=transcript-upload]")).ToBeVisibleAsync();
    });
}
