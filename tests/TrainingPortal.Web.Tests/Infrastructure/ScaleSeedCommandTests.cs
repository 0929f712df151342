using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Features.TwoFactor;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>Development without the demo people: the empty database <c>seed-scale</c> asks for.</summary>
public sealed class EmptyDevelopmentPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:SeedDemoData", "false");
    }

    public async Task<(int Exit, string Output)> SeedScaleAsync(params string[] args)
    {
        _ = Server; // built, migrated, roles created
        var output = new StringWriter();
        var exit = await ScaleSeedCommand.RunAsync(Services, [ScaleSeedCommand.Name, .. args], output);
        return (exit, output.ToString());
    }
}

/// <summary>Two small scale data sets (200 trainees) seeded into two SQLite files on the same day, for the tests below.</summary>
public sealed class TwoScaleSeeds : IAsyncLifetime, IDisposable
{
    public const int Trainees = 200;

    public EmptyDevelopmentPortalFactory First { get; } = new();
    public EmptyDevelopmentPortalFactory Second { get; } = new();
    public string FirstOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Both runs see the same "now" (the data set is counted from today). A host's clock starts where its template
        // database's stood, so either may be the earlier one: both move to the later (a fake clock only goes forward).
        _ = First.Server;
        _ = Second.Server;
        var now = First.Time.GetUtcNow() > Second.Time.GetUtcNow() ? First.Time.GetUtcNow() : Second.Time.GetUtcNow();
        First.Time.SetUtcNow(now);
        Second.Time.SetUtcNow(now);
        var (exit, output) = await First.SeedScaleAsync("--trainees", "200", "--certificates", "3");
        Assert.True(exit == 0, output);
        FirstOutput = output;
        (exit, output) = await Second.SeedScaleAsync("--trainees", "200", "--certificates", "3");
        Assert.True(exit == 0, output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}

public sealed class ScaleSeedCommandTests(TwoScaleSeeds seeds) : IClassFixture<TwoScaleSeeds>
{
    private EmptyDevelopmentPortalFactory Factory => seeds.First;

    [Fact]
    public async Task Every_trainee_has_an_account_and_an_enrollment_and_the_sizes_follow_the_trainee_count()
    {
        await Factory.WithDbAsync<int>(async db =>
        {
            var trainees = await db.UserRoles.Where(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Trainee)).Select(r => r.UserId).ToListAsync();
            Assert.Equal(TwoScaleSeeds.Trainees, trainees.Count);
            Assert.Equal(TwoScaleSeeds.Trainees, await db.Enrollments.Select(e => e.PersonId).Distinct().CountAsync(p => trainees.Contains(p)));
            Assert.Equal(4, await db.UserRoles.CountAsync(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Trainer)));
            Assert.Equal(1, await db.UserRoles.CountAsync(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Administrator)));

            // 4 quarters × ceil(200 / 16) consultation groups of 26 weekly meetings, 16 members each (the last of a quarter 8).
            var groups = await db.Groups.Where(g => g.Kind == GroupKind.MioConsultation)
                .Select(g => new { g.Id, Meetings = db.Meetings.Count(m => m.GroupId == g.Id), Members = db.Enrollments.Count(e => e.GroupId == g.Id) })
                .ToListAsync();
            Assert.Equal(4 * 13, groups.Count);
            Assert.All(groups, g => Assert.Equal(26, g.Meetings));
            Assert.Equal(4 * TwoScaleSeeds.Trainees, groups.Sum(g => g.Members));
            Assert.Equal(4 * 12, groups.Count(g => g.Members == ScaleSeedCommand.GroupSize));

            // Every program of the catalog has enrollments; one active enrollment per person and program.
            var programs = await db.Enrollments.Select(e => e.ProgramKey).Distinct().ToListAsync();
            Assert.Equal(Domain.Eligibility.RuleSetCatalog.Default.ProgramKeys.Order(StringComparer.Ordinal), programs.Order(StringComparer.Ordinal));
            Assert.False(await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active).GroupBy(e => new { e.PersonId, e.ProgramKey }).AnyAsync(g => g.Count() > 1));

