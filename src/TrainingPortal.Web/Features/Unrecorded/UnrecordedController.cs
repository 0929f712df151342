using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Schedules;

namespace TrainingPortal.Web.Features.Unrecorded;

/// <summary>
/// Past meetings with no attendance recorded (<see cref="UnrecordedMeetings"/>), oldest first, each with a link to record
/// it: a trainer sees the groups they lead, an administrator every group. At most <see cref="Limit"/> rows are listed;
/// the count above the list is the whole number.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("meetings/unrecorded")]
public sealed class UnrecordedController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var candidates = UnrecordedMeetings.Candidates(db, db.ManagedMeetings(User, users.GetUserId(User)).AsNoTracking(), now);
        var rows = await candidates
            .OrderBy(m => m.StartsUtc).ThenBy(m => m.Id)
            .Take(Limit + 1)
            .Select(m => new UnrecordedRow(m.Id, m.GroupId, m.Group!.Name, m.Group.Kind, m.Group.TimeZoneId, m.StartsUtc, m.DurationMinutes,
                db.Users.Where(u => u.Id == m.Group.TrainerId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var ended = rows.Where(r => UnrecordedMeetings.HasEnded(r.StartsUtc, r.DurationMinutes, now)).ToList();
        var more = ended.Count > Limit;
        return View(new UnrecordedPage([.. ended.Take(Limit)], more, User.IsInRole(Domain.Roles.Administrator)));
    }
}

public sealed record UnrecordedRow(int MeetingId, int GroupId, string GroupName, GroupKind Kind, string TimeZoneId, DateTime StartsUtc, int DurationMinutes,
    string? Trainer);

public sealed record UnrecordedPage(IReadOnlyList<UnrecordedRow> Rows, bool More, bool AllGroups);
