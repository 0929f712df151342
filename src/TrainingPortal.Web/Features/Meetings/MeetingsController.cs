using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Features.Groups;
using TrainingPortal.Domain;
using TrainingPortal.Web.Features.GroupAdmin;

namespace TrainingPortal.Web.Features.Meetings;

/// <summary>
/// Move one meeting (new local date and time in the group's zone; its attendance stays with it), or
/// cancel it (a cancelled meeting never counts as held) and un-cancel it. Administrators and the
/// group's own trainer only; any other group or meeting id answers 404. Audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/meetings/{meetingId:int}")]
public sealed class MeetingsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const string ConflictMessage =
        "Someone changed this meeting after you opened this page, so nothing was changed. Its current state is shown below: check it, then try again.";

    private string? Me => users.GetUserId(User);

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
        if (meeting.AttendanceVersion != form.Version)
        {
            return await ConflictAsync(groupId, meetingId, form, cancellationToken);
        }
        var group = meeting.Group!;
        var zone = GroupSchedule.Zone(group.TimeZoneId);
        var now = clock.UtcNow;
        DateTime startsUtc = default;
        if (ModelState.IsValid)
        {
            var date = GroupKinds.ParseDate(form.Date)!.Value;
            var local = date.ToDateTime(GroupKinds.ParseTime(form.Time)!.Value);
            if (date < group.StartDate || date > group.EndDate)
            {
                // The group's period is its StartDate..EndDate (local dates, inclusive): the rules judge
                // attendance over that period, so a meeting outside it would count where it cannot belong.
                ModelState.AddModelError("Move.Date",
                    $"Choose a date in the group's period, {DateDisplay.Date(group.StartDate)} to {DateDisplay.Date(group.EndDate)}.");
            }
            else if (zone.IsInvalidTime(local))
            {
                ModelState.AddModelError("Move.Time",
                    $"{form.Time.Trim()} does not exist on {form.Date.Trim()} in {DateDisplay.ZoneName(zone.Id)}: the clocks go forward then. Choose another time.");
            }
            else
            {
                startsUtc = GroupSchedule.ToUtc(PortalClock.DateOf(local), TimeOnly.FromDateTime(local), zone);
                var marks = await db.Attendance.CountAsync(a => a.MeetingId == meetingId, cancellationToken);
                if (marks > 0 && startsUtc > now)
                {
                    ModelState.AddModelError("Move.Date",
                        $"This meeting already has {marks} attendance mark{(marks == 1 ? "" : "s")}: it cannot move into the future. Choose a date and time that have passed.");
                }
                else if (meeting.StartsUtc > now && startsUtc <= now && !meeting.Cancelled && !form.ConfirmPast)
                {
                    ModelState.AddModelError("Move.ConfirmPast", PastWarning(startsUtc, zone.Id));
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Edit), await PageAsync(groupId, meetingId, form, cancellationToken));
        }

        var before = meeting.StartsUtc;
        meeting.StartsUtc = startsUtc;
        if (!await SaveAsync(meeting, form.Version, cancellationToken))
        {
            return await ConflictAsync(groupId, meetingId, form, cancellationToken);
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(before, zone.Id)} now takes place {DateDisplay.DateTime(startsUtc, zone.Id)}."
            + (before > now && startsUtc <= now ? " It counts as held: record its attendance now." : "");
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    /// <summary>The plain warning shown before an upcoming meeting is moved into the past.</summary>
    public static string PastWarning(DateTime startsUtc, string timeZoneId) =>
        $"{DateDisplay.DateTime(startsUtc, timeZoneId)} has already passed. This meeting has not taken place yet; moved there, it counts as held at once, "
        + "and as a missed call for every member until you record its attendance. Tick the box to move it anyway.";

    [HttpPost("cancel")]
    public async Task<IActionResult> Cancel(int groupId, int meetingId, [Bind(Prefix = "Cancel")] CancelMeetingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var meeting = await FindAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        if (meeting.AttendanceVersion != form.Version)
        {
            return await ConflictAsync(groupId, meetingId, null, cancellationToken);
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
        if (!await SaveAsync(meeting, form.Version, cancellationToken))
        {
            return await ConflictAsync(groupId, meetingId, null, cancellationToken);
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(meeting.StartsUtc, meeting.Group!.TimeZoneId)} is cancelled.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    [HttpPost("restore")]
    public async Task<IActionResult> Restore(int groupId, int meetingId, [Bind(Prefix = "Restore")] RestoreMeetingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var meeting = await FindAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        if (meeting.AttendanceVersion != form.Version)
        {
            return await ConflictAsync(groupId, meetingId, null, cancellationToken);
        }
        if (meeting.Cancelled)
        {
            meeting.Cancelled = false;
            if (!await SaveAsync(meeting, form.Version, cancellationToken))
            {
                return await ConflictAsync(groupId, meetingId, null, cancellationToken);
            }
        }
        TempData["Notice"] = $"The meeting of {DateDisplay.DateTime(meeting.StartsUtc, meeting.Group!.TimeZoneId)} takes place again.";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/groups/{groupId}"));
    }

    /// <summary>
    /// Saves with the version the page was opened with as the concurrency token and a new version, so
    /// a move, cancel, un-cancel or attendance save made meanwhile (each changes the version) refuses
    /// this one instead of being overwritten by it.
    /// </summary>
    private async Task<bool> SaveAsync(Meeting meeting, Guid shownVersion, CancellationToken cancellationToken)
    {
        db.Entry(meeting).Property(m => m.AttendanceVersion).OriginalValue = shownVersion;
        meeting.AttendanceVersion = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A change from a stale page: nothing is saved; the page shows the meeting as it is now, and keeps a typed move.</summary>
    private async Task<IActionResult> ConflictAsync(int groupId, int meetingId, MoveMeetingForm? typed, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        var page = await PageAsync(groupId, meetingId, null, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (typed is not null)
        {
            page.Move.Date = typed.Date;
            page.Move.Time = typed.Time;
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Edit), page);
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
                m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.AttendanceVersion, GroupName = m.Group!.Name, m.Group.TimeZoneId,
                m.Group.StartDate, m.Group.EndDate,
                Number = db.Meetings.Count(o => o.GroupId == groupId && (o.StartsUtc < m.StartsUtc || (o.StartsUtc == m.StartsUtc && o.Id <= m.Id))),
                Marks = db.Attendance.Count(a => a.MeetingId == m.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var zone = GroupSchedule.Zone(row.TimeZoneId);
        var local = PortalClock.ToLocal(row.StartsUtc, zone);
        var move = form ?? new MoveMeetingForm
        {
            Date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        // A re-shown form carries the version it was opened with; a conflict re-reads the page with a fresh one.
        move.Version = form is null ? row.AttendanceVersion : form.Version;
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
            PeriodStart = row.StartDate,
            PeriodEnd = row.EndDate,
            Past = row.StartsUtc <= clock.UtcNow,
            Version = row.AttendanceVersion,
            AskConfirmPast = ModelState.TryGetValue("Move.ConfirmPast", out var confirm) && confirm.Errors.Count > 0,
            Move = move,
            Cancel = new CancelMeetingForm { Version = row.AttendanceVersion },
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

    /// <summary>The group's period (local dates, inclusive): a meeting moves only within it.</summary>
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }

    /// <summary>The meeting's current version, carried by every form on the page.</summary>
    public Guid Version { get; init; }

    /// <summary>The move form asks to confirm moving an upcoming meeting into the past.</summary>
    public bool AskConfirmPast { get; init; }

    public MoveMeetingForm Move { get; init; } = new();
    public CancelMeetingForm Cancel { get; init; } = new();
}
