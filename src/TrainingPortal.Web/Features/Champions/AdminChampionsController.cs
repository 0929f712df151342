using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.Champions;

/// <summary>
/// Administrators read the requests to become an MI Champion (open first) and approve one — the Champion role is
/// granted in the same save, with a "RoleGranted" event in the audit log — or decline it with a reason the person reads.
/// A request's status is its concurrency token: of two administrators deciding at once, one decides.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/mi/champions")]
public sealed class AdminChampionsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;
    public const string AlreadyDecided = "This request was already decided: nothing was changed.";

    private const string ListView = "/Features/Champions/Admin.cshtml";

    private string Me => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(ListView, await PageAsync(null, null, cancellationToken));

    [HttpPost("{id:int}/approve")]
    public async Task<IActionResult> Approve(int id, CancellationToken cancellationToken)
    {
        var request = await db.ChampionRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Status != ChampionRequestStatus.Open)
        {
            TempData["Notice"] = AlreadyDecided;
            return Redirect("/admin/mi/champions");
        }
        var user = await users.FindByIdAsync(request.PersonId) ?? throw new InvalidOperationException("A request without its person.");
        Decide(request, ChampionRequestStatus.Approved, null);
        bool saved;
        if (await users.IsInRoleAsync(user, Roles.Champion))
        {
            saved = await SavedAsync(() => db.SaveChangesAsync(cancellationToken));
        }
        else
        {
            // The role row, the request and the event ride in Identity's one save.
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.UtcNow,
                ActorId = Me,
                Action = "RoleGranted",
                EntityType = nameof(AppUser),
                EntityId = user.Id,
                PersonId = user.Id,
                Changes = JsonSerializer.Serialize(new { Roles = Roles.Champion, Basis = $"Champion request {id} approved" }),
            });
            saved = await SavedAsync(async () =>
            {
                var result = await users.AddToRoleAsync(user, Roles.Champion);
                if (!result.Succeeded)
                {
                    throw new DbUpdateConcurrencyException(string.Join("; ", result.Errors.Select(e => e.Code)));
                }
            });
        }
        TempData["Notice"] = saved
            ? $"{user.DisplayName} is now an MI Champion. The role reaches their open session within a minute."
            : AlreadyDecided;
        return Redirect("/admin/mi/champions");
    }

    [HttpPost("{id:int}/decline")]
    public async Task<IActionResult> Decline(int id, [Bind(Prefix = "Decline")] ChampionDeclineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = await db.ChampionRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Status != ChampionRequestStatus.Open)
        {
            TempData["Notice"] = AlreadyDecided;
            return Redirect("/admin/mi/champions");
        }
        if (!ModelState.IsValid)
        {
            return View(ListView, await PageAsync(id, form, cancellationToken));
        }
        Decide(request, ChampionRequestStatus.Declined, form.Reason!.Trim());
        TempData["Notice"] = await SavedAsync(() => db.SaveChangesAsync(cancellationToken))
            ? "The request is declined; the person reads your reason on their page."
            : AlreadyDecided;
        return Redirect("/admin/mi/champions");
    }

    private void Decide(ChampionRequest request, ChampionRequestStatus status, string? reason)
    {
        request.Status = status;
        request.DecidedUtc = clock.UtcNow;
        request.DecidedById = Me;
        request.DeclineReason = reason;
    }

    /// <summary>Saves; false when another administrator decided the request (or granted the role) first: nothing of this is saved.</summary>
    private async Task<bool> SavedAsync(Func<Task> save)
    {
        try
        {
            await save();
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<ChampionRequestsPage> PageAsync(int? formFor, ChampionDeclineForm? form, CancellationToken ct)
    {
        var me = Me;
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct) ?? clock.ZoneId;
        var rows = await db.ChampionRequests.AsNoTracking()
            .OrderBy(r => r.Status != ChampionRequestStatus.Open).ThenByDescending(r => r.RequestedUtc).ThenByDescending(r => r.Id)
            .Take(Limit)
            .Join(db.Users, r => r.PersonId, u => u.Id, (r, u) => new ChampionRequestRow(r.Id, r.PersonId, u.DisplayName, u.Email, r.Motivation, r.Status,
                r.RequestedUtc, r.DecidedUtc, db.Users.Where(d => d.Id == r.DecidedById).Select(d => d.DisplayName).FirstOrDefault(), r.DeclineReason))
            .ToListAsync(ct);
        return new ChampionRequestsPage(rows, zone, formFor, form ?? new ChampionDeclineForm());
    }
}
