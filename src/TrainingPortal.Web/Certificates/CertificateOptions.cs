namespace TrainingPortal.Web.Certificates;

/// <summary>What every certificate says about who issues it (configuration section <c>Certificates</c>).</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>The issuing organisation, printed on every certificate and named in its Open Badges credential.</summary>
    public string IssuerName { get; set; } = "";

    /// <summary>The person who signs certificates.</summary>
    public string SignatoryName { get; set; } = "";

    /// <summary>The signatory's title, printed under the signature line.</summary>
    public string SignatoryTitle { get; set; } = "";

    /// <summary>
    /// The older name of <c>Portal:PublicBaseUrl</c> (see <see cref="Infrastructure.PublicAddress"/>), still read when that
    /// one is not set. Verification links, QR codes and the Open Badges issuer id are built from the public address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>What is missing before certificates can be issued (empty when ready).</summary>
    public IReadOnlyList<string> Missing() =>
        [.. new[] { (nameof(IssuerName), IssuerName), (nameof(SignatoryName), SignatoryName), (nameof(SignatoryTitle), SignatoryTitle) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => Section + ":" + p.Item1)];
}
