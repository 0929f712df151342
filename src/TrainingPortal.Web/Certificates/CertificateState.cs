namespace TrainingPortal.Web.Certificates;

/// <summary>What a certificate's verification says about it on a given day.</summary>
public enum CertificateState
{
    /// <summary>Issued, not revoked, within its term.</summary>
    Valid = 0,

    /// <summary>Revoked by an administrator (the date is shown).</summary>
    Revoked,

    /// <summary>A fixed-term certificate past its last day.</summary>
    Expired,

    /// <summary>An endorsement whose renewal was not met by its due date.</summary>
    Lapsed,
}

/// <summary>The one place that decides a certificate's state; used by verification, the roster and exports.</summary>
public static class CertificateStates
{
    /// <summary>The state on <paramref name="today"/> (the portal's date). Revocation wins over lapse and expiry.</summary>
    public static CertificateState On(DateOnly today, DateOnly? revokedOn, DateOnly? expiresOn, DateOnly? validThrough)
    {
        if (revokedOn is { } revoked && revoked <= today)
        {
            return CertificateState.Revoked;
        }
        if (expiresOn is { } expires && today > expires)
        {
            return CertificateState.Expired;
        }
        if (validThrough is { } through && today > through)
        {
            return CertificateState.Lapsed;
        }
        return CertificateState.Valid;
    }

    /// <summary>The state of a certificate on <paramref name="today"/>.</summary>
    public static CertificateState StateOn(this Certificate certificate, DateOnly today) =>
        On(today, certificate.RevokedOn, certificate.ExpiresOn, certificate.ValidThrough);

    /// <summary>The plain word for a state.</summary>
    public static string Label(this CertificateState state) => state switch
    {
        CertificateState.Valid => "Valid",
        CertificateState.Revoked => "Revoked",
        CertificateState.Expired => "Expired",
        CertificateState.Lapsed => "Lapsed",
        _ => state.ToString(),
    };
}
