using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Hosts the real app in memory over a real SQLite database file of its own (deleted on dispose).
/// Development seeds the demo accounts; Production does not. Time is a <see cref="FakeTimeProvider"/>
/// starting now, so tests can move the clock. The file starts as a copy of the database the first host of the
/// same kind had right after its startup (<see cref="TemplateDatabases"/>): the same rows a fresh migrate and
/// seed would write, without the seconds they cost.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tp-tests", Guid.NewGuid().ToString("N"));

    public PortalFactory() : this("Development")
    {
    }

    /// <summary>
    /// Hosts watch their files (views, static files, settings) by polling, not inotify: a test run starts hundreds of
    /// hosts, a machine allows 128 inotify instances per user by default, and a host that cannot watch answers 500.
    /// </summary>
    static PortalFactory() => System.Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    protected PortalFactory(string environment)
    {
        Environment = environment;
        Directory.CreateDirectory(_folder);
        ClientOptions.BaseAddress = BaseAddress;
        ClientOptions.AllowAutoRedirect = false;
    }

    public string Environment { get; }

    /// <summary>Production uses a real host name: HSTS is never sent to localhost.</summary>
    public Uri BaseAddress => Environment == "Production" ? new Uri("https://portal.test") : new Uri("https://localhost");
    /// <summary>The configured public address (Portal:PublicBaseUrl): the tests' own base address unless a class says otherwise.</summary>
    protected virtual string PublicBaseUrl => BaseAddress.ToString().TrimEnd('/');

    private readonly Lock _timeGate = new();
    private FakeTimeProvider? _time;
    private DateTimeOffset? _timeStart;
    private string? _templateKey;
    private int _configured; // 1 once the host's configuration has begun (ConfigureWebHost) or the clock built the host

    /// <summary>
    /// The app's clock: it stands still until a test moves it. It starts now, or, when the database is a template's
    /// copy, where the template's clock stood when its demo data was dated (at most <see cref="TemplateDatabases.MaxAge"/>
    /// ago), so the data is exactly what a fresh seed would have written at that instant.
    /// <para>
    /// Read before the host was built (a test working out "today" before its first request), it builds the host first:
    /// a clock handed out before the host's startup fixes its start, so that host could not take its kind's template
    /// (dated at the template's instant) and migrated and seeded a database for itself — about 20 hosts in a run, each
    /// starting 3 to 4 times slower than a copy. A test that sets the clock before its first request moves it forward
    /// from there.
    /// </para>
    /// </summary>
    public FakeTimeProvider Time
    {
        get
        {
            if (Interlocked.Exchange(ref _configured, 1) == 0)
            {
                _ = Server; // builds the host, whose startup reads this clock again
            }
            lock (_timeGate)
            {
                // Whole microseconds: PostgreSQL keeps no finer time, and a test compares the clock with what was stored.
                return _time ??= new FakeTimeProvider(_timeStart ?? WholeMicroseconds(RealNow()));
            }
        }
    }

    private static readonly DateTimeOffset? NowOverride =
        DateTimeOffset.TryParse(System.Environment.GetEnvironmentVariable("TP_TEST_NOW"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    private static readonly long ProcessStart = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>
    /// Where a new host's clock starts: now, or, to replay a run on another day (a test that failed on a Monday evening
    /// in CI), the instant in <c>TP_TEST_NOW</c> (ISO 8601, UTC unless it says otherwise) plus the time since the run began.
    /// </summary>
    public static DateTimeOffset RealNow() =>
        NowOverride is { } at ? at + System.Diagnostics.Stopwatch.GetElapsedTime(ProcessStart) : DateTimeOffset.UtcNow;

    private static DateTimeOffset WholeMicroseconds(DateTimeOffset instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMicrosecond, instant.Offset);

    /// <summary>True when this host's database started as a copy of a template (for the tests of the template itself).</summary>
    public bool StartedFromTemplate { get; private set; }

    /// <summary>The host's SQLite file (when the hosts run on SQLite; see <see cref="TestDatabase"/>).</summary>
    public string DatabasePath => Path.Combine(_folder, "portal.db");

    /// <summary>The host's own PostgreSQL database, when the hosts run on PostgreSQL.</summary>
    public string? PostgresDatabaseName { get; } = TestDatabase.IsPostgres ? TestDatabase.NewName("tp") : null;

    /// <summary>The connection string of the host's own database (a SQLite file, or a PostgreSQL database of its own).</summary>
    public string OwnConnectionString => PostgresDatabaseName is { } name ? TestDatabase.PostgresDatabase(name) : $"Data Source={DatabasePath}";
    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>PBKDF2 rounds for the passwords this host hashes (test accounts, demo accounts, changed passwords).</summary>
    public const int TestPasswordHashIterations = 1_000;

    /// <summary>
    /// The app hashes passwords with 210,000 PBKDF2 rounds (IdentitySetup.Pbkdf2Iterations): about a fifth of a second
    /// of CPU per hash, and nearly every test creates accounts and signs in, which made hashing a large part of the
    /// run. Test hosts use <see cref="TestPasswordHashIterations"/>: the same hasher, format and checks, fewer rounds.
    /// The rounds themselves are asserted on a host that keeps the app's setting (<see cref="RealPasswordHashingFactory"/>).
    /// Null keeps the app's setting.
    /// </summary>
    protected virtual int? PasswordHashIterations => TestPasswordHashIterations;

    /// <summary>Extra service replacements for one test class.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Volatile.Write(ref _configured, 1);
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Portal", OwnConnectionString);
        builder.UseSetting("Database:Provider", TestDatabase.IsPostgres ? "PostgreSql" : "Sqlite");
        builder.UseSetting("Portal:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Email:Mode", "Pickup");
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("https_port", "443"); // behind TLS termination, as in production
        builder.UseSetting("Standings:BackgroundRefresh", "false"); // tests call the StandingRefresher themselves
        builder.UseSetting("Notifications:Background", "false"); // tests run the notification work themselves (NotificationRun)
        // Runs when the app builds its services, after every class's own settings: the configuration is final,
        // and the app's startup (migrate, roles, demo data) has not opened the file yet.
        builder.ConfigureServices((context, _) => StartFromTemplate(context.HostingEnvironment.EnvironmentName, context.Configuration));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // Counts the SQL commands the app sends, for tests that assert a page's query count.
            services.AddSingleton<CommandCounter>();
            // The app's startup migration first compares the migrations' snapshot with the model (building the snapshot
            // model and diffing the two: 3 % of this project's CPU over ~170 hosts). MigrationTests make that check once
            // per provider and fail on a forgotten migration, so the hosts skip it; the app keeps it.
            services.ConfigureDbContext<SqliteDbContext>((sp, options) => options
                .AddInterceptors(sp.GetRequiredService<CommandCounter>(), NoWaitCommits.Instance)
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
            services.ConfigureDbContext<PostgreSqlDbContext>((sp, options) => options
                .AddInterceptors(sp.GetRequiredService<CommandCounter>())
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
            if (PasswordHashIterations is { } iterations)
            {
                services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = iterations);
            }
            ConfigureServices(services);
        });
    }

    private void StartFromTemplate(string environment, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        if (configuration["ConnectionStrings:Portal"] != OwnConnectionString || (PostgresDatabaseName is null && File.Exists(DatabasePath)))
        {
            return; // a class that points the app at another file keeps it
        }
        _templateKey = TemplateDatabases.Key(GetType(), environment, configuration, "ConnectionStrings:Portal", "Email:PickupDirectory");
        lock (_timeGate)
        {
            // A clock handed out already (by a subclass's own configuration) fixes the start: a template's data would not
            // match it. Such a host still starts from the migrated, empty database below.
            if (_time is null)
            {
                _timeStart = TemplateDatabases.TryCopy(_templateKey, PostgresDatabaseName ?? DatabasePath);
                StartedFromTemplate = _timeStart is not null;
            }
        }
        // No template of this kind yet: the database every migration has been applied to, so this host's startup only seeds.
        if (!StartedFromTemplate && StartsFromMigratedCopy && configuration.GetValue("Portal:MigrateOnStartup", true))
        {
            TemplateDatabases.CopyMigrated(PostgresDatabaseName ?? DatabasePath);
            StartedFromMigratedCopy = true;
        }
    }

    /// <summary>
    /// Whether a host with no template of its kind starts from a copy of the migrated, empty database
    /// (<see cref="TemplateDatabases.CopyMigrated"/>) rather than an empty one. A class sets false to see the app's
    /// startup migrate an empty database itself.
    /// </summary>
    protected virtual bool StartsFromMigratedCopy => true;

    /// <summary>True when this host's database started as a copy of the migrated, empty database (no template of its kind yet).</summary>
    public bool StartedFromMigratedCopy { get; private set; }

    /// <summary>After the app's startup, before any test used the host: a fresh database becomes its kind's template.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (_templateKey is not null && !StartedFromTemplate)
        {
            TemplateDatabases.Offer(_templateKey, PostgresDatabaseName ?? DatabasePath, Time.GetUtcNow());
        }
        return host;
    }

    public HttpClient CreatePortalClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = BaseAddress,
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Runs <paramref name="action"/> with a fresh scope's database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The mails written so far, oldest first.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Mails() =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))]
            : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgresDatabaseName is { } name)
            {
                TestDatabase.Drop(name);
            }
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>The app as it runs in Production: no demo data, HTTPS redirection, HSTS, friendly errors.</summary>
public class ProductionPortalFactory : PortalFactory
{
    public ProductionPortalFactory() : base("Production")
    {
    }
}

/// <summary>The app as configured, password hashing included (210,000 PBKDF2 rounds): for the tests that assert the hashing.</summary>
public sealed class RealPasswordHashingFactory : PortalFactory
{
    protected override int? PasswordHashIterations => null;
}

public static class HttpStatus
{
    public static bool IsRedirectToLogin(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && location.ToString().Contains("/account/login", StringComparison.OrdinalIgnoreCase);
}