            // The audit log: 100 rows per trainee written by the seed (actor set), besides the app's own rows.
            Assert.Equal(TwoScaleSeeds.Trainees * ScaleSeedCommand.AuditRowsPerTrainee, await db.AuditEntries.CountAsync(a => a.ActorId != null));
            // Certificates issued by the app's service; every active enrollment has a stored standing.
            Assert.Equal(3, await db.Certificates.CountAsync(c => c.Code != null));
            Assert.True(await db.CertificateVersions.AllAsync(v => v.Pdf.Length > 1000 && v.CredentialJwt != null));
            Assert.Equal(await db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Active), await db.Standings.CountAsync());
            // trainee1 has five years of records.
            var trainee1 = await db.Users.Where(u => u.Email == ScaleSeedCommand.TraineeEmail(1)).Select(u => u.Id).SingleAsync();
            Assert.True(await db.TrainingHours.Where(h => h.PersonId == trainee1).MinAsync(h => h.Date) <= DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-5).AddDays(31));
            return 0;
        });
        Assert.Contains("bench.trainee=trainee1@scale.test", seeds.FirstOutput);
        Assert.Contains("bench.group=", seeds.FirstOutput);
    }

    [Fact]
    public async Task Attendance_rows_are_the_members_times_the_meetings_held_in_every_group()
    {
        var today = await Factory.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<EligibilityService>().Today()));
        var zone = GroupSchedule.Zone(Factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value.DefaultTimeZone);
        var startOfToday = GroupSchedule.ToUtc(today, TimeOnly.MinValue, zone);
        var rows = await Factory.WithDbAsync(async db =>
        {
            var meetings = await db.Meetings.Select(m => new { m.Id, m.GroupId, m.Cancelled, m.StartsUtc }).ToListAsync();
            var members = await db.Enrollments.Select(e => new { e.PersonId, e.GroupId, e.ClassroomGroupId }).ToListAsync();
            var marks = await db.Attendance.GroupBy(a => a.MeetingId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            var checkedGroups = 0;
            foreach (var group in meetings.GroupBy(m => m.GroupId))
            {
                var people = members.Where(e => e.GroupId == group.Key || e.ClassroomGroupId == group.Key).Select(e => e.PersonId).Distinct().Count();
                var held = group.Count(m => !m.Cancelled && m.StartsUtc < startOfToday);
                Assert.Equal(people * held, group.Sum(m => marks.GetValueOrDefault(m.Id)));
                Assert.All(group.Where(m => m.Cancelled || m.StartsUtc >= startOfToday), m => Assert.False(marks.ContainsKey(m.Id)));
                checkedGroups++;
            }
            Assert.Equal(await db.Groups.CountAsync(), checkedGroups);
            return marks.Values.Sum();
        });
        Assert.True(rows > 4 * TwoScaleSeeds.Trainees * 20, $"{rows} attendance rows");
    }

    [SqliteFact]
    public async Task Two_runs_on_the_same_day_write_the_same_rows()
    {
        string[] queries =
        [
            "SELECT Id, Email, NormalizedEmail, SecurityStamp, ConcurrencyStamp, DisplayName, TimeZoneId, CreatedUtc, TwoFactorEnabled FROM AspNetUsers ORDER BY Email",
            "SELECT * FROM Enrollments ORDER BY Id",
            "SELECT * FROM Groups ORDER BY Id",
            "SELECT * FROM Meetings ORDER BY Id",
            "SELECT * FROM Attendance ORDER BY Id",
            "SELECT * FROM TrainingCases ORDER BY Id",
            "SELECT * FROM CaseSessions ORDER BY Id",
            "SELECT * FROM ClipPresentations ORDER BY Id",
            "SELECT * FROM TrainingHours ORDER BY Id",
            "SELECT * FROM RscLog ORDER BY Id",
            "SELECT * FROM \"References\" ORDER BY Id",
            "SELECT * FROM LearningCompletions ORDER BY Id",
            "SELECT * FROM HomeworkSubmissions ORDER BY Id",
            "SELECT AtUtc, ActorId, Action, PersonId, EntityType, EntityId, Changes FROM AuditLog WHERE ActorId IS NOT NULL ORDER BY Id",
        ];
        foreach (var query in queries)
        {
            var (firstRows, first) = Fingerprint(seeds.First.DatabasePath, query);
            var (secondRows, second) = Fingerprint(seeds.Second.DatabasePath, query);
            Assert.True(firstRows > 0, query);
            Assert.Equal(firstRows, secondRows);
            Assert.True(first == second, $"Different rows: {query}");
        }
    }

    private static (int Rows, string Hash) Fingerprint(string path, string query)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                hash.AppendData(Encoding.UTF8.GetBytes((reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
            }
        }
        return (rows, Convert.ToHexString(hash.GetHashAndReset()));
    }

    [Fact]
    public async Task Refuses_a_database_that_already_has_people_and_changes_nothing()
    {
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync());

        var (exit, output) = await Factory.SeedScaleAsync("--trainees", "200");

        Assert.Equal(1, exit);
        Assert.Contains($"The database already has {before} account(s)", output);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}

