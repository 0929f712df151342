using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Migrating a new SQLite file and seeding the demo data costs a test host seconds of CPU, and nearly every test class
/// starts one. So the first host of each kind does it for real, and its database — taken right after the app's own
/// startup (migrations, roles, demo data in Development), before any test touched it — becomes the template the next
/// hosts of the same kind start from: each still gets a file of its own, and the app's startup still runs over it
/// (finding nothing to migrate or seed).
/// <para>
/// "The same kind" is the same factory type with the same configuration (every key and value the app reads, except
/// the per-host file and mail paths): a class that changes a setting or a service gets its own first host.
/// The demo data is dated from the host's clock, so a copy's clock starts where the template's stood (see
/// <see cref="PortalFactory.Time"/>); a template older than <see cref="MaxAge"/> is replaced by the next fresh
/// start, so that clock stays within minutes of the wall clock.
/// </para>
/// </summary>
public static class TemplateDatabases
{
    /// <summary>After this (wall clock), a template is no longer handed out; the next host starts from scratch and replaces it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "tp-tests", $"templates-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly Dictionary<string, Template> Templates = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>A template: a SQLite file's path, or a PostgreSQL database's name.</summary>
    private sealed record Template(string Path, DateTimeOffset ClockAt, DateTime MadeUtc);

    /// <summary>
    /// A database with every migration applied and nothing else in it (no roles, no demo data, nothing dated). A host
    /// with no template of its kind (the first of each kind, and the first after its kind's template grew too old: about
    /// 40 hosts in a run) starts from a copy of it instead of an empty database, so its startup finds nothing to migrate
    /// and only adds roles and seeds; EF Core generates and runs the migrations' SQL once per run instead of once per
    /// such host (≈ 0.3 CPU-s each). Made on first use with the app's own migrations; it never ages, since nothing in it
    /// depends on the clock. <c>MigrationTests</c> build a database from scratch themselves.
    /// </summary>
    private static readonly Lazy<string> Migrated = new(MakeMigrated, LazyThreadSafetyMode.ExecutionAndPublication);

    static TemplateDatabases()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (TestDatabase.IsPostgres)
            {
                lock (Gate)
                {
                    foreach (var template in Templates.Values)
                    {
                        TryDrop(template.Path);
                    }
                }
                if (Migrated.IsValueCreated)
                {
                    TryDrop(Migrated.Value);
                }
                return;
            }
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
    }

    /// <summary>
    /// The key of a host's kind: its factory type, environment and configuration, without <paramref name="perHost"/>
    /// (the settings that name the host's own files).
    /// </summary>
    public static string Key(Type factory, string environment, IConfiguration configuration, params string[] perHost)
    {
        var text = new StringBuilder().Append(factory.AssemblyQualifiedName).Append('\n').Append(environment).Append('\n');
        foreach (var (key, value) in configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!perHost.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Copies the template of <paramref name="key"/> to <paramref name="destination"/> (which must not exist yet) and
    /// returns the instant the template's clock stood at when it was made; null when there is no fresh template.
    /// </summary>
    public static DateTimeOffset? TryCopy(string key, string destination)
    {
        lock (Gate)
        {
            if (!Templates.TryGetValue(key, out var template) || DateTime.UtcNow - template.MadeUtc > MaxAge)
            {
                return null;
            }
            if (TestDatabase.IsPostgres)
            {
                // The server copies the template database; nobody is connected to a template (required).
                TestDatabase.OnServer($"CREATE DATABASE \"{destination}\" TEMPLATE \"{template.Path}\"");
            }
            else
            {
                File.Copy(template.Path, destination);
            }
            return template.ClockAt;
        }
    }

    /// <summary>
    /// Takes a consistent copy of <paramref name="database"/> (SQLite's online backup: safe while the app holds the
    /// file open in WAL mode) as the template of <paramref name="key"/>, unless a fresh one exists already.
    /// <paramref name="clockAt"/> is where the host's clock stood while its startup wrote the file.
    /// </summary>
    public static void Offer(string key, string database, DateTimeOffset clockAt)
    {
        lock (Gate)
        {
            if (Templates.TryGetValue(key, out var existing) && DateTime.UtcNow - existing.MadeUtc <= MaxAge)
            {
                return;
            }
        }
        string path;
        if (TestDatabase.IsPostgres)
        {
            // A template is copied from a database nobody is connected to: the host's idle pooled connections are
            // closed first (none is in use between its startup and its first test). Should one be, there is no template.
            path = TestDatabase.NewName("tpl");
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(TestDatabase.PostgresDatabase(database)));
            try
            {
                TestDatabase.OnServer($"CREATE DATABASE \"{path}\" TEMPLATE \"{database}\"");
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ObjectInUse)
            {
                return;
            }
        }
        else
        {
            path = CopySqlite(database);
        }
        lock (Gate)
        {
            if (Templates.TryGetValue(key, out var replaced))
            {
                if (TestDatabase.IsPostgres)
                {
                    TryDrop(replaced.Path);
                }
                else
                {
                    File.Delete(replaced.Path); // nobody copies it now: copies are taken under the same lock
                }
            }
            Templates[key] = new Template(path, clockAt, DateTime.UtcNow);
        }
    }

    /// <summary>
    /// Copies the migrated, empty database (<see cref="Migrated"/>) to <paramref name="destination"/>, which must not
    /// exist yet (a SQLite file's path, or the name of a PostgreSQL database to create).
    /// </summary>
    public static void CopyMigrated(string destination)
    {
        var migrated = Migrated.Value;
        lock (Gate)
        {
            if (TestDatabase.IsPostgres)
            {
                TestDatabase.OnServer($"CREATE DATABASE \"{destination}\" TEMPLATE \"{migrated}\"");
            }
            else
            {
                File.Copy(migrated, destination);
            }
        }
    }

    private static string MakeMigrated()
    {
        // The pending-model check is MigrationTests' job, as on the hosts (PortalFactory).
        static void Options(DbContextOptionsBuilder options) =>
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        if (TestDatabase.IsPostgres)
        {
            var name = TestDatabase.NewName("tplm");
            var builder = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(TestDatabase.PostgresDatabase(name));
            Options(builder);
            using (var db = new PostgreSqlDbContext(builder.Options))
            {
                db.Database.Migrate();
            }
            // A template is copied only while nobody is connected to it.
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(TestDatabase.PostgresDatabase(name)));
            return name;
        }
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "migrated.db");
        var sqlite = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        Options(sqlite);
        using (var db = new SqliteDbContext(sqlite.Options))
        {
            db.Database.Migrate();
        }
        return path;
    }

    private static void TryDrop(string name)
    {
        try
        {
            TestDatabase.Drop(name);
        }
        catch (Npgsql.NpgsqlException)
        {
            // The server went first (end of the run): the cluster is thrown away anyway.
        }
    }

    private static string CopySqlite(string database)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        return path;
    }
}
