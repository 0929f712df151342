using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace TrainingPortal.Web.Data;

/// <summary>
/// One place that recognizes a unique-index violation on save: another request inserted the same row
/// first (two first saves of a meeting's attendance, two registrations with one address…). Callers turn
/// it into a clear message or an idempotent result instead of a 500.
/// </summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19, SqliteConstraintUnique = 2067, SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerUniqueIndex = 2601, SqlServerUniqueConstraint = 2627;

    /// <summary>SQLite error 19 (UNIQUE or PRIMARY KEY), SQL Server error 2601/2627 or PostgreSQL SQLSTATE 23505.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteConstraint:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
                case SqlException sql:
                    return sql.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint;
                case Npgsql.PostgresException postgres:
                    return postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation;
            }
        }
        return false;
    }

    /// <summary>
    /// Saves a change that removes rows. A row another request removed a moment earlier (two clicks on
    /// "Remove") is the outcome asked for, not an error: nothing more is saved and the tracker is cleared.
    /// </summary>
    public static async Task SaveRemovalAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.All(x => x.State == EntityState.Deleted))
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Saves; when a unique index refuses the save (someone else saved the same row first) returns false
    /// with nothing saved and the change tracker cleared, so the caller can show the newer state.
    /// </summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
