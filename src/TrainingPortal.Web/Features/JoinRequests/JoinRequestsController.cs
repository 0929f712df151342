using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>
/// A signed-in person asks to join a program from the catalog (optionally a group or cohort with a free place) and may
/// withdraw the request while it waits. Only the person's own requests, by the id in their cookie. Audited.
/// </summary>
public sealed class JoinRequestsController(AppDbContext db, UserManager<AppUser> users, JoinRequestReader reader, PortalClock clock) : Controller
{
    [HttpGet("programs/{key}/join")]
    public async Task<IActionResult> Join(string key, int? group, CancellationToken cancellationToken)
    {
        if (!ProgramCatalog.Default.TryGet(key, out var program))
        {
            return NotFound();
        }
        return View(await PageAsync(program, new JoinForm { GroupId = group }, cancellationToken));
    }

    [HttpPost("programs/{key}/join")]
    public async Task<IActionResult> Join(string key, [Bind(Prefix = "Form")] JoinForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ProgramCatalog.Default.TryGet(key, out var program))
        {
            return NotFound();
        }
        var me = users.GetUserId(User)!;
        var page = await PageAsync(program, form, cancellationToken);
        if (program.Join != JoinPolicy.Request || page.EnrolledSince is not null || page.OpenRequest is not null)
        {
            return View(page); // the page says why there is nothing to ask
        }
        if (form.GroupId is { } groupId)
        {
            var option = page.Groups.FirstOrDefault(g => g.Id == groupId);
            if (option is null)
            {
                ModelState.AddModelError("Form.GroupId", "Choose one of the groups or cohorts listed, or “any”.");
            }
            else if (option.Full)
            {
                ModelState.AddModelError("Form.GroupId", $"{option.Name} is full ({option.Places.ToLowerInvariant()}). Choose another one, or “any”.");
            }
        }
        if (page.Categories.Count > 0 && !page.Categories.Contains(form.Category ?? "", StringComparer.Ordinal))
        {
            ModelState.AddModelError("Form.Category", "Choose the category you apply in.");
        }
        if (!ModelState.IsValid)
        {
            return View(page);
        }
        db.JoinRequests.Add(new JoinRequest
        {
            PersonId = me,
            ProgramKey = program.Key,
            GroupId = form.GroupId,
            Category = page.Categories.Count > 0 ? form.Category : null,
            Message = string.IsNullOrWhiteSpace(form.Message) ? null : form.Message.Trim(),
            Status = JoinRequestStatus.Open,
            CreatedUtc = clock.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request sent twice at once (a double click): the unique index keeps one.
            db.ChangeTracker.Clear();
            if (!await db.JoinRequests.AnyAsync(r => r.PersonId == me && r.ProgramKey == program.Key && r.Status == JoinRequestStatus.Open, cancellationToken))
            {
                throw;
            }
        }
        TempData["Notice"] = $"Your request to join {program.Title} is sent. An administrator answers it; you will see the answer on this page.";
        return Redirect("/");
    }

    [HttpPost("my/join-requests/{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var request = await db.JoinRequests.SingleOrDefaultAsync(r => r.Id == id && r.PersonId == me, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Status != JoinRequestStatus.Open)
        {
            TempData["Notice"] = "This request was already answered, so it cannot be withdrawn: its answer is shown below.";
            return Redirect("/");
        }
        request.Decide(JoinRequestStatus.Withdrawn, clock.UtcNow, me);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Notice"] = "Your request is withdrawn.";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "An administrator answered this request a moment ago: its answer is shown below.";
        }
        return Redirect("/");
    }

    private async Task<JoinPage> PageAsync(ProgramDefinition program, JoinForm form, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var enrolledSince = await db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == me && e.ProgramKey == program.Key && e.Status == EnrollmentStatus.Active)
            .Select(e => (DateOnly?)e.CreatedOn).FirstOrDefaultAsync(cancellationToken);
        var open = (await reader.MineAsync(me, cancellationToken)).FirstOrDefault(r => r.ProgramKey == program.Key && r.Status == JoinRequestStatus.Open);
        var groups = program.Join == JoinPolicy.Request && program.EnrollmentGroup is not null
            ? (await reader.GroupsAsync([program.Key], cancellationToken)).GetValueOrDefault(program.Key) ?? []
            : [];
        var rules = Domain.Eligibility.RuleSetCatalog.Default.Current(program.Key, clock.Today);
        return new JoinPage
        {
            Program = program,
            Form = form,
            Groups = groups,
            Categories = rules?.Categories ?? [],
            EnrolledSince = enrolledSince,
            OpenRequest = open,
            TimeZoneId = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? clock.ZoneId,
        };
    }
}
