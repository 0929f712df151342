using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Features.References;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 12, done when: a new Level II applicant enters a degree with its transcript, 30 training hours, a work period,
/// 24 RSC hours and three raters; the raters answer from their e-mailed links in fresh browsers; the applicant signs the
/// ethics agreement, uploads a portfolio document, records the membership and submits; an administrator (a reviewer)
/// verifies every entry, approves the portfolio and approves the application; the certificate is issued and verifies
/// publicly. Every page is audited (axe-core, sideways scrolling).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EndorsementJourneyTests(PortalServer server)
{
    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public Task A_new_level_II_applicant_goes_from_an_empty_application_to_a_publicly_verified_endorsement() => server.OnNewPageAsync(async page =>
    {
        var applicant = await server.CreateUserAsync("Trainee");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1); // clear of the date line in any zone
        var enrollmentId = await server.WithDbAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == applicant);
            person.DisplayName = "Jordan Lee";
            person.CertificateName = "Jordan Lee";
            var enrollment = new Enrollment
            {
                PersonId = person.Id,
                ProgramKey = DefaultRuleSets.Keys.ImhEndorsementL2,
                RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.ImhEndorsementL2, today)!.Id,
                Status = EnrollmentStatus.Active,
                CreatedOn = today,
                CreatedUtc = DateTime.UtcNow,
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(applicant);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-testid=application-link]", new() { HasText = "Level II" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/endorsement/{enrollmentId}$"));

        // Education: a bachelor's degree with its official transcript.
        var education = page.Locator("[data-testid=application-section][data-key=education]");
        await education.GetByLabel("Degree or credential").SelectOptionAsync(new SelectOptionValue { Label = DisplayNames.Of(DegreeKind.BA) });
        await education.GetByLabel("Institution").FillAsync("State University");
        await education.GetByLabel("Date awarded").FillAsync(Iso(today.AddYears(-6)));
        await education.GetByLabel("Official transcript").SetInputFilesAsync(new FilePayload { Name = "transcript.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await education.GetByRole(AriaRole.Button, new() { Name = "Add the degree" }).ClickAsync();
        await Expect(page.Locator("[data-testid=degree-entry]", new() { HasText = "State University" }).Locator("[data-testid=file-link]")).ToBeVisibleAsync();

        // Training: two entries of 15 hours.
        foreach (var (title, daysAgo) in new[] { ("Attachment in the first year", 60), ("Home visiting with infants", 30) })
        {
            var training = page.Locator("[data-testid=application-section][data-key=training-hours]");
            await training.GetByLabel("Date of the training").FillAsync(Iso(today.AddDays(-daysAgo)));
            await training.GetByLabel("Title of the training").FillAsync(title);
            await training.GetByLabel("Provider (who gave the training)").FillAsync("State IMH Association");
            await training.GetByLabel("Clock hours", new() { Exact = true }).FillAsync("15");
            await training.GetByLabel("The training was relationship-based", new() { Exact = false }).CheckAsync();
            await training.GetByRole(AriaRole.Button, new() { Name = "Add the training" }).ClickAsync();
            await Expect(page.Locator("[data-testid=training-entry]", new() { HasText = title })).ToBeVisibleAsync();
        }

        // Work: five years of paid work with infants and families since the degree.
        var work = page.Locator("[data-testid=application-section][data-key=work-experience]");
        await work.GetByLabel("Kind of work").SelectOptionAsync(new SelectOptionValue { Label = DisplayNames.Of(WorkKind.InfantFamilyPaid) });
        await work.GetByLabel("From", new() { Exact = true }).FillAsync(Iso(today.AddYears(-5)));
        await work.GetByLabel("Employer").FillAsync("Family Center");
        await work.GetByLabel("Families served in this period").FillAsync("40");
        await work.GetByRole(AriaRole.Button, new() { Name = "Add the work period" }).ClickAsync();
        await Expect(page.Locator("[data-testid=application-section][data-key=work-experience]")).ToContainTextAsync("Family Center");

        // RSC: 24 hours with a Level III provider the reviewer will verify.
        var rsc = page.Locator("[data-testid=application-section][data-key=reflective-supervision]");
        await rsc.GetByLabel("Date of the session").FillAsync(Iso(today.AddDays(-90)));
        await rsc.GetByLabel("Hours", new() { Exact = true }).FillAsync("24");
        await rsc.GetByLabel("Group", new() { Exact = true }).CheckAsync();
        await rsc.GetByLabel("Name of the person who provided it").FillAsync("Dr. Morgan Ellis");
        await rsc.GetByLabel("Their endorsement").SelectOptionAsync(new SelectOptionValue { Label = DisplayNames.Of(EndorsementLevel.LevelIII) });
        await rsc.GetByRole(AriaRole.Button, new() { Name = "Add the session" }).ClickAsync();
        await Expect(page.Locator("[data-testid=application-section][data-key=reflective-supervision]")).ToContainTextAsync("Dr. Morgan Ellis");

        // Membership, ethics, portfolio.
        var membership = page.Locator("[data-testid=application-section][data-key=membership]");
        await membership.GetByLabel("Association", new() { Exact = true }).FillAsync("State Association for Infant Mental Health");
        await membership.GetByLabel("Member since").FillAsync(Iso(today.AddMonths(-3)));
        await membership.GetByLabel("Valid until (leave empty if it does not end)").FillAsync(Iso(today.AddMonths(9)));
        await membership.GetByLabel("An individual membership").CheckAsync();
        await membership.GetByRole(AriaRole.Button, new() { Name = "Record the membership" }).ClickAsync();
        await Expect(page.Locator("[data-testid=application-section][data-key=membership]")).ToContainTextAsync("State Association for Infant Mental Health");

        await page.GetByLabel("Your full name").FillAsync("jordan  lee");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Expect(page.Locator("[data-testid=ethics-signed]")).ToContainTextAsync("Signed by");

        await page.GetByLabel("What this document is").FillAsync("Reflective essay on a home visit");
        await page.Locator("[data-testid=application-section][data-key=portfolio]").GetByLabel("Document", new() { Exact = true }).SetInputFilesAsync(
            new FilePayload { Name = "essay.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the document" }).ClickAsync();
        await Expect(page.Locator("[data-testid=portfolio-entry]")).ToContainTextAsync("Reflective essay on a home visit");
        await PortalServer.ScreenshotAsync(page, "endorsement-evidence-entered");

        // Three raters, each answering from their mailed link in a fresh browser.
        var raters = new[]
        {
            ("Sam Supervisor", ReferenceSource.Supervisor, EndorsementLevel.LevelII),
            ("Dr. Morgan Ellis", ReferenceSource.RscProvider, EndorsementLevel.LevelIII),
            ("Pat Colleague", ReferenceSource.Other, EndorsementLevel.None),
        };
        var addresses = raters.ToDictionary(r => r.Item1, r => Address(r.Item1), StringComparer.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Name your raters and follow their answers" }).ClickAsync();
        foreach (var (name, source, _) in raters)
        {
            await page.GetByLabel("Rater's full name").FillAsync(name);
            await page.GetByLabel("Rater's e-mail address").FillAsync(addresses[name]);
            await page.GetByLabel("How the rater knows you").SelectOptionAsync(new SelectOptionValue { Label = ReferenceWords.Relationship(source) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"A link was e-mailed to {name}");
        }
        foreach (var (name, _, level) in raters)
        {
            await using var context = await server.NewContextAsync();
            var raterPage = await context.NewPageAsync();
            var audit = await PageAudit.AttachAsync(raterPage);
            await raterPage.GotoAsync(server.LastMailedLinkPath(addresses[name]));
            await Expect(raterPage.GetByRole(AriaRole.Heading, new() { Name = "Professional reference for Jordan Lee", Level = 1 })).ToBeVisibleAsync();
            await raterPage.GetByLabel("I recommend the applicant for this endorsement", new() { Exact = true }).CheckAsync();
            await raterPage.GetByLabel("Your own endorsement").SelectOptionAsync(new SelectOptionValue { Label = ReferenceWords.Level(level) });
            await raterPage.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }).ClickAsync();
            await Expect(raterPage.Locator("[data-testid=reference-received]")).ToContainTextAsync("Jordan Lee");
            await audit.FinishAsync();
            Assert.Empty(audit.Problems);
        }
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=references]")).Not.ToContainTextAsync("not yet opened");

        // Submit for review.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your application" }).ClickAsync();
        await page.GetByLabel("I confirm that the information in this application is true").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("under review");
        await PortalServer.ScreenshotAsync(page, "endorsement-submitted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The administrator reviews: verifies every entry, approves the portfolio, then the application.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(PortalServer.DemoAdministrator);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Jordan Lee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review: Jordan Lee", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=entry-file]")).ToContainTextAsync("transcript.pdf");
        await Expect(page.Locator("[data-testid=portfolio-documents]")).ToContainTextAsync("Reflective essay on a home visit");
        await Expect(page.Locator("[data-testid=snapshot]")).ToBeVisibleAsync();
        var pending = page.Locator("[data-testid=review-entry][data-state=Pending]");
        Assert.Equal(6, await pending.CountAsync()); // degree, two trainings, work, RSC, membership
        while (await pending.CountAsync() > 0)
        {
            await pending.First.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Verified");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the portfolio (today)" }).ClickAsync();
        await Expect(page.Locator("[data-testid=portfolio-state]")).ToContainTextAsync("Approved on");
        var statuses = await page.Locator("[data-testid=review-section]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.key + '=' + e.dataset.status + ': ' + e.innerText.slice(0, 300).replace(/\\s+/g, ' '))");
        Assert.True(statuses.All(x => x.Contains("=Met", StringComparison.Ordinal)), string.Join("\n", statuses));
        await Expect(page.Locator("[data-testid=overall-status]")).ToHaveTextAsync("All requirements met");
        await PortalServer.ScreenshotAsync(page, "endorsement-review-eligible");
        await page.Locator("[data-testid=approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=approved]")).ToBeVisibleAsync();
        var verifyLink = page.Locator("[data-testid=certificate-link]");
        var href = await verifyLink.GetAttributeAsync("href");
        Assert.NotNull(href);

        // Anyone verifies the certificate, without an account.
        await using (var anyone = await server.NewContextAsync())
        {
            var publicPage = await anyone.NewPageAsync();
            await publicPage.GotoAsync(href!);
            await Expect(publicPage.Locator("main")).ToContainTextAsync("Jordan Lee");
            await Expect(publicPage.Locator("main")).ToContainTextAsync("Level II");
            await Expect(publicPage.Locator("main")).ToContainTextAsync("Valid");
            await PortalServer.ScreenshotAsync(publicPage, "endorsement-verified");
        }
    });

    private static string Address(string name) =>
        Regex.Replace(name.ToLowerInvariant(), "[^a-z]+", "-").Trim('-') + "-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
}
