using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TrainingPortal.Web.Features.Groups;
using TrainingPortal.Domain;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Features.GroupAdmin;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Features.Meetings;

/// <summary>
/// Move one meeting (new local date and time in the group's zone; its attendance stays with it), or
/// cancel it (a cancelled meeting never counts as held) and un-cancel it. Administrators and the
/// group's own trainer only; any other group or meeting id answers 404. Audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/meetings/{meetingId:int}")]
public sealed class MeetingsController(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : Controller
{
    public const string ConflictMessage = "Someone changed this meeting while you were looking at it. Check it below and try again.";

    private string? Me => users.GetUserId(User);
    private bool IsAdmin => User.IsInRole(Roles.Administrator);

    [HttpGet("")]
    public async Task<IActionResult> Edit(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var page = await PageAsync(groupId, meetingId, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("move")]
    public async Task<IActionResult> Move(int groupId, int meetingId, [Bind(Prefix = "Move")] MoveMeetingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var meeting = await FindAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        var zone = GroupSchedule.Zone(meeting.Group!.TimeZoneId);
        DateTime startsUtc = default;
        if (ModelState.IsValid)
        {
            var local = GroupKinds.ParseDate(form.Date)!.Value.ToDateTime(GroupKinds.ParseTime(form.Time)!.Value);
            if (zone.IsInvalidTime(local))
            {
                ModelState.AddModelError("Move.Time",
                    $"{form.Time.Trim()} does not exist on {form.Date.Trim()} in {DateDisplay.ZoneName(zone.Id)}: the clocks go forward then. Choose another time.");
            }
            else
            {
                startsUtc = GroupSchedule.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone);
                var marks = await db.Attendance.CountAsync(a => a.MeetingId == meetingId, cancellationToken);
                if (marks > 0 && startsUtc > time.GetUtcNow().UtcDateTime)
                {
                    ModelState.AddModelError("Move.Date",
                        $"This meeting already has {marks} attendance mark{(marks == 1 ? "" : "s")}: it cannot move into the future. Choose a date and time that have passed.");
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Edit), await PageAsync(groupId, meetingId, form, cancellationToken));
        }

        var before = meeting.StartsUtc;
        meeting.StartsUtc = startsUtc;
        if (!await SaveAsync(cancellationToken))
        {
            return View(nameof(Edit), await PageAsync(groupId, meetingId, form, cancellationToken));
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(before, zone.Id)} now takes place {DateDisplay.DateTime(startsUtc, zone.Id)}.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    [HttpPost("cancel")]
    public async Task<IActionResult> Cancel(int groupId, int meetingId, [Bind(Prefix = "Cancel")] CancelMeetingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var meeting = await FindAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        if (meeting.Cancelled)
        {
            ModelState.AddModelError("", "This meeting is already cancelled.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Edit), await PageAsync(groupId, meetingId, null, cancellationToken));
        }
        meeting.Cancelled = true;
        if (!await SaveAsync(cancellationToken))
        {
            return View(nameof(Edit), await PageAsync(groupId, meetingId, null, cancellationToken));
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(meeting.StartsUtc, meeting.Group!.TimeZoneId)} is cancelled.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    [HttpPost("restore")]
    public async Task<IActionResult> Restore(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        if (meeting.Cancelled)
        {
            meeting.Cancelled = false;
            if (!await SaveAsync(cancellationToken))
            {
                return View(nameof(Edit), await PageAsync(groupId, meetingId, null, cancellationToken));
            }
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(meeting.StartsUtc, meeting.Group!.TimeZoneId)} takes place again.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    /// <summary>Saves; a concurrent change (the meeting's attendance version is a concurrency token) becomes a message.</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", ConflictMessage);
            return false;
        }
    }

    private Task<Meeting?> FindAsync(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var me = Me;
        return db.ManagedMeetings(User, me).Include(m => m.Group)
            .Where(m => m.Id == meetingId && m.GroupId == groupId)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<MeetingPage?> PageAsync(int groupId, int meetingId, MoveMeetingForm? form, CancellationToken cancellationToken)
    {
        var me = Me;
        var row = await db.ManagedMeetings(User, me).AsNoTracking()
            .Where(m => m.Id == meetingId && m.GroupId == groupId)
            .Select(m => new
            {
                m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, GroupName = m.Group!.Name, m.Group.TimeZoneId,
                Number = db.Meetings.Count(o => o.GroupId == groupId && (o.StartsUtc < m.StartsUtc || (o.StartsUtc == m.StartsUtc && o.Id <= m.Id))),
                Marks = db.Attendance.Count(a => a.MeetingId == m.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var zone = GroupSchedule.Zone(row.TimeZoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(row.StartsUtc, DateTimeKind.Utc), zone);
        return new MeetingPage
        {
            GroupId = groupId,
            GroupName = row.GroupName,
            MeetingId = row.Id,
            Number = row.Number,
            StartsUtc = row.StartsUtc,
            DurationMinutes = row.DurationMinutes,
            Cancelled = row.Cancelled,
            Marks = row.Marks,
            TimeZoneId = zone.Id,
            Past = row.StartsUtc <= time.GetUtcNow().UtcDateTime,
            Move = form ?? new MoveMeetingForm
            {
                Date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Time = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            },
        };
    }
}

/// <summary>One meeting with its move form and its cancel or un-cancel action.</summary>
public sealed class MeetingPage
{
    public int GroupId { get; init; }
    public string GroupName { get; init; } = "";
    public int MeetingId { get; init; }
    public int Number { get; init; }
    public DateTime StartsUtc { get; init; }
    public int DurationMinutes { get; init; }
    public bool Cancelled { get; init; }
    public int Marks { get; init; }
    public string TimeZoneId { get; init; } = "";
    public bool Past { get; init; }
    public MoveMeetingForm Move { get; init; } = new();
    public CancelMeetingForm Cancel { get; init; } = new();
}
