using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Identity's user store, except that recovery codes are kept as salted PBKDF2 hashes instead of in clear text
/// (OWASP ASVS 5.0 V6.5.2: lookup secrets of under 112 bits are stored hashed with a random salt). A code is
/// about 50 random bits; with <see cref="Iterations"/> rounds, trying every code against a stolen hash costs
/// ~2^63 HMAC operations per code, while checking the ten codes of one person at sign-in takes milliseconds.
/// </summary>
public sealed class HashedRecoveryCodes(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    public const int Iterations = 10_000;
    private const string Prefix = "p1$";

    // Identity's own names for the token row that holds the codes (UserStoreBase).
    private const string InternalProvider = "[AspNetUserStore]";
    private const string RecoveryCodesName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalProvider, RecoveryCodesName, cancellationToken) ?? "";
        var entries = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var match = entries.FindIndex(e => Matches(e, code));
        if (match < 0)
        {
            return false;
        }
        entries.RemoveAt(match);
        // The remaining entries are hashes already: store them as they are.
        await base.ReplaceCodesAsync(user, entries, cancellationToken);
        return true;
    }

    internal static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Prefix + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(Derive(code, salt));
    }

    internal static bool Matches(string entry, string code)
    {
        var parts = entry.Split('$');
        if (parts.Length != 3 || parts[0] + "$" != Prefix)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[1]);
            var expected = Convert.FromBase64String(parts[2]);
            return CryptographicOperations.FixedTimeEquals(Derive(code, salt), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
