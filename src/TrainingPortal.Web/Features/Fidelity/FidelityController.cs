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

    public const string ConflictMessage =
        "Someone else changed this review after you opened it, so nothing was saved. Its current state is shown below, with your changes kept in the form: check, then save again.";

    /// <summary>
    /// Editing a review: its reviewer, or an administrator, for a member of a group they manage. The member stays; date,
    /// outcome and notes change (the audit log keeps before → after). A save from a stale screen is refused (409).
    /// </summary>
    [HttpGet("{reviewId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int reviewId, CancellationToken cancellationToken)
    {
        var review = await EditableAsync(groupId, reviewId, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }
        var form = new FidelityForm { PersonId = review.PersonId, Date = review.Date, Outcome = review.Outcome, Notes = review.Notes, Seen = FidelityStamp.Of(review) };
        return View(await EditPageAsync(groupId, review, form, null, cancellationToken));
    }

    [HttpPost("{reviewId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int reviewId, [Bind(Prefix = "Form")] FidelityForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var review = await EditableAsync(groupId, reviewId, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }
        form.PersonId = review.PersonId; // the member is not changed here
        ModelState.Remove("Form.PersonId");
        if (form.Seen != FidelityStamp.Of(review))
        {
            ModelState.AddModelError("", ConflictMessage);
            Response.StatusCode = StatusCodes.Status409Conflict;
            var current = new FidelityRow(review.Id, "", review.Date, review.Outcome, null, review.Notes);
            form.Seen = FidelityStamp.Of(review);
            return View(await EditPageAsync(groupId, review, form, current, cancellationToken));
        }
        if (!ModelState.IsValid)
        {
            return View(await EditPageAsync(groupId, review, form, null, cancellationToken));
        }
        review.Date = form.Date!.Value;
        review.Outcome = form.Outcome!.Value;
        review.Notes = string.IsNullOrWhiteSpace(form.Notes) ? null : form.Notes.Trim();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Fidelity review changed.";
        return Redirect($"/groups/{groupId}/fidelity");
    }

    /// <summary>The review, tracked, when the signed-in user may edit it from this group; else null (404).</summary>
    private async Task<FidelityReviewRecord?> EditableAsync(int groupId, int reviewId, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        if (!await db.Managed(User, me, GroupContent.Fidelity).AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return null;
        }
        var isAdmin = User.IsInRole(Domain.Roles.Administrator);
        var memberIds = db.ActiveMemberIds(groupId);
        return await db.FidelityReviews
            .Where(r => r.Id == reviewId && memberIds.Contains(r.PersonId) && (isAdmin || r.ReviewerId == me))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<FidelityEditPage> EditPageAsync(int groupId, FidelityReviewRecord review, FidelityForm form, FidelityRow? current, CancellationToken cancellationToken)
    {
        var names = await db.Groups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Name, Member = db.Users.Where(u => u.Id == review.PersonId).Select(u => u.DisplayName).First() })
            .SingleAsync(cancellationToken);
        return new FidelityEditPage(groupId, names.Name, review.Id, names.Member, form, current);
    }

    private async Task<FidelityPage?> LoadAsync(int groupId, FidelityForm form, CancellationToken cancellationToken)
    {
        var group = await db.Managed(User, users.GetUserId(User), GroupContent.Fidelity).AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name }).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        var me = users.GetUserId(User);
        var isAdmin = User.IsInRole(Domain.Roles.Administrator);
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new FidelityMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var reviews = await db.FidelityReviews.AsNoTracking().Where(r => memberIds.Contains(r.PersonId))
            .Join(db.Users, r => r.PersonId, u => u.Id, (r, u) => new FidelityRow(r.Id, u.DisplayName, r.Date, r.Outcome,
                db.Users.Where(v => v.Id == r.ReviewerId).Select(v => v.DisplayName).FirstOrDefault(), r.Notes)
            {
                Editable = isAdmin || r.ReviewerId == me,
            })
            .ToListAsync(cancellationToken);
        return new FidelityPage(group.Id, group.Name, [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)],
            [.. reviews.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)], form);
    }
}

public sealed record FidelityMember(string PersonId, string Name);

public sealed record FidelityRow(int Id, string Member, DateOnly Date, FidelityOutcome Outcome, string? Reviewer, string? Notes)
{
    /// <summary>The signed-in user may edit it (its reviewer, or an administrator).</summary>
    public bool Editable { get; init; }
}

/// <summary>The edit screen of one review; <see cref="Current"/> is the newer state after a refused (stale) save.</summary>
public sealed record FidelityEditPage(int GroupId, string GroupName, int ReviewId, string Member, FidelityForm Form, FidelityRow? Current);

public sealed record FidelityPage(int GroupId, string GroupName, IReadOnlyList<FidelityMember> Members, IReadOnlyList<FidelityRow> Reviews, FidelityForm Form);
