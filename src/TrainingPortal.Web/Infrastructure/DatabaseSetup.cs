using Microsoft.Data.Sqlite;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>Chooses the database provider from configuration (<c>Database:Provider</c>).</summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/portal.db";

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connection = configuration.GetConnectionString("Portal");
        // The context is pooled: options, interceptors and the context's own services are built once, not per request
        // (a trace put the per-request context set-up at ~15% of a light signed-in page). The interceptors are
        // therefore singletons; what they keep during a save lives on the context (AppDbContext.SaveState), and the
        // actor comes from IHttpContextAccessor.
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Standings.StandingInvalidator>();
        services.AddSingleton<Files.FolderFileStore.FolderCleanup>();

        if (string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is not set.");
            }
            services.AddDbContextPool<AppDbContext, SqlServerDbContext>((sp, options) => options
                .UseSqlServer(connection, sql => sql.EnableRetryOnFailure())
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Standings.StandingInvalidator>(),
                    sp.GetRequiredService<Files.FolderFileStore.FolderCleanup>()));
        }
        else if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Portal is not set.");
            }
            // No retrying execution strategy (unlike SQL Server's): the bulk writer of seed-scale runs its own transactions,
            // which a retrying strategy refuses; the app's multi-step saves already run inside CreateExecutionStrategy().
            services.AddDbContextPool<AppDbContext, PostgreSqlDbContext>((sp, options) => options
                .UseNpgsql(connection)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Standings.StandingInvalidator>(),
                    sp.GetRequiredService<Files.FolderFileStore.FolderCleanup>()));
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = ResolveSqliteConnection(connection ?? DefaultSqliteConnection, environment.ContentRootPath);
            // The per-request session check keeps its statement prepared on connections of its own (ServerSessions).
            services.AddSingleton<Identity.SqliteSessionReader>();
            services.AddDbContextPool<AppDbContext, SqliteDbContext>((sp, options) => options
                .UseSqlite(sqlite)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Standings.StandingInvalidator>(),
                    sp.GetRequiredService<Files.FolderFileStore.FolderCleanup>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite, SqlServer or PostgreSql, not '{provider}'.");
        }
        return services;
    }

    /// <summary>A relative SQLite file path is taken from the app's content root; its folder is created.</summary>
    public static string ResolveSqliteConnection(string connection, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(builder.DataSource))
        {
            var path = Path.IsPathRooted(builder.DataSource)
                ? builder.DataSource
                : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}
