using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Checks authenticator-app codes for Identity (it replaces Identity's own authenticator provider, see
/// <see cref="TwoFactorSetup"/>), with two differences: a code is accepted one 30-second step either side
/// of now (Identity allows two), and <b>a code is accepted once</b>: the last accepted time step is kept
/// per person, and a code of that step or an earlier one is refused (OWASP ASVS 5.0 V6.5.1).
/// </summary>
/// <remarks>
/// Two requests racing with the same code both read the old last step, but only one can save: saving
/// the new step updates the account row under its concurrency stamp, so the second save fails and its
/// code is refused.
/// </remarks>
public sealed class AuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    /// <summary>The provider name Identity knows this class by.</summary>
    public const string ProviderName = "PortalAuthenticator";

    /// <summary>User token (login provider, name) holding the last accepted time step; not a secret.</summary>
    public const string TokenProvider = "TrainingPortal";
    public const string LastStepToken = "LastAuthenticatorStep";

    /// <summary>User token holding a key being set up and not yet confirmed (see <see cref="TwoFactorController"/>).</summary>
    public const string PendingKeyToken = "PendingAuthenticatorKey";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing is sent: the code comes from the person's app.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        return key is not null && await AcceptOnceAsync(manager, user, key, token);
    }

    /// <summary>
    /// Whether <paramref name="typed"/> is a current code of <paramref name="key"/> not used before; if so,
    /// records its time step so that it (and any earlier one) is refused from now on.
    /// </summary>
    public async Task<bool> AcceptOnceAsync(UserManager<AppUser> manager, AppUser user, string key, string? typed)
    {
        var code = Totp.Normalize(typed);
        if (code is null || Totp.MatchingStep(key, code, time.GetUtcNow()) is not { } step)
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastStepToken);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }
        var saved = await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}
