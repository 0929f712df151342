using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace TrainingPortal.Web.Tests.Features.Audit;

/// <summary>A portal that records the SQL it sends, with the parameters, so a test can ask SQLite for the plans.</summary>
public sealed class RecordingPortalFactory : PortalFactory
{
    public SqlRecorder Recorder { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Recorder);
}

/// <summary>Keeps the text and parameters of each query while <see cref="Recording"/>.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    public bool Recording { get; set; }

    public ConcurrentQueue<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Commands { get; } = new();

    private void Keep(DbCommand command)
    {
        if (Recording)
        {
            Commands.Enqueue((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// The audit viewer's queries never scan the audit table: every filter and every page is found through an index
/// (SQLite's EXPLAIN QUERY PLAN, asked with the exact SQL and parameters the page sent), so a page costs the same
/// at 1,000 rows as at 1,000,000.
/// </summary>
public sealed class AuditQueryPlanTests(RecordingPortalFactory factory, ITestOutputHelper output) : IClassFixture<RecordingPortalFactory>
{
    [SqliteFact]
    public async Task Every_audit_page_and_filter_reads_the_audit_table_through_an_index()
    {
        var (_, admin) = await QueueData.AdminAsync(factory);
        var trainee = await factory.FindAsync("trainee@demo.local");
        var newest = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        var email = Uri.EscapeDataString(trainee!.Email!);
        // Filtered pages must find their rows through the filter's index: neither a scan nor a walk down the primary key
        // (which reads every newer row that does not match). Pages with no filter but the keyset walk the primary key
        // from the newest (or the given) id and stop after 51 rows: that is what they are for.
        (string Query, bool Filtered)[] queries =
        [
            ("", false),
            ($"before={newest - 5}", false),
            ($"after={newest - 60}", false),
            ("entityType=Meeting", true),
            ("entityType=Meeting&entityId=42", true),
            ("entityId=42", true),
            ("from=2026-01-01&to=2026-01-31", true),
            ($"person={email}", true),
            ($"person={email}&role=concerned", true),
            ($"entityType=Enrollment&before={newest - 5}", true),
            ($"entityId=42&before={newest - 5}", true),
            ($"entityId=42&from=2026-01-01&before={newest - 5}", true),
        ];
        await admin.GetStringAsync("/admin/audit"); // view compiled

        var failures = new List<string>();
        foreach (var (query, filtered) in queries)
        {
            factory.Recorder.Commands.Clear();
            factory.Recorder.Recording = true;
            var response = await admin.GetAsync("/admin/audit?" + query);
            factory.Recorder.Recording = false;
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var audit = factory.Recorder.Commands.Where(c => c.Sql.Contains("\"AuditLog\"", StringComparison.Ordinal)).ToList();
            Assert.Single(audit); // one page query, no COUNT(*) over the table
            foreach (var (sql, parameters) in audit)
            {
                var aliases = Regex.Matches(sql, "\"AuditLog\" AS \"(\\w+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                var plan = await PlanAsync(sql, parameters);
                output.WriteLine($"?{query}\n  {string.Join("\n  ", plan)}");
                Assert.DoesNotContain("COUNT(", sql, StringComparison.OrdinalIgnoreCase);
                foreach (var line in plan)
                {
                    var walk = Regex.Match(line, "^(?:SCAN (\\w+)|SEARCH (\\w+) USING INTEGER PRIMARY KEY)");
                    var alias = walk.Groups[1].Success ? walk.Groups[1].Value : walk.Groups[2].Value;
                    if (walk.Success && aliases.Contains(alias) && (filtered || line.StartsWith("SCAN", StringComparison.Ordinal) && query.Length > 0))
                    {
                        failures.Add($"?{query}: {line}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, "full scans of the audit table:\n" + string.Join("\n", failures));
    }

    private Task<List<string>> PlanAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters) =>
        QueryPlans.ExplainAsync(factory.DatabasePath, sql, parameters);
}
