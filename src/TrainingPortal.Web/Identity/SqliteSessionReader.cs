using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// The per-request session check on SQLite, without EF Core's per-command work. Every signed-in request reads its
/// <see cref="UserSession"/> row (and the unread notification count shown in the menu); through EF Core that one
/// primary-key read cost about a third of a light signed-in page: setting up the command, opening a pooled connection,
/// SQLite preparing the statement, materialising the row. Here each reader keeps its connection open and its statement
/// prepared, so a check binds three values and steps once.
/// <para>
/// Nothing is cached but the prepared statement: every check reads the table as it is now, so a session ended by
/// sign-out, a password change, a reset or a disabled account (in this process or another one on the same file) is
/// refused at the next request, exactly as through EF Core. The statement is reset after each read, so no read
/// transaction stays open between requests (WAL checkpoints and writers are not held back).
/// </para>
/// The other providers keep EF Core's compiled query (<see cref="ServerSessions"/>): there the network round trip
/// dominates, and their connections are the server's to manage.
/// </summary>
public sealed class SqliteSessionReader : IDisposable
{
    /// <summary>The same read as <see cref="ServerSessions"/>' compiled query; the tests compare the two.</summary>
    internal const string Sql = """
        SELECT (SELECT COUNT(*) FROM "Notifications" AS "n" WHERE "n"."UserId" = "s"."UserId" AND "n"."ReadUtc" IS NULL)
        FROM "UserSessions" AS "s"
        WHERE "s"."Id" = $id AND "s"."UserId" = $user AND "s"."ExpiresUtc" > $now
        """;

    /// <summary>Idle readers kept per database file; more are opened under load and closed when they come back.</summary>
    private const int MaxIdle = 8;

    private readonly ConcurrentDictionary<string, Readers> _files = new(StringComparer.Ordinal);
    private volatile bool _disposed;
    private long _checks;

    /// <summary>How many checks this instance has answered (the tests count queries with it).</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>
    /// Reads the session <paramref name="id"/> of <paramref name="userId"/> from the database of
    /// <paramref name="connectionString"/>: the unread notification count when it is open at <paramref name="nowUtc"/>,
    /// else null. Returns false (and reads nothing) when the database is not a file, which a second connection
    /// could not see (an in-memory database).
    /// </summary>
    public bool TryCheck(string connectionString, string id, string userId, DateTime nowUtc, out int? unread)
    {
        unread = null;
        var readers = _files.GetOrAdd(connectionString, static c => new Readers(c));
        if (!readers.Usable)
        {
            return false;
        }
        var reader = readers.Take();
        var healthy = false;
        try
        {
            unread = reader.Read(id, userId, nowUtc);
            healthy = true;
        }
        finally
        {
            Interlocked.Increment(ref _checks);
            // A reader whose read failed (file gone, schema changed) is closed, not reused.
            if (!healthy || _disposed || !readers.Return(reader))
            {
                reader.Dispose();
            }
        }
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var readers in _files.Values)
        {
            readers.Dispose();
        }
    }

    /// <summary>The idle readers of one database file.</summary>
    private sealed class Readers(string connectionString) : IDisposable
    {
        private readonly ConcurrentBag<Reader> _idle = [];
        private int _count;

        public bool Usable { get; } = IsFile(connectionString);

        public Reader Take()
        {
            if (_idle.TryTake(out var reader))
            {
                Interlocked.Decrement(ref _count);
                return reader;
            }
            return new Reader(connectionString);
        }

        /// <summary>Keeps <paramref name="reader"/> for the next check; false when enough are idle already.</summary>
        public bool Return(Reader reader)
        {
            if (Interlocked.Increment(ref _count) > MaxIdle)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }
            _idle.Add(reader);
            return true;
        }

        public void Dispose()
        {
            while (_idle.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }

        private static bool IsFile(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            return builder.Mode != SqliteOpenMode.Memory
                && !string.IsNullOrEmpty(builder.DataSource)
                && builder.DataSource != ":memory:";
        }
    }

    /// <summary>One open connection and the check's statement, prepared once.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _user;
        private readonly SqliteParameter _now;

        public Reader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = Sql;
                _id = _command.Parameters.Add("$id", SqliteType.Text);
                _user = _command.Parameters.Add("$user", SqliteType.Text);
                // Bound as EF Core stores a DateTime in SQLite ("yyyy-MM-dd HH:mm:ss.FFFFFFF" text), so the comparison
                // is the same one EF Core's query makes.
                _now = _command.Parameters.Add("$now", SqliteType.Text);
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public int? Read(string id, string userId, DateTime nowUtc)
        {
            _id.Value = id;
            _user.Value = userId;
            _now.Value = nowUtc;
            // Disposing the data reader resets the statement: no read transaction is left open.
            using var row = _command.ExecuteReader();
            return row.Read() ? row.GetInt32(0) : null;
        }

        public void Dispose()
        {
            _command?.Dispose();
            _connection.Dispose();
        }
    }
}
