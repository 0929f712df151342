using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.PracticeGroups;

/// <summary>
/// MI practice groups (seed 002): Champions create, edit and close their groups and log sessions; any signed-in
/// practitioner finds open groups (by town or online, with free places), joins and leaves. Per record: only the host
/// changes a group or its sessions and sees its members' names (administrators may look, not change); members see the
/// host's name, the group's details and its online link, never each other's names.
/// Joining keeps <see cref="MiPracticeGroup.Members"/> under the concurrency token, so of two joins for the last place
/// one wins and the other is told the group is full.
/// </summary>
[Route("mi/groups")]
public sealed class PracticeGroupsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;
    public const string FullMessage = "This group is full: no place is free, so you were not added. Look for another group with free places.";
    public const string AlreadyMember = "You are already a member of this group: nothing was changed.";
    public const string ChangedMeanwhile = "The group changed while you were looking at it (someone joined or left). Check it below and save again.";

    private string Me => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? town = null, bool online = false, bool mine = false, CancellationToken cancellationToken = default)
    {
        var me = Me;
        var filter = new PracticeGroupFilter(string.IsNullOrWhiteSpace(town) ? null : town.Trim(), online, mine);
        var query = db.MiPracticeGroups.AsNoTracking();
        query = mine ? query.Where(g => g.HostId == me) : query.Where(g => g.ClosedUtc == null);
        if (filter.Town is { } t)
        {
            var pattern = TextSearch.Anywhere(t);
            query = query.Where(g => g.Town != null && EF.Functions.Like(TextSearch.Lower(g.Town), pattern, TextSearch.Escape));
        }
        if (online)
        {
            query = query.Where(g => g.OnlineLink != null);
        }
        // One query whatever the number of groups: the host's name and the viewer's membership come with each row.
        var rows = await Rows(query.OrderBy(g => g.ClosedUtc != null).ThenBy(g => g.Name).ThenBy(g => g.Id).Take(Limit + 1))
            .ToListAsync(cancellationToken);
        return View(new PracticeGroupsPage(filter, [.. rows.Take(Limit)], User.IsInRole(Roles.Champion), rows.Count > Limit));
    }

    [HttpGet("new")]
    [Authorize(Roles = Roles.Champion)]
    public IActionResult New() => View("Edit", new PracticeGroupEditPage(null, null, new PracticeGroupForm(), 0));

    [HttpPost("new")]
    [Authorize(Roles = Roles.Champion)]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] PracticeGroupForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return View("Edit", new PracticeGroupEditPage(null, null, form, 0));
        }
        var group = new MiPracticeGroup { HostId = Me, CreatedUtc = clock.UtcNow };
        Apply(form, group);
        db.MiPracticeGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"The group {group.Name} is open: practitioners can find it and join.";
        return Redirect(GroupUrl(group.Id));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var me = Me;
        var group = await Rows(db.MiPracticeGroups.AsNoTracking().Where(g => g.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        var details = await db.MiPracticeGroups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.OnlineLink, g.CreatedUtc, g.ClosedUtc, Zone = db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).First() })
            .SingleAsync(cancellationToken);
        var seesMembers = group.IsHost || User.IsInRole(Roles.Administrator);
        IReadOnlyList<PracticeMemberRow> members = [];
        IReadOnlyList<PracticeSessionRow> sessions = [];
        if (seesMembers)
        {
            members = await db.MiPracticeMemberships.AsNoTracking().Where(m => m.GroupId == id)
                .Join(db.Users, m => m.PersonId, u => u.Id, (m, u) => new { m.PersonId, u.DisplayName, m.JoinedUtc, m.LeftUtc })
                .OrderBy(m => m.LeftUtc != null).ThenBy(m => m.DisplayName)
                .Select(m => new PracticeMemberRow(m.PersonId, m.DisplayName, m.JoinedUtc, m.LeftUtc))
                .ToListAsync(cancellationToken);
            sessions = await db.MiPracticeSessions.AsNoTracking().Where(s => s.GroupId == id)
                .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
                .Select(s => new PracticeSessionRow(s.Id, s.HeldOn, s.Minutes, s.Activities, s.Note, s.Attendees.Count))
                .ToListAsync(cancellationToken);
        }
        var link = group.IsMember || seesMembers ? details.OnlineLink : null;
        return View(new PracticeGroupPage(group, link, details.CreatedUtc, details.ClosedUtc, seesMembers, members, sessions, details.Zone));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (group, refusal) = await HostedAsync(id, tracked: false, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }
        var form = new PracticeGroupForm
        {
            Name = group.Name,
            OnlineLink = group.OnlineLink,
            Town = group.Town,
            Rhythm = group.Rhythm,
            TimeZoneId = group.TimeZoneId,
            Capacity = group.Capacity,
            Activities = PracticeGroupForm.Values(group.Activities),
            OtherActivities = group.OtherActivities,
        };
        return View(new PracticeGroupEditPage(id, group.Name, form, group.Members));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] PracticeGroupForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (group, refusal) = await HostedAsync(id, tracked: true, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }
        if (group.ClosedUtc is not null)
        {
            TempData["Notice"] = "This group is closed: it can no longer be changed.";
            return Redirect(GroupUrl(id));
        }
        if (form.Capacity is { } capacity && capacity < group.Members && ModelState.IsValid)
        {
            ModelState.AddModelError("Form.Capacity", $"The group has {group.Members} members now: keep at least {group.Members} places.");
        }
        if (!ModelState.IsValid)
        {
            return View(new PracticeGroupEditPage(id, group.Name, form, group.Members));
        }
        Apply(form, group);
        group.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", ChangedMeanwhile);
            Response.StatusCode = StatusCodes.Status409Conflict;
            var members = await db.MiPracticeGroups.AsNoTracking().Where(g => g.Id == id).Select(g => g.Members).SingleAsync(cancellationToken);
            return View(new PracticeGroupEditPage(id, form.Name, form, members));
        }
        TempData["Notice"] = "The group is saved.";
        return Redirect(GroupUrl(id));
    }

    [HttpPost("{id:int}/close")]
    public async Task<IActionResult> Close(int id, CancellationToken cancellationToken)
    {
        var closed = false;
        for (var attempt = 0; attempt < 5 && !closed; attempt++)
        {
            var (group, refusal) = await HostedAsync(id, tracked: true, cancellationToken);
            if (group is null)
            {
                return refusal!;
            }
            if (group.ClosedUtc is not null)
            {
                closed = true;
                break;
            }
            group.ClosedUtc = clock.UtcNow;
            group.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                closed = true;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // someone joined or left meanwhile: read it again
            }
        }
        TempData["Notice"] = closed
            ? "The group is closed: nobody can join it any more. Its members' practice logs keep its sessions."
            : "The group was not closed: people kept joining or leaving while it was being saved. Try again.";
        return Redirect(GroupUrl(id));
    }

    [HttpPost("{id:int}/join")]
    public async Task<IActionResult> Join(int id, CancellationToken cancellationToken)
    {
        var me = Me;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var group = await db.MiPracticeGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
            if (group is null)
            {
                return NotFound();
            }
            var membership = await db.MiPracticeMemberships.SingleOrDefaultAsync(m => m.GroupId == id && m.PersonId == me, cancellationToken);
            string? refused = group switch
            {
                { ClosedUtc: not null } => "This group is closed: nobody can join it any more.",
                _ when group.HostId == me => "You host this group: you do not need to join it.",
                _ when membership is { LeftUtc: null } => AlreadyMember,
                _ when group.Members >= group.Capacity => FullMessage,
                _ => null,
            };
            if (refused is not null)
            {
                TempData["Notice"] = refused;
                return Redirect(GroupUrl(id));
            }
            if (membership is null)
            {
                db.MiPracticeMemberships.Add(new MiPracticeMembership { GroupId = id, PersonId = me, JoinedUtc = clock.UtcNow });
            }
            else
            {
                membership.LeftUtc = null;
                membership.JoinedUtc = clock.UtcNow;
            }
            group.Members++;
            group.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                TempData["Notice"] = $"You joined {group.Name}. The host's details and the meeting place are below.";
                return Redirect(GroupUrl(id));
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear(); // another join or leave came first: read the group again and decide again
            }
        }
        TempData["Notice"] = "Many people are joining this group right now: try again in a moment.";
        return Redirect(GroupUrl(id));
    }

    [HttpPost("{id:int}/leave")]
    public async Task<IActionResult> Leave(int id, CancellationToken cancellationToken)
    {
        var me = Me;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var group = await db.MiPracticeGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
            if (group is null)
            {
                return NotFound();
            }
            var membership = await db.MiPracticeMemberships.SingleOrDefaultAsync(m => m.GroupId == id && m.PersonId == me && m.LeftUtc == null, cancellationToken);
            if (membership is null)
            {
                TempData["Notice"] = "You are not a member of this group: nothing was changed.";
                return Redirect(GroupUrl(id));
            }
            membership.LeftUtc = clock.UtcNow;
            group.Members = Math.Max(0, group.Members - 1);
            group.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                TempData["Notice"] = $"You left {group.Name}. The sessions you came to stay in your practice log.";
                return Redirect(GroupUrl(id));
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
        TempData["Notice"] = "Many people are joining or leaving this group right now: try again in a moment.";
        return Redirect(GroupUrl(id));
    }

    internal static string GroupUrl(int id) => "/mi/groups/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The group if the signed-in user hosts it; otherwise 404 (no such group) or 403 (someone else's).</summary>
    private async Task<(MiPracticeGroup? Group, IActionResult? Refusal)> HostedAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.MiPracticeGroups : db.MiPracticeGroups.AsNoTracking();
        var group = await query.SingleOrDefaultAsync(g => g.Id == id, ct);
        return group is null ? (null, NotFound()) : group.HostId != Me ? (null, Forbid()) : (group, null);
    }

    private static void Apply(PracticeGroupForm form, MiPracticeGroup group)
    {
        group.Name = form.Name!.Trim();
        group.OnlineLink = string.IsNullOrWhiteSpace(form.OnlineLink) ? null : form.OnlineLink.Trim();
        group.Town = string.IsNullOrWhiteSpace(form.Town) ? null : form.Town.Trim();
        group.Rhythm = form.Rhythm!.Trim();
        group.TimeZoneId = form.TimeZoneId;
        group.Capacity = form.Capacity!.Value;
        group.Activities = form.Chosen;
        group.OtherActivities = string.IsNullOrWhiteSpace(form.OtherActivities) ? null : form.OtherActivities.Trim();
    }

    private IQueryable<PracticeGroupRow> Rows(IQueryable<MiPracticeGroup> groups)
    {
        var me = Me;
        return groups.Select(g => new PracticeGroupRow(g.Id, g.Name, g.Town, g.OnlineLink != null, g.Rhythm, g.TimeZoneId, g.Capacity, g.Members,
            g.Activities, g.OtherActivities, db.Users.Where(u => u.Id == g.HostId).Select(u => u.DisplayName).First(), g.ClosedUtc != null,
            db.MiPracticeMemberships.Any(m => m.GroupId == g.Id && m.PersonId == me && m.LeftUtc == null), g.HostId == me));
    }
}
