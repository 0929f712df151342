using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.GroupTrainingCases;

/// <summary>
/// The training cases of a group's members, for the group's trainer (or an administrator), who marks
/// each case checked. Another trainer's group, or a case of someone outside the group, answers 404.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{groupId:int}/training-cases")]
public sealed class GroupTrainingCasesController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int groupId, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var group = await db.Managed(User, me, GroupContent.TrainingCases).AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name, g.TimeZoneId }).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        var members = db.ActiveMemberIds(groupId);
        var cases = await db.TrainingCases.AsNoTracking()
            .Where(c => members.Contains(c.PersonId))
            .Join(db.Users, c => c.PersonId, u => u.Id, (c, u) => new GroupCaseRow(c.Id, u.DisplayName, c.Code, c.ConsentDate,
                c.Sessions.Count, c.Sessions.Count(s => s.Recorded), c.Sessions.Min(s => (DateOnly?)s.Date),
                c.Verified, c.VerifiedUtc, db.Users.Where(v => v.Id == c.VerifiedById).Select(v => v.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return View(new GroupCasesPage(group.Id, group.Name, group.TimeZoneId,
            [.. cases.OrderBy(c => c.Member, StringComparer.CurrentCulture).ThenBy(c => c.Code, StringComparer.Ordinal)]));
    }

    [HttpPost("{caseId:int}/verify")]
    public async Task<IActionResult> Verify(int groupId, int caseId, bool verified, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        if (!await db.Managed(User, me, GroupContent.TrainingCases).AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return NotFound();
        }
        var members = db.ActiveMemberIds(groupId);
        var record = await db.TrainingCases.SingleOrDefaultAsync(c => c.Id == caseId && members.Contains(c.PersonId), cancellationToken);
        if (record is null)
        {
            return NotFound();
        }
        record.Verified = verified;
        record.VerifiedUtc = verified ? clock.UtcNow : null;
        record.VerifiedById = verified ? me : null;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = verified ? $"Training case {record.Code} marked verified." : $"Training case {record.Code} is no longer marked verified.";
        return Redirect($"/groups/{groupId}/training-cases");
    }
}

public sealed record GroupCaseRow(int Id, string Member, string Code, DateOnly? ConsentDate, int Sessions, int Recorded, DateOnly? FirstSession,
    bool Verified, DateTime? VerifiedUtc, string? VerifiedBy)
{
    public bool SessionBeforeConsent => FirstSession is { } first && (ConsentDate is null || first < ConsentDate);
}

public sealed record GroupCasesPage(int GroupId, string GroupName, string TimeZoneId, IReadOnlyList<GroupCaseRow> Cases);
