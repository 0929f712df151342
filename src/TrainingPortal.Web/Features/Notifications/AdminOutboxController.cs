using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Notifications;

/// <summary>
/// The e-mail outbox for administrators: how many wait, were sent or failed; the messages that wait or failed with
/// their attempts and last error (the kind of error, never the SMTP reply text); sending a failed one again.
/// Shows subjects and recipients' names, never message bodies.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/notifications")]
public sealed class AdminOutboxController(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        var waiting = await db.OutboxEmails.CountAsync(e => e.State == OutboxState.Waiting, ct);
        var failed = await db.OutboxEmails.CountAsync(e => e.State == OutboxState.Failed, ct);
        var sentToday = await db.OutboxEmails.CountAsync(e => e.State == OutboxState.Sent && e.SentUtc >= dayAgo, ct);
        var rows = await (
            from e in db.OutboxEmails
            where e.State != OutboxState.Sent
            join u in db.Users on e.UserId equals u.Id into recipients
            from u in recipients.DefaultIfEmpty()
            orderby e.State descending, e.Id
            select new OutboxRow(e.Id, e.State, e.Subject, u != null ? u.DisplayName : "A rater (no account)", e.CreatedUtc, e.Attempts,
                e.NextAttemptUtc, e.LastError)).Take(200).ToListAsync(ct);
        var me = await users.GetUserAsync(User);
        return View("~/Features/Notifications/Outbox.cshtml", new OutboxPage(waiting, failed, sentToday, rows, me?.TimeZoneId ?? "America/New_York"));
    }

    /// <summary>Sends a failed (or waiting) message again at the next run, with a fresh count of attempts.</summary>
    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxEmails.Where(e => e.Id == id && e.State != OutboxState.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, OutboxState.Waiting).SetProperty(e => e.Attempts, 0).SetProperty(e => e.NextAttemptUtc, now), ct);
        if (changed == 0)
        {
            return NotFound();
        }
        TempData["Notice"] = "The e-mail will be sent again within a minute.";
        return RedirectToAction(nameof(Index));
    }
}

public sealed record OutboxRow(long Id, OutboxState State, string Subject, string Recipient, DateTime CreatedUtc, int Attempts, DateTime NextAttemptUtc, string? LastError);

public sealed record OutboxPage(int Waiting, int Failed, int SentToday, IReadOnlyList<OutboxRow> Rows, string TimeZoneId);
