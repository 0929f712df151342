using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.TrainerListings;

/// <summary>
/// Administrators confirm a trainer's MINT affiliation (the profile is then listed), decline it with a reason, or
/// withdraw a confirmation with a reason. Administrators manage listings only: they do not read coaching threads.
/// Each decision carries the profile's version: one taken on an older screen (the trainer changed the profile
/// meanwhile, or another administrator decided) is refused and the list shows the newer state.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/mi/trainers")]
public sealed class AdminTrainerListingsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;
    private const string ListView = "/Features/TrainerListings/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(ListView, await PageAsync(null, null, cancellationToken));

    [HttpPost("{id:int}/confirm")]
    public Task<IActionResult> Confirm(int id, [Bind(Prefix = "Decision")] ListingDecisionForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, AffiliationState.Confirmed, cancellationToken);

    [HttpPost("{id:int}/decline")]
    public Task<IActionResult> Decline(int id, [Bind(Prefix = "Decision")] ListingDecisionForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, AffiliationState.Declined, cancellationToken);

    [HttpPost("{id:int}/withdraw")]
    public Task<IActionResult> Withdraw(int id, [Bind(Prefix = "Decision")] ListingDecisionForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, AffiliationState.Withdrawn, cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, ListingDecisionForm form, AffiliationState decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var profile = await db.MiTrainerProfiles.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }
        var allowed = decision switch
        {
            AffiliationState.Confirmed or AffiliationState.Declined => profile.State == AffiliationState.Waiting,
            AffiliationState.Withdrawn => profile.State == AffiliationState.Confirmed,
            AffiliationState.Waiting => false,
        };
        if (form.Version != profile.Version || !allowed)
        {
            TempData["Notice"] = "This profile changed since you opened the page (the trainer edited it, or another administrator decided): nothing was changed. Here is its current state.";
            return Redirect("/admin/mi/trainers");
        }
        if (decision != AffiliationState.Confirmed && string.IsNullOrWhiteSpace(form.Reason))
        {
            ModelState.AddModelError("Decision.Reason", decision == AffiliationState.Declined
                ? "Give the trainer a reason for declining."
                : "Give the trainer a reason for withdrawing the confirmation.");
        }
        if (!ModelState.IsValid)
        {
            return View(ListView, await PageAsync(id, form, cancellationToken));
        }
        profile.State = decision;
        profile.StateReason = decision == AffiliationState.Confirmed ? null : form.Reason!.Trim();
        profile.StateChangedUtc = clock.UtcNow;
        profile.StateChangedById = users.GetUserId(User);
        profile.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "This profile changed while you decided: nothing was changed. Here is its current state.";
            return Redirect("/admin/mi/trainers");
        }
        var name = await db.Users.AsNoTracking().Where(u => u.Id == profile.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        TempData["Notice"] = decision switch
        {
            AffiliationState.Confirmed => $"{name}'s MINT affiliation is confirmed: the profile is listed{(profile.Paused ? " when they resume it" : "")}.",
            AffiliationState.Declined => $"{name}'s MINT affiliation was declined; they see your reason.",
            AffiliationState.Withdrawn => $"The confirmation of {name} is withdrawn: the profile is no longer listed.",
            AffiliationState.Waiting => "",
        };
        return Redirect("/admin/mi/trainers");
    }

    private async Task<ListingsPage> PageAsync(int? formFor, ListingDecisionForm? form, CancellationToken cancellationToken)
    {
        var rows = await db.MiTrainerProfiles.AsNoTracking()
            .OrderBy(p => p.State == AffiliationState.Waiting ? 0 : 1).ThenByDescending(p => p.UpdatedUtc).ThenBy(p => p.Id)
            .Take(Limit)
            .Select(p => new ListingRow(p.Id, db.Users.Where(u => u.Id == p.UserId).Select(u => u.DisplayName).First(),
                db.Users.Where(u => u.Id == p.UserId).Select(u => u.Email).First() ?? "", p.Languages, p.Regions, p.MintSince, p.MintProfileUrl,
                p.State, p.StateReason, p.Paused, p.UpdatedUtc, p.Version))
            .ToListAsync(cancellationToken);
        return new ListingsPage(rows, formFor, form ?? new ListingDecisionForm());
    }
}

public sealed record ListingRow(int Id, string Name, string Email, string Languages, string Regions, int MintSince, string? MintProfileUrl,
    AffiliationState State, string? Reason, bool Paused, DateTime UpdatedUtc, Guid Version);

public sealed record ListingsPage(IReadOnlyList<ListingRow> Rows, int? FormFor, ListingDecisionForm Decision);
