using TrainingPortal.BrowserTests.Infrastructure;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// The audit every journey runs (<see cref="PageAudit"/>) finds what it is there to find: a page that fits 1280 px but
/// not a 390 px phone is reported with the element that sticks out; the same page made to fit is not; a field without
/// a label is reported by axe-core (loaded into the page from the app's address only when the page is audited in full).
/// The pages are served by the test on the app's own address (no Content-Security-Policy on them).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PageAuditTests(PortalServer server)
{
    private static string Probe(string name, string paragraphStyle) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Audit probe {name}</title></head>
        <body><main><h1>Audit probe</h1><p id="probe" style="{paragraphStyle}">A paragraph of text.</p><a href="/audit-probe/fits">Next</a></main></body></html>
        """;

    /// <summary>
    /// Answers the page's <c>/audit-probe/…</c> addresses with <paramref name="body"/> (given the address) and attaches the
    /// audit. The route comes first, so the audit's own handler, attached after, runs before it and holds each navigation
    /// until the page being left has reported, as it does for the app's pages.
    /// </summary>
    private static async Task<PageAudit> AuditProbesAsync(Microsoft.Playwright.IPage page, Func<string, string> body)
    {
        await page.RouteAsync("**/audit-probe/*", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Body = body(route.Request.Url),
        }));
        return await PageAudit.AttachAsync(page);
    }

    [Fact]
    public async Task A_page_wider_than_a_phone_is_reported_and_one_that_fits_is_not()
    {
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        var audit = await AuditProbesAsync(page, url => url.EndsWith("/wide", StringComparison.Ordinal)
            ? Probe("wide", "width: 600px")
            : Probe("fits", "max-width: 600px"));

        await page.GotoAsync("/audit-probe/fits");
        await audit.WaitForCurrentAsync();
        Assert.Empty(audit.Problems);

        // Leaving at once: the page is checked while the test's navigation waits for it.
        await page.GotoAsync("/audit-probe/wide");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await audit.FinishAsync();
        var problem = Assert.Single(audit.Problems);
        Assert.StartsWith("/audit-probe/wide: scrolls sideways on a 390 px phone", problem, StringComparison.Ordinal);
        Assert.Contains("p#probe", problem, StringComparison.Ordinal);
        Assert.Equal(2, audit.Audited.Count); // the second visit of the fitting page repeats what was audited
    }

    [Fact]
    public async Task A_field_without_a_label_is_reported_by_axe_core()
    {
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        var audit = await AuditProbesAsync(page, _ => """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Audit probe unlabelled field</title></head>
            <body><main><h1>Audit probe</h1><form><input id="nameless" type="text"></form></main></body></html>
            """);

        await page.GotoAsync("/audit-probe/unlabelled");
        await audit.FinishAsync();

        var problem = Assert.Single(audit.Problems);
        Assert.StartsWith("/audit-probe/unlabelled: critical label", problem, StringComparison.Ordinal);
        Assert.Contains("#nameless", problem, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script").CountAsync()); // axe-core's script element is gone again
    }
}
