using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
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
public sealed class GroupsController(AppDbContext db, EligibilityService eligibility, TimeProvider time) : Controller
{
    // The page's three reads are compiled once (EF.CompileAsyncQuery): a plain LINQ query builds its expression tree,
    // walks it for parameters and looks it up in EF's cache on every request.

    // The group if the viewer may manage it (an administrator any, a trainer their own; see GroupAccess.Managed), with
    // its trainer's name and whether it has a member not withdrawn (for the unrecorded-meeting flags).
    private static readonly Func<AppDbContext, int, string?, bool, CancellationToken, Task<GroupHeader?>> GroupQuery =
        EF.CompileAsyncQuery((AppDbContext db, int id, string? me, bool isAdmin, CancellationToken _) =>
            db.Groups.AsNoTracking()
                .Where(g => g.Id == id && (isAdmin || g.TrainerId == me))
                .Select(g => new GroupHeader(g.Id, g.Name, g.Kind, g.StartDate, g.EndDate, g.MeetingDay, g.MeetingTime, g.TimeZoneId,
                    g.DurationMinutes, g.MeetingLink, g.MeetingPlace,
                    db.Users.Where(u => u.Id == g.TrainerId).Select(u => u.DisplayName).FirstOrDefault(),
                    db.Enrollments.Any(e => (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status != EnrollmentStatus.Withdrawn)))
                .FirstOrDefault());

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<GroupMeetingRead>> MeetingsQuery =
        EF.CompileAsyncQuery((AppDbContext db, int id) =>
            db.Meetings.AsNoTracking()
                .Where(m => m.GroupId == id)
                .OrderBy(m => m.StartsUtc)
                .Select(m => new GroupMeetingRead(m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.Title, m.AttendanceSavedUtc,
                    db.Attendance.Count(a => a.MeetingId == m.Id))));

    // The active members with their stored standings.
    private static readonly Func<AppDbContext, int, IAsyncEnumerable<GroupMemberRead>> MembersQuery =
        EF.CompileAsyncQuery((AppDbContext db, int id) =>
            from e in db.Enrollments.AsNoTracking()
            where (e.GroupId == id || e.ClassroomGroupId == id) && e.Status == EnrollmentStatus.Active
            join u in db.Users on e.PersonId equals u.Id
            join s in db.Standings on e.Id equals s.EnrollmentId into stored
            from s in stored.DefaultIfEmpty()
            select new GroupMemberRead(e.Id, u.DisplayName,
                new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.VerdictKey)));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        // The page's reads share one connection (EF Core otherwise opens and closes one per query).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (await GroupQuery(db, id, me, User.IsInRole(Roles.Administrator), cancellationToken) is not { } group)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var meetings = new List<MeetingRow>();
        await foreach (var m in MeetingsQuery(db, id).WithCancellation(cancellationToken))
        {
            meetings.Add(new MeetingRow(m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.Title, m.Marks)
            {
                Unrecorded = UnrecordedMeetings.Is(m.Cancelled, m.StartsUtc, m.DurationMinutes, m.AttendanceSavedUtc, m.Marks, group.HasMembers, now),
            });
        }

        // The members with their stored standings (one query); only those not current are evaluated live, together.
        var members = await MembersQuery(db, id).ToListAsync(cancellationToken);
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

    private sealed record GroupHeader(int Id, string Name, GroupKind Kind, DateOnly StartDate, DateOnly EndDate, DayOfWeek? MeetingDay,
        TimeOnly? MeetingTime, string TimeZoneId, int DurationMinutes, string? MeetingLink, string? MeetingPlace, string? Trainer, bool HasMembers);

    private sealed record GroupMeetingRead(int Id, DateTime StartsUtc, int DurationMinutes, bool Cancelled, string? Title, DateTime? AttendanceSavedUtc, int Marks);

    private sealed record GroupMemberRead(int Id, string DisplayName, StoredStanding Standing);
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
