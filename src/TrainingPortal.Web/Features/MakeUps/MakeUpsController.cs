using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Features.Groups;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.MakeUps;

/// <summary>
/// Make-ups for a missed session of an IMH course cohort or a Train-the-Trainer cohort: the instructor
/// logs that a member marked absent or excused at a held meeting made it up (once), or removes that entry.
/// The group's trainer or an administrator only; any other group, meeting or kind of group answers 404.
/// Every change is audited by the SaveChanges interceptor; the rules engine counts a made-up session.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/meetings/{meetingId:int}/make-ups")]
public sealed class MakeUpsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int NoteMaxLength = 2000;

    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, meetingId, new MakeUpForm(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int groupId, int meetingId, MakeUpForm form, CancellationToken cancellationToken)
    {
        // The note is checked by MakeUpFormValidator (required, length); the member against this meeting here.
        var page = await LoadAsync(groupId, meetingId, form, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        var note = form.Note?.Trim();
        if (page.Cancelled)
        {
            ModelState.AddModelError("", "This meeting was cancelled, so there is no session to make up.");
        }
        else if (page.InFuture)
        {
            ModelState.AddModelError("", "This meeting has not taken place yet. A make-up can be logged only for a session that was missed.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(form.PersonId))
            {
                ModelState.AddModelError(nameof(MakeUpForm.PersonId), "Choose the member who made up this session.");
            }
            else if (page.MakeUps.Any(m => m.PersonId == form.PersonId))
            {
                ModelState.AddModelError(nameof(MakeUpForm.PersonId), "A make-up is already logged for this member at this meeting.");
            }
            else if (page.Candidates.All(c => c.PersonId != form.PersonId))
            {
                ModelState.AddModelError(nameof(MakeUpForm.PersonId), "Only a member marked absent or excused at this meeting can make it up. Record the attendance first.");
            }
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), page);
        }

        db.SessionMakeUps.Add(new SessionMakeUp
        {
            MeetingId = meetingId,
            PersonId = form.PersonId!,
            LoggedOn = clock.Today, // a date the portal records: the portal's day, like every other stamped date (the group's zone is for showing the meeting's time)
            LoggedById = users.GetUserId(User),
            Note = note,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone logged the same make-up a moment ago (unique person and meeting).
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(MakeUpForm.PersonId), "A make-up is already logged for this member at this meeting.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Index), await LoadAsync(groupId, meetingId, form, cancellationToken));
        }

        var name = page.Candidates.First(c => c.PersonId == form.PersonId).Name;
        TempData["Notice"] = $"Make-up logged for {name}.";
        return Redirect($"/groups/{groupId}/meetings/{meetingId}/make-ups");
    }

    [HttpPost("{makeUpId:int}/remove")]
    public async Task<IActionResult> Remove(int groupId, int meetingId, int makeUpId, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var isAdmin = User.IsInRole(Roles.Administrator);
        var kinds = ProgramCatalog.Default.KindsWith(GroupScreens.MakeUps);
        var makeUp = await db.SessionMakeUps
            .Where(s => s.Id == makeUpId && s.MeetingId == meetingId && s.Meeting!.GroupId == groupId
                && kinds.Contains(s.Meeting.Group!.Kind)
                && (isAdmin || s.Meeting.Group.TrainerId == me))
            .SingleOrDefaultAsync(cancellationToken);
        if (makeUp is null)
        {
            return NotFound();
        }
        db.SessionMakeUps.Remove(makeUp);
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = "Make-up removed.";
        return Redirect($"/groups/{groupId}/meetings/{meetingId}/make-ups");
    }

    /// <summary>The meeting (with the access check), its logged make-ups and the members who may still make it up.</summary>
    private async Task<MakeUpsPage?> LoadAsync(int groupId, int meetingId, MakeUpForm form, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var kinds = ProgramCatalog.Default.KindsWith(GroupScreens.MakeUps);
        var meeting = await db.ManagedMeetings(User, me).AsNoTracking()
            .Where(m => m.Id == meetingId && m.GroupId == groupId && kinds.Contains(m.Group!.Kind))
            .Select(m => new { m.StartsUtc, m.DurationMinutes, m.Cancelled, GroupName = m.Group!.Name, m.Group.TimeZoneId })
            .SingleOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var logged = (await (
                from s in db.SessionMakeUps.AsNoTracking()
                where s.MeetingId == meetingId
                join u in db.Users on s.PersonId equals u.Id
                join b in db.Users on s.LoggedById equals b.Id into loggers
                from b in loggers.DefaultIfEmpty()
                orderby u.DisplayName, s.Id
                select new { s.Id, s.PersonId, u.DisplayName, s.LoggedOn, s.Note, LoggedBy = b == null ? null : b.DisplayName })
            .ToListAsync(cancellationToken))
            .Select(r => new MakeUpRow(r.Id, r.PersonId, r.DisplayName, r.LoggedOn, r.Note, r.LoggedBy))
            .ToList();
        var missed = (await (
                from a in db.Attendance.AsNoTracking()
                where a.MeetingId == meetingId && (a.Mark == AttendanceMark.Absent || a.Mark == AttendanceMark.Excused)
                    && !db.SessionMakeUps.Any(s => s.MeetingId == meetingId && s.PersonId == a.PersonId)
                join u in db.Users on a.PersonId equals u.Id
                orderby u.DisplayName, u.Id
                select new { a.PersonId, u.DisplayName, a.Mark })
            .ToListAsync(cancellationToken))
            .Select(r => new MakeUpCandidate(r.PersonId, r.DisplayName, r.Mark))
            .ToList();

        return new MakeUpsPage(groupId, meeting.GroupName, meetingId, meeting.StartsUtc, meeting.DurationMinutes, meeting.TimeZoneId,
            meeting.Cancelled, meeting.StartsUtc > clock.UtcNow, logged, missed, form);
    }
}

/// <summary>A make-up to log.</summary>
public sealed class MakeUpForm
{
    [Display(Name = "Member")]
    public string? PersonId { get; set; }

    [Display(Name = "How the session was made up")]
    public string? Note { get; set; }
}

public sealed class MakeUpFormValidator : AbstractValidator<MakeUpForm>
{
    public MakeUpFormValidator()
    {
        RuleFor(f => f.Note).Must(n => !string.IsNullOrWhiteSpace(n))
            .WithMessage("Say how the session was made up, for example \"watched the recording and discussed it on 3 March\".")
            .MaxChars(MakeUpsController.NoteMaxLength, "the note");
    }
}

public sealed record MakeUpRow(int Id, string PersonId, string Name, DateOnly LoggedOn, string? Note, string? LoggedBy);

public sealed record MakeUpCandidate(string PersonId, string Name, AttendanceMark Mark);

public sealed record MakeUpsPage(int GroupId, string GroupName, int MeetingId, DateTime StartsUtc, int DurationMinutes, string TimeZoneId,
    bool Cancelled, bool InFuture, IReadOnlyList<MakeUpRow> MakeUps, IReadOnlyList<MakeUpCandidate> Candidates, MakeUpForm Form);
