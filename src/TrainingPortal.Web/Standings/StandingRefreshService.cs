using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Standings;

/// <summary>Configuration section <c>Standings</c>.</summary>
public sealed class StandingOptions
{
    public const string Section = "Standings";

    /// <summary>Run the background refresh (default on; the tests turn it off and call the refresher themselves).</summary>
    public bool BackgroundRefresh { get; set; } = true;

    /// <summary>Seconds between two background runs (default 60).</summary>
    public int RefreshIntervalSeconds { get; set; } = 60;

    /// <summary>The queue page refreshes due standings itself, before showing the list, when at most this many are due (default 200).</summary>
    public int PageRefreshLimit { get; set; } = 200;
}

/// <summary>
/// One background run of the standings refresh, on the instance that holds the <see cref="LeaseName"/> lease
/// (<see cref="BackgroundLeases"/>): with several instances on one database, one of them refreshes the due standings
/// and the others skip the run, so no enrollment is evaluated by two of them at once and none is left out (the
/// holder takes every due one; if it stops, its lease runs out after <see cref="LeaseDuration"/> and another instance
/// takes over). Marking the verdicts of another build stale at start-up is done by each instance as it starts.
/// </summary>
public sealed class StandingRefreshRun(StandingRefresher refresher, BackgroundLeases leases, IOptions<StandingOptions> options)
{
    public const string LeaseName = "standings-refresh";

    /// <summary>Three intervals, at least two minutes: a holder that misses a run or two keeps it.</summary>
    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(Math.Max(120, 3 * Math.Max(1, options.Value.RefreshIntervalSeconds)));

    /// <summary>Refreshes the due standings if this instance holds the lease: how many were evaluated, or null when another instance holds it.</summary>
    public async Task<int?> RunAsync(bool startUp, CancellationToken cancellationToken = default)
    {
        if (startUp)
        {
            // Verdicts stored by an earlier release are re-evaluated now rather than after midnight.
            await refresher.MarkOtherBuildsStaleAsync(cancellationToken);
        }
        if (!await leases.TryTakeAsync(LeaseName, LeaseDuration, cancellationToken))
        {
            return null;
        }
        return await refresher.RefreshDueAsync(cancellationToken);
    }
}

/// <summary>
/// Refreshes due standings (<see cref="StandingRefresher.RefreshDueAsync"/>) at start-up and then every
/// <see cref="StandingOptions.RefreshIntervalSeconds"/> (at start-up after marking stale the verdicts an earlier release
/// stored, <see cref="StandingRefresher.MarkOtherBuildsStaleAsync"/>): after midnight in the portal's time zone every
/// active enrollment is re-evaluated once, and stale ones within a minute of the change.
/// </summary>
public sealed partial class StandingRefreshService(IServiceScopeFactory scopes, IOptions<StandingOptions> options, TimeProvider time,
    ILogger<StandingRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.BackgroundRefresh)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.RefreshIntervalSeconds)), time);
        var first = true;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var startUp = first;
                first = false;
                var refreshed = await scope.ServiceProvider.GetRequiredService<StandingRefreshRun>().RunAsync(startUp, stoppingToken);
                if (startUp)
                {
                    // Said even when nothing was due or another instance refreshes: operators (and bench/load/run.sh) wait for this line.
                    LogStartUpRefreshed(logger, refreshed ?? 0, refreshed is null ? " (another instance holds the refresh)" : "");
                }
                else if (refreshed > 0)
                {
                    LogRefreshed(logger, refreshed.Value);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run (database briefly unavailable) must not stop the next ones
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>At shutdown the lease is given up, so a restarted or another instance takes the refresh at once instead of after the lease.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.BackgroundRefresh)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BackgroundLeases>().ReleaseAsync(StandingRefreshRun.LeaseName, cancellationToken);
        }
#pragma warning disable CA1031 // shutting down: the lease then simply runs out
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The standings refresh lease could not be given up at shutdown; it runs out on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the standings of {Count} enrollments")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up refresh of the standings done: {Count} enrollments re-evaluated{Holder}")]
    private static partial void LogStartUpRefreshed(ILogger logger, int count, string holder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the standings failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
