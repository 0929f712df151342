using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>An administrator finds, creates and withdraws enrollments in a real Chromium (the only browser test that signs in as admin@).</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class EnrollmentJourneyTests(PortalServer server)
{
    [Fact]
    public Task Administrator_enrolls_a_demo_trainee_is_told_about_a_duplicate_and_withdraws_it() => server.OnNewPageAsync(async page =>
    {
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = [];" +
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Enrollments", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrollments", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=enrollments]")).ToContainTextAsync("Dana Reyes"); // the demo seed
        await page.GetByLabel("Program", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "MIO clinician training: rostering" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("program=mio-rostering"));
        await Expect(page.Locator("[data-testid=enrollments]")).Not.ToContainTextAsync("Hannah Kowalski");
        await PortalServer.ScreenshotAsync(page, "enrollments");

        await page.GetByRole(AriaRole.Link, new() { Name = "Enroll a person" }).ClickAsync();
        await page.GetByLabel("Person (e-mail address)").FillAsync("trainee4@demo.local");
        await page.GetByLabel("Program", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "IMH Endorsement Level I — Infant Family Associate" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Hannah Kowalski is enrolled in IMH Endorsement Level I");

        // The same again: a message next to the program, focus on the summary, the typed address kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Enroll a person" }).ClickAsync();
        await page.GetByLabel("Person (e-mail address)").FillAsync("trainee4@demo.local");
        await page.GetByLabel("Program", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "IMH Endorsement Level I — Infant Family Associate" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll" }).ClickAsync();
        var summary = page.Locator("[data-testid=error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Hannah Kowalski is already enrolled in this program");
        await Expect(page.GetByLabel("Program", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Person (e-mail address)")).ToHaveValueAsync("trainee4@demo.local");
        await PortalServer.ScreenshotAsync(page, "enroll-duplicate");

        await page.GotoAsync("/admin/enrollments?program=imh-endorsement-l1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw Hannah Kowalski from IMH Endorsement Level I — Infant Family Associate" }).ClickAsync();
        await page.GetByLabel("Reason for withdrawing").FillAsync("Enrolled by mistake in the demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The enrollment has been withdrawn.");
        await Expect(page.Locator("[data-testid=enrollments]")).ToContainTextAsync("Enrolled by mistake in the demo");

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
    });
}
