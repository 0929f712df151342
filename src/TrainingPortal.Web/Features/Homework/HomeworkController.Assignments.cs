using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>Faculty create, edit and delete a cohort's assignments, and upload its handbook.</summary>
public sealed partial class HomeworkController
{
    [HttpGet("assignments/new")]
    public async Task<IActionResult> NewAssignment(int groupId, CancellationToken cancellationToken)
    {
        var cohort = await CohortAsync(groupId, cancellationToken);
        return cohort is null ? NotFound() : View("Assignment", new AssignmentPage(cohort, null, new AssignmentForm(), null, files.MaxSize));
    }

    [HttpPost("assignments/new")]
    [UploadLimits]
    public async Task<IActionResult> NewAssignment(int groupId, [Bind(Prefix = "Form")] AssignmentForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var cohort = await CohortAsync(groupId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }
        var upload = await CheckAsync(cohort, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Assignment", new AssignmentPage(cohort, null, form, null, files.MaxSize));
        }
        var assignment = new HomeworkAssignmentRecord
        {
            GroupId = groupId, Title = form.Title!.Trim(), DueOn = form.DueOn,
            Instructions = string.IsNullOrWhiteSpace(form.Instructions) ? null : form.Instructions.Trim(),
        };
        if (upload is not null)
        {
            assignment.File = files.Add(users.GetUserId(User)!, FilePurpose.HomeworkAssignment, upload, groupId: groupId);
        }
        db.HomeworkAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Assignment “{assignment.Title}” added. The cohort's members see it on their homework page.";
        return Redirect($"/groups/{groupId}/homework");
    }

    [HttpGet("assignments/{assignmentId:int}")]
    public async Task<IActionResult> EditAssignment(int groupId, int assignmentId, CancellationToken cancellationToken)
    {
        var cohort = await CohortAsync(groupId, cancellationToken);
        var row = cohort is null ? null : (await HomeworkQueries.AssignmentsAsync(db, groupId, cancellationToken)).SingleOrDefault(a => a.Id == assignmentId);
        if (row is null)
        {
            return NotFound();
        }
        var form = new AssignmentForm { Title = row.Title, Instructions = row.Instructions, DueOn = row.DueOn };
        return View("Assignment", new AssignmentPage(cohort!, row, form, await SubmittedCountAsync(assignmentId, cancellationToken), files.MaxSize));
    }

