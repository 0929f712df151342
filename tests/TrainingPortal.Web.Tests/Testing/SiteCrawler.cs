using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>One HTML page a role reached.</summary>
public sealed record CrawledPage(string Role, string Address, HttpStatusCode Status, string Html);

/// <summary>
/// Every page each role reaches over the demo data (Development seeds it): signs in as anonymous,
/// trainee, trainee holding a certificate, trainer and administrator, and follows every link and GET form
/// from the home page and the pages people reach from outside (mailed links, refused addresses). So that
/// pages added later are covered too, <see cref="UnreachedRoutes"/> names every GET route of the app that
/// no role reached and that is not listed in <see cref="NotPages"/>: guards built on the crawl assert it is empty.
/// Shared by a test class as its fixture (the crawl takes ~30 s).
/// </summary>
public sealed partial class CrawledSite : IAsyncLifetime
{
    /// <summary>GET routes that answer with something other than an HTML page (files, feeds, JSON), or only on an error.</summary>
    public static readonly HashSet<string> NotPages =
    [
        ".well-known/jwks.json",
        "credentials/status/{purpose}/{list}", // a status list credential (a JWT), named inside the credentials: Credentials/StatusListTests
        "calendar/{token}.ics",
        "admin/exports/enrollments.csv",
        "admin/exports/certificates.csv",
        "admin/exports/attendance.csv",
        "admin/exports/fees.csv",
        "admin/imports/enrollments/template.csv",
        "groups/{id:int}/attendance.csv",
        "certificates/{code}/pdf",
        "certificates/{code}/credential",
        "admin/certificates/{id:int}/versions/{number:int}/pdf",
        "files/{publicId}", // an uploaded evidence file (attachment): Features/Files/DownloadTests
        "transcript.pdf", "transcript.csv", // the transcript's downloads: Features/Transcript/TranscriptTests
        "admin/people/{personId}/transcript.pdf", "admin/people/{personId}/transcript.csv",
        "error",
        "error/{code:int}",
        "notifications/{id:long}", // opens one notification: marks it read and redirects to its page (Notifications/NotificationPageTests)
    ];

    /// <summary>
    /// Where each role starts: the home page, and the pages people reach from outside the site (a mailed
    /// link, a refused address) rather than by a link on a page.
    /// </summary>
    private static readonly string[] StartPages =
    [
        "/", "/account/login", "/account/register", "/account/forgot-password", "/verify", "/roster",
        "/account/access-denied", "/account/confirm-email?userId=someone&code=mailed", "/account/confirm-email-change?userId=someone&email=someone%40example.org&code=mailed", "/account/reset-password?userId=someone&code=mailed",
        "/references/a-rater-s-mailed-link", // a reference rater's form is reached only from the e-mailed link
        "/notifications/unsubscribe/a-mailed-link", // an e-mail's unsubscribe link
        "/programs/request-training/thanks", // reached only by sending the request form
    ];

    public static readonly (string Role, string? Email)[] Roles =
    [
        ("anonymous", null),
        ("trainee", "trainee@demo.local"),
        ("trainee with a certificate", "trainee6@demo.local"),
        ("trainee in a course", "trainee3@demo.local"), // Marcus: his course's readings page (/my/learning/{cohort})
        ("trainer", "trainer@demo.local"),
        ("MI Champion", "champion@demo.local"), // hosts the demo practice groups: their edit and session pages
        ("administrator", "admin@demo.local"),
        (BetweenSignInSteps, "admin@demo.local"),
    ];

    /// <summary>
    /// An administrator who has given the password and not yet the authenticator code: the only one who sees the
    /// second sign-in step's pages (the code page and the recovery-code page).
    /// </summary>
    public const string BetweenSignInSteps = "administrator between the two sign-in steps";

    /// <summary>At most this many addresses per route and role (e.g. three groups, three certificates).</summary>
    private const int PerRoute = 3;

