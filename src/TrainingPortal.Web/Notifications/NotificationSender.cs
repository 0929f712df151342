using System.Globalization;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using TrainingPortal.Web.Time;

namespace TrainingPortal.Web.Notifications;

/// <summary>
/// Turns notifications into e-mails and sends them: <see cref="RouteAsync"/> reads each new notification's kind against
/// the person's choice (an e-mail now, the weekly digest, or the portal only) and queues its e-mail in the outbox;
/// <see cref="SendDueAsync"/> sends what is due, one message at a time, marking each sent before the next. A failure
/// (SMTP server down, refused) keeps the message and tries it again later — after 1, 2, 4 … minutes, at most 6 hours
/// apart — until <see cref="MaxAttempts"/>; then it is marked failed and shown to administrators, who may send it again.
/// Runs on the one instance holding the <see cref="NotificationRun.LeaseName"/> lease, so two instances never send the
/// same message.
/// </summary>
public sealed partial class NotificationSender(AppDbContext db, IEmailSender email, PublicAddress address, UnsubscribeLinks unsubscribe,
    TimeProvider time, ILogger<NotificationSender> logger)
{
    public const int MaxAttempts = 10;
    public const int BatchSize = 200;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 1, 2, 4, … minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Routes new notifications (in batches); returns how many were routed.</summary>
    public async Task<int> RouteAsync(CancellationToken ct = default)
    {
        var routed = 0;
        while (true)
        {
            var batch = await db.Notifications.Where(n => n.EmailState == NotificationEmailState.Pending)
                .OrderBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return routed;
            }
            var userIds = batch.Select(n => n.UserId).Distinct().ToArray();
            var choices = await NotificationPreferences.ChoicesAsync(db, userIds, ct);
            var zones = await db.Users.Where(u => EF.Parameter(userIds).Contains(u.Id)).Select(u => new { u.Id, u.TimeZoneId })
                .ToDictionaryAsync(u => u.Id, u => u.TimeZoneId, ct);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var n in batch)
            {
                switch (choices.Of(n.UserId, n.Kind))
                {
                    case NotificationChannel.EmailNow:
                        db.OutboxEmails.Add(new OutboxEmail
                        {
                            UserId = n.UserId,
                            Kind = n.Kind,
                            Subject = n.Title,
                            Body = Compose(n, zones.GetValueOrDefault(n.UserId)),
                            CreatedUtc = now,
                            NextAttemptUtc = now,
                        });
                        n.EmailState = NotificationEmailState.Queued;
                        break;
                    case NotificationChannel.WeeklyDigest:
                        n.EmailState = NotificationEmailState.AwaitingDigest;
                        break;
                    default:
                        n.EmailState = NotificationEmailState.NotEmailed;
                        break;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            routed += batch.Count;
        }
    }

    /// <summary>The absolute address of a portal path, for e-mails.</summary>
    public string Absolute(string path) => address.Absolute(path);

    /// <summary>One notification's own e-mail: what happened, the link to the figures, why it was sent, how to stop it.</summary>
    public string Compose(Notification n, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(n);
        var kind = NotificationKinds.Of(n.Kind);
        var text = new StringBuilder();
        text.AppendLine(n.Body).AppendLine();
        text.Append("See it in the portal: ").AppendLine(address.Absolute(n.Link)).AppendLine();
        text.Append("Why you get this e-mail: ").Append(kind.Why).Append(" (").Append(Sent(n.CreatedUtc, timeZoneId)).AppendLine(").");
        text.Append("Stop e-mails of this kind: ").AppendLine(address.Absolute(unsubscribe.PathFor(n.UserId, n.Kind)));
        text.Append("Choose how you are told: ").AppendLine(address.Absolute("/notifications/settings"));
        return text.ToString();
    }

    /// <summary>"1 December 2026, 8:00 AM EST"-style: a moment in the recipient's zone, with the zone's name.</summary>
    public static string Sent(DateTime utc, string? timeZoneId)
    {
        var zone = PortalClock.FindZone(timeZoneId);
        var local = PortalClock.ToLocal(utc, zone);
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return string.Create(CultureInfo.InvariantCulture, $"{local:d MMMM yyyy, h:mm tt} {name}");
    }

    /// <summary>
    /// Sends the outbox's due messages, oldest first; returns how many were sent. A failure of the server (down, busy,
    /// refusing) ends the run — the rest wait for the next; a refused recipient only delays that message.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboxEmails.Where(e => e.State == OutboxState.Waiting && e.NextAttemptUtc <= now)
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var userIds = due.Where(e => e.UserId != null).Select(e => e.UserId!).Distinct().ToArray();
        var addresses = await db.Users.Where(u => EF.Parameter(userIds).Contains(u.Id)).Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var sent = 0;
        foreach (var message in due)
        {
            var to = message.ToAddress ?? (message.UserId is { } user ? addresses.GetValueOrDefault(user) : null);
            if (string.IsNullOrEmpty(to))
            {
                message.State = OutboxState.Failed;
                message.LastError = "The account has no e-mail address";
                await db.SaveChangesAsync(ct);
                continue;
            }
            try
            {
                await email.SendAsync(to, message.Subject, message.Body, Headers(message), ct);
                message.State = OutboxState.Sent;
                message.Attempts++;
                message.SentUtc = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.Attempts++;
                message.LastError = Describe(ex);
                message.NextAttemptUtc = time.GetUtcNow().UtcDateTime + Backoff(message.Attempts);
                if (message.Attempts >= MaxAttempts)
                {
                    message.State = OutboxState.Failed;
                }
                await db.SaveChangesAsync(ct);
                LogSendFailed(logger, message.Id, message.Attempts, message.LastError);
                if (!(ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted }))
                {
                    break; // the server is down or busy: the rest wait for the next run
                }
                // Only this recipient was refused: the others go on.
            }
        }
        return sent;
    }

    private List<KeyValuePair<string, string>>? Headers(OutboxEmail message)
    {
        if (message is not { UserId: { } user, Kind: { } kind })
        {
            return null;
        }
        // RFC 8058 one-click unsubscribe: mail programs POST "List-Unsubscribe=One-Click" to the signed address.
        return
        [
            new("List-Unsubscribe", "<" + address.Absolute(unsubscribe.PathFor(user, kind)) + ">"),
            new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ];
    }

    /// <summary>The kind of failure, never its message (an SMTP reply may quote the address).</summary>
    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => string.Create(CultureInfo.InvariantCulture, $"SMTP refused ({(int)smtp.StatusCode} {smtp.StatusCode})"),
        SmtpProtocolException => "SMTP protocol error",
        ServiceNotConnectedException or System.Net.Sockets.SocketException or IOException => "SMTP server unreachable",
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {OutboxId} not sent (attempt {Attempts}): {Error}; it is tried again later")]
    private static partial void LogSendFailed(ILogger logger, long outboxId, int attempts, string error);
}
