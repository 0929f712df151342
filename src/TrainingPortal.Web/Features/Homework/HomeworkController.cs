using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>
/// A Train-the-Trainer cohort's homework, for its faculty (the cohort's trainer, or an administrator): the assignments
/// (created, edited, deleted while nothing is submitted), the cohort's handbook, and each member's submission (its text
/// and file, accepted or returned with comments, or recorded as handed in outside the portal), with its history.
/// Another trainer's cohort, or a group of another kind, answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/homework")]
public sealed partial class HomeworkController(AppDbContext db, UserManager<AppUser> users, PortalClock clock, EvidenceFiles files) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    public const string ConflictMessage =
        "Someone else decided on this assignment, or the member handed it in again, after you opened the page, so nothing was changed. Its current state is shown below, with your comments kept: check it, then decide again.";

    /// <summary>The cohorts (of a kind with homework) this user may manage.</summary>
    private IQueryable<TrainingGroup> Cohorts => db.Managed(User, users.GetUserId(User), GroupContent.Homework);

    [HttpPost("")]
    public async Task<IActionResult> Index(int groupId, [Bind(Prefix = "Form")] HomeworkForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await Cohorts.AnyAsync(g => g.Id == groupId, cancellationToken))
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
        if (ModelState.IsValid && DecisionRefusal(assignment.Title, submission, form.Decision) is { } refusal)
        {
            ModelState.AddModelError("Form.Decision", refusal);
        }
        if (!ModelState.IsValid)
        {
            return View(await LoadAsync(groupId, form, cancellationToken));
        }

        var today = clock.Today;
        var comments = string.IsNullOrWhiteSpace(form.Comments) ? null : form.Comments.Trim();
        HomeworkEventKind kind;
        if (form.Decision == HomeworkDecision.Received)
        {
            if (submission is null)
            {
                submission = new HomeworkSubmission { AssignmentId = assignment.Id, PersonId = personId };
                db.HomeworkSubmissions.Add(submission);
            }
            // Handed in (again) outside the portal: whatever the portal held is no longer the current submission.
            submission.SubmittedOn = today;
            submission.ReturnedOn = null;
            submission.AcceptedOn = null;
            submission.Comments = null;
            submission.Text = null;
            submission.FileId = null;
            kind = HomeworkEventKind.Received;
            comments = null;
        }
        else if (form.Decision == HomeworkDecision.Accept)
        {
            submission!.AcceptedOn = today;
            submission.ReturnedOn = null;
            submission.Comments = comments;
            kind = HomeworkEventKind.Accepted;
        }
        else
        {
            submission!.AcceptedOn = null;
            submission.ReturnedOn = today;
            submission.Comments = comments;
            kind = HomeworkEventKind.Returned;
        }
        submission.Version = Guid.NewGuid();
        submission.Events.Add(new HomeworkSubmissionEvent { Kind = kind, AtUtc = clock.UtcNow, ById = users.GetUserId(User), Text = comments });
        try
        {
            // The version the screen showed is the concurrency token, and (person, assignment) is unique: a decision,
            // hand-in or resubmission saved meanwhile makes this save fail, not overwrite it.
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

    /// <summary>
    /// Why a decision cannot be taken on the submission's current state, or null. Only handed-in work that waits for a
    /// decision is accepted or returned (acceptance means faculty have seen this version); a returned one is handed in
    /// again first, by the member or recorded by faculty.
    /// </summary>
    private static string? DecisionRefusal(string title, HomeworkSubmission? submission, HomeworkDecision? decision)
    {
        var verb = decision == HomeworkDecision.Accept ? "accepted" : "returned";
        return (submission, decision) switch
        {
            (null, HomeworkDecision.Accept or HomeworkDecision.Return) =>
                $"Nothing has been handed in for “{title}” yet, so it cannot be {verb}. When the member hands it in, it can be decided; work handed in outside the portal is first recorded as handed in.",
            ({ AcceptedOn: { } accepted }, _) =>
                $"“{title}” was accepted on {DateDisplay.Date(accepted)}: there is nothing left to decide.",
            ({ ReturnedOn: { } returned }, HomeworkDecision.Accept or HomeworkDecision.Return) =>
                $"“{title}” was returned on {DateDisplay.Date(returned)} and has not been handed in again, so it cannot be {verb}. The member resubmits it, or you record it as handed in again.",
            ({ ReturnedOn: null }, HomeworkDecision.Received) =>
                $"“{title}” is already handed in and waits for your decision.",
            _ => null,
        };
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
        var group = await Cohorts.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name }).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new HomeworkMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var assignments = await HomeworkQueries.AssignmentsAsync(db, groupId, cancellationToken);
        var submissions = await db.HomeworkSubmissions.AsNoTracking()
            .Where(h => h.Assignment!.GroupId == groupId)
            .Select(h => new HomeworkCell(h.AssignmentId, h.PersonId, h.SubmittedOn, h.AcceptedOn, h.ReturnedOn, h.Comments)
            {
                Id = h.Id, Version = h.Version, Text = h.Text,
                File = h.File == null ? null : new HomeworkFileLink(h.File.PublicId, h.File.FileName),
            })
            .ToListAsync(cancellationToken);
        var history = await HomeworkQueries.HistoryAsync(db, db.HomeworkSubmissionEvents.Where(e => e.Submission!.Assignment!.GroupId == groupId), cancellationToken);
        return new HomeworkPage(group.Id, group.Name, [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)], assignments,
            submissions.ToDictionary(c => (c.AssignmentId, c.PersonId)), form)
        {
            History = history,
            Handbook = await HomeworkQueries.HandbookAsync(db, groupId, cancellationToken),
            MaxFileSize = files.MaxSize,
            TimeZoneId = await HomeworkQueries.ZoneAsync(db, clock, users.GetUserId(User), cancellationToken),
        };
    }
}

