namespace TrainingPortal.Web.Credentials;

/// <summary>
/// Makes the portal's status list credentials (W3C Bitstring Status List v1.0, <see cref="StatusLists"/>) at request
/// time from the certificates table: a bit is set when the certificate at that index is, today in the portal's zone,
/// revoked (the revocation list) or expired or lapsed (the suspension list) — the same states
/// <see cref="CertificateStates"/> gives the verification page, through <see cref="CertificateValidity"/>. One query
/// reads only the status indexes of the certificates whose bit is set in the list's range; nothing personal is read or
/// written. The credential is a <c>BitstringStatusListCredential</c> signed exactly like the badges
/// (<see cref="OpenBadgeCredentials.SignAsync"/>: ES256, the keys of <c>/.well-known/jwks.json</c>).
/// </summary>
public sealed class StatusListCredentials(AppDbContext db, OpenBadgeCredentials badges, PortalClock clock, PublicAddress publicAddress)
{
    /// <summary>The list <paramref name="list"/> of a purpose as it stands now, signed as a compact VC-JWT.</summary>
    public async Task<string> SignedAsync(StatusPurpose purpose, int list, CancellationToken ct)
    {
        var set = await SetIndexesAsync(purpose, list, clock.Today, ct);
        return await badges.SignAsync(Payload(purpose, list, set, OpenBadgeCredentials.Seconds(clock.Now)), ct);
    }

    /// <summary>
    /// The positions (inside list <paramref name="list"/>) whose bit is set on <paramref name="today"/>: the status
    /// indexes of the certificates in the list's range that are revoked, or expired or lapsed. One query.
    /// </summary>
    public async Task<IReadOnlyList<int>> SetIndexesAsync(StatusPurpose purpose, int list, DateOnly today, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(list);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(list, StatusLists.MaxList);
        // The last list ends at int.MaxValue: the range is written with <= so that nothing overflows.
        var first = list * StatusLists.ListSize;
        var last = first + (StatusLists.ListSize - 1);
        var inList = db.Certificates.AsNoTracking().Where(c => c.EnrollmentId >= first && c.EnrollmentId <= last);
        var set = purpose switch
        {
            StatusPurpose.Revocation => inList.Where(CertificateValidity.RevokedOn(today)),
            StatusPurpose.Suspension => inList.Where(CertificateValidity.ExpiredOrLapsedOn(today)),
        };
        var indexes = await set.Select(c => c.EnrollmentId!.Value).ToListAsync(ct);
        return [.. indexes.Select(index => index - first)];
    }

    /// <summary>
    /// The <c>BitstringStatusListCredential</c> and its JWT claims: <c>id</c> = the list's address, issuer = the
    /// portal's public address (the badges' issuer id), valid from now for <see cref="StatusLists.Validity"/>, the
    /// subject a <c>BitstringStatusList</c> with its purpose, <c>encodedList</c> and <c>ttl</c> (milliseconds).
    /// </summary>
    private byte[] Payload(StatusPurpose purpose, int list, IReadOnlyList<int> set, DateTimeOffset now)
    {
        var issuer = publicAddress.Base;
        var id = StatusLists.ListUrl(issuer, purpose, list);
        var subjectId = id + "#list";
        var until = now + StatusLists.Validity;
        return OpenBadgeCredentials.Json(w =>
        {
            w.WriteStartObject();
            OpenBadgeCredentials.StringArray(w, "@context", OpenBadgeCredentials.Contexts[0]);
            w.WriteString("id", id);
            OpenBadgeCredentials.StringArray(w, "type", "VerifiableCredential", "BitstringStatusListCredential");
            w.WriteString("issuer", issuer);
            w.WriteString("validFrom", OpenBadgeCredentials.Iso(now));
            w.WriteString("validUntil", OpenBadgeCredentials.Iso(until));
            w.WriteStartObject("credentialSubject");
            w.WriteString("id", subjectId);
            w.WriteString("type", "BitstringStatusList");
            w.WriteString("statusPurpose", purpose.Name());
            w.WriteString("encodedList", StatusLists.EncodedList(set));
            w.WriteNumber("ttl", (long)StatusLists.TimeToLive.TotalMilliseconds);
            w.WriteEndObject();

            // JWT claims, as on the badges: each mirrors a credential property.
            w.WriteString("iss", issuer);
            w.WriteString("jti", id);
            w.WriteString("sub", subjectId);
            w.WriteNumber("nbf", now.ToUnixTimeSeconds());
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", until.ToUnixTimeSeconds());
            w.WriteEndObject();
        });
    }
}
