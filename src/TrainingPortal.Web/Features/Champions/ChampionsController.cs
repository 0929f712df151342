using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.Champions;

/// <summary>
/// "Become an MI Champion": a signed-in person asks with a short motivation (one open request at a time, enforced by
/// the database too) and reads the outcome here; administrators decide at <c>/admin/mi/champions</c>.
/// </summary>
[Route("mi/champion")]
public sealed class ChampionsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const string AlreadyOpen = "You have already asked to be a Champion: an administrator will answer that request. Nothing new was sent.";

    private string Me => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await PageAsync(null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = "Form")] ChampionRequestForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await IsChampionAsync(cancellationToken))
        {
            TempData["Notice"] = "You are already an MI Champion: nothing was sent.";
            return Redirect("/mi/champion");
        }
        if (await db.ChampionRequests.AnyAsync(r => r.PersonId == Me && r.Status == ChampionRequestStatus.Open, cancellationToken))
        {
            ModelState.AddModelError("Form.Motivation", AlreadyOpen);
        }
        if (!ModelState.IsValid)
        {
            return View(await PageAsync(form, cancellationToken));
        }
        db.ChampionRequests.Add(new ChampionRequest
        {
            PersonId = Me,
            Motivation = form.Motivation!.Trim(),
            Status = ChampionRequestStatus.Open,
            RequestedUtc = clock.UtcNow,
        });
        if (!await db.TrySaveUniqueAsync(cancellationToken)) // a second click a moment earlier already sent one
        {
            ModelState.AddModelError("Form.Motivation", AlreadyOpen);
            return View(await PageAsync(form, cancellationToken));
        }
        TempData["Notice"] = "Your request is sent. An administrator will answer it; the answer appears on this page.";
        return Redirect("/mi/champion");
    }

    private Task<bool> IsChampionAsync(CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == Me && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Champion), ct);

    private async Task<ChampionPage> PageAsync(ChampionRequestForm? form, CancellationToken ct)
    {
        var me = Me;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { u.TimeZoneId, IsChampion = db.UserRoles.Any(ur => ur.UserId == me && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Champion)) })
            .SingleAsync(ct);
        var latest = await db.ChampionRequests.AsNoTracking().Where(r => r.PersonId == me).OrderByDescending(r => r.RequestedUtc).ThenByDescending(r => r.Id)
            .Select(r => new ChampionRequestView(r.Id, r.Status, r.Motivation, r.RequestedUtc, r.DecidedUtc, r.DeclineReason)).FirstOrDefaultAsync(ct);
        return new ChampionPage(person.IsChampion, latest, form ?? new ChampionRequestForm(), person.TimeZoneId);
    }
}
