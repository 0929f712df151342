using Microsoft.Data.Sqlite;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Data;

/// <summary>Every provider's migrations match the model; a forgotten migration fails here.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerDbContext --output-dir Data/Migrations/SqlServer");
    }

    [Fact]
    public void PostgreSql_model_has_no_pending_changes()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgreSqlDbContext --output-dir Data/Migrations/PostgreSql");
    }

    /// <summary>
    /// PostgreSQL joined with one Initial migration (no PostgreSQL database existed to upgrade); every migration the
    /// other providers get after it, it gets too, under the same name.
    /// </summary>
    [Fact]
    public void PostgreSql_has_every_migration_added_since_its_initial_one()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        var pg = postgres.Database.GetMigrations().ToList();

        Assert.EndsWith("_Initial", pg[0], StringComparison.Ordinal);
        var since = sqlite.Database.GetMigrations().Where(m => string.CompareOrdinal(m, pg[0]) > 0).Select(Name).ToList();
        Assert.Equal(since, pg.Skip(1).Select(Name).ToList());

        static string Name(string id) => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var names = (DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();

        Assert.NotEmpty(names(sqlite));
        Assert.Equal(names(sqlite), names(sqlServer));
    }

    [Fact]
    public async Task Sqlite_migrations_build_an_empty_database_file_from_scratch()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tp-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={path}").Options))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.Users.CountAsync());
                Assert.Equal(0, await db.AuditEntries.CountAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
