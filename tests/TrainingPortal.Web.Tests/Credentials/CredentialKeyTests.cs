using Microsoft.AspNetCore.Hosting;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using TrainingPortal.Web.Features.Credentials;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>The signing keys: storage, rotation and withdrawal from the command line, and the published set.</summary>
public sealed class CredentialKeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        _ = factory.Server; // the app is built and its database migrated
        var output = new StringWriter();
        var exit = await CredentialKeyCommands.RunAsync(factory.Services, args, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task After_a_rotation_old_credentials_still_verify_new_ones_use_the_new_key_and_both_keys_are_published()
    {
        var old = await factory.IssueAsync();
        var oldKid = Badges.Kid(old);

        var (exit, output) = await RunAsync(CredentialKeyCommands.Rotate);

        Assert.Equal(0, exit);
        Assert.Contains($"Retired (still published, its credentials keep verifying): {oldKid}", output, StringComparison.Ordinal);
        var fresh = await factory.IssueAsync();
        var newKid = Badges.Kid(fresh);
        Assert.NotEqual(oldKid, newKid);
        Assert.Contains($"New signing key: {newKid}", output, StringComparison.Ordinal);
        Assert.True((await factory.VerifyAsync(old)).IsValid);
        Assert.True((await factory.VerifyAsync(fresh)).IsValid);
        var keys = await factory.JwksAsync();
        Assert.Contains(oldKid, Badges.Kids(keys));
        Assert.Contains(newKid, Badges.Kids(keys));
        Assert.True(Badges.SignatureMatches(old, keys.Single(k => (string)k!["kid"]! == oldKid)!));
        Assert.True(Badges.SignatureMatches(fresh, keys.Single(k => (string)k!["kid"]! == newKid)!));
    }

    [Fact]
    public async Task A_withdrawn_key_is_no_longer_published_and_its_credentials_fail()
    {
        var old = await factory.IssueAsync();
        var oldKid = Badges.Kid(old);
        Assert.Equal(0, (await RunAsync(CredentialKeyCommands.Rotate)).Exit);
        var kept = await factory.IssueAsync();
        // Its certificates: one current (to re-issue), one revoked, one already re-issued with the new key.
        await AddCertificateAsync(old);
        await AddCertificateAsync(old, revoked: true);
        await AddCertificateAsync(old, kept);

        var (exit, output) = await RunAsync(CredentialKeyCommands.Withdraw, "--kid", oldKid);

        Assert.Equal(0, exit);
        Assert.Contains("no longer verify", output, StringComparison.Ordinal);
        Assert.Contains("Certificates not revoked whose current version it signed: 1.", output, StringComparison.Ordinal);
        var verification = await factory.VerifyAsync(old);
        Assert.False(verification.IsValid);
        Assert.Equal(BadgeVerificationFailure.UnknownKey, verification.Failure);
        Assert.DoesNotContain(oldKid, Badges.Kids(await factory.JwksAsync()));
        Assert.True((await factory.VerifyAsync(kept)).IsValid);
        Assert.Equal((0, $"Key {oldKid} was already withdrawn.{Environment.NewLine}"), await RunAsync(CredentialKeyCommands.Withdraw, "--kid", oldKid));
    }

    [Fact]
    public async Task Withdrawing_the_signing_key_puts_a_new_one_in_its_place()
    {
        var signed = await factory.IssueAsync();
        var kid = Badges.Kid(signed);

        var (exit, output) = await RunAsync(CredentialKeyCommands.Withdraw, "--kid", kid);

        Assert.Equal(0, exit);
        var next = await factory.IssueAsync();
        Assert.NotEqual(kid, Badges.Kid(next));
        Assert.Contains($"New signing key: {Badges.Kid(next)}", output, StringComparison.Ordinal);
        Assert.False((await factory.VerifyAsync(signed)).IsValid);
        Assert.True((await factory.VerifyAsync(next)).IsValid);
    }

    [Theory]
    [InlineData(1, "withdraw-credential-key", "--kid", "no-such-key")]
    [InlineData(2, "withdraw-credential-key")]
    [InlineData(2, "withdraw-credential-key", "--kid")]
    [InlineData(2, "withdraw-credential-key", "--kid", " ")]
    [InlineData(2, "withdraw-credential-key", "no-such-key")]
    [InlineData(2, "rotate-credential-key", "--now")]
    [InlineData(2, "create-admin")]
    public async Task The_commands_exit_with_1_when_refused_and_2_for_usage_and_change_nothing(int expected, params string[] args)
    {
        await factory.IssueAsync();
        var before = await factory.WithDbAsync(db => db.CredentialSigningKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new { k.Id, k.RetiredUtc, k.WithdrawnUtc }).ToListAsync());

        var (exit, output) = await RunAsync(args);

        Assert.Equal(expected, exit);
        Assert.Contains(expected == 2 ? "Usage:" : "No credential signing key has the id no-such-key", output, StringComparison.Ordinal);
        var after = await factory.WithDbAsync(db => db.CredentialSigningKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new { k.Id, k.RetiredUtc, k.WithdrawnUtc }).ToListAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_private_key_is_stored_only_encrypted_and_the_public_key_has_no_private_part()
    {
        var kid = Badges.Kid(await factory.IssueAsync());
        var row = await factory.WithDbAsync(db => db.CredentialSigningKeys.AsNoTracking().SingleAsync(k => k.Id == kid));

        // The app's own protector opens it: it is the key behind the published JWK.
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(CredentialKeyStore.ProtectorPurpose);
        var pkcs8 = protector.Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        var parameters = ecdsa.ExportParameters(true);
        Assert.Equal(WebEncoders.Base64UrlEncode(parameters.Q.X!), (string)System.Text.Json.Nodes.JsonNode.Parse(row.PublicJwk)!["x"]!);

        // …but neither the PKCS#8 bytes nor the private scalar d appear in the column, in any usual encoding.
        var stored = Convert.FromBase64String(row.ProtectedPrivateKey);
        Assert.False(Contains(stored, pkcs8));
        Assert.False(Contains(stored, parameters.D!));
        Assert.False(Contains(Encoding.UTF8.GetBytes(row.ProtectedPrivateKey), pkcs8));
        foreach (var text in new[] { Convert.ToBase64String(pkcs8), WebEncoders.Base64UrlEncode(parameters.D!), Convert.ToHexString(parameters.D!), Convert.ToBase64String(parameters.D!) })
        {
            Assert.DoesNotContain(text, row.ProtectedPrivateKey, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("\"d\"", row.PublicJwk, StringComparison.Ordinal);
        Assert.All(await factory.JwksAsync(), k => Assert.Null(k!["d"]));

        // The audit row of the new key names it without its private part.
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "CredentialSigningKey" && a.EntityId == kid && a.Action == "Added"));
        Assert.DoesNotContain(row.ProtectedPrivateKey, audit.Changes ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("ProtectedPrivateKey", audit.Changes ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_by_another_process_reaches_a_running_instance_within_a_minute()
    {
        factory.Services.GetRequiredService<CredentialKeyStore>().Invalidate(); // the cache starts now
        var signed = await factory.IssueAsync();
        var kid = Badges.Kid(signed);
        Assert.True((await factory.VerifyAsync(signed)).IsValid);

        // The command line runs in its own process: here, a direct update the running app does not hear of.
        await factory.WithDbAsync(db => db.CredentialSigningKeys.Where(k => k.Id == kid)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.WithdrawnUtc, DateTime.UtcNow).SetProperty(k => k.RetiredUtc, DateTime.UtcNow)));

        factory.Time.Advance(CredentialKeyStore.CacheLifetime - TimeSpan.FromSeconds(1));
        Assert.True((await factory.VerifyAsync(signed)).IsValid); // still cached
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BadgeVerificationFailure.UnknownKey, (await factory.VerifyAsync(signed)).Failure);
        Assert.DoesNotContain(kid, Badges.Kids(await factory.JwksAsync()));
        Assert.NotEqual(kid, Badges.Kid(await factory.IssueAsync())); // and a new signing key replaced it
    }

    private Task<int> AddCertificateAsync(string firstJwt, string? secondJwt = null, bool revoked = false) => factory.WithDbAsync(async db =>
    {
        var person = await factory.CreateAsync();
        var today = factory.Today();
        var certificate = new Certificate
        {
            PersonId = person.Id, ProgramKey = "mio-rostering", Code = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), IssuedOn = today,
            CurrentVersion = secondJwt is null ? 1 : 2, RevokedOn = revoked ? today : null,
        };
        certificate.Versions.Add(new CertificateVersion { Number = 1, IssuedOn = today, CredentialJwt = firstJwt });
        if (secondJwt is not null)
        {
            certificate.Versions.Add(new CertificateVersion { Number = 2, IssuedOn = today, CredentialJwt = secondJwt, Reason = "Name changed" });
        }
        db.Certificates.Add(certificate);
        return await db.SaveChangesAsync();
    });

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

