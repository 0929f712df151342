namespace TrainingPortal.Web.Certificates;

/// What one certificate says; a snapshot taken at issue time.
public sealed record CertificateContent(
    string RecipientName,            // the name exactly as the person wants it printed (may contain accents, e.g. "Zoë Ångström-Nuñez", and be long, up to 150 chars)
    string CredentialTitle,          // e.g. "Rostered MIO Clinician", "Certificate of Completion", "Infant Mental Health Endorsement — Level III"
    string ProgramTitle,             // e.g. "MIO Clinician Rostering"
    string RuleSetId,                // e.g. "mio-rostering@1" (print small: "Rule set mio-rostering, version 1")
    DateOnly AwardedOn,              // completion / rostering / endorsement date
    decimal? Hours,                  // training hours to print; null = line omitted
    decimal? ContinuingEducationHours, // CE hours; null = line omitted (only some licences get CE)
    string IssuerName,               // issuing organisation, from configuration
    string SignatoryName,
    string SignatoryTitle,
    string Code,                     // verification code, e.g. "K7QM-3WPX-9HTC" style (print as given)
    string VerificationUrl,          // absolute URL, encoded in the QR code and printed under it
    int Version,                     // 1 = first issue; >1 print a small "Re-issued <IssuedOn> · version N" line
    DateOnly IssuedOn);
