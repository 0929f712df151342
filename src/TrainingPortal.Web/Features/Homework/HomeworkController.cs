using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Features.Groups;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>
/// A Train-the-Trainer cohort's homework: faculty (the cohort's trainer, or an administrator) accept
/// each member's assignment, or return it with comments. Another trainer's cohort answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/homework")]
public sealed class HomeworkController(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

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
        if (!ModelState.IsValid)
        {
            return View(await LoadAsync(groupId, form, cancellationToken));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var submission = await db.HomeworkSubmissions.SingleOrDefaultAsync(h => h.AssignmentId == assignment.Id && h.PersonId == personId, cancellationToken);
        if (submission is null)
        {
            // Faculty may decide on work handed over outside the portal: the decision records it as submitted today.
            submission = new HomeworkSubmission { AssignmentId = assignment.Id, PersonId = personId, SubmittedOn = today };
            db.HomeworkSubmissions.Add(submission);
        }
        var comments = string.IsNullOrWhiteSpace(form.Comments) ? null : form.Comments.Trim();
        if (form.Decision == HomeworkDecision.Accept)
        {
            submission.AcceptedOn = today;
            submission.ReturnedOn = null;
        }
        else
        {
            submission.AcceptedOn = null;
            submission.ReturnedOn = today;
        }
        submission.Comments = comments;
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            ModelState.AddModelError("", "Someone else recorded a decision on this homework at the same moment. Check it below, then decide again if needed.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(await LoadAsync(groupId, form, cancellationToken));
        }
        TempData["Notice"] = form.Decision == HomeworkDecision.Accept ? $"“{assignment.Title}” accepted." : $"“{assignment.Title}” returned with your comments.";
        return Redirect($"/groups/{groupId}/homework");
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

public sealed record HomeworkCell(int AssignmentId, string PersonId, DateOnly SubmittedOn, DateOnly? AcceptedOn, DateOnly? ReturnedOn, string? Comments);

public sealed record HomeworkPage(int GroupId, string GroupName, IReadOnlyList<HomeworkMember> Members, IReadOnlyList<HomeworkAssignmentRow> Assignments,
    IReadOnlyDictionary<(int AssignmentId, string PersonId), HomeworkCell> Submissions, HomeworkForm? Form);
