using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// The test hosts' template databases (<see cref="TemplateDatabases"/>): a copy is the database a fresh startup writes,
/// in a file of its own, under the same clock; a host configured differently never gets another kind's copy.
/// Each test uses factory types of its own, so that which host is first does not depend on other classes.
/// </summary>
public sealed class TemplateDatabaseTests
{
    public sealed class FirstKind : PortalFactory;

    public sealed class SecondKind : PortalFactory;

    /// <summary>The second kind's configuration with one setting changed: no demo data.</summary>
    public sealed class SecondKindWithoutDemoData : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:SeedDemoData", "false");
        }
    }

    /// <summary>A kind whose first host starts from a copy of the migrated, empty database (the default).</summary>
    public sealed class ThirdKind : PortalFactory;

    /// <summary>The same, but its first host's startup migrates an empty file itself.</summary>
    public sealed class ThirdKindMigratingItself : PortalFactory
    {
        protected override bool StartsFromMigratedCopy => false;
    }

    [SqliteFact]
    public async Task A_first_host_starts_from_the_migrated_database_and_gets_the_schema_migrating_an_empty_file_gives()
    {
        using var itself = new ThirdKindMigratingItself();
        _ = itself.Services;
        using var copied = new ThirdKind();
        _ = copied.Services;

        Assert.False(itself.StartedFromMigratedCopy);
        Assert.True(copied.StartedFromMigratedCopy);
        Assert.False(copied.StartedFromTemplate);
        var schema = await SchemaAsync(itself);
        Assert.Contains("table|__EFMigrationsHistory", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaAsync(copied));
        Assert.Equal(await ScalarAsync(itself, "SELECT group_concat(MigrationId || ' ' || ProductVersion, ',') FROM __EFMigrationsHistory"),
            await ScalarAsync(copied, "SELECT group_concat(MigrationId || ' ' || ProductVersion, ',') FROM __EFMigrationsHistory"));
        Assert.Equal("wal", await ScalarAsync(copied, "PRAGMA journal_mode"));
        Assert.Equal("ok", await ScalarAsync(copied, "PRAGMA integrity_check"));
        // Its startup still seeded: roles and the demo accounts.
        Assert.Equal(await ScalarAsync(itself, "SELECT COUNT(*) FROM AspNetRoles"), await ScalarAsync(copied, "SELECT COUNT(*) FROM AspNetRoles"));
        Assert.NotNull(await copied.FindAsync("trainee@demo.local"));
    }

    private static Task<string?> SchemaAsync(PortalFactory factory) =>
        ScalarAsync(factory, "SELECT group_concat(type || '|' || name || '|' || COALESCE(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY type, name)");

    [SqliteFact]
    public async Task A_second_host_of_a_kind_starts_from_a_copy_with_every_row_of_a_fresh_start_and_the_same_clock()
    {
        using var fresh = new FirstKind();
        _ = fresh.Services;
        using var copy = new FirstKind();
        _ = copy.Services;

        Assert.False(fresh.StartedFromTemplate);
        Assert.True(copy.StartedFromTemplate);
        Assert.Equal(fresh.Time.GetUtcNow(), copy.Time.GetUtcNow());
        var freshRows = await RowCountsAsync(fresh);
        Assert.True(freshRows["Enrollments"] > 0 && freshRows["Attendance"] > 0 && freshRows["Certificates"] > 0, "the demo data was seeded");
        Assert.Equal(freshRows, await RowCountsAsync(copy));
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
        Assert.Equal("wal", await ScalarAsync(copy, "PRAGMA journal_mode"));

        // Its own file: what one host writes, the other does not see.
        Assert.NotEqual(fresh.DatabasePath, copy.DatabasePath);
        var user = await copy.CreateAsync();
        Assert.Null(await fresh.FindAsync(user.Email!));
        Assert.NotNull(await copy.FindAsync(user.Email!));
    }

    public sealed class FourthKind : PortalFactory;

    [SqliteFact]
    public async Task A_host_whose_clock_is_read_before_its_first_request_still_starts_from_its_kinds_copy()
    {
        using var first = new FourthKind();
        _ = first.Services;
        using var second = new FourthKind();

        var today = second.Time.GetUtcNow(); // what a test does to work out "today" before its first request

        Assert.True(second.StartedFromTemplate);
        Assert.Equal(first.Time.GetUtcNow(), today);
        Assert.Equal(await RowCountsAsync(first), await RowCountsAsync(second));
    }

    [Fact]
    public async Task A_host_with_another_setting_starts_from_scratch_and_gets_what_its_setting_says()
    {
        using var first = new SecondKind();
        _ = first.Services;
        using var template = new SecondKind();
        _ = template.Services;
        Assert.True(template.StartedFromTemplate); // the kind has a template now

        using var other = new SecondKindWithoutDemoData();
        _ = other.Services;

        Assert.False(other.StartedFromTemplate);
        Assert.Null(await other.FindAsync("trainee@demo.local"));
        Assert.NotNull(await template.FindAsync("trainee@demo.local"));
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(PortalFactory factory)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static Task<string?> ScalarAsync(PortalFactory factory, string sql) =>
        factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync())?.ToString();
        });
}
