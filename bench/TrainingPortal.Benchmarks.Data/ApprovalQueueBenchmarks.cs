using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Benchmarks.Data;

/// <summary>
/// The eligibility queue over <b>10,000 enrollments</b> with fresh stored standings (2 in 5 eligible, so
/// 4,000 waiting), read from a migrated SQLite file with a fresh context per operation — what
/// <c>GET /admin/approvals</c> does once nothing is due: the due check (<see cref="StandingRefresher.Due(AppDbContext, DateOnly)"/>,
/// 1 query) and <see cref="ApprovalQueueReader.LoadAsync"/> (3 queries). Data, built once in <see cref="Setup"/> with
/// INSERT … SELECT (the same shape as the web test <c>QueueScaleTests</c>): 10,000 people, 2,500 consultation
/// groups of 4, one MIO rostering enrollment each, a standing with a six-requirement summary each.
/// </summary>
[MemoryDiagnoser]
public class ApprovalQueueBenchmarks
{
    private const int Enrollments = 10_000;
    private static readonly DateOnly Today = new(2026, 11, 23);
    private string _path = "";
    private DbContextOptions<SqliteDbContext> _options = null!;
    private int _groupId;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"tp-bench-queue-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var db = new SqliteDbContext(_options);
        db.Database.Migrate();
        var summary = JsonSerializer.Serialize(new List<StandingItem>
        {
            new("classroom-hours", "16 hours of classroom training", RequirementStatus.Met, 16, 16, "hours", true),
            new("consultation-attendance", "Attend at least 70% of consultation calls", RequirementStatus.Met, 18, 14, "calls", true),
            new("training-cases-begun", "Begin MIO with two training cases", RequirementStatus.Met, 2, 2, "cases", true),
            new("training-case-dose", "See one training case for at least 8 sessions", RequirementStatus.Met, 12, 8, "sessions", true),
            new("consent-and-recording", "Consent for audio recording, and every session recorded", RequirementStatus.Met, 13, 13, "sessions", true),
            new("audio-clips", "Play 6 de-identified audio clips for feedback", RequirementStatus.Met, 6, 6, "clips", true),
        });
        var on = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] statements =
        [
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments / 4 - 1})
            INSERT INTO Groups (Kind, ProgramKey, Name, StartDate, EndDate, MeetingDay, MeetingTime, TimeZoneId, Weeks, DurationMinutes)
            SELECT 'MioConsultation', 'mio-rostering', 'Group ' || i, '2025-12-01', '2026-05-31', 'Monday', '12:00:00', 'America/New_York', 26, 60 FROM n;
            """,
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments - 1})
            INSERT INTO AspNetUsers (Id, DisplayName, CertificateName, TimeZoneId, CreatedUtc, UserName, NormalizedUserName, Email, NormalizedEmail,
                EmailConfirmed, SecurityStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, ListedOnRoster)
            SELECT 'bench-' || i, 'Clinician ' || i, 'Clinician ' || i, 'America/New_York', '2025-11-01 12:00:00',
                'bench-' || i || '@bench.local', 'BENCH-' || i || '@BENCH.LOCAL', 'bench-' || i || '@bench.local', 'BENCH-' || i || '@BENCH.LOCAL',
                1, 'stamp', 0, 0, 1, 0, 0 FROM n;
            """,
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments - 1})
            INSERT INTO Enrollments (PersonId, ProgramKey, RuleSetId, GroupId, Status, CreatedOn, CreatedUtc, HeldEndorsement, ProvidesReflectiveSupervision, Version)
            SELECT 'bench-' || i, 'mio-rostering', 'mio-rostering@1', (SELECT MIN(Id) FROM Groups) + i / 4, 'Active',
                date('2025-11-10', '+' || (i % 20) || ' days'), '2025-11-10 12:00:00', 'None', 0, lower(hex(randomblob(16))) FROM n;
            """,
            $$"""
            INSERT INTO EnrollmentStandings (EnrollmentId, Status, MetCount, BlockingCount, Summary, EvaluatedOn, EvaluatedUtc, Stale)
            SELECT e.Id, CASE WHEN e.Id % 5 < 2 THEN 'Eligible' ELSE 'NotYetEligible' END, CASE WHEN e.Id % 5 < 2 THEN 6 ELSE 5 END, 6,
                {0}, '{{on}}', '{{on}} 06:00:00', 0
            FROM Enrollments e;
            """,
        ];
        foreach (var sql in statements)
        {
            db.Database.ExecuteSqlRaw(sql, summary);
        }
        _groupId = db.Groups.Where(g => g.Name == "Group 7").Select(g => g.Id).Single();
    }

    /// <summary>The whole page's reads: the due check, then programs, grouped counts and the first 50 rows.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> QueueFirstPage()
    {
        await using var db = new SqliteDbContext(_options);
        var due = await StandingRefresher.Due(db, Today).Take(201).ToListAsync();
        var page = await new ApprovalQueueReader(db).LoadAsync(null, null, 1, Today);
        return due.Count + page.Rows.Count;
    }

    /// <summary>The same with a program and group filter (one group of 4).</summary>
    [Benchmark]
    public async Task<int> QueueFilteredByGroup()
    {
        await using var db = new SqliteDbContext(_options);
        var due = await StandingRefresher.Due(db, Today).Take(201).ToListAsync();
        var page = await new ApprovalQueueReader(db).LoadAsync(DefaultRuleSets.Keys.MioRostering, _groupId, 1, Today);
        return due.Count + page.Rows.Count;
    }

    /// <summary>Page 80 of 80 (OFFSET 3,950).</summary>
    [Benchmark]
    public async Task<int> QueueLastPage()
    {
        await using var db = new SqliteDbContext(_options);
        var due = await StandingRefresher.Due(db, Today).Take(201).ToListAsync();
        var page = await new ApprovalQueueReader(db).LoadAsync(null, null, 80, Today);
        return due.Count + page.Rows.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>The per-request check of recently disabled accounts (runs on every signed-in request).</summary>
[MemoryDiagnoser]
public class DisabledAccountsBenchmarks
{
    private readonly DisabledAccounts _accounts = new(TimeProvider.System);
    private readonly string _someone = Guid.NewGuid().ToString();

    [Params(0, 1000)]
    public int Disabled { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Disabled; i++)
        {
            _accounts.Add(Guid.NewGuid().ToString());
        }
    }

    [Benchmark]
    public bool Contains() => _accounts.Contains(_someone);
}

/// <summary>
/// Refreshing the stored standings of 1,000 MIO rostering enrollments (the data of
/// <see cref="EvidenceLoaderBenchmarks"/>, ≈ 72 evidence rows each) after every one was marked stale:
/// two batches' worth of what the background service does after midnight, evidence load and evaluation
/// included (the first, unmeasured run inserts the rows; measured runs update them).
/// </summary>
[MemoryDiagnoser]
public class StandingRefreshBenchmarks
{
    private readonly EvidenceLoaderBenchmarks _data = new() { Enrollments = 1000 };
    private DbContextOptions<SqliteDbContext> _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data.Setup();
        _options = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={_data.DatabasePath}").Options;
    }

    [IterationSetup]
    public void MarkEveryStandingStale()
    {
        using var db = new SqliteDbContext(_options);
        db.Standings.ExecuteUpdate(s => s.SetProperty(x => x.Stale, true));
    }

    [Benchmark]
    public async Task<int> RefreshDue1000()
    {
        await using var db = new SqliteDbContext(_options);
        var eligibility = new Web.Eligibility.EligibilityService(db, new Web.Eligibility.EvidenceLoader(db),
            new Web.Time.PortalClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Web.Infrastructure.PortalOptions())));
        var refresher = new StandingRefresher(db, eligibility, TimeProvider.System, new Web.Notifications.Notifier(db, TimeProvider.System),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StandingRefresher>.Instance);
        return await refresher.RefreshDueAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Cleanup();
}
