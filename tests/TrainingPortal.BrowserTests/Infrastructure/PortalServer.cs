using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingPortal.Web.Features.TwoFactor;
using TrainingPortal.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests.Infrastructure;

/// <summary>
/// Runs the real app on Kestrel on a free loopback port, over a fresh SQLite database file of its own,
/// in Development (so the demo accounts are seeded), and one headless Debian Chromium driven by
/// Playwright. Shared by every browser test; each test opens its own <see cref="IBrowserContext"/>.
/// <para>
/// The app serves HTTPS with a throwaway self-signed certificate for localhost made here, so the
/// browser sees Secure cookies as in production (in Development the cookies follow the request's
/// scheme, which is what lets `dotnet run` work on plain http://localhost; ADR-006). Chromium is told
/// to accept that one untrusted certificate.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class PortalServer : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Portal-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tp-browser-tests", Guid.NewGuid().ToString("N"));
    private KestrelPortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private X509Certificate2? _certificate;

    /// <summary>https://localhost:PORT/ (the host name the certificate is for).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the tests write screenshots: bin/.../screenshots.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);

        // Chromium starts while the app starts (migrations, demo data): neither waits for the other, and both have
        // finished (or failed) before this returns.
        var browserUp = StartBrowserAsync();
        var appUp = Task.Run(StartAppAsync);
        await Task.WhenAll(browserUp, appUp);

        // The machine is busy (CI runs the other test projects at the same time on 2 cores, both fully used): allow 20 s,
        // not Playwright's 5. A passing test never waits for it; only a failing one takes longer to say so.
        Assertions.SetDefaultExpectTimeout(20_000);
        await File.WriteAllTextAsync(Path.Combine(ScreenshotFolder, "startup.txt"),
            $"app up (migrate + seed) {appUp.Result.TotalSeconds:0.0} s, browser up {browserUp.Result.TotalSeconds:0.0} s, side by side: {clock.Elapsed.TotalSeconds:0.0} s; {BaseAddress}; {ChromiumPath} {Browser.Version}\n");
    }

    /// <summary>Starts the app on Kestrel and prepares the demo data the tests expect; returns how long that took.</summary>
    private async Task<TimeSpan> StartAppAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _certificate = CreateLocalhostCertificate();
        _factory = new KestrelPortalFactory(_folder);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _factory.StartServer();

        var address = _factory.ClientOptions.BaseAddress;
        if (address.Scheme != Uri.UriSchemeHttps || !address.IsLoopback || address.IsDefaultPort || address.Port == 0)
        {
            throw new InvalidOperationException($"Expected the app on a real https loopback port, got {address}.");
        }
        BaseAddress = new UriBuilder(address) { Host = "localhost", Path = "/" }.Uri;
        // Administrators must sign in with two steps: the demo administrator has it set up, as a real one would.
        await WithUsersAsync(async users =>
        {
            var admin = await users.FindByEmailAsync(DemoAdministrator) ?? throw new InvalidOperationException("No demo administrator.");
            await users.ResetAuthenticatorKeyAsync(admin);
            await users.SetTwoFactorEnabledAsync(admin, true);
            return 0;
        });
        await AddLongUnbrokenTextAsync();
        return clock.Elapsed;
    }

    /// <summary>
    /// The browser: <c>CHROMIUM_PATH</c> when set; otherwise Debian's Chromium headless shell when installed (the same
    /// engine without the desktop browser around it: the browser suite took 339 s and 643 CPU-s with it against about
    /// 600 s with the full browser, docs/performance.md); otherwise Debian's Chromium.
    /// </summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell"
        : "/usr/bin/chromium";

    /// <summary>Starts Playwright and one headless Chromium; returns how long that took.</summary>
    private async Task<TimeSpan> StartBrowserAsync()
    {
        await Task.Yield(); // the caller goes on to start the app meanwhile
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return clock.Elapsed;
    }

    /// <summary>A fresh browser context (its own cookies and storage) whose relative URLs go to the app.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            IgnoreHTTPSErrors = true, // the throwaway certificate above is not trusted by anyone
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            // A person who asked their system for less motion, as many do: the site has no motion of its own, only
            // Bootstrap's short fades (buttons, fields, progress bars), which it switches off for them. The pages and
            // screenshots are the same at rest; the browser draws fewer frames (browser suite alone, alternating runs:
            // 397 and 422 CPU-s with it, 411 and 434 without) and the audit meets no fade halfway.
            ReducedMotion = ReducedMotion.Reduce,
        });
        // Generous for a loaded CI machine (see SetDefaultExpectTimeout above), still short of Playwright's 30 s.
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(25_000);
        return context;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a new page in a fresh context, auditing every page it loads
    /// (<see cref="PageAudit"/>: axe-core, sideways scrolling at 1280 and 390 px); the test fails if any page
    /// had a problem. On failure it saves <c>screenshots/failed-TEST.png</c> and adds the page address and its
    /// console output to the error.
    /// </summary>
    public async Task OnNewPageAsync(Func<IPage, Task> body, [CallerMemberName] string test = "")
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) { console.Add($"{message.Type}: {message.Text}"); } };
        page.PageError += (_, error) => { lock (console) { console.Add($"pageerror: {error}"); } };
        var audit = await PageAudit.AttachAsync(page);
        try
        {
            await body(page);
            await audit.FinishAsync();
            await SummaryLock.WaitAsync();
            try
            {
                await File.AppendAllLinesAsync(Path.Combine(ScreenshotFolder, "audited-pages.txt"), [$"{test}: {audit.Audited.Count} pages ({audit.Counts})"]);
            }
            finally
            {
                SummaryLock.Release();
            }
            if (audit.Problems.Count > 0)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{audit.Problems.Count} problem(s) on the pages this test visited (axe-core serious/critical, sideways scrolling):\n  "
                    + string.Join("\n  ", audit.Problems));
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            try
            {
                await ScreenshotAsync(page, "failed-" + test);
            }
            catch (Exception screenshot) when (screenshot is PlaywrightException or TimeoutException)
            {
                // The page may be gone or stuck; the original failure matters more.
            }
            string log;
            lock (console) { log = console.Count == 0 ? "(none)" : string.Join("\n  ", console); }
            throw new Xunit.Sdk.XunitException(
                $"{failure.GetType().Name}: {failure.Message}\nPage: {page.Url}\nScreenshot: screenshots/failed-{test}.png\nConsole:\n  {log}\n{failure.StackTrace}");
        }
    }

    public const string DemoAdministrator = "admin@demo.local";

    /// <summary>
    /// Answers the second sign-in step with the code an authenticator app would show now for <paramref name="email"/>
    /// (RFC 6238 from the stored key). The app accepts each 30-second code once; when this person's current code was
    /// used already (tests sign the demo administrator in several times a minute), the record of it is forgotten
    /// first — standing for a person who waited for the next code.
    /// </summary>
    public async Task AnswerSecondStepAsync(IPage page, string email = DemoAdministrator)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your sign-in code", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("6-digit code").FillAsync(await CurrentCodeAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// Signs <paramref name="email"/> in with the demo password from the sign-in page and waits for the home page;
    /// answers the second step when the account has one (an administrator).
    /// </summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Welcome|Enter your sign-in code"));
        if (await page.GetByLabel("6-digit code").CountAsync() > 0)
        {
            await AnswerSecondStepAsync(page, email);
        }
        await Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
    }

    /// <summary>The code <paramref name="email"/>'s authenticator app shows now, never one already used.</summary>
    public Task<string> CurrentCodeAsync(string email) => WithUsersAsync(async users =>
    {
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No account " + email);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key for " + email);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var last = await users.GetAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.LastStepToken);
        if (long.TryParse(last, CultureInfo.InvariantCulture, out var used) && used >= step)
        {
            await users.RemoveAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.LastStepToken);
        }
        return Totp.Code(key, step);
    });

    /// <summary>Creates a confirmed account with the demo password in <paramref name="role"/>; returns its address.</summary>
    public Task<string> CreateUserAsync(string role) => WithUsersAsync(async users =>
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "New " + role, CertificateName = "New " + role };
        if (!(await users.CreateAsync(user, DemoPassword)).Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the test account.");
        }
        return email;
    });

    /// <summary>Runs <paramref name="action"/> with a fresh scope's database context (test set-up the screens do not offer).</summary>
    public async Task<T> WithDbAsync<T>(Func<TrainingPortal.Web.Data.AppDbContext, Task<T>> action)
    {
        var factory = _factory ?? throw new InvalidOperationException("The app has not started.");
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TrainingPortal.Web.Data.AppDbContext>());
    }

    /// <summary>
    /// The path and query of the first https link in the newest mail to <paramref name="address"/> in the app's pickup
    /// folder (the link's host is the configured public address, not this server's port).
    /// </summary>
    public string LastMailedLinkPath(string address)
    {
        var folder = Path.Combine(_folder, "mail");
        var mail = Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))
            .Last(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+");
        return link.Success ? new Uri(link.Value).PathAndQuery : throw new InvalidOperationException("No link in the mail to " + address);
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action)
    {
        var factory = _factory ?? throw new InvalidOperationException("The app has not started.");
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    /// <summary>
    /// A full-page screenshot for the record (not an assertion). Chromium occasionally refuses one on a busy machine
    /// ("Unable to capture screenshot", once in a full run): it is tried again, then taken of the viewport only.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = attempt < 3 });
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>A long unbroken word, as someone pastes it (an address, a file path, a run of characters).</summary>
    /// <summary>The two groups' servers append to the same summary file.</summary>
    private static readonly SemaphoreSlim SummaryLock = new(1, 1);

    public static readonly string LongWord = string.Concat(Enumerable.Repeat("Unbroken", 40));

    /// <summary>
    /// Text that once widened pages (issue 9: a waiver reason made /groups/3 23,138 px wide on a phone, an
    /// API key's name the key list 2,596 px at 1280): added to the demo data so that every page the tests
    /// visit is checked for sideways scrolling with it.
    /// </summary>
    private async Task AddLongUnbrokenTextAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingPortal.Web.Data.AppDbContext>();
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@demo.local");
        db.ApiKeys.Add(new TrainingPortal.Web.Data.ApiKey
        {
            Name = "Import " + LongWord, Prefix = "longname", KeyHash = new string('0', 64),
            CreatedUtc = DateTime.UtcNow, CreatedById = admin.Id,
        });
        var enrollment = await db.Enrollments.Where(e => e.GroupId == 3 && e.ProgramKey == TrainingPortal.Domain.Eligibility.DefaultRuleSets.Keys.MioRostering)
            .OrderBy(e => e.Id).FirstAsync();
        db.Waivers.Add(new TrainingPortal.Web.Data.Training.WaiverRecord
        {
            EnrollmentId = enrollment.Id, RequirementKey = "classroom-hours", Reason = "Attended elsewhere: " + LongWord,
            GrantedOn = DateOnly.FromDateTime(DateTime.UtcNow), GrantedById = admin.Id,
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _certificate?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open at exit is not worth failing the run for; it is in the temp folder.
        }
    }

    private static X509Certificate2 CreateLocalhostCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private sealed class KestrelPortalFactory(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(folder, "portal.db")}");
            builder.UseSetting("Email:Mode", "Pickup");
            builder.UseSetting("Email:PickupDirectory", Path.Combine(folder, "mail"));
            // The app's 210,000 PBKDF2 rounds cost about a fifth of a second of CPU per sign-in; the browser tests are
            // about pages, not hashing (the web tests assert the rounds), so this host hashes with fewer.
            builder.ConfigureTestServices(services =>
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
                services.ConfigureDbContext<TrainingPortal.Web.Data.SqliteDbContext>(o => o.AddInterceptors(new NoWaitCommits()));
            });
        }
    }
}

/// <summary>
/// The journeys run in two groups side by side, each on its own app, database and Chromium (<see cref="PortalServer"/>):
/// a journey is serial (the browser waits for the app and the app for the browser), so one group leaves a core idle.
/// The groups split the journeys' time about evenly; a journey never depends on another one's changes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<PortalServer>
{
    public const string Name = "Browser";
}

/// <inheritdoc cref="BrowserTestGroup"/>
[CollectionDefinition(Name)]
public sealed class SecondBrowserTestGroup : ICollectionFixture<PortalServer>
{
    public const string Name = "Browser, second app";
}

/// <summary>
/// The test host's SQLite connections commit without waiting for the disk (<c>PRAGMA synchronous = NORMAL</c>; in WAL
/// mode a commit stays atomic and visible at once, only a power cut could lose the last ones). See the web tests'
/// NoWaitCommits, of which this is a copy.
/// </summary>
internal sealed class NoWaitCommits : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
