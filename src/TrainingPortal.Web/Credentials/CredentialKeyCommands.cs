namespace TrainingPortal.Web.Credentials;

/// <summary>
/// Command-line key management (docs/operations.md, "Credential signing keys"):
/// <c>rotate-credential-key</c> creates a new signing key and retires the current one (still published);
/// <c>withdraw-credential-key --kid K</c> removes a compromised key from the published set, after which the
/// credentials it signed no longer verify. Exit codes as <c>create-admin</c>: 0 done, 1 refused, 2 usage.
/// </summary>
public static class CredentialKeyCommands
{
    public const string Rotate = "rotate-credential-key";
    public const string Withdraw = "withdraw-credential-key";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is Rotate or Withdraw;

    public static async Task<int> RunAsync(IServiceProvider root, string[] args, TextWriter output)
    {
        string? kid = null;
        var usage = args.Length == 0 || !Handles(args);
        if (!usage && args[0] == Rotate)
        {
            usage = args.Length != 1;
        }
        else if (!usage)
        {
            kid = args.Length == 3 && args[1] == "--kid" && !string.IsNullOrWhiteSpace(args[2]) ? args[2].Trim() : null;
            usage = kid is null;
        }
        if (usage)
        {
            await output.WriteLineAsync($"Usage: {Rotate}");
            await output.WriteLineAsync($"       {Withdraw} --kid <key id>   (credentials signed with that key stop verifying)");
            return 2;
        }

        await using (var scope = root.CreateAsyncScope())
        {
            await DatabaseInitializer.MigrateAsync(scope.ServiceProvider);
        }
        var store = root.GetRequiredService<CredentialKeyStore>();

        if (kid is null)
        {
            var rotated = await store.RotateAsync();
            await output.WriteLineAsync($"New signing key: {rotated.NewKid}");
            foreach (var old in rotated.RetiredKids)
            {
                await output.WriteLineAsync($"Retired (still published, its credentials keep verifying): {old}");
            }
            return 0;
        }

        var withdrawn = await store.WithdrawAsync(kid);
        if (withdrawn is null)
        {
            await output.WriteLineAsync($"No credential signing key has the id {kid}. Published keys are listed at /.well-known/jwks.json.");
            return 1;
        }
        await output.WriteLineAsync(withdrawn.AlreadyWithdrawn
            ? $"Key {kid} was already withdrawn."
            : $"Key {kid} is withdrawn (no longer published): credentials it signed no longer verify.");
        if (!withdrawn.AlreadyWithdrawn)
        {
            await output.WriteLineAsync($"Certificates not revoked whose current version it signed: {await CurrentCertificatesSignedWithAsync(root, kid)}. Re-issue them (docs/operations.md).");
        }
        if (withdrawn.NewKid is { } replacement)
        {
            await output.WriteLineAsync($"New signing key: {replacement}");
        }
        return 0;
    }

    /// <summary>Certificates (not revoked) whose current version's credential the key signed.</summary>
    private static async Task<int> CurrentCertificatesSignedWithAsync(IServiceProvider root, string kid)
    {
        var prefix = OpenBadgeCredentials.EncodedHeader(kid) + ".";
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Certificates
            .Where(c => c.RevokedOn == null)
            .CountAsync(c => c.Versions.Any(v => v.Number == c.CurrentVersion && v.CredentialJwt != null && v.CredentialJwt.Substring(0, prefix.Length) == prefix));
    }
}
