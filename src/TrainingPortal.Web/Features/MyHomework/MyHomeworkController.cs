using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TrainingPortal.Web.Data.Configurations;
using TrainingPortal.Web.Features.Homework;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.MyHomework;

/// <summary>
/// A member's homework (/my/homework): the assignments of each Train-the-Trainer cohort they belong to, with the
/// handbook, each assignment's instructions and file, their own submission's state, faculty's comments and the history.
/// They submit text and/or a file, and resubmit after a return (or replace a submission faculty have not decided on).
/// Only their own submissions: the person comes from the cookie, never from the request.
/// </summary>
[Authorize]
[Route("my/homework")]
public sealed class MyHomeworkController(AppDbContext db, UserManager<AppUser> users, PortalClock clock, EvidenceFiles files) : Controller
{
    public const string ConflictMessage =
        "Faculty decided on this assignment, or it was handed in from another screen, after you opened the page, so nothing was handed in. Its current state is shown below, with your text kept: check it, and submit again if you still need to (choose the file again).";

    /// <summary>The key of the rule sets' homework requirement (DefaultRuleSets): its row on the home page links here.</summary>
    public const string RequirementKey = "homework";

    private string Me => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await LoadAsync(null, cancellationToken));

    [HttpPost("{assignmentId:int}")]
    [UploadLimits]
    public async Task<IActionResult> Submit(int assignmentId, [Bind(Prefix = "Form")] SubmissionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.AssignmentId = assignmentId;
        var me = Me;
        // An assignment of a cohort (of a kind with homework) in which the signed-in person is an active member; else 404.
        var kinds = GroupContent.Homework;
        var assignment = await (
                from a in db.HomeworkAssignments.AsNoTracking()
                join g in db.Groups on a.GroupId equals g.Id
                where a.Id == assignmentId && kinds.Contains(g.Kind)
                    && db.Enrollments.Any(e => e.PersonId == me && (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status == EnrollmentStatus.Active)
                select a)
            .SingleOrDefaultAsync(cancellationToken);
        if (assignment is null)
        {
            return NotFound();
        }
        var submission = await db.HomeworkSubmissions.SingleOrDefaultAsync(h => h.AssignmentId == assignmentId && h.PersonId == me, cancellationToken);
        if (HomeworkState.Stamp(submission) != form.Seen)
        {
            return await ConflictAsync(form, cancellationToken);
        }
        if (submission?.AcceptedOn is { } accepted)
        {
            ModelState.AddModelError("Form.Text", $"“{assignment.Title}” was accepted on {DateDisplay.Date(accepted)}: there is nothing more to hand in.");
        }
        CheckedUpload? upload = null;
        if (form.File is not null)
        {
            (upload, var error) = await files.CheckAsync(form.File, cancellationToken);
            if (upload is null)
            {
                ModelState.AddModelError("Form.File", error!);
            }
        }
        else if (string.IsNullOrWhiteSpace(form.Text) && ModelState.IsValid)
        {
            ModelState.AddModelError("Form.Text", "Write your answer, or choose a file to upload, or both.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await LoadAsync(form, cancellationToken));
        }

        if (submission is null)
        {
            submission = new HomeworkSubmission { AssignmentId = assignmentId, PersonId = me };
            db.HomeworkSubmissions.Add(submission);
        }
        var text = string.IsNullOrWhiteSpace(form.Text) ? null : form.Text.Trim();
        var file = upload is null ? null : files.Add(me, FilePurpose.HomeworkSubmission, upload, groupId: assignment.GroupId);
        var resubmitted = submission.Id != 0;
        submission.SubmittedOn = clock.Today;
        submission.ReturnedOn = null;
        submission.AcceptedOn = null;
        submission.Comments = null; // faculty's comments on the earlier version stay in the history
        submission.Text = text;
        submission.File = file;
        submission.FileId = file?.Id is > 0 ? file.Id : null;
        submission.Version = Guid.NewGuid();
        submission.Events.Add(new HomeworkSubmissionEvent { Kind = HomeworkEventKind.Submitted, AtUtc = clock.UtcNow, ById = me, Text = text, File = file });
        try
        {
            // The version the page showed is the concurrency token, and (person, assignment) is unique.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(form, cancellationToken);
        }
        TempData["Notice"] = $"“{assignment.Title}” {(resubmitted ? "handed in again" : "handed in")}. Faculty will accept it or return it with comments.";
        return Redirect("/my/homework#assignment-" + assignmentId);
    }

    private async Task<IActionResult> ConflictAsync(SubmissionForm typed, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Index), await LoadAsync(typed, cancellationToken) with { Conflict = true });
    }

    private async Task<MyHomeworkPage> LoadAsync(SubmissionForm? form, CancellationToken cancellationToken)
    {
        var me = Me;
        var cohorts = await db.MemberOf(me, GroupContent.Homework).AsNoTracking()
            .OrderByDescending(g => g.StartDate).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        var mine = await db.HomeworkSubmissions.AsNoTracking().Where(h => h.PersonId == me)
            .Select(h => new HomeworkCell(h.AssignmentId, h.PersonId, h.SubmittedOn, h.AcceptedOn, h.ReturnedOn, h.Comments)
            {
                Id = h.Id, Version = h.Version, Text = h.Text,
                File = h.File == null ? null : new HomeworkFileLink(h.File.PublicId, h.File.FileName),
            })
            .ToDictionaryAsync(c => c.AssignmentId, cancellationToken);
        var history = await HomeworkQueries.HistoryAsync(db, db.HomeworkSubmissionEvents.Where(e => e.Submission!.PersonId == me), cancellationToken);
        var list = new List<MyCohort>(cohorts.Count);
        foreach (var c in cohorts)
        {
            list.Add(new MyCohort(c.Id, c.Name, await HomeworkQueries.HandbookAsync(db, c.Id, cancellationToken),
                await HomeworkQueries.AssignmentsAsync(db, c.Id, cancellationToken)));
        }
        return new MyHomeworkPage(list, mine, history, form, files.MaxSize, await HomeworkQueries.ZoneAsync(db, clock, me, cancellationToken));
    }
}

public sealed record MyCohort(int Id, string Name, HomeworkFileLink? Handbook, IReadOnlyList<HomeworkAssignmentRow> Assignments);

public sealed record MyHomeworkPage(IReadOnlyList<MyCohort> Cohorts, IReadOnlyDictionary<int, HomeworkCell> Mine, ILookup<int, HomeworkHistoryRow> History,
    SubmissionForm? Form, string MaxFileSize, string TimeZoneId, bool Conflict = false);

/// <summary>A member's submission: text and/or a file (at least one).</summary>
public sealed class SubmissionForm
{
    /// <summary>From the route, not the form.</summary>
    [BindNever]
    public int AssignmentId { get; set; }

    [Display(Name = "Your answer")]
    public string? Text { get; set; }

    [Display(Name = "File")]
    public IFormFile? File { get; set; }

    /// <summary>The state of the submission as the page showed it (<see cref="HomeworkState.Stamp"/>).</summary>
    public string Seen { get; set; } = "";
}

public sealed class SubmissionFormValidator : AbstractValidator<SubmissionForm>
{
    public SubmissionFormValidator() => RuleFor(f => f.Text).MaxChars(Lengths.Text, "your answer");
}