    [HttpPost("assignments/{assignmentId:int}")]
    [UploadLimits]
    public async Task<IActionResult> EditAssignment(int groupId, int assignmentId, [Bind(Prefix = "Form")] AssignmentForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var cohort = await CohortAsync(groupId, cancellationToken);
        var assignment = cohort is null ? null
            : await db.HomeworkAssignments.Include(a => a.File).SingleOrDefaultAsync(a => a.Id == assignmentId && a.GroupId == groupId, cancellationToken);
        if (assignment is null)
        {
            return NotFound();
        }
        var upload = await CheckAsync(cohort!, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            var row = (await HomeworkQueries.AssignmentsAsync(db, groupId, cancellationToken)).Single(a => a.Id == assignmentId);
            return View("Assignment", new AssignmentPage(cohort!, row, form, await SubmittedCountAsync(assignmentId, cancellationToken), files.MaxSize));
        }
        assignment.Title = form.Title!.Trim();
        assignment.DueOn = form.DueOn;
        assignment.Instructions = string.IsNullOrWhiteSpace(form.Instructions) ? null : form.Instructions.Trim();
        if ((upload is not null || form.RemoveFile) && assignment.File is { } old)
        {
            assignment.File = null;
            assignment.FileId = null;
            db.UploadedFiles.Remove(old);
        }
        if (upload is not null)
        {
            assignment.File = files.Add(users.GetUserId(User)!, FilePurpose.HomeworkAssignment, upload, groupId: groupId);
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Assignment “{assignment.Title}” saved.";
        return Redirect($"/groups/{groupId}/homework");
    }

    [HttpPost("assignments/{assignmentId:int}/delete")]
    public async Task<IActionResult> DeleteAssignment(int groupId, int assignmentId, CancellationToken cancellationToken)
    {
        var cohort = await CohortAsync(groupId, cancellationToken);
        var assignment = cohort is null ? null
            : await db.HomeworkAssignments.Include(a => a.File).SingleOrDefaultAsync(a => a.Id == assignmentId && a.GroupId == groupId, cancellationToken);
        if (assignment is null)
        {
            return NotFound();
        }
        if (await db.HomeworkSubmissions.AnyAsync(s => s.AssignmentId == assignmentId, cancellationToken))
        {
            // Submitted work and its history are records of the members' training: they are never deleted with the assignment.
            TempData["Notice"] = $"“{assignment.Title}” was not deleted: members have already handed it in. You can still edit it.";
            return Redirect($"/groups/{groupId}/homework");
        }
        db.HomeworkAssignments.Remove(assignment);
        if (assignment.File is { } file)
        {
            db.UploadedFiles.Remove(file);
        }
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = $"Assignment “{assignment.Title}” deleted.";
        return Redirect($"/groups/{groupId}/homework");
    }

    [HttpPost("handbook")]
    [UploadLimits]
    public async Task<IActionResult> Handbook(int groupId, [Bind(Prefix = "Handbook")] HandbookForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await CohortAsync(groupId, cancellationToken) is null)
        {
            return NotFound();
        }
        var (upload, error) = await files.CheckAsync(form.File, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError("Handbook.File", error!);
            var page = await LoadAsync(groupId, null, cancellationToken);
            return View(nameof(Index), page! with { HandbookForm = form });
        }
        // One handbook per cohort: the new file replaces the old one.
        db.UploadedFiles.RemoveRange(await db.UploadedFiles.Where(f => f.GroupId == groupId && f.Purpose == FilePurpose.Handbook).ToListAsync(cancellationToken));
        files.Add(users.GetUserId(User)!, FilePurpose.Handbook, upload, groupId: groupId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Handbook uploaded. The cohort's members can download it from their homework page.";
        return Redirect($"/groups/{groupId}/homework");
    }

    private async Task<HomeworkCohort?> CohortAsync(int groupId, CancellationToken cancellationToken) =>
        await Cohorts.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new HomeworkCohort(g.Id, g.Name, g.StartDate, g.EndDate)).SingleOrDefaultAsync(cancellationToken);

    private Task<int> SubmittedCountAsync(int assignmentId, CancellationToken cancellationToken) =>
        db.HomeworkSubmissions.CountAsync(s => s.AssignmentId == assignmentId, cancellationToken);

    /// <summary>The due date within the cohort's dates, and the optional file's checks; problems go next to their fields.</summary>
    private async Task<CheckedUpload?> CheckAsync(HomeworkCohort cohort, AssignmentForm form, CancellationToken cancellationToken)
    {
        if (form.DueOn is { } due && (due < cohort.StartDate || due > cohort.EndDate))
        {
            ModelState.AddModelError("Form.DueOn",
                $"The due date must be within the cohort's dates, {DateDisplay.Date(cohort.StartDate)} to {DateDisplay.Date(cohort.EndDate)}.");
        }
        if (form.File is null)
        {
            return null;
        }
        var (upload, error) = await files.CheckAsync(form.File, cancellationToken);
        if (upload is null)
        {
            ModelState.AddModelError("Form.File", error!);
        }
        return upload;
    }
}

public sealed record HomeworkCohort(int Id, string Name, DateOnly StartDate, DateOnly EndDate);

/// <summary>The new-assignment or edit page: <see cref="Existing"/> is null for a new one.</summary>
public sealed record AssignmentPage(HomeworkCohort Cohort, HomeworkAssignmentRow? Existing, AssignmentForm Form, int? Submitted, string MaxFileSize);
