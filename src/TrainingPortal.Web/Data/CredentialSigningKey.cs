namespace TrainingPortal.Web.Data;

/// <summary>
/// A key the portal signs Open Badges credentials with (ES256). The private key is stored encrypted
/// with ASP.NET Core Data Protection; the public key is published at <c>/.well-known/jwks.json</c>
/// until the key is withdrawn. Rotation: a new key becomes the signing key, the old one is retired
/// (still published so credentials it signed keep verifying).
/// </summary>
public sealed class CredentialSigningKey
{
    /// <summary>The JWK key id (<c>kid</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>JOSE algorithm, e.g. <c>ES256</c>.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>The public key as a JWK (JSON object).</summary>
    public string PublicJwk { get; set; } = "";

    /// <summary>The private key (PKCS#8), protected with Data Protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the key stopped signing new credentials (still published).</summary>
    public DateTime? RetiredUtc { get; set; }

    /// <summary>When the key was withdrawn from the published set (credentials it signed no longer verify).</summary>
    public DateTime? WithdrawnUtc { get; set; }
}
