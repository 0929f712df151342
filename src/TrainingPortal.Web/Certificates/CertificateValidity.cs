using System.Linq.Expressions;

namespace TrainingPortal.Web.Certificates;

/// <summary>
/// <see cref="CertificateStates.On"/> as a SQL filter, for lists that must not load every certificate
/// (the public roster). It says "valid" exactly when <c>StateOn(today)</c> says
/// <see cref="CertificateState.Valid"/>: not revoked on or before today, not past its last day, not
/// past its renewal date. Tests hold the two together at each boundary.
/// </summary>
public static class CertificateValidity
{
    /// <summary>Certificates whose state on <paramref name="today"/> (the portal's date) is Valid.</summary>
    public static Expression<Func<Certificate, bool>> ValidOn(DateOnly today) => c =>
        (c.RevokedOn == null || c.RevokedOn > today)
        && (c.ExpiresOn == null || c.ExpiresOn >= today)
        && (c.ValidThrough == null || c.ValidThrough >= today);
}
