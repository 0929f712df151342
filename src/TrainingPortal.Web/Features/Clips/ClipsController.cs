using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.Clips;

/// <summary>
/// The audio clips played in one consultation meeting, recorded by the group's trainer (or an
/// administrator). The audio itself is never uploaded. Another trainer's group answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/meetings/{meetingId:int}/clips")]
public sealed class ClipsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(groupId, meetingId, new ClipForm(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(int groupId, int meetingId, [Bind(Prefix = "Form")] ClipForm form, CancellationToken cancellationToken)
    {
        var meeting = await MeetingAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }
        if (meeting.Cancelled)
        {
            ModelState.AddModelError("", "This meeting was cancelled, so no clip can be recorded for it.");
        }
        else if (meeting.StartsUtc > clock.UtcNow)
        {
            ModelState.AddModelError("", "This meeting has not taken place yet. Record clips once it has been held.");
        }
        var personId = (form.PersonId ?? "").Trim();
        if (ModelState.IsValid && !await db.ActiveMemberIds(groupId).AnyAsync(p => p == personId, cancellationToken))
        {
            ModelState.AddModelError("Form.PersonId", "Choose a member of this group.");
        }
        if (!ModelState.IsValid)
        {
            return View(await LoadAsync(groupId, meetingId, form, cancellationToken));
        }

        var code = PseudonymousCode.Normalize(form.ClipCode);
        db.ClipPresentations.Add(new ClipPresentationRecord
        {
            PersonId = personId, MeetingId = meetingId, ClipCode = code, DeIdentified = true, Feedback = form.Feedback.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);
        var attended = await db.Attendance.AnyAsync(a => a.MeetingId == meetingId && a.PersonId == personId
            && (a.Mark == AttendanceMark.Present || a.Mark == AttendanceMark.Partial), cancellationToken);
        TempData["Notice"] = attended
            ? $"Clip {code} recorded."
            : $"Clip {code} recorded. The member is not marked present or partial for this meeting, so the clip will not count until their attendance is recorded.";
        return Redirect($"/groups/{groupId}/meetings/{meetingId}/clips");
    }

    [HttpPost("{clipId:int}/delete")]
    public async Task<IActionResult> Delete(int groupId, int meetingId, int clipId, CancellationToken cancellationToken)
    {
        if (await MeetingAsync(groupId, meetingId, cancellationToken) is null)
        {
            return NotFound();
        }
        var clip = await db.ClipPresentations.SingleOrDefaultAsync(c => c.Id == clipId && c.MeetingId == meetingId, cancellationToken);
        if (clip is null)
        {
            return NotFound();
        }
        db.ClipPresentations.Remove(clip);
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = $"Clip {clip.ClipCode} removed.";
        return Redirect($"/groups/{groupId}/meetings/{meetingId}/clips");
    }

    private Task<Meeting?> MeetingAsync(int groupId, int meetingId, CancellationToken cancellationToken)
    {
        var groups = db.Managed(User, users.GetUserId(User), GroupContent.Clips);
        return db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId && m.GroupId == groupId && groups.Any(g => g.Id == m.GroupId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<ClipsPage?> LoadAsync(int groupId, int meetingId, ClipForm form, CancellationToken cancellationToken)
    {
        var meeting = await MeetingAsync(groupId, meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => new { g.Name, g.TimeZoneId }).SingleAsync(cancellationToken);
        var memberIds = db.ActiveMemberIds(groupId);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new ClipMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var marks = await db.Attendance.AsNoTracking().Where(a => a.MeetingId == meetingId)
            .ToDictionaryAsync(a => a.PersonId, a => a.Mark, cancellationToken);
        var clips = await db.ClipPresentations.AsNoTracking().Where(c => c.MeetingId == meetingId)
            .Join(db.Users, c => c.PersonId, u => u.Id, (c, u) => new { c.Id, c.PersonId, u.DisplayName, c.ClipCode, c.DeIdentified, c.Feedback })
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var rows = clips.Select(c =>
        {
            var mark = marks.TryGetValue(c.PersonId, out var m) ? m : (AttendanceMark?)null;
            return new ClipRow(c.Id, c.DisplayName, c.ClipCode, c.DeIdentified, c.Feedback, mark,
                Counts: c.DeIdentified && !string.IsNullOrWhiteSpace(c.Feedback) && mark is AttendanceMark.Present or AttendanceMark.Partial);
        }).ToList();
        return new ClipsPage(groupId, group.Name, group.TimeZoneId, meetingId, meeting.StartsUtc, meeting.Cancelled,
            meeting.StartsUtc > clock.UtcNow,
            [.. members.OrderBy(m => m.Name, StringComparer.CurrentCulture)], rows, form);
    }
}

public sealed record ClipMember(string PersonId, string Name);

public sealed record ClipRow(int Id, string Member, string ClipCode, bool DeIdentified, string? Feedback, AttendanceMark? Mark, bool Counts);

public sealed record ClipsPage(int GroupId, string GroupName, string TimeZoneId, int MeetingId, DateTime StartsUtc, bool Cancelled, bool InFuture,
    IReadOnlyList<ClipMember> Members, IReadOnlyList<ClipRow> Clips, ClipForm Form);
