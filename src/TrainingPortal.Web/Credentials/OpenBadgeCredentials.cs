using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Credentials;

/// <summary>What one certificate version says, for its Open Badges credential. Dates are the portal's calendar dates.</summary>
public sealed record BadgeCredentialInput(
    string CertificateCode,
    int Version,
    string RecipientName,
    string CredentialTitle,
    string ProgramTitle,
    string ProgramKey,
    string? Description,
    DateOnly AwardedOn,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    string IssuerName,
    string IssuerUrl,
    string VerificationUrl)
{
    /// <summary>
    /// The certificate's place in the portal's status lists (<see cref="StatusLists"/>: the id of the enrollment it was
    /// issued for); the credential then carries a <c>credentialStatus</c> with one entry per purpose. Null: no status.
    /// </summary>
    public int? StatusIndex { get; init; }
}

/// <summary>Why a credential did not verify.</summary>
public enum BadgeVerificationFailure
{
    /// <summary>Not a compact JWS of three strict base64url parts with JSON objects inside.</summary>
    Malformed,

    /// <summary>The header names an algorithm other than ES256 (e.g. <c>none</c> or <c>HS256</c>), or headers the portal never writes.</summary>
    UnsupportedAlgorithm,

    /// <summary>The <c>kid</c> is not among the published keys (unknown, or withdrawn).</summary>
    UnknownKey,

    /// <summary>The signature does not match the header and payload.</summary>
    BadSignature,

    /// <summary>The JWT claims disagree with the credential inside, or it is not an Open Badges credential.</summary>
    InvalidClaims,

    /// <summary><c>nbf</c> lies in the future.</summary>
    NotYetValid,

    /// <summary><c>exp</c> has passed.</summary>
    Expired,
}

/// <summary>The outcome of <see cref="OpenBadgeCredentials.VerifyAsync"/>; on failure <see cref="Reason"/> says why in plain words.</summary>
public sealed record BadgeVerification(
    bool IsValid,
    BadgeVerificationFailure? Failure,
    string Reason,
    string? KeyId = null,
    string? CredentialId = null,
    string? SubjectId = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null,
    string? PayloadJson = null)
{
    internal static BadgeVerification Fail(BadgeVerificationFailure failure, string reason, string? kid = null) =>
        new(false, failure, reason, kid);
}

/// <summary>
/// Issues and verifies Open Badges 3.0 <c>OpenBadgeCredential</c>s as VC-JWTs (OB 3.0 §8.2 "JSON Web
/// Token Proof Format"): the payload is the credential itself (VC Data Model 2.0) plus the registered
/// claims <c>iss</c> (= issuer.id), <c>jti</c> (= id), <c>sub</c> (= credentialSubject.id), <c>nbf</c>
/// (= validFrom), <c>iat</c> and, when the credential has an end, <c>exp</c> (= validUntil); the header is
/// <c>{"alg":"ES256","typ":"JWT","kid":…}</c>. Signed with the portal's key (<see cref="CredentialKeyStore"/>),
/// verified against the published keys only — the same set as <c>/.well-known/jwks.json</c>.
/// The holder's name is the only personal datum in a credential: no e-mail address, no account id. The one internal
/// number is the status index (<see cref="BadgeCredentialInput.StatusIndex"/>), a position in the public status lists.
/// </summary>
public sealed class OpenBadgeCredentials(CredentialKeyStore keys, TimeProvider time, IOptions<PortalOptions> options)
{
    public static readonly string[] Contexts =
    [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ];

    /// <summary>A token longer than this is refused unread.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Tolerance for clocks that disagree, applied to <c>nbf</c> and <c>exp</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>Builds the credential for one certificate version and returns it signed, as a compact VC-JWT.</summary>
    public async Task<string> IssueAsync(BadgeCredentialInput input, CancellationToken ct)
    {
        Check(input);
        return await SignAsync(Payload(input, time.GetUtcNow()), ct);
    }

