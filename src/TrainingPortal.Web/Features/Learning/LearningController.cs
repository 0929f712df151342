using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Learning;

/// <summary>
/// An IMH course cohort's independent learning (readings and exercises), managed by the cohort's instructor (its
/// trainer) or an administrator: add, edit and remove items with due dates inside the cohort's dates, see each member's
/// completion, confirm it (an acknowledgment: the member's own mark already counts) or reopen it (the completion is
/// removed and no longer counts). Another trainer's cohort, and any group of another kind, answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/learning")]
public sealed class LearningController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, new LearningItemForm(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("items")]
    public async Task<IActionResult> Add(int groupId, [Bind(Prefix = "Form")] LearningItemForm form, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        CheckDueDate(form, group);
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await LoadAsync(groupId, form, cancellationToken));
        }
        var item = new LearningItemRecord { GroupId = groupId };
        Apply(item, form);
        db.LearningItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"“{item.Title}” added. The members see it on their course page.";
        return Redirect($"/groups/{groupId}/learning");
    }

    [HttpGet("items/{itemId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int itemId, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        var item = group is null ? null : await db.LearningItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.GroupId == groupId, cancellationToken);
        if (group is null || item is null)
        {
            return NotFound();
        }
        return View(new LearningEditPage(group.Id, group.Name, group.StartDate, group.EndDate, item.Id,
            new LearningItemForm { Kind = item.Kind, Title = item.Title, Details = item.Details, DueOn = item.DueOn }));
    }

    [HttpPost("items/{itemId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int itemId, [Bind(Prefix = "Form")] LearningItemForm form, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        var item = group is null ? null : await db.LearningItems.SingleOrDefaultAsync(i => i.Id == itemId && i.GroupId == groupId, cancellationToken);
        if (group is null || item is null)
        {
            return NotFound();
        }
        CheckDueDate(form, group);
        if (!ModelState.IsValid)
        {
            return View(new LearningEditPage(group.Id, group.Name, group.StartDate, group.EndDate, item.Id, form));
        }
        Apply(item, form);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"“{item.Title}” saved.";
        return Redirect($"/groups/{groupId}/learning");
    }

    /// <summary>
    /// Removes an item. When members have marked it complete, the first post asks for confirmation (their completions
    /// go with it); the confirmation page posts again with <paramref name="confirmed"/>.
    /// </summary>
    [HttpPost("items/{itemId:int}/remove")]
    public async Task<IActionResult> Remove(int groupId, int itemId, bool confirmed, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        var item = group is null ? null : await db.LearningItems.SingleOrDefaultAsync(i => i.Id == itemId && i.GroupId == groupId, cancellationToken);
        if (group is null || item is null)
        {
            return NotFound();
        }
        // Loaded and removed one by one, so each removed completion is audited (not only cascaded by the database).
        var completions = await db.LearningCompletions.Where(c => c.ItemId == itemId).ToListAsync(cancellationToken);
        if (completions.Count > 0 && !confirmed)
        {
            return View(new LearningRemovePage(group.Id, group.Name, item.Id, item.Title, completions.Count));
        }
        db.LearningCompletions.RemoveRange(completions);
        db.LearningItems.Remove(item);
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = completions.Count == 0
            ? $"“{item.Title}” removed."
            : $"“{item.Title}” removed, with {completions.Count} member{(completions.Count == 1 ? "'s completion" : "s' completions")}.";
        return Redirect($"/groups/{groupId}/learning");
    }

    [HttpPost("completions")]
    public async Task<IActionResult> Decide(int groupId, [Bind(Prefix = "Completion")] CompletionForm form, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        var personId = (form.PersonId ?? "").Trim();
        var item = await db.LearningItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == form.ItemId && i.GroupId == groupId, cancellationToken);
        if (item is null || !await db.ActiveMemberIds(groupId).AnyAsync(p => p == personId, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await LoadAsync(groupId, new LearningItemForm(), cancellationToken));
        }
        var name = await db.Users.Where(u => u.Id == personId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var completion = await db.LearningCompletions.SingleOrDefaultAsync(c => c.ItemId == item.Id && c.PersonId == personId, cancellationToken);
        var today = clock.Today;
        string notice;
        if (form.Decision == CompletionDecision.Confirm)
        {
            if (completion is null)
            {
                // The member did the work but did not mark it: the instructor records it complete and confirmed.
                db.LearningCompletions.Add(new LearningCompletion
                {
                    ItemId = item.Id, PersonId = personId, CompletedOn = today, ConfirmedOn = today, ConfirmedById = users.GetUserId(User),
                });
            }
            else
            {
                completion.ConfirmedOn = today;
                completion.ConfirmedById = users.GetUserId(User);
            }
            notice = $"“{item.Title}” confirmed complete for {name}.";
        }
        else
        {
            if (completion is not null)
            {
                db.LearningCompletions.Remove(completion);
            }
            notice = $"“{item.Title}” reopened for {name}: it no longer counts until it is marked complete again.";
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The member marked it complete in the same moment: their mark stands; confirm it again from the page.
            db.ChangeTracker.Clear();
            notice = $"{name} marked “{item.Title}” complete at the same moment, so nothing was changed. Check the page and confirm again.";
        }
        catch (DbUpdateConcurrencyException)
        {
            // The member removed their mark in the same moment: it is not complete now.
            db.ChangeTracker.Clear();
            notice = $"{name} removed their mark on “{item.Title}” at the same moment, so nothing was changed.";
        }
        TempData["Notice"] = notice;
        return Redirect($"/groups/{groupId}/learning");
    }

    private static void Apply(LearningItemRecord item, LearningItemForm form)
    {
        item.Kind = form.Kind!.Value;
        item.Title = form.Title!.Trim();
        item.Details = string.IsNullOrWhiteSpace(form.Details) ? null : form.Details.Trim();
        item.DueOn = form.DueOn;
    }

    /// <summary>A due date must fall within the cohort's dates.</summary>
    private void CheckDueDate(LearningItemForm form, LearningGroup group)
    {
        if (form.DueOn is { } due && (due < group.StartDate || due > group.EndDate))
        {
            ModelState.AddModelError("Form.DueOn",
                $"Choose a due date within the cohort's dates, {LearningText.Date(group.StartDate)} to {LearningText.Date(group.EndDate)}.");
        }
    }

    private Task<LearningGroup?> GroupAsync(int groupId, CancellationToken cancellationToken) =>
        db.Managed(User, users.GetUserId(User), GroupContent.IndependentLearning).AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new LearningGroup(g.Id, g.Name, g.StartDate, g.EndDate)).SingleOrDefaultAsync(cancellationToken);

    private async Task<LearningPage?> LoadAsync(int groupId, LearningItemForm form, CancellationToken cancellationToken)
    {
        var group = await GroupAsync(groupId, cancellationToken);
        if (group is null)
        {
            return null;
        }
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new LearningMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var items = await db.LearningItems.AsNoTracking().Where(i => i.GroupId == groupId)
            .OrderBy(i => i.DueOn == null).ThenBy(i => i.DueOn).ThenBy(i => i.Id)
            .Select(i => new LearningItemRow(i.Id, i.Kind, i.Title, i.Details, i.DueOn)).ToListAsync(cancellationToken);
        var completions = await db.LearningCompletions.AsNoTracking()
            .Where(c => db.LearningItems.Any(i => i.Id == c.ItemId && i.GroupId == groupId))
            .Select(c => new LearningCell(c.ItemId, c.PersonId, c.CompletedOn, c.ConfirmedOn))
            .ToListAsync(cancellationToken);
        return new LearningPage(group, [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)], items,
            completions.ToDictionary(c => (c.ItemId, c.PersonId)), form);
    }
}

public sealed record LearningGroup(int Id, string Name, DateOnly StartDate, DateOnly EndDate);

public sealed record LearningMember(string PersonId, string Name);

public sealed record LearningItemRow(int Id, LearningItemKind Kind, string Title, string? Details, DateOnly? DueOn);

public sealed record LearningCell(int ItemId, string PersonId, DateOnly CompletedOn, DateOnly? ConfirmedOn);

public sealed record LearningPage(LearningGroup Group, IReadOnlyList<LearningMember> Members, IReadOnlyList<LearningItemRow> Items,
    IReadOnlyDictionary<(int ItemId, string PersonId), LearningCell> Completions, LearningItemForm Form);

public sealed record LearningEditPage(int GroupId, string GroupName, DateOnly StartDate, DateOnly EndDate, int ItemId, LearningItemForm Form);

/// <summary>The item's fields on the add and edit forms (the <c>_ItemFields</c> partial).</summary>
public sealed record LearningFields(LearningItemForm Form, DateOnly StartDate, DateOnly EndDate);

public sealed record LearningRemovePage(int GroupId, string GroupName, int ItemId, string Title, int Completions);
