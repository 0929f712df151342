using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TrainingPortal.Web.Credentials;

/// <summary>A published public key: its <c>kid</c>, the P-256 point and whether it still signs.</summary>
public sealed record PublishedKey(string Kid, ECPoint PublicKey, DateTime CreatedUtc, DateTime? RetiredUtc);

/// <summary>The key new credentials are signed with.</summary>
public sealed record SigningKey(string Kid, ECParameters PrivateKey);

/// <summary>What a rotation or a withdrawal did.</summary>
public sealed record KeyChange(string? NewKid, IReadOnlyList<string> RetiredKids, bool AlreadyWithdrawn = false);

/// <summary>
/// The portal's Open Badges signing keys (ES256, P-256) over <see cref="CredentialSigningKey"/> rows.
/// The private key is stored as PKCS#8 protected with ASP.NET Core Data Protection (purpose
/// <see cref="ProtectorPurpose"/>); the public key as a JWK whose <c>kid</c> is its RFC 7638 thumbprint.
/// The signing key is the newest key that is neither retired nor withdrawn, created on first use.
/// Published keys (the JWKS, and what <see cref="OpenBadgeCredentials.VerifyAsync"/> trusts) are all
/// keys not withdrawn. Both are cached in memory and re-read at most once per <see cref="CacheLifetime"/>
/// (one small query); the private key is unprotected only when the signing key changes. A rotation or
/// withdrawal made by another process (the command line) therefore reaches a running instance within
/// <see cref="CacheLifetime"/>.
/// </summary>
public sealed class CredentialKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider time) : IDisposable
{
    public const string ProtectorPurpose = "TrainingPortal.CredentialSigningKeys.v1";

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<PublishedKey> Published, SigningKey? Signing, DateTimeOffset LoadedAt);

    /// <summary>Every key not withdrawn, newest first: the set a verifier may trust.</summary>
    public async Task<IReadOnlyList<PublishedKey>> PublishedKeysAsync(CancellationToken ct = default) =>
        (await CurrentAsync(ct)).Published;

    /// <summary>The key to sign with now; one is created if there is none.</summary>
    public async Task<SigningKey> SigningKeyAsync(CancellationToken ct = default)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.Signing is { } signing)
        {
            return signing;
        }
        await _gate.WaitAsync(ct);
        try
        {
            snapshot = await LoadAsync(_snapshot, ct);
            if (snapshot.Signing is null)
            {
                await CreateKeyAsync(ct);
                snapshot = await LoadAsync(snapshot, ct);
            }
            _snapshot = snapshot;
            return snapshot.Signing ?? throw new InvalidOperationException("No credential signing key could be created.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates a new signing key and retires every key that was signing (they stay published).</summary>
    public async Task<KeyChange> RotateAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var signing = await db.CredentialSigningKeys.Where(k => k.RetiredUtc == null && k.WithdrawnUtc == null).ToListAsync(ct);
        foreach (var key in signing)
        {
            key.RetiredUtc = now;
        }
        var created = NewKey(now);
        db.CredentialSigningKeys.Add(created);
        await db.SaveChangesAsync(ct);
        Invalidate();
        return new KeyChange(created.Id, [.. signing.Select(k => k.Id)]);
    }

    /// <summary>
    /// Removes a key from the published set: credentials it signed stop verifying. When it was the
    /// signing key, a new one takes its place. Null when there is no key with that id.
    /// </summary>
    public async Task<KeyChange?> WithdrawAsync(string kid, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = await db.CredentialSigningKeys.SingleOrDefaultAsync(k => k.Id == kid, ct);
        if (key is null)
        {
            return null;
        }
        if (key.WithdrawnUtc is not null)
        {
            return new KeyChange(null, [], AlreadyWithdrawn: true);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var wasSigning = key.RetiredUtc is null;
        key.WithdrawnUtc = now;
        key.RetiredUtc ??= now;
        string? replacement = null;
        if (wasSigning && !await db.CredentialSigningKeys.AnyAsync(k => k.Id != kid && k.RetiredUtc == null && k.WithdrawnUtc == null, ct))
        {
            var created = NewKey(now);
            db.CredentialSigningKeys.Add(created);
            replacement = created.Id;
        }
        await db.SaveChangesAsync(ct);
        Invalidate();
        return new KeyChange(replacement, wasSigning ? [kid] : []);
    }

    /// <summary>Forgets the cached keys: the next use reads them again.</summary>
    public void Invalidate() => _snapshot = null;

    public void Dispose() => _gate.Dispose();

    private async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < CacheLifetime)
        {
            return snapshot;
        }
        await _gate.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is null || time.GetUtcNow() - snapshot.LoadedAt >= CacheLifetime)
            {
                snapshot = await LoadAsync(snapshot, ct);
                _snapshot = snapshot;
            }
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the published keys (one query) and, only if the signing key changed, its protected private key.</summary>
    private async Task<Snapshot> LoadAsync(Snapshot? previous, CancellationToken ct)
    {
        var loadedAt = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.CredentialSigningKeys.AsNoTracking()
            .Where(k => k.WithdrawnUtc == null)
            .Select(k => new { k.Id, k.PublicJwk, k.CreatedUtc, k.RetiredUtc })
            .ToListAsync(ct);
        var published = new List<PublishedKey>(rows.Count);
        foreach (var row in rows)
        {
            // A row whose JWK does not parse, or whose id is not its thumbprint, is never trusted.
            if (Jose.ParsePublicJwk(row.PublicJwk) is { } q && Jose.Thumbprint(q) == row.Id)
            {
                published.Add(new PublishedKey(row.Id, q, row.CreatedUtc, row.RetiredUtc));
            }
        }
        published = [.. published.OrderByDescending(k => k.CreatedUtc).ThenBy(k => k.Kid, StringComparer.Ordinal)];

        var active = published.FirstOrDefault(k => k.RetiredUtc is null);
        SigningKey? signing = null;
        if (active is not null)
        {
            signing = previous?.Signing is { } cached && cached.Kid == active.Kid
                ? cached
                : await UnprotectAsync(db, active, ct);
        }
        return new Snapshot(published, signing, loadedAt);
    }

    private async Task<SigningKey> UnprotectAsync(AppDbContext db, PublishedKey key, CancellationToken ct)
    {
        var protectedKey = await db.CredentialSigningKeys.AsNoTracking()
            .Where(k => k.Id == key.Kid)
            .Select(k => k.ProtectedPrivateKey)
            .SingleAsync(ct);
        byte[] pkcs8;
        try
        {
            pkcs8 = _protector.Unprotect(Convert.FromBase64String(protectedKey));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new InvalidOperationException(
                $"The private part of credential signing key {key.Kid} cannot be decrypted (is the Data Protection key ring missing?). " +
                "Run the rotate-credential-key command to create a new signing key; see docs/operations.md.", e);
        }
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            if (Jose.Thumbprint(parameters.Q) != key.Kid)
            {
                throw new InvalidOperationException($"The private key stored for credential signing key {key.Kid} does not match its public key.");
            }
            return new SigningKey(key.Kid, parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private async Task CreateKeyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CredentialSigningKeys.Add(NewKey(time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    private CredentialSigningKey NewKey(DateTime nowUtc)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        try
        {
            return new CredentialSigningKey
            {
                Id = Jose.Thumbprint(q),
                Algorithm = Jose.Algorithm,
                PublicJwk = Jose.PublicJwk(q),
                ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(pkcs8)),
                CreatedUtc = nowUtc,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
