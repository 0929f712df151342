namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// A certificate: one per completed enrollment (a unique index on <see cref="EnrollmentId"/> makes a
/// second issue — even a concurrent one — fail, and the issuing code then returns the first).
/// The certificate's identity is its <see cref="Code"/>; what it says is kept in immutable
/// <see cref="CertificateVersion"/>s (a re-issue adds a version and keeps the code).
/// </summary>
public sealed class Certificate
{
    public int Id { get; set; }

    /// <summary>The completed enrollment; null only for certificates recorded from outside the portal.</summary>
    public int? EnrollmentId { get; set; }

    public string PersonId { get; set; } = "";
    public string ProgramKey { get; set; } = "";

    /// <summary>The rule set the enrollment was evaluated under, e.g. <c>mio-rostering@1</c>.</summary>
    public string? RuleSetId { get; set; }

    /// <summary>The public verification code (CSPRNG, no look-alike characters, unique).</summary>
    public string? Code { get; set; }

    /// <summary>The award date (completion, rostering or endorsement date).</summary>
    public DateOnly? AwardedOn { get; set; }

    /// <summary>The date of the first issue.</summary>
    public DateOnly IssuedOn { get; set; }
    public DateTime? IssuedUtc { get; set; }
    public string? IssuedById { get; set; }

    /// <summary>The number of the newest version (1 until the first re-issue).</summary>
    public int CurrentVersion { get; set; } = 1;

    /// <summary>Endorsements: the date the endorsement lapses unless renewed (moved on by each approved renewal).</summary>
    public DateOnly? ValidThrough { get; set; }

    /// <summary>Certificates with a fixed term (a year's continuing endorsement): the last day it is valid.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public DateOnly? RevokedOn { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedById { get; set; }
    public string? RevocationReason { get; set; }

    public List<CertificateVersion> Versions { get; set; } = [];
}

/// <summary>
/// One issued version of a certificate: the snapshot of what it says, the PDF as issued and the
/// signed Open Badges credential. Never changed after it is written (the context refuses updates).
/// </summary>
public sealed class CertificateVersion
{
    public int Id { get; set; }
    public int CertificateId { get; set; }

    /// <summary>1 for the first issue, then 2, 3, … per re-issue.</summary>
    public int Number { get; set; }

    public DateOnly IssuedOn { get; set; }
    public DateTime IssuedUtc { get; set; }
    public string? IssuedById { get; set; }

    /// <summary>Why this version was issued (null for the first issue), e.g. "Name changed after marriage".</summary>
    public string? Reason { get; set; }

    // The snapshot printed on the certificate.
    public string RecipientName { get; set; } = "";
    public string CredentialTitle { get; set; } = "";
    public string ProgramTitle { get; set; } = "";
    public string RuleSetId { get; set; } = "";
    public DateOnly AwardedOn { get; set; }
    public decimal? Hours { get; set; }
    public decimal? ContinuingEducationHours { get; set; }
    public string IssuerName { get; set; } = "";
    public string SignatoryName { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
    public string VerificationUrl { get; set; } = "";

    /// <summary>The PDF exactly as issued.</summary>
    public byte[] Pdf { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Pdf"/>, hex (lets anyone check a copy against the record).</summary>
    public string PdfSha256 { get; set; } = "";

    /// <summary>The Open Badges 3.0 credential as a VC-JWT (compact JWS), signed with a portal key.</summary>
    public string? CredentialJwt { get; set; }
}
