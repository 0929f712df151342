using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.MeetingAttendance;

/// <summary>
/// Attendance for a whole meeting on one screen, saved at once. A save based on an older screen is
/// refused (optimistic concurrency on <see cref="Meeting.AttendanceVersion"/>) and shows the newer
/// marks beside what was typed, so nothing is lost. Every change is in the audit log.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/meetings/{meetingId:int}/attendance")]
public sealed class MeetingAttendanceController(AppDbContext db, EligibilityService eligibility, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const string ConflictMessage =
        "Someone else changed this meeting or saved its attendance after you opened it. The saved marks are shown below, with what you entered beside them. Check, then save again.";

    /// <summary>The screen; <paramref name="start"/> = <c>present</c> shows every member not marked yet as present, as a starting point (nothing is saved until "Save").</summary>
    [HttpGet("")]
    public async Task<IActionResult> Edit(int groupId, int meetingId, string? start, CancellationToken cancellationToken)
    {
        var page = await LoadPageAsync(groupId, meetingId, form: null, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (start == "present" && !page.Cancelled && !page.InFuture && page.AnyUnmarked)
        {
            foreach (var row in page.Form.Rows.Where(r => r.Mark is null))
            {
                row.Mark = AttendanceMark.Present;
            }
            page = page with { StartedPresent = true };
        }
        return View(page);
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit(int groupId, int meetingId, AttendanceForm form, CancellationToken cancellationToken)
    {
        var meeting = await db.ManagedMeetings(User, Me)
            .Where(m => m.Id == meetingId && m.GroupId == groupId)
            .SingleOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        var meetingDate = GroupSchedule.LocalDate(meeting.StartsUtc, GroupSchedule.Zone(await ZoneOfAsync(groupId, cancellationToken)));
        var members = await MembersQuery(groupId, meetingDate).Select(m => m.PersonId).ToListAsync(cancellationToken);

        Validate(meeting, members, form);
        if (!ModelState.IsValid)
        {
            return View(await LoadPageAsync(groupId, meetingId, form, cancellationToken));
        }
        if (meeting.AttendanceVersion != form.Version)
        {
            return await ConflictAsync(groupId, meetingId, form, cancellationToken);
        }

        var existing = await db.Attendance.Where(a => a.MeetingId == meetingId).ToListAsync(cancellationToken);
        foreach (var row in form.Rows)
        {
            var mark = row.Mark!.Value;
            var minutes = mark == AttendanceMark.Partial ? row.Minutes!.Value : 0;
            var saved = existing.FirstOrDefault(a => a.PersonId == row.PersonId);
            if (saved is null)
            {
                db.Attendance.Add(new Attendance { MeetingId = meetingId, PersonId = row.PersonId, Mark = mark, MinutesPresent = minutes });
            }
            else
            {
                saved.Mark = mark;
                saved.MinutesPresent = minutes;
            }
        }

        // The version the screen was opened with must still be the stored one when the UPDATE runs.
        db.Entry(meeting).Property(m => m.AttendanceVersion).OriginalValue = form.Version;
        meeting.AttendanceVersion = Guid.NewGuid();
        meeting.AttendanceSavedUtc = clock.UtcNow;
        meeting.AttendanceSavedById = Me;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Someone else saved first: a newer version, or (first save of a never-marked meeting) the same
            // member's row inserted first. Either way: the 409 with their marks beside yours.
            db.ChangeTracker.Clear();
            return await ConflictAsync(groupId, meetingId, form, cancellationToken);
        }

        TempData["Notice"] = $"Attendance saved for the meeting of {DateDisplay.DateTime(meeting.StartsUtc, await ZoneOfAsync(groupId, cancellationToken))}.";
        return Redirect($"/groups/{groupId}");
    }

    private string? Me => users.GetUserId(User);

    private bool IsAdmin => User.IsInRole(Roles.Administrator);

    /// <summary>
    /// The members a meeting dated <paramref name="on"/> is marked for: the active enrollments in the group, except those who
    /// joined it later (<see cref="Enrollment.JoinedOn"/>): nobody is asked to invent a mark for a meeting before they were a member.
    /// </summary>
    private IQueryable<Enrollment> MembersQuery(int groupId, DateOnly on) =>
        db.Enrollments.AsNoTracking().Where(e => e.Status == EnrollmentStatus.Active
            && ((e.GroupId == groupId && (e.JoinedOn == null || e.JoinedOn <= on)) || e.ClassroomGroupId == groupId));

    private Task<string> ZoneOfAsync(int groupId, CancellationToken cancellationToken) =>
        db.Groups.Where(g => g.Id == groupId).Select(g => g.TimeZoneId).SingleAsync(cancellationToken);

    private void Validate(Meeting meeting, IReadOnlyCollection<string> members, AttendanceForm form)
    {
        if (meeting.Cancelled)
        {
            ModelState.AddModelError("", "This meeting was cancelled, so no attendance can be recorded for it.");
            return;
        }
        if (meeting.StartsUtc > clock.UtcNow)
        {
            ModelState.AddModelError("", "This meeting has not taken place yet. Record attendance once it has started.");
            return;
        }
        if (form.Rows.Count == 0 || form.Rows.All(r => r.Mark is null))
        {
            ModelState.AddModelError("", "Mark every member as present, absent, excused or partial before saving.");
            return;
        }
        var posted = form.Rows.Select(r => r.PersonId).ToHashSet(StringComparer.Ordinal);
        if (!posted.SetEquals(members) || posted.Count != form.Rows.Count)
        {
            ModelState.AddModelError("", "The list of members has changed since this screen was opened. Reload the page and mark again.");
            return;
        }
        for (var i = 0; i < form.Rows.Count; i++)
        {
            var row = form.Rows[i];
            if (row.Mark is null)
            {
                ModelState.AddModelError($"Rows[{i}].Mark", "Choose present, absent, excused or partial.");
            }
            else if (!Enum.IsDefined(row.Mark.Value))
            {
                ModelState.AddModelError($"Rows[{i}].Mark", "Choose present, absent, excused or partial.");
            }
            else if (row.Mark == AttendanceMark.Partial && (row.Minutes is null || row.Minutes < 1 || row.Minutes > meeting.DurationMinutes))
            {
                ModelState.AddModelError($"Rows[{i}].Minutes", $"For a partial attendance, enter the minutes present: 1 to {meeting.DurationMinutes} (the meeting's length).");
            }
        }
    }

    private async Task<IActionResult> ConflictAsync(int groupId, int meetingId, AttendanceForm yours, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        var page = await LoadPageAsync(groupId, meetingId, form: null, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(page with { YourConflictingEntry = yours.Rows.Where(r => r.PersonId.Length > 0).DistinctBy(r => r.PersonId).ToDictionary(r => r.PersonId) });
    }

    /// <summary>
    /// Loads the screen in a fixed number of queries whatever the group's size or history: the meeting
    /// with its group (1), the members with their stored standings (1), this meeting's marks (1), and the
    /// evidence loader's fixed set only when some member's stored standing is not current.
    /// </summary>
    private async Task<AttendancePage?> LoadPageAsync(int groupId, int meetingId, AttendanceForm? form, CancellationToken cancellationToken)
    {
        // The screen's reads share one connection (EF Core otherwise opens and closes one per query).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var me = Me;
        var meeting = await db.ManagedMeetings(User, me).AsNoTracking()
            .Where(m => m.Id == meetingId && m.GroupId == groupId)
            .Select(m => new
            {
                m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.AttendanceVersion, m.AttendanceSavedUtc,
                SavedBy = db.Users.Where(u => u.Id == m.AttendanceSavedById).Select(u => u.DisplayName).FirstOrDefault(),
                GroupName = m.Group!.Name, m.Group.TimeZoneId, m.Group.Kind, m.Group.ProgramKey,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var members = await (
                from e in MembersQuery(groupId, GroupSchedule.LocalDate(meeting.StartsUtc, GroupSchedule.Zone(meeting.TimeZoneId)))
                join u in db.Users on e.PersonId equals u.Id
                join s in db.Standings.AsNoTracking() on e.Id equals s.EnrollmentId into stored
                from s in stored.DefaultIfEmpty()
                orderby u.DisplayName
                select new
                {
                    EnrollmentId = e.Id, e.PersonId, u.DisplayName,
                    Standing = new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.VerdictKey),
                })
            .ToListAsync(cancellationToken);
        var marks = await db.Attendance.AsNoTracking()
            .Where(a => a.MeetingId == meetingId)
            .ToDictionaryAsync(a => a.PersonId, cancellationToken);
        // The members' stored standings where current; only the others are evaluated live, together.
        var verdicts = await eligibility.CurrentAsync([.. members.Select(m => m.Standing)], cancellationToken);
        var key = ProgramCatalog.Default.Kind(meeting.Kind).AttendanceRequirementKey;

        var rows = members.Select(m =>
        {
            marks.TryGetValue(m.PersonId, out var saved);
            var standing = verdicts.TryGetValue(m.EnrollmentId, out var v) ? MemberProgressRow.From(m.EnrollmentId, m.DisplayName, v, key) : null;
            return new AttendanceMemberRow(m.PersonId, m.DisplayName, saved?.Mark, saved?.MinutesPresent ?? 0, standing?.Figure, standing?.Flag ?? Concern.OnTrack);
        }).ToList();

        // A fresh screen shows what is saved (nothing, for a meeting not yet marked); a refused one what was typed.
        form ??= new AttendanceForm
        {
            Rows = [.. rows.Select(r => new AttendanceRow { PersonId = r.PersonId, Mark = r.SavedMark, Minutes = r.SavedMark == AttendanceMark.Partial ? r.SavedMinutes : null })],
        };
        form.Version = form.Version == Guid.Empty || ModelState.IsValid ? meeting.AttendanceVersion : form.Version;

        // How a partial attendance counts: the rule this kind of group feeds, in the program's current rule set.
        var rule = RuleSetCatalog.Default.Current(meeting.ProgramKey, clock.Today)?.Requirements.FirstOrDefault(r => r.Key == key) as IPartialAttendanceRule;
        return new AttendancePage(groupId, meeting.GroupName, meeting.Id, meeting.StartsUtc, meeting.DurationMinutes, meeting.TimeZoneId,
            meeting.Cancelled, meeting.StartsUtc > clock.UtcNow, meeting.AttendanceSavedUtc, meeting.SavedBy, rows, form)
        {
            PartialRule = rule?.ExplainPartial(meeting.DurationMinutes),
        };
    }
}
