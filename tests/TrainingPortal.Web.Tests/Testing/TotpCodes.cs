using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Two-step sign-in for tests: turns it on for an account as the set-up page would, and computes the code an
/// authenticator app would show — RFC 6238 written out here on its own, so the app's implementation is checked
/// against it rather than against itself.
/// </summary>
public static class TotpCodes
{
    /// <summary>RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from a Base32 key.</summary>
    public static string Code(string base32Key, long step)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 is HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    /// <summary>Turns two-step sign-in on for <paramref name="email"/> with a new key (no recovery codes) and returns the key.</summary>
    public static Task<string> EnableTwoFactorAsync(this PortalFactory factory, string email) =>
        factory.WithScopeAsync(services => EnableAsync(services, email));

    public static async Task<string> EnableAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No account " + email);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>An administrator must sign in with two steps: turns it on for one who has not (the demo admin, test admins).</summary>
    public static Task EnsureAdministratorTwoFactorAsync(this PortalFactory factory, string email) =>
        factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is { } user && !user.TwoFactorEnabled && await users.IsInRoleAsync(user, Roles.Administrator))
            {
                await EnableAsync(services, email);
            }
            return 0;
        });

    /// <summary>
    /// The code the person's app shows at the factory's (fake, frozen) time. The app accepts each time step once, and
    /// tests sign the same person in many times without moving the clock; when the current steps are used up, this
    /// forgets the last used step — standing for a person who waited for the next code.
    /// </summary>
    public static Task<string> CurrentCodeAsync(this PortalFactory factory, string email) =>
        factory.WithScopeAsync(services => CurrentCodeAsync(services, email, factory.Time.GetUtcNow()));

    public static async Task<string> CurrentCodeAsync(IServiceProvider services, string email, DateTimeOffset now)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No account " + email);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key for " + email);
        var last = long.TryParse(await users.GetAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.LastStepToken),
            CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        var current = StepAt(now);
        if (last >= current)
        {
            Assert.True((await users.RemoveAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.LastStepToken)).Succeeded);
        }
        return Code(key, current);
    }

    public static bool IsSecondStep(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.StartsWith(TwoFactorController.SignInPath, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Posts the current code on the second sign-in step.</summary>
    public static async Task<HttpResponseMessage> CompleteSecondStepAsync(this HttpClient client, PortalFactory factory, string email) =>
        await client.PostFormAsync(TwoFactorController.SignInPath, ("Code", await factory.CurrentCodeAsync(email)));
}
