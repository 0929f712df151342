using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using TrainingPortal.Web.Features.Credentials;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>Open Badges 3.0 credentials as VC-JWTs: shape, signature, verification and what is refused.</summary>
public sealed class OpenBadgeCredentialTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_issued_credential_verifies_with_the_key_fetched_from_the_public_jwks()
    {
        var jwt = await factory.IssueAsync();

        var response = await factory.CreatePortalClient().GetAsync("/.well-known/jwks.json"); // no sign-in
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl?.MaxAge);
        var keys = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray();
        var header = Badges.Part(jwt, 0);
        Assert.Equal("ES256", (string)header["alg"]!);
        Assert.Equal("JWT", (string)header["typ"]!);
        var jwk = Assert.Single(keys, k => (string)k!["kid"]! == (string)header["kid"]!)!;

        // Checked without the portal's own verifier: the JWK's x and y in a fresh ECDsa.
        Assert.True(Badges.SignatureMatches(jwt, jwk));
        Assert.Equal(Badges.Thumbprint(jwk), (string)jwk["kid"]!);
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], jwk.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("EC", "P-256", "sig", "ES256"), ((string)jwk["kty"]!, (string)jwk["crv"]!, (string)jwk["use"]!, (string)jwk["alg"]!));

        var verification = await factory.VerifyAsync(jwt);
        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal((string)header["kid"]!, verification.KeyId);
        Assert.Equal("https://portal.test/verify/K7QM2X9HTP#v1", verification.CredentialId);
    }

    [Fact]
    public async Task Changing_any_one_character_of_the_payload_or_the_signature_makes_verification_fail()
    {
        var jwt = await factory.IssueAsync();
        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
        var dots = (First: jwt.IndexOf('.', StringComparison.Ordinal), Second: jwt.LastIndexOf('.'));

        var changed = 0;
        for (var i = 0; i < jwt.Length; i++)
        {
            if (jwt[i] == '.')
            {
                continue;
            }
            var other = jwt[i] == 'A' ? 'B' : 'A';
            var tampered = string.Concat(jwt.AsSpan(0, i), other.ToString(), jwt.AsSpan(i + 1));
            var result = await factory.VerifyAsync(tampered);
            Assert.False(result.IsValid, $"a change at {i} (of {jwt.Length}) still verified");
            changed++;
        }
        Assert.Equal(jwt.Length - 2, changed);

        // One character in the middle of the payload, and one of the signature: the signature no longer matches.
        var inPayload = (dots.First + dots.Second) / 2;
        var inSignature = (dots.Second + jwt.Length) / 2;
        foreach (var i in new[] { inPayload, inSignature })
        {
            var tampered = string.Concat(jwt.AsSpan(0, i), (jwt[i] == 'x' ? 'y' : 'x').ToString(), jwt.AsSpan(i + 1));
            Assert.Equal(BadgeVerificationFailure.BadSignature, (await factory.VerifyAsync(tampered)).Failure);
        }
    }

    [Fact]
    public async Task The_payload_is_an_open_badge_credential_naming_the_holder_and_nothing_more_personal()
    {
        var today = factory.Today();
        var jwt = await factory.IssueAsync(Badges.Input(today, code: "SHAPE23456", version: 2, validUntil: today.AddYears(1), programKey: "imh-endorsement-l2"));
        var vc = Badges.Part(jwt, 1);

        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], Strings(vc["@context"]));
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], Strings(vc["type"]));
        Assert.Equal("https://portal.test/verify/SHAPE23456#v2", (string)vc["id"]!);
        Assert.Equal("https://portal.test", (string)vc["issuer"]!["id"]!);
        Assert.Equal(["Profile"], Strings(vc["issuer"]!["type"]));
        Assert.Equal("Center for Infant Mental Health", (string)vc["issuer"]!["name"]!);
        var subject = vc["credentialSubject"]!;
        Assert.Equal(["AchievementSubject"], Strings(subject["type"]));
        Assert.Equal(Badges.Holder, (string)subject["name"]!);
        var identity = Assert.Single(subject["identifier"]!.AsArray())!;
        Assert.Equal(("IdentityObject", "name", false, Badges.Holder),
            ((string)identity["type"]!, (string)identity["identityType"]!, (bool)identity["hashed"]!, (string)identity["identityHash"]!));
        Assert.StartsWith("urn:uuid:", (string)subject["id"]!, StringComparison.Ordinal);
        var achievement = subject["achievement"]!;
        Assert.Equal(["Achievement"], Strings(achievement["type"]));
        Assert.Equal("Rostered MIO Clinician", (string)achievement["name"]!);
        Assert.Equal("Certification", (string)achievement["achievementType"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)achievement["description"]));
        Assert.Contains("Mothering from the Inside Out", (string)achievement["criteria"]!["narrative"]!, StringComparison.Ordinal);

        // The JWT claims mirror the credential (OB 3.0 §8.2.4.1).
        Assert.Equal((string)vc["issuer"]!["id"]!, (string)vc["iss"]!);
        Assert.Equal((string)vc["id"]!, (string)vc["jti"]!);
        Assert.Equal((string)subject["id"]!, (string)vc["sub"]!);
        Assert.Equal(DateTimeOffset.Parse((string)vc["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)vc["nbf"]!);
        Assert.Equal(DateTimeOffset.Parse((string)vc["validUntil"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)vc["exp"]!);
        Assert.Equal(factory.Time.GetUtcNow().ToUnixTimeSeconds(), (long)vc["iat"]!);

        // Valid from the start of the issue day and through the last valid day, both in the portal's zone (New York).
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), newYork), DateTime.Parse((string)vc["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(today.AddYears(1).AddDays(1).ToDateTime(TimeOnly.MinValue), newYork), DateTime.Parse((string)vc["validUntil"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));

        // The holder's name is the only personal datum: no e-mail address anywhere, no other person field.
        var text = vc.ToJsonString();
        Assert.DoesNotContain("email", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(StringValues(vc), value => Assert.DoesNotContain("@", value, StringComparison.Ordinal));
        Assert.Equal(["achievement", "id", "identifier", "name", "type"], subject.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_re_issue_names_the_same_holder_with_a_new_credential_id()
    {
        var today = factory.Today();
        var first = Badges.Part(await factory.IssueAsync(Badges.Input(today, code: "REISSUE234", version: 1)), 1);
        var second = Badges.Part(await factory.IssueAsync(Badges.Input(today, code: "REISSUE234", version: 2)), 1);
        var otherCertificate = Badges.Part(await factory.IssueAsync(Badges.Input(today, code: "OTHER23456", version: 1)), 1);

        Assert.Equal((string)first["sub"]!, (string)second["sub"]!);
        Assert.NotEqual((string)first["jti"]!, (string)second["jti"]!);
        Assert.NotEqual((string)first["sub"]!, (string)otherCertificate["sub"]!);
    }

    [Fact]
    public async Task Tokens_with_alg_none_or_hs256_or_an_embedded_key_are_refused()
    {
        var jwt = await factory.IssueAsync();
        var kid = Badges.Kid(jwt);
        var payload = Badges.Part(jwt, 1);
        var jwk = (await factory.JwksAsync()).Single(k => (string)k!["kid"]! == kid)!;

        var none = Badges.Token(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid }, payload, _ => []);
        // The classic key-confusion attack: HMAC keyed with the public key a verifier can download.
        var hs256 = Badges.Token(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = kid }, payload,
            data => HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(jwk.ToJsonString()), data));
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attackerPoint = attacker.ExportParameters(false).Q;
        var embedded = Badges.Token(
            new JsonObject
            {
                ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = kid,
                ["jwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = WebEncoders.Base64UrlEncode(attackerPoint.X!), ["y"] = WebEncoders.Base64UrlEncode(attackerPoint.Y!) },
            },
            payload, data => attacker.SignData(data, HashAlgorithmName.SHA256));

        Assert.Equal(BadgeVerificationFailure.UnsupportedAlgorithm, (await factory.VerifyAsync(none)).Failure);
        Assert.Equal(BadgeVerificationFailure.UnsupportedAlgorithm, (await factory.VerifyAsync(none[..^1] + "." + "AAAA")).Failure);
        Assert.Equal(BadgeVerificationFailure.UnsupportedAlgorithm, (await factory.VerifyAsync(hs256)).Failure);
        Assert.Equal(BadgeVerificationFailure.UnsupportedAlgorithm, (await factory.VerifyAsync(embedded)).Failure);
    }

    [Fact]
    public async Task A_credential_signed_by_another_key_is_refused_whatever_kid_it_claims()
    {
        var jwt = await factory.IssueAsync();
        var payload = Badges.Part(jwt, 1);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] Sign(byte[] data) => attacker.SignData(data, HashAlgorithmName.SHA256);

        var portalKid = Badges.Token(new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = Badges.Kid(jwt) }, payload, Sign);
        var ownKid = Badges.Token(new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = "attacker-key" }, payload, Sign);
        var noKid = Badges.Token(new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT" }, payload, Sign);

        Assert.Equal(BadgeVerificationFailure.BadSignature, (await factory.VerifyAsync(portalKid)).Failure);
        Assert.Equal(BadgeVerificationFailure.UnknownKey, (await factory.VerifyAsync(ownKid)).Failure);
        Assert.Equal(BadgeVerificationFailure.UnknownKey, (await factory.VerifyAsync(noKid)).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9=.e30.AAAA")] // padding is not base64url
    [InlineData("eyJhbGciOiJFUzI1NiJ9 .e30.AAAA")]
    [InlineData("W10.e30.AAAA")] // header [] is not an object
    [InlineData("eyJhbGciOiJFUzI1NiIsImFsZyI6IkVTMjU2In0.e30.AAAA")] // {"alg":"ES256","alg":"ES256"}: a duplicate member
    public async Task Malformed_tokens_are_refused_without_an_exception(string token)
    {
        var result = await factory.VerifyAsync(token);

        Assert.False(result.IsValid);
        Assert.Equal(BadgeVerificationFailure.Malformed, result.Failure);
    }

    [Fact]
    public async Task Correctly_signed_payloads_whose_claims_disagree_with_the_credential_or_lie_ahead_are_refused()
    {
        // Signed with the portal's own key, so only the claim checks can refuse them.
        var jwt = await factory.IssueAsync();
        var key = await factory.Services.GetRequiredService<CredentialKeyStore>().SigningKeyAsync();
        Assert.Equal(Badges.Kid(jwt), key.Kid);
        string Signed(Action<JsonObject> change)
        {
            var payload = Badges.Part(jwt, 1);
            change(payload);
            using var ecdsa = ECDsa.Create(key.PrivateKey);
            return Badges.Token(Badges.Part(jwt, 0), payload, data => ecdsa.SignData(data, HashAlgorithmName.SHA256));
        }

        Assert.True((await factory.VerifyAsync(Signed(_ => { }))).IsValid);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["jti"] = "https://portal.test/verify/SOMEOTHER1#v1"))).Failure);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["sub"] = "urn:uuid:00000000-0000-8000-8000-000000000000"))).Failure);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["iss"] = "https://elsewhere.test"))).Failure);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["nbf"] = (long)p["nbf"]! + 1))).Failure);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["exp"] = (long)p["nbf"]! + 86400))).Failure);
        Assert.Equal(BadgeVerificationFailure.InvalidClaims, (await factory.VerifyAsync(Signed(p => p["type"] = new JsonArray("VerifiableCredential")))).Failure);

        var tomorrow = factory.Time.GetUtcNow().AddDays(1);
        var ahead = Signed(p =>
        {
            p["validFrom"] = tomorrow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            p["nbf"] = tomorrow.ToUnixTimeSeconds();
        });
        Assert.Equal(BadgeVerificationFailure.NotYetValid, (await factory.VerifyAsync(ahead)).Failure);
    }

    [Fact]
    public async Task A_credential_with_an_end_date_verifies_through_that_day_and_expires_after_it()
    {
        var today = factory.Today();
        var jwt = await factory.IssueAsync(Badges.Input(today, code: "EXPIRES234", validUntil: today.AddDays(1)));
        var exp = DateTimeOffset.FromUnixTimeSeconds((long)Badges.Part(jwt, 1)["exp"]!);

        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
        factory.Time.Advance(exp - factory.Time.GetUtcNow() - TimeSpan.FromMinutes(2));
        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
        factory.Time.Advance(TimeSpan.FromMinutes(4));
        var expired = await factory.VerifyAsync(jwt);
        Assert.Equal(BadgeVerificationFailure.Expired, expired.Failure);
    }

    [Fact]
    public async Task Signing_reads_the_keys_at_most_once_a_minute_and_never_per_credential()
    {
        await factory.IssueAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        counter.Reset();

        for (var i = 0; i < 20; i++)
        {
            var jwt = await factory.IssueAsync(Badges.Input(factory.Today(), code: $"MANY{i:D6}"));
            Assert.True((await factory.VerifyAsync(jwt)).IsValid);
        }
        Assert.Equal(0, counter.Count);

        factory.Time.Advance(CredentialKeyStore.CacheLifetime);
        await factory.IssueAsync();
        Assert.Equal(1, counter.Count); // the published keys; the private key is not read again while it stays the signing key
    }

    [Fact]
    public async Task Issuing_refuses_incomplete_input()
    {
        var input = Badges.Input(factory.Today());

        await Assert.ThrowsAsync<ArgumentException>(() => factory.IssueAsync(input with { RecipientName = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => factory.IssueAsync(input with { VerificationUrl = "/verify/K7QM2X9HTP" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => factory.IssueAsync(input with { Version = 0 }));
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    private static IEnumerable<string> StringValues(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "@context").SelectMany(p => StringValues(p.Value)),
        JsonArray a => a.SelectMany(StringValues),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
