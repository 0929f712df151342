namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Background work that runs at start-up and then every <see cref="Interval"/>, in a scope of its own, on the one
/// instance holding its database lease (<see cref="BackgroundLeases"/>; the run itself takes it, so it can do
/// per-instance work first): a failed run (the database briefly unavailable) is logged and the next one comes; at
/// shutdown the lease is given up, so a restarted or another instance takes the work at once instead of after the lease.
/// </summary>
public abstract partial class LeasedBackgroundService(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    protected ILogger Logger => logger;

    /// <summary>The lease's name in <c>BackgroundLeases</c>.</summary>
    protected abstract string LeaseName { get; }

    /// <summary>False when configured off (the tests run the work themselves).</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; <paramref name="startUp"/> for the first after the service started.</summary>
    protected abstract Task RunAsync(IServiceProvider services, bool startUp, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, time);
        var startUp = true;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var first = startUp;
                startUp = false;
                await RunAsync(scope.ServiceProvider, first, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run (database briefly unavailable) must not stop the next ones
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex, LeaseName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!Enabled)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BackgroundLeases>().ReleaseAsync(LeaseName, cancellationToken);
        }
#pragma warning disable CA1031 // shutting down: the lease then simply runs out
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, ex, LeaseName);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The background run {Lease} failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Lease} lease could not be given up at shutdown; it runs out on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string lease);
}
