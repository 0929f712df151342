using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Credentials;

namespace TrainingPortal.Web.Certificates;

/// <summary>What happened when a certificate was asked for.</summary>
public enum CertificateOutcome
{
    /// <summary>Done: issued, re-issued or revoked now.</summary>
    Done = 0,

    /// <summary>The enrollment already had its certificate; that one is returned (no second certificate is made).</summary>
    AlreadyIssued,

    NotFound,

    /// <summary>The enrollment is not approved as completed.</summary>
    NotCompleted,

    /// <summary>The certificate is revoked: it cannot be re-issued or revoked again.</summary>
    Revoked,

    /// <summary>Someone else changed the certificate at the same moment; nothing was saved.</summary>
    Conflict,

    /// <summary>The issuer or signatory is not configured.</summary>
    NotConfigured,
}

/// <summary>The result of an issue, re-issue or revocation, with a sentence for the person who asked.</summary>
public sealed record CertificateResult(CertificateOutcome Outcome, int? CertificateId, string? Code, string Message)
{
    public bool Succeeded => Outcome is CertificateOutcome.Done or CertificateOutcome.AlreadyIssued;
}

/// <summary>
/// Issues, re-issues and revokes certificates. A certificate is issued once per completed enrollment:
/// the unique index on <c>Certificates.EnrollmentId</c> decides between two administrators who click at
/// the same moment, and the loser gets the winner's certificate. Each version stores the PDF as issued and
/// its signed Open Badges credential; versions are never changed (a re-issue adds one and keeps the code).
/// Every change is audited by the <see cref="AuditInterceptor"/>; reasons are stored on the records.
/// </summary>
public sealed class CertificateService(
    AppDbContext db,
    EligibilityService eligibility,
    CertificatePdfRenderer renderer,
    OpenBadgeCredentials badges,
    IOptions<CertificateOptions> options,
    IHttpContextAccessor httpContextAccessor,
    Infrastructure.PublicAddress publicAddress,
    Notifications.Notifier notifier,
    TimeProvider time)
{
    private CertificateOptions Options => options.Value;

    private string? ActorId => httpContextAccessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The public verification address of a code (what the QR code holds).</summary>
    public string VerificationUrl(string code) => BaseUrl() + "/verify/" + CertificateCodes.Format(code);

    /// <summary>Issues the certificate of a completed enrollment, or returns the one it already has.</summary>
    public Task<CertificateResult> IssueAsync(int enrollmentId, CancellationToken cancellationToken = default) =>
        IssueAsync(enrollmentId, null, cancellationToken);

    /// <summary>
    /// Issues the certificate of a completed enrollment, or returns the one it already has; <paramref name="evaluated"/>
    /// is the enrollment's evaluation when the caller has just made it in the same request (the approval), so the
    /// evidence is not loaded a second time.
    /// </summary>
    public async Task<CertificateResult> IssueAsync(int enrollmentId, EnrollmentVerdict? evaluated, CancellationToken cancellationToken = default)
    {
        if (await ExistingAsync(enrollmentId, cancellationToken) is { } existing)
        {
            return existing;
        }
        var enrollment = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enrollmentId, cancellationToken);
        if (enrollment is null)
        {
            return new(CertificateOutcome.NotFound, null, null, "There is no such enrollment.");
        }
        if (enrollment.Status != EnrollmentStatus.Completed || enrollment.CompletedOn is not { } awardedOn)
        {
            return new(CertificateOutcome.NotCompleted, null, null, "A certificate is issued only once the enrollment is approved as completed.");
        }
        if (Options.Missing() is { Count: > 0 } missing)
        {
            return NotConfigured(missing, null, null);
        }

        var person = await db.Users.AsNoTracking().Where(u => u.Id == enrollment.PersonId)
            .Select(u => new { u.CertificateName, u.DisplayName }).SingleAsync(cancellationToken);
        var programTitle = await db.Programs.AsNoTracking().Where(p => p.Key == enrollment.ProgramKey).Select(p => p.Title).SingleAsync(cancellationToken);
        var verdict = evaluated is not null && evaluated.Enrollment.Id == enrollmentId
            ? evaluated
            : (await eligibility.ForEnrollmentsAsync([enrollmentId], cancellationToken)).Single();
        var today = eligibility.Today();
        var now = time.GetUtcNow().UtcDateTime;
        var actor = ActorId;

        var certificate = new Certificate
        {
            EnrollmentId = enrollment.Id,
            PersonId = enrollment.PersonId,
            ProgramKey = enrollment.ProgramKey,
            RuleSetId = enrollment.RuleSetId,
            AwardedOn = awardedOn,
            IssuedOn = today,
            IssuedUtc = now,
            IssuedById = actor,
            CurrentVersion = 1,
        };
        var renewal = DefaultRuleSets.YearlyRenewal;
        var program = ProgramCatalog.Default.Get(enrollment.ProgramKey);
        if (program.Validity == ValidityPolicy.Endorsement)
        {
            certificate.ValidThrough = CertificateTerms.EndorsementValidThrough(awardedOn, renewal);
        }
        Certificate? renewed = null;
        if (program.Validity == ValidityPolicy.Renewal)
        {
            // A year's continuing endorsement: its own certificate runs to the next due date, and the endorsement it
            // renews holds until then too.
            certificate.ExpiresOn = CertificateTerms.EndorsementValidThrough(awardedOn, renewal);
            renewed = await HeldEndorsementAsync(enrollment.PersonId, enrollment.HeldEndorsement, cancellationToken);
            if (renewed is not null && (renewed.ValidThrough is null || renewed.ValidThrough < certificate.ExpiresOn))
            {
                renewed.ValidThrough = certificate.ExpiresOn;
            }
        }

        var version = new CertificateVersion
        {
            Number = 1,
            IssuedOn = today,
            IssuedUtc = now,
            IssuedById = actor,
            RecipientName = NameOf(person.CertificateName, person.DisplayName),
            CredentialTitle = CredentialTitle(enrollment.ProgramKey, enrollment.HeldEndorsement),
            ProgramTitle = programTitle,
            RuleSetId = enrollment.RuleSetId,
            AwardedOn = awardedOn,
            Hours = CertificateTerms.Hours(verdict.RuleSet, verdict.Evidence, today),
            ContinuingEducationHours = CertificateTerms.ContinuingEducationHours(verdict.RuleSet, verdict.Evidence, today),
            IssuerName = Options.IssuerName,
            SignatoryName = Options.SignatoryName,
            SignatoryTitle = Options.SignatoryTitle,
        };
        certificate.Versions.Add(version);

        for (var attempt = 1; ; attempt++)
        {
            certificate.Code = CertificateCodes.NewCode();
            await CompleteAsync(certificate, version, cancellationToken);
            db.Certificates.Add(certificate);
            var shown = CertificateCodes.Format(certificate.Code);
            notifier.Add(certificate.PersonId, NotificationKind.CertificateIssued, "certificate-issued:" + certificate.Code,
                $"Your certificate is ready: {version.CredentialTitle}",
                $"{programTitle}: certificate {shown} was issued to you on {FormatDate(version.IssuedOn)}. Its page in the portal has the PDF, "
                    + $"the Open Badges credential and a button to add it to your LinkedIn profile; anyone can check it at {VerificationUrl(certificate.Code)}.",
                "/certificates/" + shown);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new(CertificateOutcome.Done, certificate.Id, certificate.Code, $"Certificate {CertificateCodes.Format(certificate.Code)} issued.");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Another administrator issued this enrollment's certificate at the same moment: theirs stands.
                if (await ExistingAsync(enrollmentId, cancellationToken) is { } first)
                {
                    return first;
                }
                // Otherwise the random code collided with an existing one (about 1 in 10^11 per issue): draw again.
                if (attempt == 3)
                {
                    throw;
                }
                certificate.Id = 0;
                version.Id = 0;
                version.CertificateId = 0;
                if (renewed is not null)
                {
                    db.Certificates.Attach(renewed);
                    db.Entry(renewed).Property(c => c.ValidThrough).IsModified = true;
                }
            }
        }
    }

    /// <summary>
    /// Re-issues a certificate with the holder's current name (e.g. after a name change): same code, a new
    /// version, the old versions kept; <paramref name="reason"/> is stored with the version.
    /// </summary>
    public async Task<CertificateResult> ReissueAsync(int certificateId, string reason, CancellationToken cancellationToken = default)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken);
        if (certificate is null || certificate.Code is null)
        {
            return new(CertificateOutcome.NotFound, null, null, "There is no such certificate.");
        }
        if (certificate.RevokedOn is not null)
        {
            return new(CertificateOutcome.Revoked, certificate.Id, certificate.Code, "A revoked certificate cannot be re-issued.");
        }
        if (Options.Missing() is { Count: > 0 } missing)
        {
            return NotConfigured(missing, certificate.Id, certificate.Code);
        }
        var previous = await db.CertificateVersions.AsNoTracking()
            .Where(v => v.CertificateId == certificateId && v.Number == certificate.CurrentVersion)
            .Select(v => new { v.CredentialTitle, v.ProgramTitle, v.RuleSetId, v.AwardedOn, v.Hours, v.ContinuingEducationHours })
            .SingleAsync(cancellationToken);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == certificate.PersonId)
            .Select(u => new { u.CertificateName, u.DisplayName }).SingleAsync(cancellationToken);
        var version = new CertificateVersion
        {
            CertificateId = certificate.Id,
            Number = certificate.CurrentVersion + 1,
            IssuedOn = eligibility.Today(),
            IssuedUtc = time.GetUtcNow().UtcDateTime,
            IssuedById = ActorId,
            Reason = reason.Trim(),
            RecipientName = NameOf(person.CertificateName, person.DisplayName),
            CredentialTitle = previous.CredentialTitle,
            ProgramTitle = previous.ProgramTitle,
            RuleSetId = previous.RuleSetId,
            AwardedOn = previous.AwardedOn,
            Hours = previous.Hours,
            ContinuingEducationHours = previous.ContinuingEducationHours,
            IssuerName = Options.IssuerName,
            SignatoryName = Options.SignatoryName,
            SignatoryTitle = Options.SignatoryTitle,
        };
        await CompleteAsync(certificate, version, cancellationToken);
        certificate.CurrentVersion = version.Number;
        db.CertificateVersions.Add(version);
        notifier.Add(certificate.PersonId, NotificationKind.CertificateReissued,
            string.Create(CultureInfo.InvariantCulture, $"certificate-reissued:{certificate.Code}:{version.Number}"),
            $"Your certificate was re-issued: {version.CredentialTitle}",
            $"Certificate {CertificateCodes.Format(certificate.Code)} was re-issued on {FormatDate(version.IssuedOn)} as version {version.Number} "
                + $"(reason: {version.Reason}). The code stays the same; download the new PDF from the certificate's page.",
            "/certificates/" + CertificateCodes.Format(certificate.Code));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (certificate, number) index: someone else added this version number just now.
            db.ChangeTracker.Clear();
            return new(CertificateOutcome.Conflict, certificate.Id, certificate.Code, "Someone else re-issued this certificate at the same moment. Check its versions and try again if still needed.");
        }
        return new(CertificateOutcome.Done, certificate.Id, certificate.Code, $"Version {version.Number} of certificate {CertificateCodes.Format(certificate.Code)} issued.");
    }

    /// <summary>Revokes a certificate from today: the record stays, and verification says "revoked" with the date.</summary>
    public async Task<CertificateResult> RevokeAsync(int certificateId, string reason, CancellationToken cancellationToken = default)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken);
        if (certificate is null || certificate.Code is null)
        {
            return new(CertificateOutcome.NotFound, null, null, "There is no such certificate.");
        }
        if (certificate.RevokedOn is not null)
        {
            return new(CertificateOutcome.Revoked, certificate.Id, certificate.Code, "This certificate is already revoked.");
        }
        certificate.RevokedOn = eligibility.Today();
        certificate.RevokedUtc = time.GetUtcNow().UtcDateTime;
        certificate.RevokedById = ActorId;
        certificate.RevocationReason = reason.Trim();
        var title = await db.Programs.Where(p => p.Key == certificate.ProgramKey).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
        notifier.Add(certificate.PersonId, NotificationKind.CertificateRevoked, "certificate-revoked:" + certificate.Code,
            $"Your certificate was revoked: {title}",
            $"Certificate {CertificateCodes.Format(certificate.Code)} ({title}) was revoked on {FormatDate(certificate.RevokedOn.Value)}. "
                + "Verification now shows it as revoked. Contact the program's administrators if you have questions.",
            "/certificates/" + CertificateCodes.Format(certificate.Code));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator revoked it at the same moment (the holder's notification is written once: its key is unique).
            db.ChangeTracker.Clear();
            return new(CertificateOutcome.Revoked, certificate.Id, certificate.Code, "This certificate is already revoked.");
        }
        return new(CertificateOutcome.Done, certificate.Id, certificate.Code, $"Certificate {CertificateCodes.Format(certificate.Code)} revoked.");
    }

    /// <summary>
    /// The title printed large on a program's certificate (its definition's <see cref="ProgramDefinition.CredentialTitle"/>);
    /// a renewal's names the level of the endorsement it renews.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No program has this key.</exception>
    public static string CredentialTitle(string programKey, EndorsementLevel heldEndorsement = EndorsementLevel.None, ProgramCatalog? catalog = null)
    {
        catalog ??= ProgramCatalog.Default;
        return catalog.Get(programKey).CredentialTitleFor(catalog.ForEndorsement(heldEndorsement)?.LevelName);
    }

    private static CertificateResult NotConfigured(IReadOnlyList<string> missing, int? certificateId, string? code) =>
        new(CertificateOutcome.NotConfigured, certificateId, code,
            "Certificates cannot be issued until these settings are configured: " + string.Join(", ", missing) + ".");

    private static string NameOf(string certificateName, string displayName) =>
        string.IsNullOrWhiteSpace(certificateName) ? displayName.Trim() : certificateName.Trim();

    /// <summary>The person's newest unrevoked endorsement certificate of the level a renewal is for (tracked, to move its date).</summary>
    private async Task<Certificate?> HeldEndorsementAsync(string personId, EndorsementLevel level, CancellationToken cancellationToken)
    {
        if (level == EndorsementLevel.None)
        {
            return null;
        }
        var program = ProgramCatalog.Default.ForEndorsement(level)!.Key;
        return await db.Certificates
            .Where(c => c.PersonId == personId && c.ProgramKey == program && c.RevokedOn == null)
            .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<CertificateResult?> ExistingAsync(int enrollmentId, CancellationToken cancellationToken)
    {
        var existing = await db.Certificates.AsNoTracking()
            .Where(c => c.EnrollmentId == enrollmentId && c.Code != null)
            .Select(c => new { c.Id, c.Code })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : new(CertificateOutcome.AlreadyIssued, existing.Id, existing.Code, $"This enrollment already has certificate {CertificateCodes.Format(existing.Code!)}; no second certificate was made.");
    }

    /// <summary>
    /// Renders the PDF and signs the Open Badges credential of a version. The credential carries its status
    /// (<see cref="StatusLists"/>) when the certificate has an enrollment, which every certificate the portal issues has.
    /// </summary>
    private async Task CompleteAsync(Certificate certificate, CertificateVersion version, CancellationToken cancellationToken)
    {
        var code = certificate.Code!;
        version.VerificationUrl = VerificationUrl(code);
        version.Pdf = renderer.Render(new CertificateContent(
            version.RecipientName, version.CredentialTitle, version.ProgramTitle, version.RuleSetId, version.AwardedOn,
            version.Hours, version.ContinuingEducationHours, version.IssuerName, version.SignatoryName, version.SignatoryTitle,
            CertificateCodes.Format(code), version.VerificationUrl, version.Number, version.IssuedOn));
        version.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(version.Pdf));
        version.CredentialJwt = await badges.IssueAsync(new BadgeCredentialInput(
            CertificateCodes.Format(code), version.Number, version.RecipientName, version.CredentialTitle, version.ProgramTitle,
            certificate.ProgramKey, null, version.AwardedOn, version.IssuedOn, certificate.ExpiresOn,
            version.IssuerName, BaseUrl(), version.VerificationUrl)
        {
            // Its place in the status lists: the enrollment's id, known before the insert and the same for every version.
            StatusIndex = certificate.EnrollmentId,
        }, cancellationToken);
    }

    /// <summary>The configured public address (never the request's Host header): QR codes, verification links, the issuer id.</summary>
    private string BaseUrl() => publicAddress.Base;
}
