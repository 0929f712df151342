using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The format of API keys: <c>tp_{prefix}_{secret}</c>, where the prefix is 8 lower-case letters or
/// digits (public, unique, finds the row) and the secret is 32 random bytes in base64url (43 characters).
/// Only the hex SHA-256 of the whole key string is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string Start = "tp_";
    public const int PrefixLength = 8;
    public const int SecretLength = 43; // 32 bytes, base64url without padding
    public const int KeyLength = 3 + PrefixLength + 1 + SecretLength;
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new key: its public prefix and the whole key string (shown once, never stored).</summary>
    public static (string Prefix, string Key) Create()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (prefix, $"{Start}{prefix}_{secret}");
    }

    /// <summary>Hex SHA-256 of the whole key string, as stored in <see cref="ApiKey.KeyHash"/>.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The prefix of a well-formed key, or <c>null</c>.</summary>
    public static string? PrefixOf(string key)
    {
        if (key.Length != KeyLength || !key.StartsWith(Start, StringComparison.Ordinal) || key[Start.Length + PrefixLength] != '_')
        {
            return null;
        }
        var prefix = key.AsSpan(Start.Length, PrefixLength);
        foreach (var c in prefix)
        {
            if (!PrefixAlphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }
        foreach (var c in key.AsSpan(Start.Length + PrefixLength + 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }
        return prefix.ToString();
    }

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string key, string storedHash)
    {
        Span<byte> stored = stackalloc byte[32];
        if (storedHash.Length != 64 || Convert.FromHexString(storedHash, stored, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), actual);
        return CryptographicOperations.FixedTimeEquals(actual, stored);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Authenticates <c>Authorization: Bearer tp_...</c> API keys. Challenges and refusals answer with
/// <c>application/problem+json</c> (401 with <c>WWW-Authenticate: Bearer</c>, 403), never a redirect.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The authentication type of a principal authenticated by an API key.</summary>
    public const string AuthenticationType = ApiAuthentication.KeyScheme;
    public const string KeyIdClaim = "api_key_id";

    /// <summary>LastUsedUtc is written at most this often per key (not on every request).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Not a bearer token.");
        }
        var key = header["Bearer ".Length..].Trim();
        var prefix = ApiKeyFormat.PrefixOf(key);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.KeyHash, k.RevokedUtc, k.LastUsedUtc })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (stored is null || !ApiKeyFormat.Matches(key, stored.KeyHash))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }
        if (stored.RevokedUtc is not null)
        {
            return AuthenticateResult.Fail("Revoked API key.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (stored.LastUsedUtc is not { } last || now - last >= LastUsedResolution)
        {
            // A direct UPDATE: no entity tracking, no audit row per request.
            await db.ApiKeys.Where(k => k.Id == stored.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedUtc, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "api-key:" + stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, stored.Name),
                new Claim(KeyIdClaim, stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            AuthenticationType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteForbiddenAsync(Context);

    /// <summary>401 problem+json with <c>WWW-Authenticate: Bearer</c>.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication required",
                detail: "Send an API key as 'Authorization: Bearer tp_...' or sign in as an administrator.")
            .ExecuteAsync(context);
    }

    /// <summary>403 problem+json.</summary>
    public static Task WriteForbiddenAsync(HttpContext context) =>
        Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: "Only administrators (or API keys) may use the eligibility API.")
            .ExecuteAsync(context);
}

/// <summary>Registration of the API's authentication schemes and policy.</summary>
public static class ApiAuthentication
{
    /// <summary>The bearer API key scheme.</summary>
    public const string KeyScheme = "ApiKey";

    /// <summary>
    /// The scheme the API's policy uses: a request with an <c>Authorization</c> header is
    /// authenticated by its API key, any other by the portal's session cookie; challenges and
    /// refusals always go to the API key handler, so they are problem+json and never a redirect.
    /// </summary>
    public const string ApiScheme = "Api";

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(KeyScheme, null)
            .AddPolicyScheme(ApiScheme, null, o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey("Authorization") ? KeyScheme : IdentityConstants.ApplicationScheme;
                o.ForwardChallenge = KeyScheme;
                o.ForwardForbid = KeyScheme;
            });

        // Anything else under /api/ (an unknown address, a wrong method) falls to the fallback policy
        // and the cookie: answer it the API's way too, not with the sign-in page.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var redirectToLogin = o.Events.OnRedirectToLogin;
            var redirectToAccessDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? ApiKeyAuthenticationHandler.WriteUnauthorizedAsync(context.HttpContext)
                : redirectToLogin(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? ApiKeyAuthenticationHandler.WriteForbiddenAsync(context.HttpContext)
                : redirectToAccessDenied(context);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Api, p => p
                .AddAuthenticationSchemes(ApiScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c =>
                    c.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.AuthenticationType
                    || c.User.IsInRole(Domain.Roles.Administrator)));
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
