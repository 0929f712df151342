using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.References;

/// <summary>
/// The rater's form, reached from the e-mailed single-use link without an account: whose reference it is (the applicant's
/// name and level) and the rating. A link that is unknown, used, expired or replaced answers the same plain page (404),
/// so the page tells nobody whether a token ever existed. Rate-limited per client address like /verify.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RatingController(AppDbContext db, PortalClock clock, TrainingPortal.Web.Notifications.Notifier notifier) : Controller
{
    public const string RateLimitPolicy = "references";

    [HttpGet("references/{token}")]
    public async Task<IActionResult> Show(string token, CancellationToken cancellationToken)
    {
        NoReferrer();
        if (await FindAsync(token, cancellationToken) is not { } found)
        {
            return Invalid();
        }
        if (found.Reference.OpenedUtc is null)
        {
            found.Reference.OpenedUtc = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        return View(ViewPath("Show"), PageOf(token, found, new RatingForm()));
    }

    [HttpPost("references/{token}")]
    public async Task<IActionResult> Submit(string token, RatingForm form, CancellationToken cancellationToken)
    {
        NoReferrer();
        if (await FindAsync(token, cancellationToken) is not { } found)
        {
            return Invalid();
        }
        var recommendation = Enum.TryParse<ReferenceRecommendation>(form.Recommendation, out var r) && Enum.IsDefined(r) && !int.TryParse(form.Recommendation, out _)
            ? r : (ReferenceRecommendation?)null;
        if (recommendation is null)
        {
            ModelState.AddModelError(nameof(RatingForm.Recommendation), "Choose whether you recommend the applicant.");
        }
        var level = Enum.TryParse<EndorsementLevel>(form.RaterLevel, out var l) && Enum.IsDefined(l) && !int.TryParse(form.RaterLevel, out _)
            ? l : (EndorsementLevel?)null;
        if (level is null)
        {
            ModelState.AddModelError(nameof(RatingForm.RaterLevel), "Choose your own endorsement, or \"I am not endorsed\".");
        }
        var comments = form.Comments.Trim();
        if (!ModelState.IsValid)
        {
            return View(ViewPath("Show"), PageOf(token, found, form));
        }

        var reference = found.Reference;
        reference.Recommendation = recommendation;
        reference.RaterLevel = level!.Value;
        reference.Comments = string.IsNullOrEmpty(comments) ? null : comments;
        reference.ReceivedOn = clock.Today;
        reference.ReceivedUtc = clock.UtcNow;
        reference.TokenHash = null; // the link is used up
        var applicant = await db.Enrollments.Where(e => e.Id == reference.EnrollmentId).Select(e => e.PersonId).SingleAsync(cancellationToken);
        // The applicant learns that it came, never what it says.
        notifier.Add(applicant, NotificationKind.ReferenceReceived, $"reference-received:{reference.Id}:{reference.ReceivedUtc:yyyyMMddHHmmss}",
            "A reference for your application was received",
            $"{reference.RaterName} sent their reference for your endorsement application on {reference.ReceivedOn:d MMMM yyyy}. "
                + "What a rater writes goes to the reviewers only.",
            $"/endorsement/{reference.EnrollmentId}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) // a concurrency conflict, or the applicant's notification already written by the other tab
        {
            return Invalid(); // answered in another tab a moment ago
        }
        db.AuditEntries.Add(ReferenceAudit.Entry(clock.UtcNow, null, "ReferenceReceived", reference, found.ApplicantId));
        await db.SaveChangesAsync(cancellationToken);
        return View(ViewPath("Thanks"), found.ApplicantName);
    }

    private sealed record Found(ReferenceRecord Reference, string ApplicantId, string ApplicantName, string ProgramKey, string RuleSetId);

    /// <summary>The pending reference whose current, unexpired link is <paramref name="token"/>, of an active enrollment.</summary>
    private async Task<Found?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (ReferenceLinks.HashOf(token) is not { } hash)
        {
            return null;
        }
        var now = clock.UtcNow;
        var found = await db.References
            .Where(r => r.TokenHash == hash && r.ReceivedOn == null && r.LinkExpiresUtc > now)
            .Join(db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active), r => r.EnrollmentId, e => e.Id, (r, e) => new { r, e.PersonId, e.ProgramKey, e.RuleSetId })
            .Join(db.Users, x => x.PersonId, u => u.Id, (x, u) => new { x.r, x.PersonId, x.ProgramKey, x.RuleSetId, u.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new Found(found.r, found.PersonId, found.DisplayName, found.ProgramKey, found.RuleSetId);
    }

    private static RatingPage PageOf(string token, Found found, RatingForm form)
    {
        var title = ProgramCatalog.Default.TryGet(found.ProgramKey, out var program) ? program.Title
            : RuleSetCatalog.Default.Find(found.RuleSetId)?.Title ?? "an endorsement";
        return new RatingPage(token, found.ApplicantName, title, ReferenceWords.Relationship(found.Reference.Source).ToLowerInvariant(), form);
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(ViewPath("Invalid"));
    }

    /// <summary>The views live with the applicant's side, in this folder (not in a folder named after this controller).</summary>
    private static string ViewPath(string name) => $"~/Features/References/{name}.cshtml";

    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";
}
