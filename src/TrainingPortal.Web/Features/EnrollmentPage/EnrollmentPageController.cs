using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.EnrollmentPage;

/// <summary>
/// One enrollment's own page (administrators): who, which program and rules version, which group, its status and
/// dates, and today's standing; and its corrections: move it to another group of its program (the effect on the standing
/// shown before saving), put it under another rules version of its program with a reason, reopen a withdrawn one. Every
/// change is guarded by the enrollment's <see cref="Enrollment.Version"/> (a change from an older screen is refused with
/// 409 and the newer state) and audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/enrollments/{id:int}")]
public sealed class EnrollmentPageController(AppDbContext db, EligibilityService eligibility) : Controller
{
    public const string ConflictMessage = "Someone changed this enrollment while you were looking at it. Its current state is shown below: check it and make your change again if it is still right.";

    [HttpGet("")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, null, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>The move's first step: checks the target and shows the standing there next to today's, saving nothing.</summary>
    [HttpPost("move/preview")]
    public async Task<IActionResult> Preview(int id, [Bind(Prefix = "Move")] MoveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return NotFound();
        }
        if (form.Version != enrollment.Version)
        {
            return await ConflictAsync(id, form, null, cancellationToken);
        }
        var target = await CheckMoveAsync(enrollment, form, cancellationToken);
        if (!ModelState.IsValid || target is null)
        {
            return await ShowAsync(id, form, null, cancellationToken);
        }
        var page = await PageAsync(id, form, null, cancellationToken);
        var after = await eligibility.AsIfInGroupAsync(id, target.Value.Placement, target.Value.Option.Id, target.Value.JoinedOn, cancellationToken);
        if (page is null || after is null)
        {
            return NotFound();
        }
        var afterName = target.Value.Placement == GroupPlacement.Group ? target.Value.Option.Name : page.GroupName;
        return View("Move", new MovePreviewView
        {
            Enrollment = page,
            Target = target.Value.Option,
            After = new Home.ProgramProgressView(id, page.ProgramTitle, page.RuleSetId, afterName, page.CreatedOn, page.Status.ToString(), after.Verdict)
            {
                AboutPerson = page.PersonName,
                ApprovedOn = page.CompletedOn,
            },
        });
    }

