using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// A holder's certificates on their home page and a certificate's own page (downloads, "Add to LinkedIn profile"), and
/// the administrator's certificate pages. (Approving and
/// verifying are in <see cref="ApprovalsJourneyTests"/>: the demo has one eligible trainee to approve.)
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CertificateJourneyTests(PortalServer server)
{
    [Fact]
    public Task A_holder_sees_their_certificate_on_the_home_page_and_the_administrator_its_versions() => server.OnNewPageAsync(async page =>
    {
        // Grace holds the demo's Rostered MIO Clinician certificate.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee6@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var held = page.Locator("[data-testid=held-certificate]").Filter(new() { HasText = "Rostered MIO Clinician" });
        await Expect(held).ToContainTextAsync("Valid");
        await Expect(held.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "home-certificates");
        var download = await page.RunAndWaitForDownloadAsync(() => held.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);

        // Her certificate's page: the downloads and "Add to LinkedIn profile", which opens LinkedIn's form in a new tab.
        await held.GetByRole(AriaRole.Link, new() { Name = "Share it or add it to your LinkedIn profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rostered MIO Clinician", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the digital badge (Open Badges 3.0)" })).ToBeVisibleAsync();
        var linkedIn = page.GetByRole(AriaRole.Link, new() { Name = "Add to LinkedIn profile (opens LinkedIn in a new tab)" });
        await Expect(linkedIn).ToBeVisibleAsync();
        await Expect(linkedIn).ToHaveAttributeAsync("target", "_blank");
        await Expect(linkedIn).ToHaveAttributeAsync("href", new Regex("^https://www\\.linkedin\\.com/profile/add\\?startTask=CERTIFICATION_NAME&name=Rostered%20MIO%20Clinician&organizationName=Northfield%20Institute%20for%20Infant%20and%20Family%20Training&issueYear=\\d{4}&issueMonth=\\d{1,2}&certUrl=https?%3A%2F%2F[^&]+%2Fverify%2F[^&]+&certId=[0-9A-Z-]{14}$"));
        await PortalServer.ScreenshotAsync(page, "held-certificate");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Certificates" }).ClickAsync();
        await page.GetByLabel("Find by name, e-mail or code").FillAsync("Grace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await PortalServer.ScreenshotAsync(page, "admin-certificates");
        await page.Locator("[data-testid=certificate-list] a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=versions]")).ToContainTextAsync("First issue");
        await Expect(page.GetByLabel("Reason for re-issuing")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "admin-certificate");
    });
}
