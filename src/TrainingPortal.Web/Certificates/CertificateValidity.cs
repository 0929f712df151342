using System.Linq.Expressions;

namespace TrainingPortal.Web.Certificates;

/// <summary>
/// <see cref="CertificateStates.On"/> as SQL filters, for lists that must not load every certificate (the public
/// roster, the credential status lists). Each says yes exactly when <c>StateOn(today)</c> gives its state: valid (not
/// revoked on or before today, not past its last day, not past its renewal date); revoked; expired or lapsed (not
/// revoked, past its last day or its renewal date). Tests hold them and the states together at each boundary.
/// </summary>
public static class CertificateValidity
{
    /// <summary>Certificates whose state on <paramref name="today"/> (the portal's date) is Valid.</summary>
    public static Expression<Func<Certificate, bool>> ValidOn(DateOnly today) => c =>
        (c.RevokedOn == null || c.RevokedOn > today)
        && (c.ExpiresOn == null || c.ExpiresOn >= today)
        && (c.ValidThrough == null || c.ValidThrough >= today);

    /// <summary>Certificates whose state on <paramref name="today"/> is Revoked.</summary>
    public static Expression<Func<Certificate, bool>> RevokedOn(DateOnly today) => c =>
        c.RevokedOn != null && c.RevokedOn <= today;

    /// <summary>Certificates whose state on <paramref name="today"/> is Expired or Lapsed (revocation wins over both).</summary>
    public static Expression<Func<Certificate, bool>> ExpiredOrLapsedOn(DateOnly today) => c =>
        (c.RevokedOn == null || c.RevokedOn > today)
        && ((c.ExpiresOn != null && c.ExpiresOn < today) || (c.ValidThrough != null && c.ValidThrough < today));
}
