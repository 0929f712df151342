using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainingPortal.Web.Tests.Standings;

/// <summary>A portal that records the text and parameters of its statements (queries and non-queries).</summary>
public sealed class WriteRecordingPortalFactory : PortalFactory
{
    public WriteRecorder Recorder { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Recorder);
}

/// <summary>Keeps every command's text and parameters.</summary>
public sealed class WriteRecorder : DbCommandInterceptor
{
    public ConcurrentQueue<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Commands { get; } = new();

    private void Keep(DbCommand command) =>
        Commands.Enqueue((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Keep(command);
        return result;
    }
}

/// <summary>
/// The <c>StandingInvalidator</c>'s one <c>UPDATE "EnrollmentStandings"</c> per save finds the affected enrollments through
/// indexes (SQLite's EXPLAIN QUERY PLAN of the exact statement and parameters the app sent): no scan of the enrollments and no
/// correlated subquery per enrollment, so a save costs the same at 45,000 enrollments as at 45. (A group change used to run
/// an EXISTS per enrollment: 170–320 ms per attendance save at 10,000 trainees.)
/// </summary>
public sealed class StandingInvalidatorPlanTests(WriteRecordingPortalFactory factory, ITestOutputHelper output) : IClassFixture<WriteRecordingPortalFactory>
{
    public static TheoryData<string> Changes() => ["person (training hours)", "training case (case session)", "group (meeting cancelled)", "enrollment (waiver)", "all at once"];

    [SqliteTheory]
    [MemberData(nameof(Changes))]
    public async Task Marking_standings_stale_reads_the_enrollments_through_indexes_only(string change)
    {
        var s = await factory.MioClinicianAsync();
        var today = factory.TodayInNewYork();
        await using (var seed = factory.NewContext())
        {
            seed.Standings.Add(new CachedStanding { EnrollmentId = s.EnrollmentId, Status = OverallStatus.NotYetEligible, EvaluatedOn = today, EvaluatedUtc = DateTime.UtcNow });
            await seed.SaveChangesAsync();
        }

        factory.Recorder.Commands.Clear();
        await factory.WithDbAsync(async db =>
        {
            var all = change == "all at once";
            if (all || change.StartsWith("person", StringComparison.Ordinal))
            {
                db.TrainingHours.Add(new TrainingHoursRecord { PersonId = s.Person.Id, Date = today, Hours = 3, Title = "Workshop" });
            }
            if (all || change.StartsWith("training case", StringComparison.Ordinal))
            {
                var caseId = await db.TrainingCases.Where(c => c.PersonId == s.Person.Id).Select(c => c.Id).FirstAsync();
                db.CaseSessions.Add(new CaseSessionRecord { TrainingCaseId = caseId, Date = today, Recorded = true });
            }
            if (all || change.StartsWith("group", StringComparison.Ordinal))
            {
                (await db.Meetings.FirstAsync(m => m.GroupId == s.GroupId)).Cancelled = true;
            }
            if (all || change.StartsWith("enrollment", StringComparison.Ordinal))
            {
                db.Waivers.Add(new WaiverRecord { EnrollmentId = s.EnrollmentId, RequirementKey = "membership", Reason = "Paused", GrantedOn = today, GrantedById = s.Person.Id });
            }
            return await db.SaveChangesAsync();
        });

        var marks = factory.Recorder.Commands.Where(c => c.Sql.StartsWith("UPDATE \"EnrollmentStandings\"", StringComparison.Ordinal)).ToList();
        var (sql, parameters) = Assert.Single(marks);
        var plan = await PlanAsync(sql, parameters);
        output.WriteLine($"{change}\n{sql}\n  {string.Join("\n  ", plan)}");
        // Only json_each (the parameter lists, a virtual table) may be scanned; every table is searched through an index or its key.
        Assert.DoesNotContain(plan, line => line.Contains("CORRELATED", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(db => db.Standings.Where(x => x.EnrollmentId == s.EnrollmentId).Select(x => x.Stale).SingleAsync()));
    }

    [SqliteFact]
    public async Task The_queues_due_check_reads_only_active_enrollments_through_an_index()
    {
        var (_, admin) = await QueueData.AdminAsync(factory);
        await factory.MioClinicianAsync();
        await admin.GetStringAsync("/admin/approvals"); // refreshes what is due, compiles the view

        factory.Recorder.Commands.Clear();
        var response = await admin.GetAsync("/admin/approvals");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var due = factory.Recorder.Commands.Where(c => c.Sql.Contains("'Active'", StringComparison.Ordinal) && c.Sql.Contains("\"EnrollmentStandings\"", StringComparison.Ordinal)
            && c.Sql.StartsWith("SELECT \"e\".\"Id\"", StringComparison.Ordinal)).ToList();
        var (sql, parameters) = Assert.Single(due);
        var plan = await PlanAsync(sql, parameters);
        output.WriteLine($"{sql}\n  {string.Join("\n  ", plan)}");
        // Not a scan of every enrollment (most are withdrawn or completed): a search of the (ProgramKey, Status) index.
        // (The one scan allowed is of the narrow standings index, once per query: see below.)
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("VIRTUAL TABLE", StringComparison.Ordinal)
            && !line.Contains("Programs", StringComparison.Ordinal) && !line.Contains("COVERING INDEX IX_EnrollmentStandings_Stale_EvaluatedOn", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("IX_Enrollments_ProgramKey_Status (ProgramKey=? AND Status=?)", StringComparison.Ordinal));
        // The current standings are read once from their (Stale, EvaluatedOn) index, not looked up per enrollment.
        Assert.DoesNotContain(plan, line => line.Contains("CORRELATED", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_EnrollmentStandings_Stale_EvaluatedOn", StringComparison.Ordinal));
    }

    private Task<List<string>> PlanAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters) =>
        QueryPlans.ExplainAsync(factory.DatabasePath, sql, parameters);
}
