using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.PracticeGroups;

/// <summary>
/// The host logs a practice group's sessions in one screen (date, minutes, activities, a short note, who came — ticked
/// from the members) and edits a logged one. Only the group's host; a session cannot be dated after today (in the
/// group's time zone); only members can be recorded — and on an edit, people already recorded who have left since.
/// </summary>
[Route("mi/groups/{groupId:int}/sessions")]
public sealed class PracticeSessionsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const string NotAMember = "Tick only people from the members list.";

    /// <summary>The form's view, kept with the group's screens.</summary>
    private const string SessionView = "/Features/PracticeGroups/Session.cshtml";

    private string Me => users.GetUserId(User)!;

    [HttpGet("new")]
    public async Task<IActionResult> New(int groupId, CancellationToken cancellationToken)
    {
        var group = await HostedAsync(groupId, cancellationToken);
        if (group is null)
        {
            return Refusal;
        }
        var form = new PracticeSessionForm { HeldOn = Today(group), Activities = PracticeGroupForm.Values(group.Activities) };
        return View(SessionView, await PageAsync(group, null, form, null, cancellationToken));
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(int groupId, [Bind(Prefix = "Form")] PracticeSessionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var group = await HostedAsync(groupId, cancellationToken);
        if (group is null)
        {
            return Refusal;
        }
        var page = await PageAsync(group, null, form, null, cancellationToken);
        Check(form, page);
        if (!ModelState.IsValid)
        {
            return View(SessionView, page);
        }
        var session = new MiPracticeSession { GroupId = groupId, LoggedById = Me, LoggedUtc = clock.UtcNow };
        Apply(form, session);
        db.MiPracticeSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"The session of {DateDisplay.Date(session.HeldOn)} is logged: it is in the practice log of the {session.Attendees.Count} who came.";
        return Redirect(PracticeGroupsController.GroupUrl(groupId));
    }

    [HttpGet("{sessionId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int sessionId, CancellationToken cancellationToken)
    {
        var group = await HostedAsync(groupId, cancellationToken);
        if (group is null)
        {
            return Refusal;
        }
        var session = await db.MiPracticeSessions.AsNoTracking().Include(s => s.Attendees).SingleOrDefaultAsync(s => s.Id == sessionId && s.GroupId == groupId, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }
        var form = new PracticeSessionForm
        {
            HeldOn = session.HeldOn,
            Minutes = session.Minutes,
            Activities = PracticeGroupForm.Values(session.Activities),
            Note = session.Note,
            Attendees = [.. session.Attendees.Select(a => a.PersonId)],
            Version = session.Version,
        };
        return View(SessionView, await PageAsync(group, session, form, null, cancellationToken));
    }

    [HttpPost("{sessionId:int}/edit")]
    public async Task<IActionResult> Edit(int groupId, int sessionId, [Bind(Prefix = "Form")] PracticeSessionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var group = await HostedAsync(groupId, cancellationToken);
        if (group is null)
        {
            return Refusal;
        }
        var session = await db.MiPracticeSessions.Include(s => s.Attendees).SingleOrDefaultAsync(s => s.Id == sessionId && s.GroupId == groupId, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }
        var page = await PageAsync(group, session, form, null, cancellationToken);
        Check(form, page);
        if (!ModelState.IsValid)
        {
            return View(SessionView, page);
        }
        if (form.Version != session.Version)
        {
            return Conflict(page, form, session);
        }
        Apply(form, session);
        session.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var newer = await db.MiPracticeSessions.AsNoTracking().Include(s => s.Attendees).SingleAsync(s => s.Id == sessionId, cancellationToken);
            return Conflict(await PageAsync(group, newer, form, null, cancellationToken), form, newer);
        }
        TempData["Notice"] = $"The session of {DateDisplay.Date(session.HeldOn)} is saved.";
        return Redirect(PracticeGroupsController.GroupUrl(groupId));
    }

    private IActionResult Refusal { get; set; } = new NotFoundResult();

    private ViewResult Conflict(PracticeSessionPage page, PracticeSessionForm form, MiPracticeSession newer)
    {
        ModelState.AddModelError("", "Someone saved this session after you opened it. Its saved state is described below; check and save again.");
        form.Version = newer.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        var saved = $"Saved now: {DateDisplay.Date(newer.HeldOn)}, {newer.Minutes} minutes, {MiActivityNames.Describe(newer.Activities)}, {newer.Attendees.Count} came.";
        return View(SessionView, page with { Conflict = saved });
    }

    private DateOnly Today(MiPracticeGroup group) => PortalClock.LocalDate(clock.UtcNow, PortalClock.FindZone(group.TimeZoneId));

    /// <summary>Checks that need the group: not after today in its zone, only people it offers.</summary>
    private void Check(PracticeSessionForm form, PracticeSessionPage page)
    {
        if (form.HeldOn is { } heldOn && heldOn > page.Today)
        {
            ModelState.AddModelError("Form.HeldOn", $"A session can be logged once it has taken place: enter a date no later than today ({DateDisplay.Date(page.Today)}).");
        }
        if (form.Attendees.Except(page.Choices.Select(c => c.PersonId), StringComparer.Ordinal).Any())
        {
            ModelState.AddModelError("Form.Attendees", NotAMember);
        }
    }

    private static void Apply(PracticeSessionForm form, MiPracticeSession session)
    {
        session.HeldOn = form.HeldOn!.Value;
        session.Minutes = form.Minutes!.Value;
        session.Activities = PracticeGroupForm.Parse(form.Activities);
        session.Note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        var wanted = form.Attendees.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        session.Attendees.RemoveAll(a => !wanted.Contains(a.PersonId));
        foreach (var id in wanted.Except(session.Attendees.Select(a => a.PersonId), StringComparer.Ordinal))
        {
            session.Attendees.Add(new MiPracticeAttendance { PersonId = id });
        }
    }

    private async Task<PracticeSessionPage> PageAsync(MiPracticeGroup group, MiPracticeSession? session, PracticeSessionForm form, string? conflict, CancellationToken ct)
    {
        var recorded = session?.Attendees.Select(a => a.PersonId).ToList() ?? [];
        var choices = await db.MiPracticeMemberships.AsNoTracking()
            .Where(m => m.GroupId == group.Id && (m.LeftUtc == null || recorded.Contains(m.PersonId)))
            .Join(db.Users, m => m.PersonId, u => u.Id, (m, u) => new { m.PersonId, u.DisplayName, Left = m.LeftUtc != null })
            .OrderBy(c => c.DisplayName)
            .ToListAsync(ct);
        return new PracticeSessionPage(group.Id, group.Name, session?.Id, form, [.. choices.Select(c => new AttendeeChoice(c.PersonId, c.DisplayName, c.Left))],
            Today(group), conflict);
    }

    /// <summary>The group if the signed-in user hosts it; otherwise null with <see cref="Refusal"/> set (404, or 403 for someone else's group).</summary>
    private async Task<MiPracticeGroup?> HostedAsync(int groupId, CancellationToken ct)
    {
        var group = await db.MiPracticeGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            Refusal = NotFound();
            return null;
        }
        if (group.HostId != Me)
        {
            Refusal = Forbid();
            return null;
        }
        return group;
    }
}
