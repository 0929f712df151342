using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>A portal whose public address differs from the address the tests' requests use.</summary>
public sealed class PublicAddressFactory : PortalFactory
{
    public const string Public = "https://training.example.org";

    protected override string PublicBaseUrl => Public;
}

public sealed class ProductionPublicAddressFactory : ProductionPortalFactory
{
    protected override string PublicBaseUrl => "https://portal.test";
}

/// <summary>
/// Every mailed, printed or signed link is built from Portal:PublicBaseUrl, never from the request's Host header
/// (issue 9: a reset link to evil.example carrying the victim's token); outside Development other hosts get 400.
/// </summary>
public sealed class PublicAddressTests(PublicAddressFactory factory) : IClassFixture<PublicAddressFactory>
{
    private HttpClient EvilHostClient() => factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false });

    [Fact]
    public async Task Forgot_password_with_a_forged_host_mails_a_link_to_the_configured_address()
    {
        var user = await factory.CreateAsync();

        var response = await EvilHostClient().PostFormAsync("/account/forgot-password", ("Email", user.Email!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = factory.LastTo(user.Email!).TextBody;
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PublicAddressFactory.Public + "/account/reset-password?userId=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_and_already_registered_mails_link_to_the_configured_address()
    {
        var address = $"new-{Guid.NewGuid():N}@test.local";
        await EvilHostClient().PostFormAsync("/account/register",
            ("DisplayName", "Kim Doe"), ("Email", address), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password));
        var confirmation = factory.LastTo(address).TextBody;

        await EvilHostClient().PostFormAsync("/account/register",
            ("DisplayName", "Kim Doe"), ("Email", address), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password));
        var taken = factory.LastTo(address).TextBody;

        Assert.Contains(PublicAddressFactory.Public + "/account/confirm-email?userId=", confirmation, StringComparison.Ordinal);
        Assert.Contains(PublicAddressFactory.Public + "/account/login", taken, StringComparison.Ordinal);
        Assert.Contains(PublicAddressFactory.Public + "/account/forgot-password", taken, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", confirmation + taken, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_calendar_feed_address_is_on_the_configured_address()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user.Email!, TestUsers.Password)).StatusCode);

        var html = await (await client.PostFormAsync("/profile/calendar")).Content.ReadAsStringAsync();

        Assert.Matches("id=\"calendar-url\" class=\"form-control\" readonly value=\"" + Regex.Escape(PublicAddressFactory.Public) + "/calendar/", html);
    }

    [Fact]
    public async Task A_certificate_verification_link_and_badge_issuer_are_on_the_configured_address()
    {
        var (_, _, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-3));

        var version = await factory.WithDbAsync(db => db.CertificateVersions.AsNoTracking().SingleAsync(v => v.CertificateId == certificate.CertificateId));

        Assert.Equal(PublicAddressFactory.Public + "/verify/" + CertificateCodes.Format(certificate.Code!), version.VerificationUrl);
        var payload = Credentials.Badges.Part(version.CredentialJwt!, 1);
        Assert.Equal(PublicAddressFactory.Public, (string)payload["iss"]!);
    }
}

/// <summary>Outside Development the public address is required, must be https, and decides which Host is answered.</summary>
public sealed class ProductionPublicAddressTests(ProductionPublicAddressFactory factory) : IClassFixture<ProductionPublicAddressFactory>
{
    [Fact]
    public async Task A_request_for_another_host_is_refused_before_any_page_runs()
    {
        var user = await factory.CreateAsync();
        var evil = factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false });
        var mailsBefore = factory.CountTo(user.Email!);

        var page = await evil.GetAsync("/account/forgot-password");
        var post = await evil.PostAsync("/account/forgot-password", new FormUrlEncodedContent([new("Email", user.Email!)]));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(mailsBefore, factory.CountTo(user.Email!));
    }

    [Fact]
    public async Task The_configured_host_is_answered_and_mails_link_to_it()
    {
        var user = await factory.CreateAsync();

        var response = await factory.CreatePortalClient().PostFormAsync("/account/forgot-password", ("Email", user.Email!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://portal.test/account/reset-password?userId=", factory.LastTo(user.Email!).TextBody, StringComparison.Ordinal);
    }

    private sealed class Configured(string? portal, string? certificates) : ProductionPortalFactory
    {
        protected override string PublicBaseUrl => portal ?? "";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (certificates is not null)
            {
                builder.UseSetting("Certificates:PublicBaseUrl", certificates);
            }
        }
    }

    private static string StartupFailure(string? portal, string? certificates = null)
    {
        using var app = new Configured(portal, certificates);
        var failure = Record.Exception(() => app.Services);
        return failure?.ToString() ?? "";
    }

    [Fact]
    public void The_app_does_not_start_without_a_public_address()
    {
        Assert.Contains("Portal:PublicBaseUrl is not set", StartupFailure(null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://portal.test", "must be an https address")]
    [InlineData("portal.test", "must be the portal's public address")]
    [InlineData("https://portal.test/?x=1", "must be the portal's public address")]
    public void The_app_does_not_start_with_an_unusable_public_address(string value, string message)
    {
        Assert.Contains(message, StartupFailure(value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_older_certificates_setting_still_works()
    {
        using var app = new Configured(null, "https://portal.test/");
        Assert.Equal("https://portal.test", app.Services.GetRequiredService<Web.Infrastructure.PublicAddress>().Base);
        Assert.Equal(HttpStatusCode.OK, (await app.CreatePortalClient().GetAsync("/account/login")).StatusCode);
    }
}

/// <summary>
/// Guard for the whole class of bug: no code builds an absolute address from the request (its scheme and Host
/// header are the client's to choose); absolute links come from <c>PublicAddress</c> only.
/// </summary>
public sealed class NoAbsoluteUrlFromRequestTests
{
    private static readonly Regex Forbidden = new(
        @"Request\.(Scheme|Host)\b|\.(ActionLink|PageLink)\(|GetUriBy(Action|Name|Page|Address)\(|GetDisplayUrl\(|GetEncodedUrl\(|protocol:|Url\.(Action|RouteUrl)\([^;]*Request\.",
        RegexOptions.Compiled);

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrainingPortal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (TrainingPortal.sln) was not found.");
    }

    [Fact]
    public void No_source_file_builds_an_absolute_address_from_the_request()
    {
        var web = Path.Combine(RepoRoot(), "src", "TrainingPortal.Web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var offenders = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => Forbidden.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(files.Count > 50, "the source files were not found");
        Assert.True(offenders.Count == 0, "Build absolute links with PublicAddress (Url.PublicAction), not from the request:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_guard_recognises_the_patterns_it_forbids()
    {
        Assert.Matches(Forbidden, "var a = $\"{Request.Scheme}://{Request.Host}/x\";");
        Assert.Matches(Forbidden, "Url.Action(nameof(Login), null, null, Request.Scheme)");
        Assert.Matches(Forbidden, "Url.ActionLink(\"x\")");
        Assert.Matches(Forbidden, "links.GetUriByAction(HttpContext, \"x\")");
        Assert.DoesNotMatch(Forbidden, "Url.PublicAction(nameof(Login))");
    }
}
