using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using TrainingPortal.Web.Features.Credentials;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>
/// Helpers for the Open Badges tests. The JWT and JWK handling here is deliberately independent of the
/// production code (<see cref="Jose"/>, <see cref="OpenBadgeCredentials.VerifyAsync"/>): ASP.NET's
/// <see cref="WebEncoders"/> for base64url and a fresh <see cref="ECDsa"/> per check.
/// </summary>
internal static class Badges
{
    public const string Holder = "Ana María Núñez-O'Brien";

    /// <summary>Today in the portal's zone (America/New_York), as the certificate screens will pass it.</summary>
    public static DateOnly Today(this PortalFactory factory) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    public static BadgeCredentialInput Input(DateOnly issuedOn, string code = "K7QM2X9HTP", int version = 1, DateOnly? validUntil = null,
        string programKey = "mio-rostering") =>
        new(code, version, Holder, "Rostered MIO Clinician", "Mothering from the Inside Out: clinician training", programKey, null,
            issuedOn.AddDays(-2), issuedOn, validUntil, "Center for Infant Mental Health", "https://portal.test", $"https://portal.test/verify/{code}");

    public static Task<string> IssueAsync(this PortalFactory factory, BadgeCredentialInput input) =>
        factory.Services.GetRequiredService<OpenBadgeCredentials>().IssueAsync(input, CancellationToken.None);

    public static Task<string> IssueAsync(this PortalFactory factory) => factory.IssueAsync(Input(factory.Today()));

    public static Task<BadgeVerification> VerifyAsync(this PortalFactory factory, string jwt) =>
        factory.Services.GetRequiredService<OpenBadgeCredentials>().VerifyAsync(jwt, CancellationToken.None);

    public static JsonObject Part(string jwt, int index) =>
        JsonNode.Parse(WebEncoders.Base64UrlDecode(jwt.Split('.')[index]))!.AsObject();

    public static string Kid(string jwt) => (string)Part(jwt, 0)["kid"]!;

    /// <summary>The published JWK Set, fetched over HTTP without signing in.</summary>
    public static async Task<JsonArray> JwksAsync(this PortalFactory factory)
    {
        var response = await factory.CreatePortalClient().GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray();
    }

    public static IReadOnlyList<string> Kids(JsonArray keys) => [.. keys.Select(k => (string)k!["kid"]!)];

    /// <summary>Checks the ES256 signature of <paramref name="jwt"/> with the JWK's x and y only.</summary>
    public static bool SignatureMatches(string jwt, JsonNode jwk)
    {
        var parts = jwt.Split('.');
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = WebEncoders.Base64UrlDecode((string)jwk["x"]!),
                Y = WebEncoders.Base64UrlDecode((string)jwk["y"]!),
            },
        });
        return ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), WebEncoders.Base64UrlDecode(parts[2]),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>RFC 7638: SHA-256 over {"crv","kty","x","y"} in that order, no whitespace.</summary>
    public static string Thumbprint(JsonNode jwk)
    {
        var canonical = new JsonObject
        {
            ["crv"] = (string)jwk["crv"]!,
            ["kty"] = (string)jwk["kty"]!,
            ["x"] = (string)jwk["x"]!,
            ["y"] = (string)jwk["y"]!,
        }.ToJsonString();
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A compact JWS of the given header and payload, with the signature made by <paramref name="sign"/>.</summary>
    public static string Token(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        var input = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return input + "." + WebEncoders.Base64UrlEncode(sign(Encoding.ASCII.GetBytes(input)));
    }
}
