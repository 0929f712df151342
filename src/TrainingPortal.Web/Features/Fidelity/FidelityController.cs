using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.Fidelity;

/// <summary>
/// Fidelity reviews of a group's members, recorded by the group's trainer (or an administrator):
/// adherent or not yet adherent to the MIO model, with notes. Another trainer's group answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/fidelity")]
public sealed class FidelityController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var form = new FidelityForm { Date = clock.Today };
        var page = await LoadAsync(groupId, form, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(int groupId, [Bind(Prefix = "Form")] FidelityForm form, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        if (!await db.Managed(User, me, GroupContent.Fidelity).AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return NotFound();
        }
        var personId = (form.PersonId ?? "").Trim();
        if (ModelState.IsValid && !await db.ActiveMemberIds(groupId).AnyAsync(p => p == personId, cancellationToken))
        {
            ModelState.AddModelError("Form.PersonId", "Choose a member of this group.");
        }
        if (!ModelState.IsValid)
        {
            return View(await LoadAsync(groupId, form, cancellationToken));
        }
        db.FidelityReviews.Add(new FidelityReviewRecord
        {
            PersonId = personId, Date = form.Date!.Value, Outcome = form.Outcome!.Value, ReviewerId = me,
            Notes = string.IsNullOrWhiteSpace(form.Notes) ? null : form.Notes.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Fidelity review recorded.";
        return Redirect($"/groups/{groupId}/fidelity");
    }

    private async Task<FidelityPage?> LoadAsync(int groupId, FidelityForm form, CancellationToken cancellationToken)
    {
        var group = await db.Managed(User, users.GetUserId(User), GroupContent.Fidelity).AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name }).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new FidelityMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var reviews = await db.FidelityReviews.AsNoTracking().Where(r => memberIds.Contains(r.PersonId))
            .Join(db.Users, r => r.PersonId, u => u.Id, (r, u) => new FidelityRow(r.Id, u.DisplayName, r.Date, r.Outcome,
                db.Users.Where(v => v.Id == r.ReviewerId).Select(v => v.DisplayName).FirstOrDefault(), r.Notes))
            .ToListAsync(cancellationToken);
        return new FidelityPage(group.Id, group.Name, [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)],
            [.. reviews.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)], form);
    }
}

public sealed record FidelityMember(string PersonId, string Name);

public sealed record FidelityRow(int Id, string Member, DateOnly Date, FidelityOutcome Outcome, string? Reviewer, string? Notes);

public sealed record FidelityPage(int GroupId, string GroupName, IReadOnlyList<FidelityMember> Members, IReadOnlyList<FidelityRow> Reviews, FidelityForm Form);
