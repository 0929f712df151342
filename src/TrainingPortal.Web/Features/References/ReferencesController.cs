using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Web.Features.References;

/// <summary>
/// The applicant's references for their own active endorsement enrollment: name up to as many raters as the level (or
/// category) asks for, see each one's status (sent, opened, received, expired) but never the rating, resend a link or
/// replace a rater. Another person's enrollment, or one that asks for no references, answers 404.
/// </summary>
[Route("endorsement/{enrollmentId:int}/references")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReferencesController(AppDbContext db, ReferenceLinks links, PortalClock clock, IOptions<ReferenceOptions> options) : Controller
{
    private sealed record Application(Enrollment Enrollment, string ApplicantName, string ApplicantEmail, string LevelTitle, ReferencesRequirement Requirement);

    [HttpGet("")]
    public async Task<IActionResult> Index(int enrollmentId, CancellationToken cancellationToken)
    {
        if (await ApplicationAsync(enrollmentId, cancellationToken) is not { } application)
        {
            return NotFound();
        }
        return View(await PageAsync(application, new RaterForm(), cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int enrollmentId, RaterForm form, CancellationToken cancellationToken)
    {
        if (await ApplicationAsync(enrollmentId, cancellationToken) is not { } application)
        {
            return NotFound();
        }
        var existing = await db.References.AsNoTracking().Where(r => r.EnrollmentId == enrollmentId)
            .Select(r => new { r.Id, r.RaterEmail }).ToListAsync(cancellationToken);
        if (existing.Count >= application.Requirement.Slots.Count)
        {
            ModelState.AddModelError(nameof(RaterForm.RaterName), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"You have named {existing.Count} raters already, all this application needs. To ask someone else, replace one of them."));
        }
        var source = Validate(form, application, existing.Select(r => r.RaterEmail));
        if (!ModelState.IsValid)
        {
            return View("Index", await PageAsync(application, form, cancellationToken));
        }

        var reference = new ReferenceRecord
        {
            EnrollmentId = enrollmentId,
            RaterName = form.RaterName.Trim(),
            RaterEmail = form.RaterEmail.Trim(),
            Source = source!.Value,
            RaterLevel = EndorsementLevel.None,
            RequestedOn = clock.Today,
        };
        db.References.Add(reference);
        var sent = await links.IssueAsync(reference, application.ApplicantName, application.LevelTitle, () => SaveWithAuditAsync(reference, application, "ReferenceInvited", cancellationToken), cancellationToken);
        TempData["Notice"] = sent ? $"A link was e-mailed to {reference.RaterName}." : ReferenceLinks.NotSent(reference.RaterName);
        return Redirect($"/endorsement/{enrollmentId}/references");
    }

    [HttpPost("{referenceId:int}/resend")]
    public async Task<IActionResult> Resend(int enrollmentId, int referenceId, CancellationToken cancellationToken)
    {
        if (await ApplicationAsync(enrollmentId, cancellationToken) is not { } application
            || await PendingAsync(enrollmentId, referenceId, cancellationToken) is not { RaterEmail: not null } reference)
        {
            return NotFound();
        }
        bool sent;
        try
        {
            sent = await links.IssueAsync(reference, application.ApplicantName, application.LevelTitle, () => SaveWithAuditAsync(reference, application, "ReferenceResent", cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AnsweredMeanwhile(enrollmentId);
        }
        TempData["Notice"] = sent ? $"A new link was e-mailed to {reference.RaterName}; the earlier link no longer works." : ReferenceLinks.NotSent(reference.RaterName);
        return Redirect($"/endorsement/{enrollmentId}/references");
    }

    [HttpGet("{referenceId:int}/replace")]
    public async Task<IActionResult> Replace(int enrollmentId, int referenceId, CancellationToken cancellationToken)
    {
        if (await ApplicationAsync(enrollmentId, cancellationToken) is not { } application
            || await PendingAsync(enrollmentId, referenceId, cancellationToken) is not { } reference)
        {
            return NotFound();
        }
        return View(ReplacePageOf(application, reference, new RaterForm { Relationship = reference.Source.ToString() }));
    }

    [HttpPost("{referenceId:int}/replace")]
    public async Task<IActionResult> Replace(int enrollmentId, int referenceId, RaterForm form, CancellationToken cancellationToken)
    {
        if (await ApplicationAsync(enrollmentId, cancellationToken) is not { } application
            || await PendingAsync(enrollmentId, referenceId, cancellationToken) is not { } reference)
        {
            return NotFound();
        }
        var others = await db.References.AsNoTracking().Where(r => r.EnrollmentId == enrollmentId && r.Id != referenceId)
            .Select(r => r.RaterEmail).ToListAsync(cancellationToken);
        var source = Validate(form, application, others);
        if (!ModelState.IsValid)
        {
            return View(ReplacePageOf(application, reference, form));
        }
        reference.RaterName = form.RaterName.Trim();
        reference.RaterEmail = form.RaterEmail.Trim();
        reference.Source = source!.Value;
        reference.RequestedOn = clock.Today;
        bool sent;
        try
        {
            sent = await links.IssueAsync(reference, application.ApplicantName, application.LevelTitle, () => SaveWithAuditAsync(reference, application, "ReferenceReplaced", cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AnsweredMeanwhile(enrollmentId);
        }
        TempData["Notice"] = sent ? $"A link was e-mailed to {reference.RaterName}; the earlier rater's link no longer works." : ReferenceLinks.NotSent(reference.RaterName);
        return Redirect($"/endorsement/{enrollmentId}/references");
    }

    /// <summary>The rater answered between the page and the click: nothing is sent, and the page shows the rating as received.</summary>
    private RedirectResult AnsweredMeanwhile(int enrollmentId)
    {
        TempData["Notice"] = "The rater answered a moment ago, so no new link was sent.";
        return Redirect($"/endorsement/{enrollmentId}/references");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The signed-in person's own active enrollment whose requirements ask for references; null otherwise.</summary>
    private async Task<Application?> ApplicationAsync(int enrollmentId, CancellationToken cancellationToken)
    {
        var userId = UserId;
        var found = await db.Enrollments
            .Where(e => e.Id == enrollmentId && e.PersonId == userId && e.Status == EnrollmentStatus.Active)
            .Join(db.Users, e => e.PersonId, u => u.Id, (e, u) => new { Enrollment = e, u.DisplayName, u.Email })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || RuleSetCatalog.Default.Find(found.Enrollment.RuleSetId) is not { } ruleSet
            || ruleSet.RequirementsFor(found.Enrollment.Category).OfType<ReferencesRequirement>().FirstOrDefault() is not { } requirement)
        {
            return null;
        }
        var title = ProgramCatalog.Default.TryGet(found.Enrollment.ProgramKey, out var program) ? program.Title : ruleSet.Title;
        return new Application(found.Enrollment, found.DisplayName, found.Email ?? "", title, requirement);
    }

    private Task<ReferenceRecord?> PendingAsync(int enrollmentId, int referenceId, CancellationToken cancellationToken) =>
        db.References.FirstOrDefaultAsync(r => r.Id == referenceId && r.EnrollmentId == enrollmentId && r.ReceivedOn == null, cancellationToken);

    /// <summary>
    /// The checks that need the application (the validator has checked the text): not the applicant's own address, not a
    /// rater named already, a relationship the application asks for. Returns that relationship.
    /// </summary>
    private ReferenceSource? Validate(RaterForm form, Application application, IEnumerable<string?> otherEmails)
    {
        var email = form.RaterEmail.Trim();
        if (ModelState.GetFieldValidationState(nameof(RaterForm.RaterEmail)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            if (string.Equals(email, application.ApplicantEmail, StringComparison.OrdinalIgnoreCase))
            {
                ModelState.AddModelError(nameof(RaterForm.RaterEmail), "This is your own e-mail address. A reference must come from someone else: enter the rater's address.");
            }
            else if (otherEmails.Any(o => string.Equals(o?.Trim(), email, StringComparison.OrdinalIgnoreCase)))
            {
                ModelState.AddModelError(nameof(RaterForm.RaterEmail), "You have named this rater already. Each reference must come from a different person.");
            }
        }

        if (Enum.TryParse<ReferenceSource>(form.Relationship, ignoreCase: false, out var source) && Offered(application.Requirement).Contains(source)
            && !int.TryParse(form.Relationship, out _))
        {
            return source;
        }
        ModelState.AddModelError(nameof(RaterForm.Relationship), "Choose how the rater knows you, from the list.");
        return null;
    }

    /// <summary>The relationships the slots accept (every kind when a slot takes any rater).</summary>
    public static IReadOnlyList<ReferenceSource> Offered(ReferencesRequirement requirement) =>
        requirement.Slots.Any(s => s.Accepts.Count == 0)
            ? [.. Enum.GetValues<ReferenceSource>().Where(s => s != ReferenceSource.Other), ReferenceSource.Other]
            : [.. requirement.Slots.SelectMany(s => s.Accepts).Distinct()];

    private async Task SaveWithAuditAsync(ReferenceRecord reference, Application application, string action, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(ReferenceAudit.Entry(clock.UtcNow, UserId, action, reference, application.Enrollment.PersonId));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ReferencesPage> PageAsync(Application application, RaterForm form, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await db.References.AsNoTracking().Where(r => r.EnrollmentId == application.Enrollment.Id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.RaterName, r.RaterEmail, r.Source, r.SentUtc, r.LinkExpiresUtc, r.OpenedUtc, r.ReceivedOn })
            .ToListAsync(cancellationToken);
        return new ReferencesPage(application.Enrollment.Id, application.LevelTitle, application.Requirement.Slots,
            [.. rows.Select(r => Row(r.Id, r.RaterName, r.RaterEmail, r.Source, r.SentUtc, r.LinkExpiresUtc, r.OpenedUtc, r.ReceivedOn, now))],
            Offered(application.Requirement), form, options.Value.LinkValidDays);
    }

    private ReplacePage ReplacePageOf(Application application, ReferenceRecord r, RaterForm form) =>
        new(application.Enrollment.Id, application.LevelTitle,
            Row(r.Id, r.RaterName, r.RaterEmail, r.Source, r.SentUtc, r.LinkExpiresUtc, r.OpenedUtc, r.ReceivedOn, clock.UtcNow),
            Offered(application.Requirement), form);

    private ReferenceRow Row(int id, string name, string? email, ReferenceSource source, DateTime? sent, DateTime? expires, DateTime? opened, DateOnly? received, DateTime now)
    {
        var status = received is not null ? ReferenceStatus.Received
            : expires is { } e && e <= now ? ReferenceStatus.Expired
            : opened is not null ? ReferenceStatus.Opened
            : ReferenceStatus.Sent;
        return new ReferenceRow(id, name, email ?? "", ReferenceWords.Relationship(source), status,
            sent is { } s ? PortalClock.LocalDate(s, clock.Zone) : null,
            expires is { } x ? PortalClock.LocalDate(x, clock.Zone) : null, received);
    }
}

/// <summary>The audit rows of the references' steps: who, which reference, which step — never the link's token or the rating.</summary>
public static class ReferenceAudit
{
    public static AuditEntry Entry(DateTime atUtc, string? actorId, string action, ReferenceRecord reference, string applicantId) => new()
    {
        AtUtc = atUtc,
        ActorId = actorId,
        Action = action,
        EntityType = nameof(ReferenceRecord),
        EntityId = reference.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PersonId = applicantId,
        Changes = System.Text.Json.JsonSerializer.Serialize(new { reference.EnrollmentId }),
    };
}
