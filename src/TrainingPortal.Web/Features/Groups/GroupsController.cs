using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Schedules;

namespace TrainingPortal.Web.Features.Groups;

/// <summary>
/// A trainer's group or cohort: its schedule and each member's standing. A trainer sees only the
/// groups they lead (any other id answers 404); administrators see every group.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups")]
public sealed class GroupsController(AppDbContext db, EligibilityService eligibility, UserManager<AppUser> users, TimeProvider time) : Controller
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var group = await db.Managed(User, me).AsNoTracking()
            .Where(g => g.Id == id)
            .Select(g => new
            {
                g.Id, g.Name, g.Kind, g.ProgramKey, g.StartDate, g.EndDate, g.MeetingDay, g.MeetingTime, g.TimeZoneId, g.DurationMinutes,
                g.MeetingLink, g.MeetingPlace,
                Trainer = db.Users.Where(u => u.Id == g.TrainerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var candidates = UnrecordedMeetings.Candidates(db, db.Meetings, now);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.GroupId == id)
            .OrderBy(m => m.StartsUtc)
            .Select(m => new MeetingRow(m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.Title,
                db.Attendance.Count(a => a.MeetingId == m.Id))
            {
                Unrecorded = candidates.Any(c => c.Id == m.Id),
            })
            .ToListAsync(cancellationToken);
        // A candidate is flagged once it has ended (UnrecordedMeetings).
        meetings = [.. meetings.Select(m => m.Unrecorded && !UnrecordedMeetings.HasEnded(m.StartsUtc, m.DurationMinutes, now) ? m with { Unrecorded = false } : m)];

        // The members with their stored standings (one query); only those not current are evaluated live, together.
        var members = await (
                from e in db.Enrollments.AsNoTracking()
                where (e.GroupId == id || e.ClassroomGroupId == id) && e.Status == EnrollmentStatus.Active
                join u in db.Users on e.PersonId equals u.Id
                join s in db.Standings.AsNoTracking() on e.Id equals s.EnrollmentId into stored
                from s in stored.DefaultIfEmpty()
                select new
                {
                    e.Id, u.DisplayName,
                    Standing = new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.Verdict),
                })
            .ToListAsync(cancellationToken);
        var verdicts = await eligibility.CurrentAsync([.. members.Select(m => m.Standing)], cancellationToken);

        var kind = ProgramCatalog.Default.Kind(group.Kind);
        var key = kind.AttendanceRequirementKey;
        var standings = members
            .Select(m => verdicts.TryGetValue(m.Id, out var v) ? MemberProgressRow.From(m.Id, m.DisplayName, v, key) : null)
            .OfType<MemberProgressRow>()
            .OrderByDescending(s => s.Flag)
            .ThenBy(s => s.Name, StringComparer.CurrentCulture)
            .ToList();

        return View(new GroupPage(group.Id, group.Name, kind.Name, group.Trainer, group.StartDate, group.EndDate,
            group.MeetingDay, group.MeetingTime, group.TimeZoneId, group.DurationMinutes, meetings, standings, now)
        {
            GroupKind = group.Kind,
            MeetingLink = group.MeetingLink,
            MeetingPlace = group.MeetingPlace,
        });
    }

}

public sealed record MeetingRow(int Id, DateTime StartsUtc, int DurationMinutes, bool Cancelled, string? Title, int MarksRecorded)
{
    /// <summary>A past meeting with no attendance recorded (<see cref="UnrecordedMeetings"/>).</summary>
    public bool Unrecorded { get; init; }
}

public sealed record GroupPage(int Id, string Name, string Kind, string? Trainer, DateOnly StartDate, DateOnly EndDate,
    DayOfWeek? MeetingDay, TimeOnly? MeetingTime, string TimeZoneId, int DurationMinutes,
    IReadOnlyList<MeetingRow> Meetings, IReadOnlyList<MemberProgressRow> Members, DateTime NowUtc)
{
    /// <summary>The kind itself, for deciding which screens the page links to (<see cref="Kind"/> is its display name).</summary>
    public GroupKind GroupKind { get; init; }

    /// <summary>Where it meets online (an https address), if set.</summary>
    public string? MeetingLink { get; init; }

    /// <summary>Where it meets in person, if set.</summary>
    public string? MeetingPlace { get; init; }
}
