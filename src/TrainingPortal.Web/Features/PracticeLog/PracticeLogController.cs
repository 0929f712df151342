using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.PracticeLog;

/// <summary>
/// A practitioner's own MI practice log: every logged session they came to, across groups (also groups they left or
/// that closed), with hours and totals. One query whatever the number of sessions.
/// </summary>
[Route("mi/practice-log")]
public sealed class PracticeLogController(AppDbContext db, UserManager<AppUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var rows = await (from a in db.MiPracticeAttendance.AsNoTracking()
                          where a.PersonId == me
                          join s in db.MiPracticeSessions on a.SessionId equals s.Id
                          join g in db.MiPracticeGroups on s.GroupId equals g.Id
                          orderby s.HeldOn descending, s.Id descending
                          select new PracticeLogRow(s.Id, g.Id, g.Name, s.HeldOn, s.Minutes, s.Activities, s.Note))
            .ToListAsync(cancellationToken);
        return View(new PracticeLogPage(rows));
    }
}

public sealed record PracticeLogRow(int SessionId, int GroupId, string GroupName, DateOnly HeldOn, int Minutes, MiActivities Activities, string? Note);

public sealed record PracticeLogPage(IReadOnlyList<PracticeLogRow> Rows)
{
    public int TotalMinutes => Rows.Sum(r => r.Minutes);

    public IReadOnlyList<(int GroupId, string Name, int Sessions, int Minutes)> ByGroup =>
        [.. Rows.GroupBy(r => (r.GroupId, r.GroupName)).OrderBy(g => g.Key.GroupName).Select(g => (g.Key.GroupId, g.Key.GroupName, g.Count(), g.Sum(r => r.Minutes)))];

    /// <summary>"1.5" hours for 90 minutes; whole hours without a decimal.</summary>
    public static string Hours(int minutes) => (minutes / 60m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
