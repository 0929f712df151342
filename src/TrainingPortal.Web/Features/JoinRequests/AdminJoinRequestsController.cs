using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>
/// The administrators' queue of requests to join: open ones oldest first, each enrolled with one action (its form posts
/// to the enroll form, whose checks apply: places, joining late, categories, renewals) or declined with a reason.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/join-requests")]
public sealed class AdminJoinRequestsController(AppDbContext db, UserManager<AppUser> users, JoinRequestReader reader, PortalClock clock,
    TrainingPortal.Web.Notifications.Notifier notifier) : Controller
{
    /// <summary>The most requests the queue shows at once.</summary>
    public const int Limit = 200;

    private const string Folder = "/Features/JoinRequests/";

    [HttpGet("")]
    public async Task<IActionResult> Index(bool decided = false, CancellationToken cancellationToken = default)
    {
        var query = db.JoinRequests.AsNoTracking().Where(r => decided ? r.Status != JoinRequestStatus.Open : r.Status == JoinRequestStatus.Open);
        var total = await query.CountAsync(cancellationToken);
        var ordered = decided ? query.OrderByDescending(r => r.DecidedUtc).ThenByDescending(r => r.Id) : query.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id);
        var requests = await reader.Queue(ordered.Take(Limit)).ToListAsync(cancellationToken);
        var programs = requests.Select(r => r.ProgramKey).Distinct(StringComparer.Ordinal).ToList();
        return View(Folder + "Queue.cshtml", new JoinQueuePage
        {
            Requests = requests,
            Total = total,
            Decided = decided,
            Groups = decided ? new Dictionary<string, IReadOnlyList<JoinGroupOption>>() : await reader.GroupsAsync(programs, cancellationToken),
            TimeZoneId = await ViewerZoneAsync(cancellationToken),
        });
    }

    [HttpGet("{id:int}/decline")]
    public async Task<IActionResult> Decline(int id, CancellationToken cancellationToken)
    {
        var request = await reader.Queue(db.JoinRequests.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        return View(Folder + "Decline.cshtml", new DeclinePage
        {
            Request = request, Form = new DeclineForm { Version = request.Version }, TimeZoneId = await ViewerZoneAsync(cancellationToken),
        });
    }

    [HttpPost("{id:int}/decline")]
    public async Task<IActionResult> Decline(int id, [Bind(Prefix = "Form")] DeclineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = await db.JoinRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Status != JoinRequestStatus.Open || request.Version != form.Version)
        {
            ModelState.AddModelError("", request.Status == JoinRequestStatus.Open
                ? "This request changed while you were looking at it. Check it below and decline again if you still want to."
                : "This request is no longer open (see its state below): nothing was changed.");
            form.Version = request.Version;
        }
        if (!ModelState.IsValid)
        {
            var shown = await reader.Queue(db.JoinRequests.AsNoTracking().Where(r => r.Id == id)).SingleAsync(cancellationToken);
            return View(Folder + "Decline.cshtml", new DeclinePage { Request = shown, Form = form, TimeZoneId = await ViewerZoneAsync(cancellationToken) });
        }
        db.Entry(request).Property(r => r.Version).OriginalValue = form.Version;
        request.Decide(JoinRequestStatus.Declined, clock.UtcNow, users.GetUserId(User), form.Reason!.Trim());
        notifier.JoinRequestAnswered(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) // a concurrency conflict, or the person's notification already written by the other decision
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "This request changed while you were looking at it (see its state below): nothing was changed.");
            var shown = await reader.Queue(db.JoinRequests.AsNoTracking().Where(r => r.Id == id)).SingleAsync(cancellationToken);
            return View(Folder + "Decline.cshtml", new DeclinePage
            {
                Request = shown, Form = new DeclineForm { Reason = form.Reason, Version = shown.Version }, TimeZoneId = await ViewerZoneAsync(cancellationToken),
            });
        }
        TempData["Notice"] = "The request is declined; the person sees your reason on their home page.";
        return Redirect("/admin/join-requests");
    }

    private async Task<string> ViewerZoneAsync(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        return await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? clock.ZoneId;
    }
}
