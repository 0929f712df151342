using Npgsql;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Which database the test hosts run on. SQLite files by default (nothing to install); PostgreSQL when the environment
/// variable <see cref="Variable"/> names a server (a connection string without a database, e.g.
/// <c>Host=127.0.0.1;Port=55432;Username=postgres</c>): each host then gets a database of its own on that server,
/// created from its kind's template (<c>CREATE DATABASE … TEMPLATE …</c>, the server-side twin of copying a file) and
/// dropped when the host is disposed. <c>.ci/run</c> runs the web tests both ways.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "TP_TEST_POSTGRES";

    /// <summary>The PostgreSQL server the hosts use, or null for SQLite.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>
    /// Seconds a command may take on the test server: 120, not Npgsql's 30. In CI the server shares 2 fully busy cores with
    /// the test process, and a host's first start creates its database there (CREATE DATABASE copies a template): one
    /// such command once took over 30 s and failed the run.
    /// </summary>
    public const int CommandTimeoutSeconds = 120;

    /// <summary>The connection string of database <paramref name="name"/> on the test server.</summary>
    public static string PostgresDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, IncludeErrorDetail = true, CommandTimeout = CommandTimeoutSeconds }.ToString();

    /// <summary>A new database name (PostgreSQL folds names to lower case; these are lower case already).</summary>
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="sql"/> on the server's maintenance database (CREATE/DROP DATABASE).</summary>
    public static void OnServer(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false, CommandTimeout = CommandTimeoutSeconds }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Drops database <paramref name="name"/>, closing what still holds it (this process's pool first).</summary>
    public static void Drop(string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresDatabase(name)));
        OnServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

/// <summary>A fact about SQLite itself (its files, its query plans, its pragmas): skipped when the hosts run on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres)
        {
            Skip = "About SQLite itself; the hosts run on PostgreSQL in this run.";
        }
    }
}

/// <summary>The <see cref="TheoryAttribute"/> twin of <see cref="SqliteFactAttribute"/>.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabase.IsPostgres)
        {
            Skip = "About SQLite itself; the hosts run on PostgreSQL in this run.";
        }
    }
}

/// <summary>A fact that needs a server database: run only when the hosts run on PostgreSQL (CI's second run).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
        {
            Skip = $"Needs a server database: runs when {TestDatabase.Variable} names a PostgreSQL server (as in .ci/run).";
        }
    }
}
