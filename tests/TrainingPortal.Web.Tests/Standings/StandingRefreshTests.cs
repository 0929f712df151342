using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.QueueData;

namespace TrainingPortal.Web.Tests.Standings;

/// <summary>
/// Lets a test change the evidence at the moment the refresher reads it: when armed, the first evidence
/// query for attendance first marks the standing stale from another connection, as a trainer's save
/// committed during the evaluation would.
/// </summary>
public sealed class RaceInterceptor(Func<string> databasePath) : DbCommandInterceptor
{
    private int _armedFor;

    public void Arm(int enrollmentId) => Interlocked.Exchange(ref _armedFor, enrollmentId);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.Contains("FROM \"Attendance\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _armedFor, 0) is var id and > 0)
        {
            await using var other = new SqliteConnection($"Data Source={databasePath()}");
            await other.OpenAsync(cancellationToken);
            await using var update = other.CreateCommand();
            update.CommandText = "UPDATE EnrollmentStandings SET Stale = 1 WHERE EnrollmentId = $id";
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        return result;
    }
}

public sealed class RaceFactory : PortalFactory
{
    public RaceFactory() => Race = new RaceInterceptor(() => DatabasePath);

    public RaceInterceptor Race { get; }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Race);
}

/// <summary>The refresher against time and against a change made while it evaluates (own app: the clock moves).</summary>
public sealed class StandingRefreshTests(RaceFactory factory) : IClassFixture<RaceFactory>
{
    [SqliteFact]
    public async Task A_change_committed_while_evaluating_leaves_the_standing_stale()
    {
        var clinician = await factory.MioClinicianAsync();
        factory.Race.Arm(clinician.EnrollmentId);

        await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().RefreshAsync([clinician.EnrollmentId]));

        var standing = (await factory.StandingAsync(clinician.EnrollmentId))!;
        Assert.Equal(OverallStatus.Eligible, standing.Status); // stored from what was read…
        Assert.True(standing.Stale); // …but marked for another look, since something changed meanwhile
        var due = await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().Due(factory.TodayInNewYork()).ToListAsync());
        Assert.Contains(clinician.EnrollmentId, due);
    }

    [Fact]
    public async Task A_standing_is_evaluated_again_when_the_date_changes()
    {
        // The consultation period ends tomorrow: attendance is decided as of tomorrow (the end of the period's last
        // day), so eligibility comes with the date alone.
        var today = factory.TodayInNewYork();
        const int weeks = 20;
        var clinician = await factory.MioClinicianAsync(attended: weeks, groupStart: today.AddDays(-7 * weeks + 2), weeks: weeks, markedBefore: today);
        await factory.RefreshDueAsync();
        var before = (await factory.StandingAsync(clinician.EnrollmentId))!;
        Assert.Equal((OverallStatus.NotYetEligible, today), (before.Status, before.EvaluatedOn));
        var (_, admin) = await factory.AdminAsync();
        Assert.DoesNotContain(clinician.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));

        factory.Time.Advance(TimeSpan.FromDays(1));
        var tomorrow = factory.TodayInNewYork();
        Assert.Equal(today.AddDays(1), tomorrow);
        var due = await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().Due(tomorrow).ToListAsync());
        Assert.Contains(clinician.EnrollmentId, due);

        (_, admin) = await factory.AdminAsync(); // yesterday's session has ended
        var html = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"));

        Assert.Contains(clinician.EnrollmentId, QueueIds(html));
        Assert.Contains($"Evaluated as of <time datetime=\"{Iso(tomorrow)}\">", html);
        var after = (await factory.StandingAsync(clinician.EnrollmentId))!;
        Assert.Equal((OverallStatus.Eligible, tomorrow), (after.Status, after.EvaluatedOn));
    }
}
