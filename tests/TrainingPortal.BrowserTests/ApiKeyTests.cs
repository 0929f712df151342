using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>An administrator creates and revokes an API key, and calls the API from the browser.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class ApiKeyTests(PortalServer server)
{
    [GeneratedRegex("^tp_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();

    private async Task SignInAsAdministratorAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Signed in as admin@demo.local");
    }

    [Fact]
    public Task Administrator_creates_a_key_sees_it_once_and_revokes_it() => server.OnNewPageAsync(async page =>
    {
        await SignInAsAdministratorAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a key" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("Say what the key is for");

        var name = "Browser journey " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("What the key is for").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("it will not be shown again");
        var key = await page.GetByLabel($"Key for \"{name}\"").InputValueAsync();
        Assert.Matches(KeyPattern(), key);
        await PortalServer.ScreenshotAsync(page, "api-key-created");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to API keys" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync(key[..12] + "…");
        await Expect(row).ToContainTextAsync("never");
        Assert.DoesNotContain(key[12..], await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke the key {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("has been revoked");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Revoked");
        await PortalServer.ScreenshotAsync(page, "api-keys-list");
    });

    [Fact]
    public Task Administrator_session_calls_the_api_from_the_page_with_json_only() => server.OnNewPageAsync(async page =>
    {
        await SignInAsAdministratorAsync(page);

        var json = await page.EvaluateAsync<string>("""
            async () => {
              const body = JSON.stringify({ ruleSet: "imh-course", asOf: "2026-11-23", evidence: {} });
              const asJson = await fetch("/api/v1/eligibility/evaluate", { method: "POST", headers: { "Content-Type": "application/json" }, body });
              const asText = await fetch("/api/v1/eligibility/evaluate", { method: "POST", headers: { "Content-Type": "text/plain" }, body });
              return JSON.stringify({ json: asJson.status, verdict: (await asJson.json()).status, text: asText.status, textType: asText.headers.get("content-type") });
            }
            """);

        using var result = JsonDocument.Parse(json);
        Assert.Equal(200, result.RootElement.GetProperty("json").GetInt32());
        Assert.Equal("NotYetEligible", result.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(415, result.RootElement.GetProperty("text").GetInt32());
        Assert.StartsWith("application/problem+json", result.RootElement.GetProperty("textType").GetString(), StringComparison.Ordinal);
    });
}