    /// <summary>The move's second step: saves it (checked again), audited.</summary>
    [HttpPost("move")]
    public async Task<IActionResult> Move(int id, [Bind(Prefix = "Move")] MoveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return NotFound();
        }
        if (form.Version != enrollment.Version)
        {
            return await ConflictAsync(id, form, null, cancellationToken);
        }
        var target = await CheckMoveAsync(enrollment, form, cancellationToken);
        if (!ModelState.IsValid || target is null)
        {
            return await ShowAsync(id, form, null, cancellationToken);
        }
        db.Entry(enrollment).Property(e => e.Version).OriginalValue = form.Version;
        switch (target.Value.Placement)
        {
            case GroupPlacement.Group:
                enrollment.GroupId = target.Value.Option.Id;
                // The answer for the new group: its meetings before today apply or not (never the old group's answer).
                enrollment.JoinedOn = target.Value.JoinedOn;
                enrollment.PastMeetingsNotApplicable = target.Value.JoinedOn is not null;
                break;
            case GroupPlacement.Classroom:
                enrollment.ClassroomGroupId = target.Value.Option.Id;
                break;
        }
        enrollment.Version = Guid.NewGuid();
        if (!await SaveAsync(cancellationToken))
        {
            return await ConflictAsync(id, form, null, cancellationToken);
        }
        TempData["Notice"] = $"Moved to {target.Value.Option.Name}. The standing below is evaluated in the new group.";
        return Redirect(PageUrl(id));
    }

    [HttpPost("rules")]
    public async Task<IActionResult> RuleSet(int id, [Bind(Prefix = "RuleSet")] RuleSetForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return NotFound();
        }
        if (form.Version != enrollment.Version)
        {
            return await ConflictAsync(id, null, form, cancellationToken);
        }
        RuleSet? ruleSet = null;
        if (enrollment.Status == EnrollmentStatus.Completed)
        {
            ModelState.AddModelError("", "This enrollment is completed: it stays under the rules it was approved under.");
        }
        else if (ModelState.IsValid)
        {
            ruleSet = RuleSetCatalog.Default.Find(form.RuleSetId.Trim());
            if (ruleSet is null || !string.Equals(ruleSet.Key, enrollment.ProgramKey, StringComparison.Ordinal))
            {
                ModelState.AddModelError("RuleSet.RuleSetId", "Choose a rules version of this program from the list.");
                ruleSet = null;
            }
            else if (ruleSet.Id == enrollment.RuleSetId)
            {
                ModelState.AddModelError("RuleSet.RuleSetId", $"The enrollment is already under rules {Display.RuleSetVersion(ruleSet.Id)}: choose another version.");
                ruleSet = null;
            }
            else if (!Enrollments.EnrollmentRules.CategoryFits(ruleSet, enrollment.Category))
            {
                ModelState.AddModelError("RuleSet.RuleSetId", $"Rules {Display.RuleSetVersion(ruleSet.Id)} do not fit this enrollment's category: choose another version.");
                ruleSet = null;
            }
        }
        if (!ModelState.IsValid || ruleSet is null)
        {
            return await ShowAsync(id, null, form, cancellationToken);
        }
        db.Entry(enrollment).Property(e => e.Version).OriginalValue = form.Version;
        enrollment.RuleSetId = ruleSet.Id;
        enrollment.RuleSetChangeReason = form.Reason.Trim();
        enrollment.Version = Guid.NewGuid();
        if (!await SaveAsync(cancellationToken))
        {
            return await ConflictAsync(id, null, form, cancellationToken);
        }
        TempData["Notice"] = $"The enrollment is now under rules {Display.RuleSetVersion(ruleSet.Id)}. The standing below uses them.";
        return Redirect(PageUrl(id));
    }

    [HttpPost("reopen")]
    public async Task<IActionResult> Reopen(int id, [Bind(Prefix = "Reopen")] ReopenForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return NotFound();
        }
        if (form.Version != enrollment.Version)
        {
            return await ConflictAsync(id, null, null, cancellationToken);
        }
        if (enrollment.Status != EnrollmentStatus.Withdrawn)
        {
            ModelState.AddModelError("", "Only a withdrawn enrollment can be reopened.");
        }
        else if (await db.Enrollments.AnyAsync(e => e.PersonId == enrollment.PersonId && e.ProgramKey == enrollment.ProgramKey
                     && e.Status == EnrollmentStatus.Active && e.Id != id, cancellationToken))
        {
            ModelState.AddModelError("", "This person has another active enrollment in this program: withdraw that one first.");
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(id, null, null, cancellationToken);
        }
        db.Entry(enrollment).Property(e => e.Version).OriginalValue = form.Version;
        enrollment.Reopen();
        try
        {
            if (!await SaveAsync(cancellationToken))
            {
                return await ConflictAsync(id, null, null, cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // Another enrollment of the same program was made active a moment ago (the unique index).
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "This person has just been enrolled in this program again by someone else: this enrollment stays withdrawn.");
            return await ShowAsync(id, null, null, cancellationToken);
        }
        TempData["Notice"] = "The enrollment is active again. The withdrawal and its reason stay in the audit log.";
        return Redirect(PageUrl(id));
    }

    private static string PageUrl(int id) => string.Create(CultureInfo.InvariantCulture, $"/admin/enrollments/{id}");

    /// <summary>Saves; false when the enrollment changed since it was read (the change is discarded).</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<IActionResult> ConflictAsync(int id, MoveForm? move, RuleSetForm? ruleSet, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        var page = await PageAsync(id, move, ruleSet, cancellationToken, conflict: true);
        if (page is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Show), page);
    }

    private async Task<IActionResult> ShowAsync(int id, MoveForm? move, RuleSetForm? ruleSet, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, move, ruleSet, cancellationToken);
        return page is null ? NotFound() : View(nameof(Show), page);
    }

    /// <summary>Checks a move's target: a group of a kind the enrollment's program places in, other than the one there now.</summary>
    private async Task<(MoveOption Option, GroupPlacement Placement, DateOnly? JoinedOn)?> CheckMoveAsync(Enrollment enrollment, MoveForm form, CancellationToken cancellationToken)
    {
        if (enrollment.Status == EnrollmentStatus.Completed)
        {
            ModelState.AddModelError("", "This enrollment is completed: its group can no longer be changed (it was approved in the group it has).");
            return null;
        }
        if (!ModelState.IsValid || form.GroupId is not { } groupId)
        {
            return null;
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name, g.Kind, g.ProgramKey, g.StartDate, g.EndDate })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            ModelState.AddModelError("Move.GroupId", "There is no such group: choose one from the list.");
            return null;
        }
        var kinds = ProgramCatalog.Default.TryGet(enrollment.ProgramKey, out var program) ? program.GroupKinds : [];
        var kind = kinds.FirstOrDefault(k => k.Kind == group.Kind);
        if (kind is null || !string.Equals(group.ProgramKey, enrollment.ProgramKey, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Move.GroupId", kinds.Count == 0
                ? "This program has no groups or cohorts to move to."
                : $"{group.Name} is not a group of this program: choose a {string.Join(" or ", kinds.Select(k => k.Name))}.");
            return null;
        }
        var current = kind.Placement switch
        {
            GroupPlacement.Group => enrollment.GroupId,
            GroupPlacement.Classroom => enrollment.ClassroomGroupId,
        };
        if (current == group.Id)
        {
            ModelState.AddModelError("Move.GroupId", $"The enrollment is already in {group.Name}: choose another one.");
            return null;
        }
        if (await GroupCapacity.FullAsync(db, group.Id, cancellationToken) is { } full)
        {
            ModelState.AddModelError("Move.GroupId", full);
            return null;
        }
        // A group or cohort that has already met: its earlier meetings count for this person, or do not apply (they join today).
        DateOnly? joinedOn = null;
        if (kind.Placement == GroupPlacement.Group)
        {
            var today = eligibility.Today();
            var zone = await db.Groups.Where(g => g.Id == group.Id).Select(g => g.TimeZoneId).SingleAsync(cancellationToken);
            var startOfToday = GroupSchedule.ToUtc(today, TimeOnly.MinValue, GroupSchedule.Zone(zone));
            if (await db.Meetings.AnyAsync(m => m.GroupId == group.Id && !m.Cancelled && m.StartsUtc < startOfToday, cancellationToken))
            {
                if (string.IsNullOrEmpty(form.PastMeetings))
                {
                    ModelState.AddModelError("Move.PastMeetings",
                        $"{group.Name} has already met: choose whether its earlier meetings count for this person or do not apply.");
                    return null;
                }
                joinedOn = form.PastMeetings == MoveForm.PastMeetingsNotApplicable ? today : null;
            }
        }
        return (new MoveOption(group.Id, group.Name, kind.Name, group.StartDate, group.EndDate), kind.Placement, joinedOn);
    }

    private async Task<EnrollmentPageView?> PageAsync(int id, MoveForm? move, RuleSetForm? ruleSet, CancellationToken ct, bool conflict = false)
    {
        var h = await (
                from e in db.Enrollments.AsNoTracking()
                where e.Id == id
                join u in db.Users on e.PersonId equals u.Id
                join p in db.Programs on e.ProgramKey equals p.Key
                join s in db.Standings.AsNoTracking() on e.Id equals s.EnrollmentId into stored
                from s in stored.DefaultIfEmpty()
                select new
                {
                    e.Id, e.PersonId, u.DisplayName, u.Email, e.ProgramKey, p.Title, e.RuleSetId, e.RuleSetChangeReason, e.Category,
                    e.GroupId, GroupName = e.Group != null ? e.Group.Name : null,
                    e.ClassroomGroupId, ClassroomName = e.ClassroomGroup != null ? e.ClassroomGroup.Name : null,
                    e.Status, e.CreatedOn, e.JoinedOn, e.PastMeetingsNotApplicable, e.WithdrawnOn, e.WithdrawalReason, e.CompletedOn, e.Version,
                    Standing = new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.VerdictKey),
                })
            .SingleOrDefaultAsync(ct);
        if (h is null || !(await eligibility.CurrentAsync([h.Standing], ct)).TryGetValue(id, out var verdict))
        {
            return null;
        }
        var program = ProgramCatalog.Default.TryGet(h.ProgramKey, out var definition) ? definition : null;
        var kinds = program?.GroupKinds.Select(k => k.Kind).ToArray() ?? [];
        var groups = kinds.Length == 0
            ? []
            : await db.Groups.AsNoTracking()
                .Where(g => g.ProgramKey == h.ProgramKey && kinds.Contains(g.Kind) && g.Id != h.GroupId && g.Id != h.ClassroomGroupId)
                .OrderByDescending(g => g.StartDate).ThenBy(g => g.Name)
                .Select(g => new { g.Id, g.Name, g.Kind, g.StartDate, g.EndDate })
                .ToListAsync(ct);
        return new EnrollmentPageView
        {
            Id = h.Id,
            PersonId = h.PersonId,
            PersonName = h.DisplayName,
            PersonEmail = h.Email,
            ProgramKey = h.ProgramKey,
            ProgramTitle = h.Title,
            RuleSetId = h.RuleSetId,
            RuleSetChangeReason = h.RuleSetChangeReason,
            GroupId = h.GroupId,
            GroupName = h.GroupName,
            ClassroomGroupId = h.ClassroomGroupId,
            ClassroomName = h.ClassroomName,
            Status = h.Status,
            CreatedOn = h.CreatedOn,
            JoinedOn = h.JoinedOn,
            PastMeetingsNotApplicable = h.PastMeetingsNotApplicable,
            WithdrawnOn = h.WithdrawnOn,
            WithdrawalReason = h.WithdrawalReason,
            CompletedOn = h.CompletedOn,
            Version = h.Version,
            Conflict = conflict,
            Standing = new Home.ProgramProgressView(h.Id, h.Title, h.RuleSetId, h.GroupName, h.CreatedOn, h.Status.ToString(), verdict)
            {
                AboutPerson = h.DisplayName,
                ApprovedOn = h.CompletedOn,
            },
            MoveOptions = [.. groups.Select(g => new MoveOption(g.Id, g.Name, ProgramCatalog.Default.Kind(g.Kind).Name, g.StartDate, g.EndDate))],
            RuleSets = [.. RuleSetCatalog.Default.Versions(h.ProgramKey).Select(r => new RuleSetOption(r.Id, r.Title, r.EffectiveFrom))],
            // A page answering a conflict carries the current version, so the change can be made again on purpose.
            Move = move is null
                ? new MoveForm { Version = h.Version }
                : new MoveForm { GroupId = move.GroupId, PastMeetings = move.PastMeetings, Version = conflict ? h.Version : move.Version },
            RuleSet = ruleSet is null
                ? new RuleSetForm { Version = h.Version }
                : new RuleSetForm { RuleSetId = ruleSet.RuleSetId, Reason = ruleSet.Reason, Version = conflict ? h.Version : ruleSet.Version },
        };
    }
}