    [GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    public static partial Regex FormPattern();

    [GeneratedRegex("\\bmethod=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    public static partial Regex MethodPattern();

    [GeneratedRegex("\\baction=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    public static partial Regex ActionPattern();

    [GeneratedRegex("\\bhref=\"([^\"#]*)[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();

    public PortalFactory Factory { get; } = new();

    public IReadOnlyList<CrawledPage> Pages { get; private set; } = [];

    public IReadOnlyList<string> Routes { get; private set; } = [];

    public IReadOnlyList<string> UnreachedRoutes { get; private set; } = [];

    /// <summary>The form's method, lower case ("get" when it has none).</summary>
    public static string MethodOf(Match form) =>
        MethodPattern().Match(form.Groups[1].Value) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : "get";

    private static bool Follow(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.StartsWith("/lib/", StringComparison.Ordinal) && !path.StartsWith("/css/", StringComparison.Ordinal)
        && !path.StartsWith("/js/", StringComparison.Ordinal) && !path.StartsWith("/openapi", StringComparison.Ordinal)
        && !path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/health", StringComparison.Ordinal)
        && !path.EndsWith(".ico", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        var routes = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.AttributeRouteInfo?.Template is not null)
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() is not { Count: > 0 } methods
                || methods.Contains("GET"))
            .Select(a => a.AttributeRouteInfo!.Template!)
            .Where(t => !t.StartsWith("api/", StringComparison.Ordinal))
            .Distinct()
            .OrderBy(t => t.Count(c => c == '{')) // a literal route (mi/trainers/profile) before the parameter that also matches it (mi/trainers/{id:int})
            .Select(t => (Template: t, Pattern: new Regex("^/" + Regex.Replace(Regex.Escape(t), @"\\\{[^}]*}", "[^/]+") + "$", RegexOptions.IgnoreCase)))
            .ToList();
        Routes = [.. routes.Select(r => r.Template)];
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pages = new List<CrawledPage>();

        foreach (var (role, email) in Roles)
        {
            using var client = role == BetweenSignInSteps ? await PasswordOnlyAsync(email!)
                : email is null ? Factory.CreatePortalClient() : await Factory.SignedInAsync(email, PortalClient.DemoPassword);
            var queue = new Queue<string>(role == BetweenSignInSteps ? ["/account/two-factor/sign-in"] : StartPages);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var perRoute = new Dictionary<string, int>(StringComparer.Ordinal);
            while (queue.TryDequeue(out var address))
            {
                if (!seen.Add(address))
                {
                    continue;
                }
                var route = routes.FirstOrDefault(r => r.Pattern.IsMatch(address.Split('?')[0]));
                var key = route.Template ?? address.Split('?')[0];
                if (perRoute.GetValueOrDefault(key) >= PerRoute)
                {
                    continue;
                }
                perRoute[key] = perRoute.GetValueOrDefault(key) + 1;

                using var response = await client.GetAsync(address);
                if (response.Headers.Location is { } location)
                {
                    if (!location.IsAbsoluteUri || location.Host == Factory.BaseAddress.Host)
                    {
                        queue.Enqueue(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
                    }
                    continue;
                }
                // Error pages (403 access denied, 404) are pages too: they carry the layout's sign-out form.
                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                if (route.Template is not null)
                {
                    reached.Add(route.Template);
                }
                var html = await response.Content.ReadAsStringAsync();
                pages.Add(new CrawledPage(role, address, response.StatusCode, html));

                foreach (Match link in HrefPattern().Matches(html))
                {
                    var href = WebUtility.HtmlDecode(link.Groups[1].Value);
                    if (Follow(href))
                    {
                        queue.Enqueue(href);
                    }
                }
                foreach (Match form in FormPattern().Matches(html))
                {
                    // A GET form's address is a page too (search and filter forms, the verify form).
                    if (MethodOf(form) == "get" && ActionPattern().Match(form.Groups[1].Value) is { Success: true } a
                        && Follow(WebUtility.HtmlDecode(a.Groups[1].Value)))
                    {
                        queue.Enqueue(WebUtility.HtmlDecode(a.Groups[1].Value));
                    }
                }
            }
        }
        Pages = pages;
        UnreachedRoutes = [.. Routes.Where(t => !reached.Contains(t) && !NotPages.Contains(t)).Order(StringComparer.Ordinal)];
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private async Task<HttpClient> PasswordOnlyAsync(string email)
    {
        await Factory.EnsureAdministratorTwoFactorAsync(email);
        var client = Factory.CreatePortalClient();
        var response = await client.LoginAsync(email, PortalClient.DemoPassword);
        Assert.True(response.IsSecondStep(), "The administrator's password should lead to the second sign-in step.");
        return client;
    }
}
