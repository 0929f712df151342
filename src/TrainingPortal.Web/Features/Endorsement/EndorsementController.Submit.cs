using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Applications;

namespace TrainingPortal.Web.Features.Endorsement;

/// <summary>
/// The applicant's side of submitting (issue 12): signing the Code of Ethics &amp; Endorsement Agreement, choosing an RSC
/// provider known to the portal, submitting for review with a frozen snapshot, the closed forms while a reviewer has
/// the application, and the reviewer's note and comments once it is returned.
/// </summary>
public sealed partial class EndorsementController
{
    /// <summary>What a change to an application under review is answered with.</summary>
    public const string UnderReview =
        "Your application is under review, so it cannot be changed now. If the reviewer returns it to you, you can change it and submit it again.";

    private T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>
    /// While the application is submitted, every change on this page (add, remove, sign, submit again) is refused with
    /// <see cref="UnderReview"/> and the page (409), before the action runs. Someone else's enrollment is left to the
    /// action, which answers 404.
    /// </summary>
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var ct = context.HttpContext.RequestAborted;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method)
            && context.ActionArguments.TryGetValue("enrollmentId", out var raw) && raw is int enrollmentId
            && await db.EndorsementApplications.AsNoTracking().AnyAsync(a => a.EnrollmentId == enrollmentId && a.Status == ApplicationStatus.Submitted, ct)
            && await IsMineAsync(enrollmentId, ct))
        {
            context.Result = await RefusedAsync(enrollmentId, UnderReview, ct);
            return;
        }
        await next();
    }

    /// <summary>The page with <paramref name="message"/> at the top, answered 409 Conflict (nothing was changed).</summary>
    private async Task<IActionResult> RefusedAsync(int enrollmentId, string message, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddModelError("", message);
        var page = await PageAsync(enrollmentId, ct);
        if (page is null)
        {
            return NotFound();
        }
        ViewData["ErrorHeading"] = "Nothing was changed";
        var view = View(nameof(Index), page);
        view.StatusCode = StatusCodes.Status409Conflict;
        return view;
    }

    [HttpPost("ethics")]
    public async Task<IActionResult> SignEthics(int enrollmentId, [Bind(Prefix = "Ethics")] EthicsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = await users.GetUserAsync(User);
        if (me is null)
        {
            return NotFound();
        }
        var signed = await db.SignedAttestations.AsNoTracking()
            .Where(s => s.PersonId == me.Id && s.Kind == AttestationKind.EthicsAgreement)
            .OrderByDescending(s => s.SignedUtc)
            .Select(s => (DateOnly?)s.SignedOn)
            .FirstOrDefaultAsync(cancellationToken);
        if (signed is { } on)
        {
            TempData["Notice"] = $"You signed the {EthicsAgreement.Title} on {DateDisplay.Date(on)} already; there is nothing more to sign.";
            return Redirect($"/endorsement/{enrollmentId}#req-{EthicsAgreement.RequirementKey}");
        }
        if (ModelState.IsValid && !EthicsAgreement.NameMatches(form.FullName, me.DisplayName))
        {
            ModelState.AddModelError("Ethics.FullName",
                $"Type your full name as it is on your account: {me.DisplayName}. Capitals and extra spaces do not matter.");
        }
        if (!ModelState.IsValid)
        {
            ViewData["ErrorHeading"] = "The agreement was not signed";
            var page = await PageAsync(enrollmentId, cancellationToken);
            return page is null ? NotFound() : View(nameof(Index), page with { Ethics = form });
        }
        var clock = Service<PortalClock>();
        db.SignedAttestations.Add(new SignedAttestation
        {
            PersonId = me.Id,
            Kind = AttestationKind.EthicsAgreement,
            SignedName = EthicsAgreement.Tidy(form.FullName),
            SignedOn = clock.Today,
            SignedUtc = clock.UtcNow,
            TextVersion = EthicsAgreement.Version,
        });
        // A second click that raced the first one finds the unique index: it was signed, once.
        TempData["Notice"] = await db.TrySaveUniqueAsync(cancellationToken)
            ? $"You signed the {EthicsAgreement.Title}."
            : $"You signed the {EthicsAgreement.Title} already; there is nothing more to sign.";
        return Redirect($"/endorsement/{enrollmentId}#req-{EthicsAgreement.RequirementKey}");
    }

    [HttpPost("submit")]
    public async Task<IActionResult> Submit(int enrollmentId, [Bind(Prefix = "Submit")] SubmitForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        if (!form.Confirm)
        {
            ModelState.AddModelError("Submit.Confirm", "Tick the box to confirm that the information is true, then submit.");
        }
        if (!ModelState.IsValid)
        {
            ViewData["ErrorHeading"] = "The application was not submitted";
            var page = await PageAsync(enrollmentId, cancellationToken);
            return page is null ? NotFound() : View(nameof(Index), page with { Submit = form });
        }

        var snapshot = await Service<ApplicationSnapshots>().BuildAsync(enrollmentId, cancellationToken);
        if (snapshot is null)
        {
            return NotFound();
        }
        var application = await db.EndorsementApplications.SingleOrDefaultAsync(a => a.EnrollmentId == enrollmentId, cancellationToken);
        if (application?.Status == ApplicationStatus.Submitted)
        {
            // Submitted by another request since this one was let through (two clicks, two tabs).
            return await RefusedAsync(enrollmentId, UnderReview, cancellationToken);
        }
        if (application is null)
        {
            application = new EndorsementApplication { EnrollmentId = enrollmentId, Round = 0 };
            db.EndorsementApplications.Add(application);
        }
        // Round is the concurrency token: of two submits at once, the second finds it changed (or the row inserted) and fails.
        application.Round++;
        application.Status = ApplicationStatus.Submitted;
        application.SubmittedUtc = snapshot.SubmittedUtc;
        application.Snapshot = (snapshot with { Round = application.Round }).ToJson();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync(enrollmentId,
                "Your application was submitted from another window at the same moment; that submission is the one under review.", cancellationToken);
        }
        TempData["Notice"] = "Your application was submitted for review. You will see here when the reviewer has looked at it.";
        return Redirect($"/endorsement/{enrollmentId}#submit");
    }

    /// <summary>The application's review state for the page: status, the reviewer's note and this round's comments, the signature.</summary>
    private async Task<Submission> SubmissionAsync(int enrollmentId, string personId, CancellationToken ct)
    {
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == personId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct) ?? "";
        var ethics = await db.SignedAttestations.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Kind == AttestationKind.EthicsAgreement)
            .OrderByDescending(s => s.SignedUtc).ThenByDescending(s => s.Id)
            .Select(s => new SnapshotSignature(s.SignedName, s.SignedOn, s.SignedUtc, s.TextVersion))
            .FirstOrDefaultAsync(ct);
        var application = await db.EndorsementApplications.AsNoTracking()
            .Where(a => a.EnrollmentId == enrollmentId)
            .Select(a => new { a.Status, a.Round, a.SubmittedUtc, a.ReturnedUtc, a.ReturnNote })
            .SingleOrDefaultAsync(ct);
        if (application is null)
        {
            return Submission.Draft(ethics, zone);
        }
        var comments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (application.Status == ApplicationStatus.Returned)
        {
            // The comments of the round just reviewed: those written since it was submitted.
            var since = application.SubmittedUtc ?? DateTime.MinValue;
            var rows = await db.ApplicationComments.AsNoTracking()
                .Where(c => c.EnrollmentId == enrollmentId && c.CreatedUtc >= since)
                .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
                .Select(c => new { c.Section, c.Text })
                .ToListAsync(ct);
            foreach (var g in rows.GroupBy(c => c.Section, StringComparer.Ordinal))
            {
                comments[g.Key] = [.. g.Select(c => c.Text)];
            }
        }
        return new Submission(application.Status, application.Round, application.SubmittedUtc, application.ReturnedUtc, application.ReturnNote,
            comments, ethics, zone);
    }

    /// <summary>
    /// The provider chosen on the RSC form: a known provider (returned), or someone typed (null). Choosing oneself, or
    /// someone who is not (or no longer) a known provider, is answered next to the field.
    /// </summary>
    private async Task<KnownRscProvider?> ChosenProviderAsync(RscEntryForm form, IEnumerable<Requirement> requirements, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(form.ProviderId) || form.ProviderId == RscEntryForm.SomeoneElse)
        {
            return null;
        }
        if (form.ProviderId == Me)
        {
            ModelState.AddModelError("Rsc.ProviderId",
                "Reflective supervision/consultation is received from someone else: choose the person who provided it, not yourself.");
            return null;
        }
        var known = await Service<KnownRscProviders>().FindAsync(form.ProviderId, KnownRscProviders.AcceptedLevels(requirements), Me, ct);
        if (known is null)
        {
            ModelState.AddModelError("Rsc.ProviderId", "Choose the provider from the list, or \"Someone else\" and type their name.");
        }
        return known;
    }

    /// <summary>The RSC providers offered on this application's form (the applicant left out).</summary>
    private Task<IReadOnlyList<KnownRscProvider>> KnownProvidersAsync(IEnumerable<Requirement> requirements, CancellationToken ct) =>
        Service<KnownRscProviders>().ListAsync(KnownRscProviders.AcceptedLevels(requirements), Me, ct);
    /// <summary>The requirements of this enrollment's rules (its category's), or none.</summary>
    private async Task<IReadOnlyList<Requirement>> RequirementsAsync(int enrollmentId, CancellationToken ct)
    {
        var row = await db.Enrollments.AsNoTracking().Where(e => e.Id == enrollmentId)
            .Select(e => new { e.RuleSetId, e.Category }).SingleOrDefaultAsync(ct);
        return row is not null && RuleSetCatalog.Default.Find(row.RuleSetId) is { } ruleSet ? [.. ruleSet.RequirementsFor(row.Category)] : [];
    }

    /// <summary>
    /// A session counted because the applicant chose a provider known to the portal (no reviewer decided it) may be
    /// removed until the application is first submitted; after that only a reviewer changes it.
    /// </summary>
    private async Task<bool> KnownProviderRemovableAsync(int enrollmentId, RscLogEntry entry, CancellationToken ct) =>
        entry.ProviderId is not null && entry.NotAcceptedReason is null
        && !await db.EndorsementApplications.AnyAsync(a => a.EnrollmentId == enrollmentId && a.Round > 0, ct);
}
