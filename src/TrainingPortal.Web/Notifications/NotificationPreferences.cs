using Microsoft.AspNetCore.DataProtection;

namespace TrainingPortal.Web.Notifications;

/// <summary>People's choices per kind, read in one query for many people.</summary>
public sealed class NotificationChoices(Dictionary<(string UserId, NotificationKind Kind), NotificationChannel> chosen)
{
    /// <summary>The person's choice for the kind, or the kind's default.</summary>
    public NotificationChannel Of(string userId, NotificationKind kind) =>
        chosen.TryGetValue((userId, kind), out var channel) ? channel : NotificationKinds.Of(kind).Default;
}

public static class NotificationPreferences
{
    public static async Task<NotificationChoices> ChoicesAsync(AppDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => EF.Parameter(userIds).Contains(p.UserId)).ToListAsync(ct);
        return new NotificationChoices(rows.ToDictionary(p => (p.UserId, p.Kind), p => p.Channel));
    }

    /// <summary>Sets one person's choice for one kind (adds or changes the row; audited as the person's change).</summary>
    public static async Task SetAsync(AppDbContext db, string userId, NotificationKind kind, NotificationChannel channel, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Kind == kind, ct);
        if (row is null)
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Channel = channel });
        }
        else
        {
            row.Channel = channel;
        }
    }
}

/// <summary>
/// The signed address that stops one kind of e-mail for one person without signing in
/// (<c>/notifications/unsubscribe/{token}</c>): the token is the person's id and the kind, protected with the portal's
/// data-protection keys (shared by every instance through the database), so it cannot be forged or changed to
/// another person or kind. It does not expire: an old e-mail's link keeps working.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("TrainingPortal.Notifications.Unsubscribe.v1");

    public string TokenFor(string userId, NotificationKind kind) => _protector.Protect($"{userId}\n{kind}");

    public string PathFor(string userId, NotificationKind kind) => "/notifications/unsubscribe/" + TokenFor(userId, kind);

    /// <summary>The person and kind a token names, or null when it was not made by the portal (or was changed).</summary>
    public (string UserId, NotificationKind Kind)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts is [var user, var kind] && Enum.TryParse<NotificationKind>(kind, out var k) && Enum.IsDefined(k) ? (user, k) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Adds notifications to the caller's unit of work: they are saved with the change that causes them (the caller's
/// <c>SaveChanges</c>), so a change and what is told about it commit or fail together.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider time)
{
    public const int MaxBody = 4000;

    public Notification Add(string userId, NotificationKind kind, string key, string title, string body, string link)
    {
        var notification = new Notification
        {
            UserId = userId,
            Kind = kind,
            Key = key,
            Title = title.Length > 200 ? title[..200] : title,
            Body = body.Length > MaxBody ? body[..MaxBody] : body,
            Link = link,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.Notifications.Add(notification);
        return notification;
    }

    private static string ProgramTitle(string programKey) =>
        TrainingPortal.Domain.Programs.ProgramCatalog.Default.TryGet(programKey, out var program) ? program.Title : programKey;

    /// <summary>"You were enrolled": what happens next is on the person's home page.</summary>
    public void Enrolled(string personId, string programKey) =>
        Add(personId, NotificationKind.Enrolled, "enrolled:" + Guid.NewGuid().ToString("N"),
            $"You were enrolled in {ProgramTitle(programKey)}",
            $"You are now enrolled in {ProgramTitle(programKey)}. Your home page shows each requirement of the program, the figure behind it, "
                + "what is still missing and what is still reachable; your schedule shows the meetings you are expected at.",
            "/");

    /// <summary>An administrator accepted or declined the person's request to join (the reason, when declined, is written for them).</summary>
    public void JoinRequestAnswered(JoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var program = ProgramTitle(request.ProgramKey);
        var accepted = request.Status == JoinRequestStatus.Accepted;
        Add(request.PersonId, NotificationKind.JoinRequestAnswered,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"join-answered:{request.Id}:{request.Status}"),
            accepted ? $"Your request to join {program} was accepted" : $"Your request to join {program} was declined",
            accepted
                ? $"An administrator enrolled you in {program}. Your home page shows what the program requires and where you stand."
                : $"An administrator declined your request to join {program}. Their reason: {request.DeclineReason}",
            accepted ? "/" : "/programs");
    }
}