public sealed record HomeworkMember(string PersonId, string Name);

/// <summary>A file's download link as a page shows it.</summary>
public sealed record HomeworkFileLink(string PublicId, string FileName)
{
    public string Url => "/files/" + PublicId;
}

public sealed record HomeworkAssignmentRow(int Id, string Title, DateOnly? DueOn)
{
    public string? Instructions { get; init; }
    public HomeworkFileLink? File { get; init; }
}

public sealed record HomeworkCell(int AssignmentId, string PersonId, DateOnly SubmittedOn, DateOnly? AcceptedOn, DateOnly? ReturnedOn, string? Comments)
{
    public int Id { get; init; }
    public Guid Version { get; init; }
    public string? Text { get; init; }
    public HomeworkFileLink? File { get; init; }

    /// <summary>Handed in and waiting for faculty's decision.</summary>
    public bool Waiting => AcceptedOn is null && ReturnedOn is null;

    /// <summary>The state's stamp, carried by the cell's decision form.</summary>
    public string Stamp => HomeworkState.Stamp(Version, SubmittedOn, AcceptedOn, ReturnedOn, Comments);
}

/// <summary>A submission's history and the zone its times are shown in (the viewer's).</summary>
public sealed record HomeworkHistoryView(IReadOnlyList<HomeworkHistoryRow> Steps, string TimeZoneId);

/// <summary>One step of a submission's history, as the pages list it.</summary>
public sealed record HomeworkHistoryRow(int SubmissionId, HomeworkEventKind Kind, DateTime AtUtc, string? ByName, string? Text, HomeworkFileLink? File)
{
    /// <summary>"Submitted", "Recorded as handed in outside the portal", "Returned with comments", "Accepted".</summary>
    public string What => Kind switch
    {
        HomeworkEventKind.Submitted => "Submitted",
        HomeworkEventKind.Received => "Recorded as handed in outside the portal",
        HomeworkEventKind.Returned => "Returned with comments",
        HomeworkEventKind.Accepted => "Accepted",
    };
}

public sealed record HomeworkPage(int GroupId, string GroupName, IReadOnlyList<HomeworkMember> Members, IReadOnlyList<HomeworkAssignmentRow> Assignments,
    IReadOnlyDictionary<(int AssignmentId, string PersonId), HomeworkCell> Submissions, HomeworkForm? Form, bool Conflict = false)
{
    public ILookup<int, HomeworkHistoryRow> History { get; init; } = Array.Empty<HomeworkHistoryRow>().ToLookup(h => h.SubmissionId);
    public HomeworkFileLink? Handbook { get; init; }
    public string MaxFileSize { get; init; } = "";

    /// <summary>The viewer's time zone, for the history's times.</summary>
    public string TimeZoneId { get; init; } = "America/New_York";

    /// <summary>The handbook form as posted (with its error), or null.</summary>
    public HandbookForm? HandbookForm { get; init; }
}

/// <summary>The reads the faculty page and the member's page share.</summary>
public static class HomeworkQueries
{
    public static Task<List<HomeworkAssignmentRow>> AssignmentsAsync(AppDbContext db, int groupId, CancellationToken cancellationToken) =>
        db.HomeworkAssignments.AsNoTracking().Where(a => a.GroupId == groupId)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new HomeworkAssignmentRow(a.Id, a.Title, a.DueOn)
            {
                Instructions = a.Instructions,
                File = a.File == null ? null : new HomeworkFileLink(a.File.PublicId, a.File.FileName),
            })
            .ToListAsync(cancellationToken);

    /// <summary>The viewer's time zone (profile), else the portal's.</summary>
    public static async Task<string> ZoneAsync(AppDbContext db, PortalClock clock, string? me, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? clock.ZoneId;

    /// <summary>The cohort's handbook: its newest file of that purpose.</summary>
    public static Task<HomeworkFileLink?> HandbookAsync(AppDbContext db, int groupId, CancellationToken cancellationToken) =>
        db.UploadedFiles.AsNoTracking().Where(f => f.GroupId == groupId && f.Purpose == FilePurpose.Handbook)
            .OrderByDescending(f => f.Id)
            .Select(f => new HomeworkFileLink(f.PublicId, f.FileName))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The history of the submissions <paramref name="events"/> selects, oldest first, by submission.</summary>
    public static async Task<ILookup<int, HomeworkHistoryRow>> HistoryAsync(AppDbContext db, IQueryable<HomeworkSubmissionEvent> events, CancellationToken cancellationToken)
    {
        var rows = await events.AsNoTracking()
            .OrderBy(e => e.Id)
            .Select(e => new HomeworkHistoryRow(e.SubmissionId, e.Kind, e.AtUtc,
                db.Users.Where(u => u.Id == e.ById).Select(u => u.DisplayName).FirstOrDefault(), e.Text,
                e.File == null ? null : new HomeworkFileLink(e.File.PublicId, e.File.FileName)))
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.SubmissionId);
    }
}
