using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// An administrator finds the demo's eligible trainee in the eligibility queue, opens the review page with the
/// live verdict and the approve form, finds the person on the people page, approves (which issues the
/// certificate) and downloads the PDF. This is the only browser test that approves: no other one relies on
/// Priya's rostering enrollment being open.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class ApprovalsJourneyTests(PortalServer server)
{
    private Task ReviewApproveAndDownloadAsync(Action<string> issued) => server.OnNewPageAsync(async page =>
    {
        string code;
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = [];" +
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eligibility queue", Level = 1 })).ToBeVisibleAsync();
        var queue = page.Locator("[data-testid=queue]");
        await Expect(queue).ToContainTextAsync("Priya Natarajan"); // the demo's just-eligible MIO clinician
        await Expect(queue).Not.ToContainTextAsync("Dana Reyes"); // at risk, not eligible
        await Expect(page.Locator("[data-testid=evaluated-as-of]")).ToContainTextAsync("Evaluated as of");
        await page.GetByLabel("Program").SelectOptionAsync(new SelectOptionValue { Value = "mio-rostering" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(queue).ToContainTextAsync("Priya Natarajan");
        await PortalServer.ScreenshotAsync(page, "approvals-queue");

        await queue.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Priya Natarajan: MIO clinician training: rostering", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=overall-status]")).ToHaveTextAsync("All requirements met");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve rostering" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Award date")).ToHaveAttributeAsync("max", new System.Text.RegularExpressions.Regex("^\\d{4}-\\d{2}-\\d{2}$"));
        await PortalServer.ScreenshotAsync(page, "approvals-review");

        await page.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Priya Natarajan", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=roles]")).ToHaveTextAsync("Trainee");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Roles Priya Natarajan has" })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "person");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await page.GetByLabel("Name or e-mail address").FillAsync("natarajan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("[data-testid=people]")).ToContainTextAsync("trainee2@demo.local");

        // Back to the review: approving issues the certificate, which the administrator downloads.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        await queue.GetByRole(AriaRole.Link, new() { Name = "Priya Natarajan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve rostering" }).ClickAsync();
        var notice = page.GetByRole(AriaRole.Status).First;
        await Expect(notice).ToContainTextAsync("Approved on");
        await Expect(notice).ToContainTextAsync(CodePattern());
        code = CodePattern().Match(await notice.InnerTextAsync()).Value;
        issued(code);
        await PortalServer.ScreenshotAsync(page, "approved");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" }).ClickAsync());
        var path = Path.Combine(PortalServer.ScreenshotFolder, "downloaded-certificate.pdf");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        Assert.InRange(bytes.Length, 1_000, 60 * 1024);
        Assert.Contains(code, download.SuggestedFilename, StringComparison.Ordinal);

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
    });

    [GeneratedRegex("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")]
    private static partial Regex CodePattern();

    /// <summary>
    /// The demo's eligible trainee (Priya): the administrator finds her in the queue, reviews the live verdict and
    /// her person page, approves — which issues the certificate — and downloads it; then a visitor without an
    /// account verifies it by its code in a fresh browser context.
    /// </summary>
    [Fact]
    public async Task Administrator_approves_and_downloads_the_certificate_and_a_visitor_verifies_it()
    {
        var code = "";
        await ReviewApproveAndDownloadAsync(c => code = c);

        await server.OnNewPageAsync(async page =>
        {
            // Typed in lower case without dashes.
            await page.GotoAsync("/verify");
            await page.GetByLabel("Certificate code").FillAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/verify/" + code + "$"));
            await Expect(page.Locator("[data-testid=verify-status]")).ToHaveTextAsync("Valid");
            await Expect(page.Locator("[data-testid=verify-name]")).ToHaveTextAsync("Priya Natarajan");
            await Expect(page.Locator("[data-testid=verify-credential]")).ToHaveTextAsync("Rostered MIO Clinician");
            Assert.DoesNotContain("trainee2@demo.local", await page.ContentAsync(), StringComparison.Ordinal);
            await PortalServer.ScreenshotAsync(page, "verify-valid");

            await page.GotoAsync("/verify?code=NOT-A-CODE");
            await Expect(page.GetByLabel("Certificate code")).ToHaveAttributeAsync("aria-invalid", "true");
            await PortalServer.ScreenshotAsync(page, "verify-bad-code");
        });

        // Issue 9: the administrator's certificate forms carried no antiforgery token and always failed with the
        // 400 page. The administrator re-issues it, then revokes it (a revoked certificate cannot be re-issued),
        // each with a typed reason that is kept; a visitor then sees "Revoked" on the public page.
        await server.OnNewPageAsync(async page =>
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
            await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await server.AnswerSecondStepAsync(page);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Certificates" }).ClickAsync();
            await page.GetByLabel("Find by name, e-mail or code").FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.Locator("[data-testid=certificate-list] a").First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(code);

            await page.GetByLabel("Reason for re-issuing").FillAsync("Name corrected at the holder's request");
            await page.GetByRole(AriaRole.Button, new() { Name = "Re-issue certificate" }).ClickAsync();
            await Expect(page.Locator("[data-testid=versions]")).ToContainTextAsync("Name corrected at the holder's request");
            await Expect(page.Locator("[data-testid=versions]")).ToContainTextAsync("2 (current)");

            await page.GetByLabel("Reason for revoking").FillAsync("Issued in error: the attendance was recorded against the wrong person");
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke certificate" }).ClickAsync();
            await Expect(page.Locator("[data-testid=certificate-state]")).ToContainTextAsync("Revoked");
            await Expect(page.Locator("[data-testid=certificate-state]")).ToContainTextAsync("Issued in error: the attendance was recorded against the wrong person");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-issue certificate" })).ToHaveCountAsync(0);
            await PortalServer.ScreenshotAsync(page, "admin-certificate-revoked");
        });

        await server.OnNewPageAsync(async page =>
        {
            await page.GotoAsync("/verify/" + code);
            await Expect(page.Locator("[data-testid=verify-status]")).ToContainTextAsync("Revoked");
            await Expect(page.Locator("[data-testid=verify-explanation]")).ToContainTextAsync("withdrawn");
            await PortalServer.ScreenshotAsync(page, "verify-revoked");
        });
    }
}
