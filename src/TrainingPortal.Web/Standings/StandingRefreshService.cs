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
                var refresher = scope.ServiceProvider.GetRequiredService<StandingRefresher>();
                var startUp = first;
                if (first)
                {
                    // Verdicts stored by an earlier release are re-evaluated now rather than after midnight.
                    await refresher.MarkOtherBuildsStaleAsync(stoppingToken);
                    first = false;
                }
                var refreshed = await refresher.RefreshDueAsync(stoppingToken);
                if (startUp)
                {
                    // Said even when nothing was due: operators (and bench/load/run.sh) wait for this line.
                    LogStartUpRefreshed(logger, refreshed);
                }
                else if (refreshed > 0)
                {
                    LogRefreshed(logger, refreshed);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the standings of {Count} enrollments")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up refresh of the standings done: {Count} enrollments re-evaluated")]
    private static partial void LogStartUpRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the standings failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
