using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Credentials;

/// <summary>
/// The portal's published credential keys as a JWK Set (RFC 7517 §5) at <c>/.well-known/jwks.json</c>:
/// public on purpose (anyone holding a credential must be able to check it), read-only, public keys only.
/// Retired keys stay listed so the credentials they signed keep verifying; withdrawn keys are not listed.
/// </summary>
public sealed class CredentialKeysController(CredentialKeyStore keys) : Controller
{
    /// <summary>How long verifiers and proxies may cache the set.</summary>
    public const int MaxAgeSeconds = 300;

    [AllowAnonymous]
    [HttpGet(".well-known/jwks.json")]
    public async Task<IActionResult> Jwks(CancellationToken cancellationToken)
    {
        var published = await keys.PublishedKeysAsync(cancellationToken);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in published)
            {
                Jose.WritePublicJwk(writer, key.PublicKey);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
        // Verifiers running in a browser (wallets, displayers) fetch the keys from their own origin.
        Response.Headers.AccessControlAllowOrigin = "*";
        return File(stream.ToArray(), "application/json");
    }
}
