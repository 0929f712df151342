using Microsoft.Data.Sqlite;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Data;

/// <summary>Both providers' migrations match the model; a forgotten migration fails here.</summary>
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
