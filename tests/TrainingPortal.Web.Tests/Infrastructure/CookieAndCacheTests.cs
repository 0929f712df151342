using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Infrastructure;

using TrainingPortal.Web.Tests.Identity;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>Production with the certificate settings filled in, so certificates can be issued.</summary>
public sealed class ProductionCertificatesFactory : ProductionPortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Certificates:IssuerName", "Northfield Institute");
        builder.UseSetting("Certificates:SignatoryName", "Dr. Elena Marsh");
        builder.UseSetting("Certificates:SignatoryTitle", "Director of Training");
    }
}

/// <summary>
/// Issue 9: the TempData cookie is __Host- prefixed and Secure in Production; certificate PDFs and credentials — and
/// every other file an action sends — carry Cache-Control: no-store.
/// </summary>
public sealed class CookieAndCacheTests(ProductionCertificatesFactory factory) : IClassFixture<ProductionCertificatesFactory>
{
    [Fact]
    public async Task The_tempdata_cookie_is_host_prefixed_secure_httponly_and_lax()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await ServerSessionTests.LogoutAsync(client); // sets the "You have signed out." notice

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentitySetup.TempDataCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider", StringComparison.Ordinal));
        Assert.Contains("You have signed out", PortalClient.Decode(await client.GetStringAsync("/account/login")));
    }

    [Fact]
    public async Task Certificate_pdfs_and_credentials_are_not_stored_by_browsers_or_proxies()
    {
        var (personId, email, certificate) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.MioRostering, factory.PortalToday().AddDays(-3));
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == personId);
            person.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>().HashPassword(person, TestUsers.Password);
            await db.SaveChangesAsync();
        }
        var holder = await factory.SignedInAsync(email, TestUsers.Password);
        var admin = await factory.SignedInAsync((await factory.CreateAsync(Roles.Administrator)).Email!, TestUsers.Password);
        var code = CertificateCodes.Format(certificate.Code!);

        foreach (var (client, path) in new[]
        {
            (holder, $"/certificates/{code}/pdf"),
            (holder, $"/certificates/{code}/credential"),
            (admin, $"/admin/certificates/{certificate.CertificateId}/versions/1/pdf"),
        })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} lacks Cache-Control: no-store ({response.Headers.CacheControl})");
        }
    }

    [Fact]
    public void Every_file_an_action_sends_gets_no_store_unless_it_sets_its_own()
    {
        var filters = factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value.Filters;

        Assert.Contains(filters, f => f is NoStoreFiles);
    }

    /// <summary>
    /// Guard: a Cache-Control other than no-store is a decision, listed here with its reason; anything else in the
    /// source fails this test.
    /// </summary>
    [Fact]
    public void Only_listed_responses_allow_caching()
    {
        var allowed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Features/Calendar/CalendarController.cs"] = "the calendar feed: calendar apps poll it; private, 15 minutes",
            ["Features/Credentials/CredentialKeysController.cs"] = "the public key set: public by nature, 5 minutes",
            ["Features/Credentials/StatusListsController.cs"] = "the credentials' status lists: public by nature, 5 minutes (the lists' ttl)",
        };
        var web = Path.Combine(NoAbsoluteUrlFromRequestTests.RepoRoot(), "src", "TrainingPortal.Web");
        var setters = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select(line => (File: Path.GetRelativePath(web, f).Replace('\\', '/'), Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"CacheControl\s*=|ResponseCache\(|Cache-Control"))
            .ToList();

        var offenders = setters
            .Where(l => !Regex.IsMatch(l.Text, @"""no-store""|NoStore = true|Cache-Control: no-store|<c>Cache-Control|///"))
            .Where(l => !allowed.ContainsKey(l.File))
            .Select(l => $"{l.File}: {l.Text.Trim()}")
            .ToList();

        Assert.NotEmpty(setters);
        Assert.True(offenders.Count == 0, "Cache-Control other than no-store:\n" + string.Join("\n", offenders));
    }
}
