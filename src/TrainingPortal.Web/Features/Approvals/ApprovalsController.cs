using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Features.Approvals;

/// <summary>
/// The eligibility queue (every active, unapproved enrollment the rules engine finds eligible, from the
/// stored standings) and the review page of one enrollment: today's verdict (stored when current, else live), approve on an award date,
/// waive one requirement with a written reason (or withdraw a waiver). Administrators only; audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/approvals")]
public sealed class ApprovalsController(AppDbContext db, UserManager<AppUser> users, EligibilityService eligibility, StandingRefresher refresher,
    ApprovalService approvals, ApprovalQueueReader queue, IOptions<StandingOptions> standingOptions,
    IOptions<PortalOptions> portalOptions) : Controller
{
    public const string ConflictMessage = "Someone changed this enrollment while you were looking at it. Check it below and approve again if it is still right.";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? program = null, int? group = null, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var today = eligibility.Today();

        // Never an outdated queue after an edit: refresh the due standings now when there are few.
        var limit = standingOptions.Value.PageRefreshLimit;
        var due = await refresher.Due(today).Take(limit + 1).ToListAsync(cancellationToken);
        var stillDue = 0;
        if (due.Count > limit)
        {
            stillDue = await refresher.Due(today).CountAsync(cancellationToken);
        }
        else if (due.Count > 0)
        {
            await refresher.RefreshAsync(due, cancellationToken);
        }

        var page = await queue.LoadAsync(program, group, pageNumber, today, cancellationToken);
        page.StillDue = stillDue;
        page.TimeZoneId = portalOptions.Value.DefaultTimeZone;
        return View(page);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Review(int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, null, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/approve")]
    public async Task<IActionResult> Approve(int id, [Bind(Prefix = "Approve")] ApproveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return await ReviewViewAsync(id, form, null, cancellationToken);
        }

        var result = await approvals.ApproveAsync(id, ApproveForm.ParseDate(form.AwardedOn)!.Value, form.Version, cancellationToken);
        Verdict? known = null;
        switch (result)
        {
            case ApprovalResult.Approved approved:
                // Saved with its certificate (ApprovalService); if issuing was refused (e.g. not configured), the
                // approval stands and the notice says why.
                TempData["Notice"] = string.Create(CultureInfo.InvariantCulture,
                    $"Approved on {DateDisplay.Date(approved.AwardedOn)}. {approved.Certificate.Message}")
                    + (approved.NextRenewalOpens is { } opens
                        ? string.Create(CultureInfo.InvariantCulture, $" The yearly renewal for {opens.Year} is set up; it opens on {DateDisplay.Date(opens)}.")
                        : "");
                return Redirect(ReviewUrl(id));
            case ApprovalResult.NotFound:
                return NotFound();
            case ApprovalResult.AlreadyApproved already:
                TempData["Notice"] = already.CompletedOn is { } on
                    ? $"This enrollment was already approved on {DateDisplay.Date(on)}: nothing was changed."
                    : "This enrollment was already approved: nothing was changed.";
                return Redirect(ReviewUrl(id));
            case ApprovalResult.NotActive notActive:
                ModelState.AddModelError("", $"This enrollment is {notActive.Status.ToString().ToLowerInvariant()}: there is nothing to approve.");
                break;
            case ApprovalResult.NotEligible notEligible:
                ModelState.AddModelError("", "Not every requirement is met today (see the verdict below): approve once they are, or waive a requirement with a reason.");
                known = notEligible.Verdict;
                break;
            case ApprovalResult.AwardDateInFuture future:
                ModelState.AddModelError("Approve.AwardedOn", $"The award date cannot be in the future: today is {DateDisplay.Date(future.Today)} ({future.Today:yyyy-MM-dd}).");
                break;
            case ApprovalResult.AwardDateBeforeEnrollment before:
                ModelState.AddModelError("Approve.AwardedOn",
                    $"The award date cannot be before the enrollment began on {DateDisplay.Date(before.EnrolledOn)} ({before.EnrolledOn:yyyy-MM-dd}).");
                break;
            case ApprovalResult.Conflict:
                ModelState.AddModelError("", ConflictMessage);
                ModelState.Remove("Approve.Version"); // the page carries the fresh version, not the one posted
                form = new ApproveForm { AwardedOn = form.AwardedOn };
                break;
        }
        return await ReviewViewAsync(id, form, null, cancellationToken, known);
    }

    [HttpPost("{id:int}/waive")]
    public async Task<IActionResult> Waive(int id, [Bind(Prefix = "Waive")] WaiveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Read before the live verdict: its Version guards the save below, so of simultaneous waivers of
        // one requirement exactly one is saved and the others are told it is already waived.
        var enrollment = await db.Enrollments.Where(e => e.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (enrollment is null)
        {
            return NotFound();
        }
        RequirementResult? requirement = null;
        Verdict? known = null;
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            ModelState.AddModelError("", $"This enrollment is {enrollment.Status.ToString().ToLowerInvariant()}: its requirements can no longer be waived.");
        }
        else if (ModelState.IsValid)
        {
            var live = (await eligibility.ForEnrollmentsAsync([id], cancellationToken)).Single();
            known = live.Verdict;
            requirement = live.Verdict[form.RequirementKey];
            var error = requirement switch
            {
                null => "This program has no such requirement: choose one of the requirements listed below.",
                { Status: RequirementStatus.Waived } => $"“{requirement.Title}” is already waived.",
                { Status: RequirementStatus.NotApplicable } => $"“{requirement.Title}” does not apply to this person: there is nothing to waive.",
                { IsSatisfied: true } => $"“{requirement.Title}” is already met: there is nothing to waive.",
                { Blocking: false } => $"“{requirement.Title}” is only recommended and never blocks eligibility: there is nothing to waive.",
                _ => null,
            };
            if (error is not null)
            {
                ModelState.AddModelError("", error);
            }
        }
        if (!ModelState.IsValid || requirement is null)
        {
            return await ReviewViewAsync(id, null, form, cancellationToken, known);
        }

        db.Waivers.Add(new WaiverRecord
        {
            EnrollmentId = id,
            RequirementKey = requirement.Key,
            Reason = form.Reason.Trim(),
            GrantedOn = eligibility.Today(),
            GrantedById = users.GetUserId(User)!,
        });
        enrollment.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the enrollment since it was read (typically: waived this requirement a moment ago).
            db.ChangeTracker.Clear();
            var current = (await eligibility.ForEnrollmentsAsync([id], cancellationToken)).Single().Verdict;
            ModelState.AddModelError("", current[form.RequirementKey] is { Status: RequirementStatus.Waived }
                ? $"“{requirement.Title}” is already waived: someone waived it a moment ago."
                : ConflictMessage);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ReviewViewAsync(id, null, form, cancellationToken, current);
        }
        TempData["Notice"] = $"“{requirement.Title}” is waived. The verdict below shows it with your reason.";
        return Redirect(ReviewUrl(id));
    }

    [HttpPost("{id:int}/waivers/{waiverId:int}/withdraw")]
    public async Task<IActionResult> WithdrawWaiver(int id, int waiverId, CancellationToken cancellationToken)
    {
        var waiver = await db.Waivers.SingleOrDefaultAsync(w => w.Id == waiverId && w.EnrollmentId == id, cancellationToken);
        if (waiver is null)
        {
            return NotFound();
        }
        var status = await db.Enrollments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync(cancellationToken);
        if (status != EnrollmentStatus.Active)
        {
            ModelState.AddModelError("", $"This enrollment is {status.ToString().ToLowerInvariant()}: its waivers stay as they were when it closed.");
            return await ReviewViewAsync(id, null, null, cancellationToken);
        }
        db.Waivers.Remove(waiver);
        await db.SaveRemovalAsync(cancellationToken); // withdrawn by someone else a moment ago: the outcome asked for
        TempData["Notice"] = "The waiver has been withdrawn: the requirement counts again.";
        return Redirect(ReviewUrl(id));
    }

    private static string ReviewUrl(int id) => string.Create(CultureInfo.InvariantCulture, $"/admin/approvals/{id}");

    private async Task<IActionResult> ReviewViewAsync(int id, ApproveForm? approve, WaiveForm? waive, CancellationToken ct, Verdict? known = null)
    {
        var page = await PageAsync(id, approve, waive, ct, known);
        return page is null ? NotFound() : View(nameof(Review), page);
    }

    /// <summary>
    /// The review page's data. The verdict is evaluated at most once per request: <paramref name="known"/> when the
    /// request has evaluated it already (approve, waive), else the stored one when current, else live.
    /// </summary>
    private async Task<ReviewPage?> PageAsync(int id, ApproveForm? approve, WaiveForm? waive, CancellationToken ct, Verdict? known = null)
    {
        var header = await (
                from e in db.Enrollments.AsNoTracking()
                where e.Id == id
                join u in db.Users on e.PersonId equals u.Id
                join p in db.Programs on e.ProgramKey equals p.Key
                join s in db.Standings.AsNoTracking() on e.Id equals s.EnrollmentId into stored
                from s in stored.DefaultIfEmpty()
                select new
                {
                    e.Id, e.PersonId, u.DisplayName, u.Email, e.ProgramKey, p.Title, GroupName = e.Group != null ? e.Group.Name : null,
                    e.Status, e.CreatedOn, e.CompletedOn, e.WithdrawnOn, e.ApprovedUtc, e.Version, e.RuleSetId,
                    ApprovedBy = db.Users.Where(a => a.Id == e.ApprovedById).Select(a => a.DisplayName).FirstOrDefault(),
                    Standing = new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.VerdictKey),
                })
            .SingleOrDefaultAsync(ct);
        if (header is null)
        {
            return null;
        }
        var verdict = known;
        if (verdict is null)
        {
            if (!(await eligibility.CurrentAsync([header.Standing], ct)).TryGetValue(id, out verdict))
            {
                return null; // removed since the first query
            }
        }
        var ruleSet = RuleSetCatalog.Default.Find(header.RuleSetId)
            ?? throw new InvalidOperationException($"Enrollment {id} refers to unknown rule set {header.RuleSetId}.");
        var titles = ruleSet.RequirementsFor(verdict.Category).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Title);
        var waivers = await db.Waivers.AsNoTracking()
            .Where(w => w.EnrollmentId == id)
            .OrderBy(w => w.GrantedOn).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.RequirementKey, w.Reason, w.GrantedOn, By = db.Users.Where(u => u.Id == w.GrantedById).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        var offerMakeTrainer = ProgramCatalog.Default.Get(header.ProgramKey).QualifiesTrainer && header.Status == EnrollmentStatus.Completed
            && !await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                       where ur.UserId == header.PersonId && r.Name == Roles.Trainer select ur).AnyAsync(ct);

        var certificate = header.Status == EnrollmentStatus.Completed
            ? await db.Certificates.AsNoTracking().Where(c => c.EnrollmentId == id && c.Code != null)
                .Select(c => new CertificateLink(c.Id, c.Code!, c.CurrentVersion)).FirstOrDefaultAsync(ct)
            : null;

        return new ReviewPage
        {
            EnrollmentId = header.Id,
            Certificate = certificate,
            PersonId = header.PersonId,
            PersonName = header.DisplayName,
            PersonEmail = header.Email,
            ProgramKey = header.ProgramKey,
            ProgramTitle = header.Title,
            GroupName = header.GroupName,
            Status = header.Status,
            CreatedOn = header.CreatedOn,
            CompletedOn = header.CompletedOn,
            WithdrawnOn = header.WithdrawnOn,
            ApprovedBy = header.ApprovedBy,
            ApprovedUtc = header.ApprovedUtc,
            Version = header.Version,
            Today = verdict.AsOf,
            TimeZoneId = portalOptions.Value.DefaultTimeZone,
            Standing = new Home.ProgramProgressView(header.Id, header.Title, ruleSet.Id, header.GroupName, header.CreatedOn,
                header.Status.ToString(), verdict) { AboutPerson = header.DisplayName, ApprovedOn = header.CompletedOn },
            Waivers = [.. waivers.Select(w => new WaiverRow(w.Id, w.RequirementKey, titles.GetValueOrDefault(w.RequirementKey, w.RequirementKey), w.Reason, w.GrantedOn, w.By))],
            Waivable = header.Status == EnrollmentStatus.Active
                ? [.. verdict.Requirements.Where(r => r.Blocking && !r.IsSatisfied)]
                : [],
            OfferMakeTrainer = offerMakeTrainer,
            Approve = approve is null
                ? new ApproveForm { AwardedOn = verdict.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Version = header.Version }
                : new ApproveForm { AwardedOn = approve.AwardedOn, Version = approve.Version == Guid.Empty ? header.Version : approve.Version },
            Waive = waive ?? new WaiveForm(),
        };
    }
}
