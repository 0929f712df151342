using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Two-step sign-in (TOTP authenticator apps and recovery codes) on top of ASP.NET Core Identity, and the rule
/// that an administrator uses the portal only after signing in with both steps (OWASP ASVS 5.0 V6.3.3, V6.5, V6.6).
/// </summary>
public static class TwoFactorSetup
{
    /// <summary>Where an administrator without a second step is sent (the two-factor screen's set-up page).</summary>
    public const string SetUpPath = "/account/two-factor/set-up";

    /// <summary>The cookie that carries "password accepted, code still due" between the two sign-in steps.</summary>
    public const string CookieName = "__Host-TrainingPortal.2fa";
    public const string DevelopmentCookieName = "TrainingPortal.Dev.2fa";

    /// <summary>Identity marks a session signed in with both steps with this claim ("amr" = "mfa").</summary>
    public const string MethodClaim = "amr";
    public const string MultiFactor = "mfa";

    /// <summary>How long the second step may take after the password was accepted.</summary>
    public static readonly TimeSpan SecondStepTimeout = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddPortalTwoFactor(this IServiceCollection services, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        services.AddTransient<AuthenticatorCodes>();
        // Recovery codes stored hashed (replaces the store AddEntityFrameworkStores registered, whichever runs first).
        services.Replace(ServiceDescriptor.Scoped<IUserStore<AppUser>, HashedRecoveryCodes>());
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[AuthenticatorCodes.ProviderName] = new TokenProviderDescriptor(typeof(AuthenticatorCodes));
            o.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
        });

        // Same rules as the session cookie: __Host- prefix and Secure outside Development (ADR-006).
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = development ? DevelopmentCookieName : CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = SecondStepTimeout;
            o.SlidingExpiration = false;
        });
        // "Remember this device" is never offered; should the cookie ever be set, it follows the same rules.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = development ? DevelopmentCookieName + ".Device" : CookieName + ".Device";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });

        // The periodic security-stamp check rebuilds the session's claims and would drop "signed in with two
        // steps" (Identity's own comment: "we lost login authentication method"): carry it over.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            var previous = o.OnRefreshingPrincipal;
            o.OnRefreshingPrincipal = async context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var claim in current.FindAll(MethodClaim))
                    {
                        if (!identity.HasClaim(MethodClaim, claim.Value))
                        {
                            identity.AddClaim(new Claim(MethodClaim, claim.Value));
                        }
                    }
                }
                if (previous is not null)
                {
                    await previous(context);
                }
            };
        });
        return services;
    }

    /// <summary>Whether this session was signed in with both steps.</summary>
    public static bool SignedInWithTwoSteps(this ClaimsPrincipal user) => user.HasClaim(MethodClaim, MultiFactor);

    /// <summary>An administrator's session signed in with the password only: it may use the set-up pages and sign out, nothing else.</summary>
    public static bool MustSetUpTwoFactor(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Domain.Roles.Administrator) && !user.SignedInWithTwoSteps();

    /// <summary>
    /// Sends an administrator who signed in without a second step to the set-up page from every page except
    /// what anyone may see without signing in, the set-up pages and sign-out (marked <see cref="AllowedBeforeTwoFactorAttribute"/>).
    /// The JSON API answers 403 instead of a redirect.
    /// </summary>
    public static IApplicationBuilder UseAdministratorTwoFactor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.MustSetUpTwoFactor())
            {
                var endpoint = context.GetEndpoint();
                var allowed = endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    || endpoint?.Metadata.GetMetadata<AllowedBeforeTwoFactorAttribute>() is not null;
                if (!allowed)
                {
                    if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }
                    context.Response.Redirect(SetUpPath);
                    return;
                }
            }
            await next(context);
        });
}

/// <summary>An action an administrator may use before setting up two-step sign-in (the set-up pages, sign-out).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowedBeforeTwoFactorAttribute : Attribute;