    /// <summary>
    /// Signs a payload the portal publishes (a badge credential, a status list credential) as a compact JWS with the
    /// current signing key: header <c>{"alg":"ES256","typ":"JWT","kid":…}</c>, an IEEE P1363 <c>r‖s</c> signature.
    /// </summary>
    public async Task<string> SignAsync(byte[] payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var key = await keys.SigningKeyAsync(ct);
        var signingInput = EncodedHeader(key.Kid) + "." + Jose.Encode(payload);
        using var ecdsa = ECDsa.Create(key.PrivateKey);
        var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Jose.Encode(signature);
    }

    /// <summary>
    /// The first part of every credential signed with key <paramref name="kid"/>: the header is always the
    /// same bytes, so the credentials a key signed are those whose JWT starts with this and a dot.
    /// </summary>
    public static string EncodedHeader(string kid) => Jose.Encode(Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("alg", Jose.Algorithm);
        w.WriteString("typ", "JWT");
        w.WriteString("kid", kid);
        w.WriteEndObject();
    }));

    /// <summary>
    /// Verifies a compact VC-JWT: three strict base64url parts; a JSON header with <c>alg</c> ES256 only
    /// (<c>none</c>, HS* and anything else refused), <c>typ</c> JWT if present, a <c>kid</c> among the
    /// published keys and no other header; the ES256 signature; then the claims against the credential
    /// inside, and <c>nbf</c>/<c>exp</c> against the clock.
    /// </summary>
    public async Task<BadgeVerification> VerifyAsync(string jwt, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(jwt) || jwt.Length > MaxLength)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.Malformed, "The credential is empty or too long.");
        }
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.Malformed, "A credential has three parts separated by dots.");
        }
        if (!Jose.TryDecode(parts[0], out var headerBytes) || ParseObject(headerBytes) is not { } header)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.Malformed, "The header is not base64url-encoded JSON.");
        }
        string? kid;
        using (header)
        {
            var root = header.RootElement;
            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != Jose.Algorithm)
            {
                return BadgeVerification.Fail(BadgeVerificationFailure.UnsupportedAlgorithm, "Only ES256 signatures are accepted.");
            }
            foreach (var member in root.EnumerateObject())
            {
                if (member.Name is not ("alg" or "typ" or "kid"))
                {
                    return BadgeVerification.Fail(BadgeVerificationFailure.UnsupportedAlgorithm, $"The header carries \"{member.Name}\", which the portal never writes.");
                }
            }
            if (root.TryGetProperty("typ", out var typ) && (typ.ValueKind != JsonValueKind.String || typ.GetString() != "JWT"))
            {
                return BadgeVerification.Fail(BadgeVerificationFailure.Malformed, "The header's typ must be JWT.");
            }
            kid = root.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        }
        if (string.IsNullOrEmpty(kid))
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.UnknownKey, "The header names no key (kid).");
        }
        var published = (await keys.PublishedKeysAsync(ct)).FirstOrDefault(p => string.Equals(p.Kid, kid, StringComparison.Ordinal));
        if (published is null)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.UnknownKey, "The key that signed this credential is not published by the portal (unknown or withdrawn).", kid);
        }
        if (!Jose.TryDecode(parts[2], out var signature) || signature.Length != 64)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.BadSignature, "The signature is not a base64url-encoded ES256 signature.", kid);
        }
        using (var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = published.PublicKey }))
        {
            if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return BadgeVerification.Fail(BadgeVerificationFailure.BadSignature, "The signature does not match: the credential was changed or not signed by this key.", kid);
            }
        }
        if (!Jose.TryDecode(parts[1], out var payloadBytes) || ParseObject(payloadBytes) is not { } payload)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.Malformed, "The payload is not base64url-encoded JSON.", kid);
        }
        using (payload)
        {
            return CheckClaims(payload.RootElement, kid, Encoding.UTF8.GetString(payloadBytes));
        }
    }

    private BadgeVerification CheckClaims(JsonElement vc, string kid, string json)
    {
        BadgeVerification Invalid(string reason) => BadgeVerification.Fail(BadgeVerificationFailure.InvalidClaims, reason, kid);

        if (!Contains(vc, "type", "VerifiableCredential") || !(Contains(vc, "type", "OpenBadgeCredential") || Contains(vc, "type", "AchievementCredential")))
        {
            return Invalid("It is not an Open Badges credential.");
        }
        var id = Text(vc, "id");
        var issuer = vc.TryGetProperty("issuer", out var issuerElement)
            ? issuerElement.ValueKind == JsonValueKind.String ? issuerElement.GetString() : Text(issuerElement, "id")
            : null;
        var subject = vc.TryGetProperty("credentialSubject", out var subjectElement) ? Text(subjectElement, "id") : null;
        if (id is null || Text(vc, "jti") != id)
        {
            return Invalid("The jti claim does not match the credential's id.");
        }
        if (issuer is null || Text(vc, "iss") != issuer)
        {
            return Invalid("The iss claim does not match the credential's issuer.");
        }
        if (subject is null || Text(vc, "sub") != subject)
        {
            return Invalid("The sub claim does not match the credential subject's id.");
        }
        if (NumericDate(vc, "nbf") is not { } nbf || Instant(vc, "validFrom") != nbf)
        {
            return Invalid("The nbf claim does not match the credential's validFrom.");
        }
        var exp = NumericDate(vc, "exp");
        if (vc.TryGetProperty("exp", out _) && exp is null)
        {
            return Invalid("The exp claim is not a date.");
        }
        var validUntil = Instant(vc, "validUntil");
        if (exp != validUntil)
        {
            return Invalid("The exp claim does not match the credential's validUntil.");
        }

        var now = time.GetUtcNow();
        if (nbf > now + ClockSkew)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.NotYetValid, "The credential is not valid yet.", kid);
        }
        if (exp is { } expires && expires <= now - ClockSkew)
        {
            return BadgeVerification.Fail(BadgeVerificationFailure.Expired, "The credential has expired.", kid);
        }
        return new BadgeVerification(true, null, "Valid: signed by the portal and unchanged.", kid, id, subject, nbf, exp, json);
    }

    /// <summary>The credential (and its JWT claims) as UTF-8 JSON.</summary>
    private byte[] Payload(BadgeCredentialInput input, DateTimeOffset now)
    {
        var zone = GroupSchedule.Zone(options.Value.DefaultTimeZone);
        // validFrom: the start of the issue date in the portal's zone, never later than the moment of signing.
        var validFrom = Min(StartOf(input.IssuedOn, zone), Seconds(now));
        // validUntil: the end of the last valid day in the portal's zone (the certificate is valid through it).
        DateTimeOffset? validUntil = input.ValidUntil is { } last ? StartOf(last.AddDays(1), zone) : null;
        var id = $"{input.VerificationUrl}#v{input.Version.ToString(CultureInfo.InvariantCulture)}";
        var subjectId = SubjectId(input.CertificateCode);
        var issuerUrl = input.IssuerUrl;

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            foreach (var context in Contexts)
            {
                w.WriteStringValue(context);
            }
            w.WriteEndArray();
            w.WriteString("id", id);
            StringArray(w, "type", "VerifiableCredential", "OpenBadgeCredential");
            w.WriteString("name", input.CredentialTitle);
            w.WriteStartObject("issuer");
            w.WriteString("id", issuerUrl);
            StringArray(w, "type", "Profile");
            w.WriteString("name", input.IssuerName);
            w.WriteString("url", issuerUrl);
            w.WriteEndObject();
            w.WriteString("validFrom", Iso(validFrom));
            if (validUntil is { } until)
            {
                w.WriteString("validUntil", Iso(until));
            }
            w.WriteString("awardedDate", Iso(StartOf(input.AwardedOn, zone)));

            w.WriteStartObject("credentialSubject");
            w.WriteString("id", subjectId);
            StringArray(w, "type", "AchievementSubject");
            w.WriteString("name", input.RecipientName);
            w.WriteStartArray("identifier");
            w.WriteStartObject();
            w.WriteString("type", "IdentityObject");
            w.WriteString("identityType", "name");
            w.WriteBoolean("hashed", false);
            w.WriteString("identityHash", input.RecipientName);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("achievement");
            w.WriteString("id", $"{issuerUrl.TrimEnd('/')}/achievements/{Uri.EscapeDataString(input.ProgramKey)}");
            StringArray(w, "type", "Achievement");
            w.WriteString("achievementType", AchievementType(input.ProgramKey));
            w.WriteString("name", input.CredentialTitle);
            w.WriteString("description", string.IsNullOrWhiteSpace(input.Description) ? $"Awarded by {input.IssuerName} to those who meet the requirements of {input.ProgramTitle}." : input.Description);
            w.WriteStartObject("criteria");
            w.WriteString("narrative", $"Meet every requirement of {input.ProgramTitle}, as checked against the program's published rules and approved by {input.IssuerName}.");
            w.WriteEndObject();
            w.WriteStartObject("creator");
            w.WriteString("id", issuerUrl);
            StringArray(w, "type", "Profile");
            w.WriteString("name", input.IssuerName);
            w.WriteEndObject();
            w.WriteEndObject(); // achievement
            w.WriteEndObject(); // credentialSubject
            if (input.StatusIndex is { } statusIndex)
            {
                StatusLists.WriteEntries(w, issuerUrl, statusIndex);
            }

            // JWT claims (OB 3.0 §8.2.4.1): each mirrors a credential property.
            w.WriteString("iss", issuerUrl);
            w.WriteString("jti", id);
            w.WriteString("sub", subjectId);
            w.WriteNumber("nbf", validFrom.ToUnixTimeSeconds());
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            if (validUntil is { } expires)
            {
                w.WriteNumber("exp", expires.ToUnixTimeSeconds());
            }
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// OB 3.0 achievement type of a program's credential (its definition's <see cref="ProgramDefinition.AchievementType"/>):
    /// endorsements (renewable, revocable, time-limited) are a <c>Certification</c>; the course a
    /// <c>CertificateOfCompletion</c>; rostering and Train-the-Trainer a <c>Certificate</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No program has this key.</exception>
    public static string AchievementType(string programKey, ProgramCatalog? catalog = null) =>
        (catalog ?? ProgramCatalog.Default).Get(programKey).AchievementType.ToString();

    /// <summary>
    /// The credential subject's id: a name-based UUID (RFC 9562 version 8, SHA-256) of the certificate
    /// code, so every version of a certificate names the same holder without carrying any personal datum.
    /// </summary>
    public static string SubjectId(string certificateCode)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("TrainingPortal certificate holder:" + certificateCode));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // variant 10
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static void Check(BadgeCredentialInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.CertificateCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.RecipientName);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.CredentialTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.ProgramTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.ProgramKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.IssuerName);
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Version, 1);
        if (input.StatusIndex is { } statusIndex)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(statusIndex, nameof(input));
        }
        if (!IsWebAddress(input.IssuerUrl) || !IsWebAddress(input.VerificationUrl))
        {
            throw new ArgumentException("IssuerUrl and VerificationUrl must be absolute http(s) addresses.", nameof(input));
        }
    }

    // On Linux "/verify/X" parses as an absolute file: URI, hence the scheme check.
    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static JsonDocument? ParseObject(byte[] utf8)
    {
        try
        {
            var document = JsonDocument.Parse(utf8, Strict);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Contains(JsonElement element, string name, string value) =>
        element.TryGetProperty(name, out var list) && list.ValueKind switch
        {
            JsonValueKind.String => list.GetString() == value,
            JsonValueKind.Array => list.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.String && item.GetString() == value),
            _ => false,
        };

    private static DateTimeOffset? NumericDate(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static DateTimeOffset? Instant(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;

    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone) =>
        new(GroupSchedule.ToUtc(date, TimeOnly.MinValue, zone), TimeSpan.Zero);

    internal static DateTimeOffset Seconds(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    /// <summary>An instant as the credentials write it: UTC, whole seconds, <c>Z</c>.</summary>
    internal static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static void StringArray(Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return stream.ToArray();
    }
}
