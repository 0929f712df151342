using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.MyLearning;

/// <summary>
/// A course member's readings and exercises: the items of their own cohort with due dates, each marked complete (or
/// un-marked while the instructor has not confirmed it). Only an active member of the cohort opens it; any other
/// person, and any group without independent learning, answers 404.
/// </summary>
[Route("my/learning/{groupId:int}")]
public sealed class MyLearningController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>Marks an item complete (<paramref name="complete"/>) or removes the person's own unconfirmed mark.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Mark(int groupId, int itemId, bool complete, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        if (me is null || !await IsMemberAsync(groupId, me, cancellationToken))
        {
            return NotFound();
        }
        var item = await db.LearningItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.GroupId == groupId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        var completion = await db.LearningCompletions.SingleOrDefaultAsync(c => c.ItemId == itemId && c.PersonId == me, cancellationToken);
        if (complete)
        {
            if (completion is null)
            {
                db.LearningCompletions.Add(new LearningCompletion { ItemId = itemId, PersonId = me, CompletedOn = clock.Today });
                // A second click that raced the first: the item is marked either way.
                await db.TrySaveUniqueAsync(cancellationToken);
            }
            TempData["Notice"] = $"“{item.Title}” marked complete.";
        }
        else if (completion?.ConfirmedOn is not null)
        {
            TempData["Notice"] = $"Your instructor confirmed “{item.Title}”, so it stays complete. Ask them to reopen it if it is not done.";
        }
        else
        {
            if (completion is not null)
            {
                db.LearningCompletions.Remove(completion);
                await db.SaveRemovalAsync(cancellationToken);
            }
            TempData["Notice"] = $"Your mark on “{item.Title}” was removed.";
        }
        return Redirect($"/my/learning/{groupId}");
    }

    private Task<bool> IsMemberAsync(int groupId, string me, CancellationToken cancellationToken) =>
        db.Groups.AnyAsync(g => g.Id == groupId && GroupContent.IndependentLearning.Contains(g.Kind) && db.ActiveMemberIds(groupId).Contains(me), cancellationToken);

    private async Task<MyLearningPage?> LoadAsync(int groupId, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        if (me is null || !await IsMemberAsync(groupId, me, cancellationToken))
        {
            return null;
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name, g.ProgramKey }).SingleAsync(cancellationToken);
        var items = await db.LearningItems.AsNoTracking().Where(i => i.GroupId == groupId)
            .OrderBy(i => i.DueOn == null).ThenBy(i => i.DueOn).ThenBy(i => i.Id)
            .Select(i => new MyLearningItem(i.Id, i.Kind, i.Title, i.Details, i.DueOn,
                db.LearningCompletions.Where(c => c.ItemId == i.Id && c.PersonId == me).Select(c => (DateOnly?)c.CompletedOn).FirstOrDefault(),
                db.LearningCompletions.Where(c => c.ItemId == i.Id && c.PersonId == me).Select(c => c.ConfirmedOn).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var program = ProgramCatalog.Default.Get(group.ProgramKey);
        return new MyLearningPage(group.Id, group.Name, program.Title, program.ContinuingEducationNote, items, clock.Today);
    }
}

public sealed record MyLearningItem(int Id, LearningItemKind Kind, string Title, string? Details, DateOnly? DueOn, DateOnly? CompletedOn, DateOnly? ConfirmedOn);

public sealed record MyLearningPage(int GroupId, string GroupName, string ProgramTitle, string? ContinuingEducationNote, IReadOnlyList<MyLearningItem> Items, DateOnly Today);
