using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Notifications;

namespace TrainingPortal.Web.Features.Notifications;

/// <summary>
/// A person's notifications: the list (newest first, unread marked), opening one (marks it read and goes to its page),
/// marking all read, and the choice per kind — an e-mail now, a weekly digest, or the portal only. Only the person's own.
/// The unsubscribe address from an e-mail works without signing in (its signed token names the person and the kind).
/// </summary>
[Route("notifications")]
public sealed class NotificationsController(AppDbContext db, UserManager<AppUser> users, UnsubscribeLinks unsubscribe,
    TimeProvider time) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(int? before, CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        if (before is { } id)
        {
            query = query.Where(n => n.Id < id);
        }
        var items = await query.OrderByDescending(n => n.Id).Take(PageSize + 1)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Title, n.Body, n.CreatedUtc, n.ReadUtc != null)).ToListAsync(ct);
        var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).FirstAsync(ct);
        var unreadCount = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadUtc == null, ct);
        return View(new NotificationListPage(items.Take(PageSize).ToList(), items.Count > PageSize ? items[PageSize - 1].Id : null, unreadCount, zone));
    }

    /// <summary>Opens one notification: marks it read and goes to the page it links to.</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Open(long id, CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        var link = await db.Notifications.Where(n => n.Id == id && n.UserId == me).Select(n => n.Link).FirstOrDefaultAsync(ct);
        if (link is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == me && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
        return LocalRedirect(Url.IsLocalUrl(link) ? link : "/notifications");
    }

    [HttpPost("read")]
    public async Task<IActionResult> MarkAllRead(CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        var now = time.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications.Where(n => n.UserId == me && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
        TempData["Notice"] = marked == 1 ? "1 notification marked as read." : $"{marked} notifications marked as read.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("settings")]
    public async Task<IActionResult> Settings(CancellationToken ct) => View(await SettingsPageAsync(ct));

    [HttpPost("settings")]
    public async Task<IActionResult> Settings([FromForm] Dictionary<string, string>? channel, CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        var page = await SettingsPageAsync(ct);
        var changes = new List<(NotificationKind Kind, NotificationChannel Channel)>();
        foreach (var kind in page.Kinds)
        {
            var value = channel?.GetValueOrDefault(kind.Kind.ToString());
            if (value is null)
            {
                continue; // not sent: left as it is
            }
            if (!Enum.TryParse<NotificationChannel>(value, out var chosen) || !Enum.IsDefined(chosen))
            {
                ModelState.AddModelError("channel-" + kind.Kind, $"Choose how you want to be told: {kind.Label.ToLowerInvariant()}.");
                continue;
            }
            changes.Add((kind.Kind, chosen));
        }
        if (!ModelState.IsValid)
        {
            return View(page);
        }
        var current = page.Choices;
        foreach (var (kind, chosen) in changes.Where(c => current[c.Kind] != c.Channel))
        {
            await NotificationPreferences.SetAsync(db, me, kind, chosen, ct);
        }
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "Your notification settings are saved.";
        return RedirectToAction(nameof(Settings));
    }

    private async Task<NotificationSettingsPage> SettingsPageAsync(CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        var audiences = new HashSet<NotificationAudience> { NotificationAudience.Trainee };
        if (User.IsInRole(TrainingPortal.Domain.Roles.Trainer) || User.IsInRole(TrainingPortal.Domain.Roles.Administrator))
        {
            audiences.Add(NotificationAudience.Trainer);
        }
        if (User.IsInRole(TrainingPortal.Domain.Roles.Administrator))
        {
            audiences.Add(NotificationAudience.Administrator);
        }
        var kinds = NotificationKinds.All.Where(k => audiences.Contains(k.Audience)).ToList();
        var choices = await NotificationPreferences.ChoicesAsync(db, [me], ct);
        return new NotificationSettingsPage(kinds, kinds.ToDictionary(k => k.Kind, k => choices.Of(me, k.Kind)));
    }

    /// <summary>The page an e-mail's unsubscribe link opens: says what stops, with one button (no sign-in needed).</summary>
    [AllowAnonymous]
    [HttpGet("unsubscribe/{token}")]
    public async Task<IActionResult> Unsubscribe(string token, CancellationToken ct)
    {
        if (unsubscribe.Read(token) is not { } target || !await db.Users.AnyAsync(u => u.Id == target.UserId, ct))
        {
            return View("UnsubscribeInvalid");
        }
        var choice = (await NotificationPreferences.ChoicesAsync(db, [target.UserId], ct)).Of(target.UserId, target.Kind);
        return View(new UnsubscribePage(token, NotificationKinds.Of(target.Kind), choice == NotificationChannel.PortalOnly));
    }

    /// <summary>
    /// Stops e-mails of the token's kind for the token's person (they stay in the portal's list). Also the RFC 8058
    /// one-click address a mail program posts to: no antiforgery token can come from there, and none is needed — the
    /// signed token is the authority, it names one person and one kind, and the change can only turn e-mail off.
    /// </summary>
    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [HttpPost("unsubscribe/{token}")]
    public async Task<IActionResult> UnsubscribeConfirmed(string token, CancellationToken ct)
    {
        if (unsubscribe.Read(token) is not { } target || !await db.Users.AnyAsync(u => u.Id == target.UserId, ct))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("UnsubscribeInvalid");
        }
        await NotificationPreferences.SetAsync(db, target.UserId, target.Kind, NotificationChannel.PortalOnly, ct);
        await db.SaveChangesAsync(ct);
        return View("Unsubscribe", new UnsubscribePage(token, NotificationKinds.Of(target.Kind), Done: true));
    }
}

public sealed record NotificationRow(long Id, NotificationKind Kind, string Title, string Body, DateTime CreatedUtc, bool Read);

public sealed record NotificationListPage(IReadOnlyList<NotificationRow> Items, long? OlderBefore, int Unread, string TimeZoneId);

public sealed record NotificationSettingsPage(IReadOnlyList<NotificationKindInfo> Kinds, IReadOnlyDictionary<NotificationKind, NotificationChannel> Choices);

public sealed record UnsubscribePage(string Token, NotificationKindInfo Kind, bool Done);
