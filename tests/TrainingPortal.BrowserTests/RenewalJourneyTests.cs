using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Certificates;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 12, done when (renewal): José (demo) holds Level III and is renewing it with 10 of the year's 15 hours. He logs
/// 5 more hours and renews his membership on the same application page and submits; an administrator verifies the
/// entries and approves; the Level III certificate's public check then says it is valid a year longer.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RenewalJourneyTests(PortalServer server)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public Task An_endorsed_person_logs_the_years_hours_renews_membership_is_approved_and_the_endorsement_runs_a_year_longer() => server.OnNewPageAsync(async page =>
    {
        var (renewalId, code, through) = await server.WithDbAsync(async db =>
        {
            var jose = await db.Users.SingleAsync(u => u.Email == "trainee5@demo.local");
            var renewal = await db.Enrollments.SingleAsync(e => e.PersonId == jose.Id && e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal && e.Status == EnrollmentStatus.Active);
            var level3 = await db.Certificates.SingleAsync(c => c.PersonId == jose.Id && c.ProgramKey == DefaultRuleSets.Keys.ImhEndorsementL3);
            return (renewal.Id, CertificateCodes.Format(level3.Code!), level3.ValidThrough!.Value);
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("trainee5@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"/endorsement/{renewalId}");
        await Expect(page.Locator("h1")).ToContainTextAsync("yearly renewal");

        var training = page.Locator("[data-testid=application-section][data-key=annual-training]");
        await training.GetByLabel("Date of the training").FillAsync(Iso(today.AddDays(-3)));
        await training.GetByLabel("Title of the training").FillAsync("Supporting parents of premature infants");
        await training.GetByLabel("Provider (who gave the training)").FillAsync("Regional IMH network");
        await training.GetByLabel("Clock hours", new() { Exact = true }).FillAsync("5");
        await training.GetByLabel("The training was relationship-based", new() { Exact = false }).CheckAsync();
        await training.GetByRole(AriaRole.Button, new() { Name = "Add the training" }).ClickAsync();
        await Expect(page.Locator("[data-testid=training-entry]", new() { HasText = "Supporting parents of premature infants" })).ToBeVisibleAsync();

        var membership = page.Locator("[data-testid=application-section][data-key=membership-renewed]");
        await membership.GetByLabel("Association", new() { Exact = true }).FillAsync("State Association for Infant Mental Health");
        await membership.GetByLabel("Member since").FillAsync(Iso(today));
        await membership.GetByLabel("Valid until (leave empty if it does not end)").FillAsync(Iso(today.AddYears(1)));
        await membership.GetByLabel("An individual membership").CheckAsync();
        await membership.GetByRole(AriaRole.Button, new() { Name = "Record the membership" }).ClickAsync();
        await Expect(page.Locator("[data-testid=application-section][data-key=membership-renewed]")).ToContainTextAsync(DateDisplay.Date(today.AddYears(1)));

        await page.GetByLabel("I confirm that the information in this application is true").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("under review");
        await PortalServer.ScreenshotAsync(page, "renewal-submitted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(PortalServer.DemoAdministrator);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await page.Locator($"a[href='/reviews/{renewalId}']").ClickAsync();
        var pending = page.Locator("[data-testid=review-entry][data-state=Pending]");
        while (await pending.CountAsync() > 0)
        {
            await pending.First.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Verified");
        }
        await Expect(page.Locator("[data-testid=overall-status]")).ToHaveTextAsync("All requirements met");
        await page.Locator("[data-testid=approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=approved]")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "renewal-approved");

        // The Level III endorsement now runs a year longer, as anyone can check.
        await using var anyone = await server.NewContextAsync();
        var check = await anyone.NewPageAsync();
        await check.GotoAsync($"/verify/{code}");
        await Expect(check.Locator("[data-testid=verify-explanation]")).ToContainTextAsync("renewal is next due by " + DateDisplay.Date(through.AddYears(1)));
    });
}
