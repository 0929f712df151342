using System.Security.Claims;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Approvals;

/// <summary>The outcome of an approval.</summary>
public abstract record ApprovalResult
{
    /// <summary>Approved now: the enrollment is completed on <paramref name="AwardedOn"/>.</summary>
    /// <param name="Certificate">The certificate issued in the same transaction, or why it was not (e.g. not configured): the approval stands either way.</param>
    /// <param name="NextRenewalId">An endorsement or renewal: the renewal of the next endorsement year created with it (null: it existed already).</param>
    /// <param name="NextRenewalOpens">That renewal's first day (the first day of its endorsement year).</param>
    public sealed record Approved(int EnrollmentId, string PersonId, string ProgramKey, DateOnly AwardedOn, CertificateResult Certificate,
        int? NextRenewalId = null, DateOnly? NextRenewalOpens = null) : ApprovalResult;

    /// <summary>No such enrollment.</summary>
    public sealed record NotFound : ApprovalResult;

    /// <summary>Already approved (by someone else, or by a second click): nothing changed.</summary>
    public sealed record AlreadyApproved(DateOnly? CompletedOn) : ApprovalResult;

    /// <summary>The enrollment was withdrawn: there is nothing to approve.</summary>
    public sealed record NotActive(EnrollmentStatus Status) : ApprovalResult;

    /// <summary>The live verdict is not "eligible" (the stored one may have been).</summary>
    public sealed record NotEligible(Verdict Verdict) : ApprovalResult;

    /// <summary>The award date is after today (portal time zone).</summary>
    public sealed record AwardDateInFuture(DateOnly Today) : ApprovalResult;

    /// <summary>The award date is before the enrollment began.</summary>
    public sealed record AwardDateBeforeEnrollment(DateOnly EnrolledOn) : ApprovalResult;

    /// <summary>Someone changed the enrollment since the page was shown (its <c>Version</c> differs): nothing changed.</summary>
    public sealed record Conflict : ApprovalResult;
}

