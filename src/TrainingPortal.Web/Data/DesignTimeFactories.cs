using Microsoft.EntityFrameworkCore.Design;

namespace TrainingPortal.Web.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a server (migrations and scripts only).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDbContext>
{
    public SqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerDbContext>().UseSqlServer("Server=design-time;Database=TrainingPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a server (migrations and scripts only).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=design-time;Database=trainingportal").Options);
}
