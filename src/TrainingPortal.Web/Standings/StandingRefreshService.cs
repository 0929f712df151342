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
    ILogger<StandingRefreshService> logger) : LeasedBackgroundService(scopes, time, logger)
{
    protected override string LeaseName => StandingRefreshRun.LeaseName;

    protected override bool Enabled => options.Value.BackgroundRefresh;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshIntervalSeconds));

    protected override async Task RunAsync(IServiceProvider services, bool startUp, CancellationToken cancellationToken)
    {
        var refreshed = await services.GetRequiredService<StandingRefreshRun>().RunAsync(startUp, cancellationToken);
        if (startUp)
        {
            // Said even when nothing was due or another instance refreshes: operators (and bench/load/run.sh) wait for this line.
            LogStartUpRefreshed(Logger, refreshed ?? 0, refreshed is null ? " (another instance holds the refresh)" : "");
        }
        else if (refreshed > 0)
        {
            LogRefreshed(Logger, refreshed.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the standings of {Count} enrollments")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up refresh of the standings done: {Count} enrollments re-evaluated{Holder}")]
    private static partial void LogStartUpRefreshed(ILogger logger, int count, string holder);
}
