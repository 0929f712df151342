using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Notifications;

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Run the background sender and the daily checks (default on; the tests turn it off and run them themselves).</summary>
    public bool Background { get; set; } = true;

    /// <summary>Seconds between two runs (default 60).</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>The local hour (in each recipient's time zone) from which the day's checks and digests run (default 8).</summary>
    public int LocalHour { get; set; } = 8;
}

/// <summary>
/// One run of the notification work on the instance holding the <see cref="LeaseName"/> lease: the day's checks for
/// every time zone whose morning has come (<see cref="DailyNotificationChecks"/>), then routing new notifications and
/// sending the outbox's due e-mails (<see cref="NotificationSender"/>). With two instances, the other skips the run:
/// a message is sent once.
/// </summary>
public sealed class NotificationRun(DailyNotificationChecks daily, NotificationSender sender, BackgroundLeases leases, IOptions<NotificationOptions> options)
{
    public const string LeaseName = "notifications";

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(Math.Max(300, 3 * Math.Max(1, options.Value.IntervalSeconds)));

    /// <summary>What one run did, or null when another instance holds the lease.</summary>
    public async Task<NotificationRunResult?> RunAsync(CancellationToken ct = default)
    {
        if (!await leases.TryTakeAsync(LeaseName, LeaseDuration, ct))
        {
            return null;
        }
        var checkedZones = await daily.RunDueAsync(ct);
        var routed = await sender.RouteAsync(ct);
        var sent = await sender.SendDueAsync(ct);
        return new NotificationRunResult(checkedZones, routed, sent);
    }
}

public sealed record NotificationRunResult(int ZonesChecked, int Routed, int Sent);

/// <summary>Runs <see cref="NotificationRun"/> every <see cref="NotificationOptions.IntervalSeconds"/>; gives the lease up at shutdown.</summary>
public sealed partial class NotificationBackgroundService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationBackgroundService> logger) : LeasedBackgroundService(scopes, time, logger)
{
    protected override string LeaseName => NotificationRun.LeaseName;

    protected override bool Enabled => options.Value.Background;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));

    protected override async Task RunAsync(IServiceProvider services, bool startUp, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<NotificationRun>().RunAsync(cancellationToken) is { } r && (r.Sent > 0 || r.ZonesChecked > 0))
        {
            LogRun(Logger, r.ZonesChecked, r.Routed, r.Sent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications: day's checks for {Zones} time zones, {Routed} routed, {Sent} e-mails sent")]
    private static partial void LogRun(ILogger logger, int zones, int routed, int sent);
}
