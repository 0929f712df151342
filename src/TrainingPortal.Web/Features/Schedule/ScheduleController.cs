using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Schedules;

namespace TrainingPortal.Web.Features.Schedule;

/// <summary>
/// "My schedule": the signed-in person's meetings across their groups and cohorts (and the groups they lead), upcoming
/// and of the last <see cref="PastDays"/> days, in their own time zone, with their own mark for past ones.
/// </summary>
[Authorize]
public sealed class ScheduleController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int PastDays = 90;

    [HttpGet("schedule")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User) ?? "";
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? clock.ZoneId;
        var now = clock.UtcNow;
        var from = now.AddDays(-PastDays);
        var rows = await PersonMeetings.Of(db, me)
            .Where(m => m.StartsUtc >= from)
            .OrderBy(m => m.StartsUtc).ThenBy(m => m.Id)
            .Select(m => new ScheduleRow(m.Id, m.GroupId, m.Group!.Name, m.Title, m.StartsUtc, m.DurationMinutes, m.Cancelled,
                m.Group.TrainerId == me,
                db.Attendance.Where(a => a.MeetingId == m.Id && a.PersonId == me).Select(a => (AttendanceMark?)a.Mark).FirstOrDefault(),
                db.Attendance.Where(a => a.MeetingId == m.Id && a.PersonId == me).Select(a => a.MinutesPresent).FirstOrDefault())
            {
                MeetingLink = m.Group.MeetingLink,
                MeetingPlace = m.Group.MeetingPlace,
            })
            .ToListAsync(cancellationToken);
        return View(new SchedulePage(
            [.. rows.Where(r => r.StartsUtc.AddMinutes(r.DurationMinutes) > now)],
            [.. rows.Where(r => r.StartsUtc.AddMinutes(r.DurationMinutes) <= now).Reverse()],
            zone));
    }
}

/// <summary>One meeting on someone's schedule; <see cref="Mark"/> is theirs (null: not marked).</summary>
public sealed record ScheduleRow(int Id, int GroupId, string GroupName, string? Title, DateTime StartsUtc, int DurationMinutes, bool Cancelled,
    bool Leads, AttendanceMark? Mark, int MinutesPresent)
{
    /// <summary>The group's meeting link (https), if the trainer set one.</summary>
    public string? MeetingLink { get; init; }

    /// <summary>The group's meeting place, if the trainer set one.</summary>
    public string? MeetingPlace { get; init; }

    /// <summary>The person's own record of a past meeting, in words.</summary>
    public string MarkText => Cancelled ? "Cancelled"
        : Leads ? "You led it"
        : Mark switch
        {
            AttendanceMark.Present => "Present",
            AttendanceMark.Partial => $"Part of it ({MinutesPresent} of {DurationMinutes} minutes)",
            AttendanceMark.Absent => "Absent",
            AttendanceMark.Excused => "Excused",
            null => "Not marked yet",
        };
}

public sealed record SchedulePage(IReadOnlyList<ScheduleRow> Upcoming, IReadOnlyList<ScheduleRow> Past, string TimeZoneId);
