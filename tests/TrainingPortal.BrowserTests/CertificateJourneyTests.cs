using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// An administrator approves the demo's eligible trainee (Priya, MIO rostering), the certificate is issued
/// with the approval and downloaded; an anonymous visitor then verifies it by its code.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class CertificateJourneyTests(PortalServer server)
{
    [GeneratedRegex("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")]
    private static partial Regex CodePattern();

    [Fact]
    public async Task Administrator_approves_and_downloads_the_certificate_and_a_visitor_verifies_it()
    {
        string code = "";
        await server.OnNewPageAsync(async page =>
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
            await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Eligibility queue");
            await PortalServer.ScreenshotAsync(page, "approvals-queue");
            await page.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan" }).ClickAsync();
            await PortalServer.ScreenshotAsync(page, "approval-review");

            await page.GetByRole(AriaRole.Button, new() { Name = "Approve rostering" }).ClickAsync();
            var notice = page.GetByRole(AriaRole.Status).First;
            await Expect(notice).ToContainTextAsync("Approved on");
            await Expect(notice).ToContainTextAsync(CodePattern());
            code = CodePattern().Match(await notice.InnerTextAsync()).Value;
            await PortalServer.ScreenshotAsync(page, "approved");

            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" }).ClickAsync());
            var path = Path.Combine(PortalServer.ScreenshotFolder, "downloaded-certificate.pdf");
            await download.SaveAsAsync(path);
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
            Assert.InRange(bytes.Length, 1_000, 60 * 1024);
            Assert.Contains(code, download.SuggestedFilename, StringComparison.Ordinal);
        });

        // A visitor without an account, in a fresh browser context, types the code (in lower case, without dashes).
        await server.OnNewPageAsync(async page =>
        {
            await page.GotoAsync("/verify");
            await page.GetByLabel("Certificate code").FillAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/verify/" + code + "$"));
            await Expect(page.Locator("[data-testid=verify-status]")).ToHaveTextAsync("Valid");
            await Expect(page.Locator("[data-testid=verify-name]")).ToHaveTextAsync("Priya Natarajan");
            await Expect(page.Locator("[data-testid=verify-credential]")).ToHaveTextAsync("Rostered MIO Clinician");
            await Expect(page.GetByText("priya", new() { Exact = false }).Filter(new() { HasText = "@" })).ToHaveCountAsync(0);
            await PortalServer.ScreenshotAsync(page, "verify-valid");

            await page.GotoAsync("/verify?code=NOT-A-CODE");
            await Expect(page.GetByLabel("Certificate code")).ToHaveAttributeAsync("aria-invalid", "true");
            await PortalServer.ScreenshotAsync(page, "verify-bad-code");
        });
    }
}