/// <summary>A portal without any key yet: the first credential creates one, once, however many are issued at the same moment.</summary>
public sealed class CredentialKeyFirstUseTests(CredentialKeyFirstUseTests.WithoutDemoData factory) : IClassFixture<CredentialKeyFirstUseTests.WithoutDemoData>
{
    /// <summary>The demo seed issues a certificate (and so creates a key): this class starts from none.</summary>
    public sealed class WithoutDemoData : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:SeedDemoData", "false");
        }
    }

    [Fact]
    public async Task The_first_credentials_create_one_signing_key_even_when_issued_at_the_same_moment()
    {
        _ = factory.Server;
        Assert.Equal(0, await factory.WithDbAsync(db => db.CredentialSigningKeys.CountAsync()));
        Assert.Empty(await factory.JwksAsync());

        var today = factory.Today();
        var issued = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => factory.IssueAsync(Badges.Input(today, code: $"FIRST{i:D5}")))));

        Assert.Single(issued.Select(Badges.Kid).Distinct());
        var row = Assert.Single(await factory.WithDbAsync(db => db.CredentialSigningKeys.AsNoTracking().ToListAsync()));
        Assert.Equal(Badges.Kid(issued[0]), row.Id);
        Assert.Equal("ES256", row.Algorithm);
        Assert.Null(row.RetiredUtc);
        Assert.Equal([row.Id], Badges.Kids(await factory.JwksAsync()));
    }
}
