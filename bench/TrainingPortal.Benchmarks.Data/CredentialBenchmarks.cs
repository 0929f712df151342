using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Credentials;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Benchmarks.Data;

/// <summary>
/// Signs and verifies one Open Badges 3.0 credential (ES256 VC-JWT) with <see cref="OpenBadgeCredentials"/>
/// over a migrated SQLite file. The key store's cache is warm, as it is between its once-a-minute refreshes.
/// </summary>
[MemoryDiagnoser]
public class CredentialBenchmarks
{
    private static readonly BadgeCredentialInput Input = new(
        "7KQM2X9HTP", 1, "Jordan Avery Lee", "Infant Family Specialist (IMH Endorsement Level II)",
        "IMH Endorsement Level II — Infant Family Specialist", "imh-endorsement-l2", null,
        new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 20), new DateOnly(2027, 11, 30),
        "Center for Infant Mental Health", "https://portal.example.org", "https://portal.example.org/verify/7KQM2X9HTP");

    private string _path = "";
    private ServiceProvider _services = null!;
    private OpenBadgeCredentials _credentials = null!;
    private string _jwt = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"tp-bench-credentials-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddDbContext<AppDbContext, SqliteDbContext>(o => o.UseSqlite($"Data Source={_path}"));
        services.AddSingleton<IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new PortalOptions()));
        services.AddSingleton<CredentialKeyStore>();
        services.AddSingleton<OpenBadgeCredentials>();
        _services = services.BuildServiceProvider();
        using (var scope = _services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
        }
        _credentials = _services.GetRequiredService<OpenBadgeCredentials>();
        _jwt = _credentials.IssueAsync(Input, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark]
    public Task<string> Issue() => _credentials.IssueAsync(Input, CancellationToken.None);

    [Benchmark]
    public Task<BadgeVerification> Verify() => _credentials.VerifyAsync(_jwt, CancellationToken.None);
}