/// <summary>
/// Approves an enrollment's completion — rostering, course or Train-the-Trainer completion, endorsement,
/// renewal — on the <em>live</em> verdict, never on a stored one; and, as the reaction to an approval, issues the
/// enrollment's certificate in the same transaction from the same evaluation (the one place that does so).
/// </summary>
/// <remarks>
/// The enrollment's <c>Version</c> is an optimistic concurrency token: the update only succeeds when
/// the row still carries the version the administrator saw, so two approvals of the same enrollment
/// (two administrators, or a double click) give one approval and one <see cref="ApprovalResult.AlreadyApproved"/>
/// (or <see cref="ApprovalResult.Conflict"/>). The interceptor audits the change. A certificate the service refuses
/// (e.g. issuing not configured) leaves the approval standing: the result says why, and the certificate list offers
/// to issue it later; an error while issuing undoes the approval with it.
/// </remarks>
public sealed class ApprovalService(AppDbContext db, EligibilityService eligibility, CertificateService certificates, TimeProvider time,
    IHttpContextAccessor http, Renewals.RenewalService renewals)
{
    /// <summary>What the approve button says for a program (its definition's <see cref="ProgramDefinition.ApproveLabel"/>).</summary>
    /// <exception cref="KeyNotFoundException">No program has this key.</exception>
    public static string ApproveLabel(string programKey, ProgramCatalog? catalog = null) => (catalog ?? ProgramCatalog.Default).Get(programKey).ApproveLabel;

    /// <summary>
    /// Approves <paramref name="enrollmentId"/> with the award date <paramref name="awardedOn"/>, if its live
    /// verdict is eligible, the date lies between the enrollment's start and today, and the enrollment still
    /// carries <paramref name="expectedVersion"/>.
    /// </summary>
    public async Task<ApprovalResult> ApproveAsync(int enrollmentId, DateOnly awardedOn, Guid expectedVersion, CancellationToken ct = default)
    {
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == enrollmentId, ct);
        if (enrollment is null)
        {
            return new ApprovalResult.NotFound();
        }
        if (enrollment.Status == EnrollmentStatus.Completed)
        {
            return new ApprovalResult.AlreadyApproved(enrollment.CompletedOn);
        }
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            return new ApprovalResult.NotActive(enrollment.Status);
        }
        if (enrollment.Version != expectedVersion)
        {
            return new ApprovalResult.Conflict();
        }
        var today = eligibility.Today();
        if (awardedOn > today)
        {
            return new ApprovalResult.AwardDateInFuture(today);
        }
        if (awardedOn < enrollment.CreatedOn)
        {
            return new ApprovalResult.AwardDateBeforeEnrollment(enrollment.CreatedOn);
        }
        var live = (await eligibility.ForEnrollmentsAsync([enrollmentId], ct)).Single();
        if (live.Verdict.Status != OverallStatus.Eligible)
        {
            return new ApprovalResult.NotEligible(live.Verdict);
        }

        // A renewal made before the endorsement held was derived (HeldEndorsement None, e.g. typed-in enrollments of
        // earlier versions) renews the person's highest valid endorsement, as a renewal made now would.
        var derived = Renewals.RenewalService.IsRenewal(enrollment.ProgramKey) && enrollment.HeldEndorsement == EndorsementLevel.None
            ? await renewals.HeldAsync(enrollment.PersonId, ct)
            : null;
        var approvedById = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var approvedUtc = time.GetUtcNow().UtcDateTime;
        // One transaction: the approval and its certificate are saved together. The execution strategy (SQL Server
        // retries transient failures) runs it again from the enrollment as stored.
        var attempt = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync<ApprovalResult>(async cancellationToken =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
                enrollment = await db.Enrollments.SingleAsync(e => e.Id == enrollmentId, cancellationToken);
                if (enrollment.Status != EnrollmentStatus.Active || enrollment.Version != expectedVersion)
                {
                    return enrollment.Status == EnrollmentStatus.Completed
                        ? new ApprovalResult.AlreadyApproved(enrollment.CompletedOn)
                        : new ApprovalResult.Conflict();
                }
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Entry(enrollment).Property(e => e.Version).OriginalValue = expectedVersion;
            enrollment.Approve(awardedOn, approvedById, approvedUtc);
            if (derived is not null)
            {
                enrollment.HeldEndorsement = derived.Level;
                enrollment.ProvidesReflectiveSupervision = derived.ProvidesReflectiveSupervision;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var now = await db.Enrollments.AsNoTracking().Where(e => e.Id == enrollmentId)
                    .Select(e => new { e.Status, e.CompletedOn }).SingleOrDefaultAsync(cancellationToken);
                return now?.Status == EnrollmentStatus.Completed
                    ? new ApprovalResult.AlreadyApproved(now.CompletedOn)
                    : new ApprovalResult.Conflict();
            }
            // Approved, so the certificate follows (one per completed enrollment), from the evaluation the approval
            // was decided on: its evidence gives the certificate's hours, so the evidence is loaded once.
            var certificate = await certificates.IssueAsync(enrollment.Id, live, cancellationToken);
            // An endorsement or a renewal: each endorsement year gets its renewal, created with the approval of the
            // year before (once: the approval itself happens once, and the renewal service skips a year that has one).
            Enrollment? nextRenewal = null;
            var validity = ProgramCatalog.Default.Get(enrollment.ProgramKey).Validity;
            if (validity is ValidityPolicy.Endorsement or ValidityPolicy.Renewal)
            {
                var level = validity == ValidityPolicy.Renewal
                    ? enrollment.HeldEndorsement
                    : Renewals.RenewalService.LevelOf(enrollment.ProgramKey, enrollment.Category);
                nextRenewal = await renewals.CreateNextAsync(enrollment.PersonId, awardedOn, level, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return new ApprovalResult.Approved(enrollment.Id, enrollment.PersonId, enrollment.ProgramKey, awardedOn, certificate, nextRenewal?.Id, nextRenewal?.CreatedOn);
        }, ct);
    }
}
