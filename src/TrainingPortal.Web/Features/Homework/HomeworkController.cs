using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>
/// A Train-the-Trainer cohort's homework: faculty (the cohort's trainer, or an administrator) accept
/// each member's assignment, or return it with comments. Another trainer's cohort answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/homework")]
public sealed class HomeworkController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    public const string ConflictMessage =
        "Someone else decided on this assignment after you opened the page, so nothing was changed. Its current state is shown below, with your comments kept: check it, then decide again.";

    [HttpPost("")]
    public async Task<IActionResult> Index(int groupId, [Bind(Prefix = "Form")] HomeworkForm form, CancellationToken cancellationToken)
    {
        if (!await db.Managed(User, users.GetUserId(User)).AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return NotFound();
        }
        var personId = (form.PersonId ?? "").Trim();
        var assignment = await db.HomeworkAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == form.AssignmentId && a.GroupId == groupId, cancellationToken);
        if (assignment is null || !await db.ActiveMemberIds(groupId).AnyAsync(p => p == personId, cancellationToken))
        {
            return NotFound();
        }
        var submission = await db.HomeworkSubmissions.SingleOrDefaultAsync(h => h.AssignmentId == assignment.Id && h.PersonId == personId, cancellationToken);
        if (HomeworkState.Stamp(submission) != form.Seen)
        {
            return await ConflictAsync(groupId, form, cancellationToken);
        }
        if (ModelState.IsValid)
        {
            if (submission is null && form.Decision is HomeworkDecision.Accept or HomeworkDecision.Return)
            {
                // Only handed-in work is decided on: acceptance means faculty have seen it.
                ModelState.AddModelError("Form.Decision",
                    $"Nothing has been handed in for “{assignment.Title}” yet, so it cannot be {(form.Decision == HomeworkDecision.Accept ? "accepted" : "returned")}. When the member hands it in, record it as handed in, then decide.");
            }
            else if (submission is not null && form.Decision == HomeworkDecision.Received)
            {
                ModelState.AddModelError("Form.Decision", $"“{assignment.Title}” is already recorded as handed in.");
            }
        }
        if (!ModelState.IsValid)
        {
            return View(await LoadAsync(groupId, form, cancellationToken));
        }

        var today = clock.Today;
        if (form.Decision == HomeworkDecision.Received)
        {
            db.HomeworkSubmissions.Add(new HomeworkSubmission { AssignmentId = assignment.Id, PersonId = personId, SubmittedOn = today });
        }
        else if (form.Decision == HomeworkDecision.Accept)
        {
            submission!.AcceptedOn = today;
            submission.ReturnedOn = null;
            submission.Comments = string.IsNullOrWhiteSpace(form.Comments) ? null : form.Comments.Trim();
        }
        else
        {
            submission!.AcceptedOn = null;
            submission.ReturnedOn = today;
            submission.Comments = form.Comments!.Trim();
        }
        try
        {
            // The state the screen showed is the concurrency token (HomeworkSubmission's decision columns), and
            // (person, assignment) is unique: a decision or hand-in saved meanwhile makes this save fail, not overwrite it.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(groupId, form, cancellationToken);
        }
        TempData["Notice"] = form.Decision switch
        {
            HomeworkDecision.Accept => $"“{assignment.Title}” accepted.",
            HomeworkDecision.Return => $"“{assignment.Title}” returned with your comments.",
            _ => $"“{assignment.Title}” recorded as handed in today. Accept it, or return it with comments.",
        };
        return Redirect($"/groups/{groupId}/homework");
    }

    /// <summary>A decision from a stale screen: nothing saved; the current state is shown, the typed comments kept.</summary>
    private async Task<IActionResult> ConflictAsync(int groupId, HomeworkForm typed, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        var page = await LoadAsync(groupId, typed, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Index), page with { Conflict = true });
    }

    private async Task<HomeworkPage?> LoadAsync(int groupId, HomeworkForm? form, CancellationToken cancellationToken)
    {
        var group = await db.Managed(User, users.GetUserId(User)).AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name }).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new HomeworkMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var assignments = await db.HomeworkAssignments.AsNoTracking().Where(a => a.GroupId == groupId)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new HomeworkAssignmentRow(a.Id, a.Title, a.DueOn)).ToListAsync(cancellationToken);
        var submissions = await db.HomeworkSubmissions.AsNoTracking()
            .Where(h => h.Assignment!.GroupId == groupId)
            .Select(h => new HomeworkCell(h.AssignmentId, h.PersonId, h.SubmittedOn, h.AcceptedOn, h.ReturnedOn, h.Comments))
            .ToListAsync(cancellationToken);
        return new HomeworkPage(group.Id, group.Name, [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)], assignments,
            submissions.ToDictionary(c => (c.AssignmentId, c.PersonId)), form);
    }
}

public sealed record HomeworkMember(string PersonId, string Name);

public sealed record HomeworkAssignmentRow(int Id, string Title, DateOnly? DueOn);

public sealed record HomeworkCell(int AssignmentId, string PersonId, DateOnly SubmittedOn, DateOnly? AcceptedOn, DateOnly? ReturnedOn, string? Comments)
{
    /// <summary>The state's stamp, carried by the cell's decision form.</summary>
    public string Stamp => HomeworkState.Stamp(SubmittedOn, AcceptedOn, ReturnedOn, Comments);
}

public sealed record HomeworkPage(int GroupId, string GroupName, IReadOnlyList<HomeworkMember> Members, IReadOnlyList<HomeworkAssignmentRow> Assignments,
    IReadOnlyDictionary<(int AssignmentId, string PersonId), HomeworkCell> Submissions, HomeworkForm? Form, bool Conflict = false);