/// <summary>
/// A small data set of its own: signing in writes audit rows and account changes, which the tests above must not see
/// (they compare two seeded files row by row), whatever order the test runner picks.
/// </summary>
public sealed class SmallScaleSeed : IAsyncLifetime, IDisposable
{
    public EmptyDevelopmentPortalFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        var (exit, output) = await Factory.SeedScaleAsync("--trainees", "16", "--certificates", "0");
        Assert.True(exit == 0, output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

public sealed class ScaleSeedSignInTests(SmallScaleSeed seed) : IClassFixture<SmallScaleSeed>
{
    private EmptyDevelopmentPortalFactory Factory => seed.Factory;

    [Fact]
    public async Task The_bench_accounts_sign_in_with_the_published_password_and_the_admin_with_the_published_authenticator_key()
    {
        var trainee = Factory.CreatePortalClient();
        var response = await trainee.LoginAsync(ScaleSeedCommand.TraineeEmail(1), ScaleSeedCommand.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trainee.GetAsync("/")).StatusCode);

        var admin = Factory.CreatePortalClient();
        Assert.True((await admin.LoginAsync(ScaleSeedCommand.AdminEmail, ScaleSeedCommand.Password)).IsSecondStep());
        var code = TotpCodes.Code(ScaleSeedCommand.AdminAuthenticatorKey, TotpCodes.StepAt(Factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(TwoFactorController.SignInPath, ("Code", code))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/approvals")).StatusCode);
    }
}

/// <summary>A published password and authenticator key never reach a production database.</summary>
public sealed class ScaleSeedProductionTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task Refuses_to_run_in_production()
    {
        _ = factory.Server;
        var output = new StringWriter();

        var exit = await ScaleSeedCommand.RunAsync(factory.Services, [ScaleSeedCommand.Name, "--trainees", "200"], output);

        Assert.Equal(2, exit);
        Assert.Contains("does not run in Production", output.ToString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}

/// <summary><c>seed-scale --describe</c> on a database without a data set answers with what to do, not a stack trace.</summary>
public sealed class ScaleSeedDescribeTests(EmptyDevelopmentPortalFactory factory) : IClassFixture<EmptyDevelopmentPortalFactory>
{
    [Fact]
    public async Task Describing_a_database_without_a_data_set_says_how_to_make_one()
    {
        var (exit, output) = await factory.SeedScaleAsync("--describe");

        Assert.Equal(1, exit);
        Assert.Contains("This database holds no scale data set (no account trainer1@scale.test)", output);
        Assert.DoesNotContain("bench.", output);
    }
}

public sealed class ScaleSeedDescribeOlderSchemaTests(EmptyDevelopmentPortalFactory factory) : IClassFixture<EmptyDevelopmentPortalFactory>
{
    [Fact]
    public async Task A_data_set_seeded_by_an_earlier_build_gets_the_new_migrations_and_is_described()
    {
        _ = factory.Server;
        // The database as an earlier build left it: one migration behind, with the bench trainer's account.
        var lastTwo = await factory.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).TakeLast(2).ToArray());
        await factory.WithDbAsync(async db =>
        {
            await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db).MigrateAsync(lastTwo[0]);
            db.Users.Add(new AppUser
            {
                UserName = "trainer1@scale.test", NormalizedUserName = "TRAINER1@SCALE.TEST",
                Email = "trainer1@scale.test", NormalizedEmail = "TRAINER1@SCALE.TEST", DisplayName = "Trainer 1",
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal([lastTwo[1]], await factory.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToArray()));

        var (exit, output) = await factory.SeedScaleAsync("--describe");

        Assert.Equal(0, exit);
        Assert.Contains("bench.trainer=trainer1@scale.test", output);
        Assert.Empty(await factory.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToArray()));
    }
}
