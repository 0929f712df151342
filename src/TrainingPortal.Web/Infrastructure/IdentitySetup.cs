using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>Identity, the auth cookie and password policy (OWASP ASVS 5.0 level 2, chapters V6 and V7).</summary>
public static class IdentitySetup
{
    public const string AuthCookieName = "__Host-TrainingPortal";
    public const string AntiforgeryCookieName = "__Host-TrainingPortal.Af";

    // Development serves plain http://localhost (no certificate to install): there the cookies follow
    // the request's scheme and cannot carry the __Host- prefix, which requires Secure. See ADR-006.
    public const string DevelopmentAuthCookieName = "TrainingPortal.Dev";
    public const string DevelopmentAntiforgeryCookieName = "TrainingPortal.Dev.Af";
    public const string TempDataCookieName = "__Host-TrainingPortal.TempData";
    public const string DevelopmentTempDataCookieName = "TrainingPortal.Dev.TempData";
    public const int PasswordMinLength = 12;
    public const int Pbkdf2Iterations = 210_000;
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromHours(8);
    public static readonly TimeSpan SessionAbsoluteLimit = TimeSpan.FromHours(12);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedLogins = 5;
    private const string AbsoluteExpiryKey = ".absolute-expiry";

    /// <summary>
    /// Whether Identity's security-stamp validator would do anything for this cookie: the same test it makes first
    /// (no issue time, or more than <see cref="SecurityStampValidatorOptions.ValidationInterval"/> since). Resolving the
    /// validator builds SignInManager, UserManager (its validators, metrics) and the user store on every request; within
    /// the interval it then returns without a look at them. So it is resolved only when due — same behaviour.
    /// </summary>
    internal static bool StampCheckDue(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc;
        if (issued is null)
        {
            return true;
        }
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()).GetUtcNow();
        return now - issued.Value > options.ValidationInterval;
    }

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var securePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddErrorDescriber<PortalIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        // The password rules, in this order: Identity's own (length), the common-password list, the person's context.
        // The list is one instance for the process's life: AddPasswordValidator<T>() would register it scoped, and it
        // would build its 49,233-entry set again on every request that resolves UserManager (see CommonPasswordValidator).
        services.AddSingleton<CommonPasswordValidator>();
        services.AddSingleton<IPasswordValidator<AppUser>>(sp => sp.GetRequiredService<CommonPasswordValidator>());
        services.AddScoped<IPasswordValidator<AppUser>, ContextPasswordValidator>();

        services.AddPortalTwoFactor(environment);
        services.AddSingleton<DisabledAccounts>();
        services.AddScoped<ServerSessions>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Pbkdf2Iterations);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        // Disabling a user or removing a role changes the security stamp; sessions notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = development ? DevelopmentAuthCookieName : AuthCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = SessionIdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Events.OnSigningIn = async context =>
            {
                var now = (context.Options.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()).GetUtcNow();
                if (!context.Properties.Items.TryGetValue(AbsoluteExpiryKey, out var value) || !long.TryParse(value, out var expiry))
                {
                    expiry = (now + SessionAbsoluteLimit).ToUnixTimeSeconds();
                    context.Properties.Items[AbsoluteExpiryKey] = expiry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                // A server-side session (ASVS V7.4.1): a new one at every sign-in, including the re-sign-in after a
                // password change; the session it replaces, if any, ends.
                var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
                if (context.Properties.Items.TryGetValue(ServerSessions.PropertyKey, out var previous) && previous is not null)
                {
                    await sessions.EndAsync(previous);
                }
                var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signing in without a user id.");
                var secret = await sessions.StartAsync(userId, DateTimeOffset.FromUnixTimeSeconds(expiry).UtcDateTime);
                context.Properties.Items[ServerSessions.PropertyKey] = secret;
                context.HttpContext.Items[ServerSessions.CurrentItemKey] = secret;
            };
            options.Events.OnSigningOut = async context =>
            {
                // Sign-out ends the session on the server: a copy of the cookie is worthless afterwards.
                if (context.HttpContext.Items.TryGetValue(ServerSessions.CurrentItemKey, out var current) && current is string secret)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<ServerSessions>().EndAsync(secret);
                    context.HttpContext.Items.Remove(ServerSessions.CurrentItemKey);
                }
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                var now = (context.Options.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()).GetUtcNow();
                if (!context.Properties.Items.TryGetValue(AbsoluteExpiryKey, out var value)
                    || !long.TryParse(value, out var expiry)
                    || now.ToUnixTimeSeconds() >= expiry)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // The session must still be open on the server (one primary-key lookup): ended by sign-out, a
                // password change or reset, or disabling the account, it is refused on every instance at once.
                var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                if (!context.Properties.Items.TryGetValue(ServerSessions.PropertyKey, out var secret) || secret is null
                    || await context.HttpContext.RequestServices.GetRequiredService<ServerSessions>().CheckAsync(secret, userId) is not { } unread)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                context.HttpContext.Items[ServerSessions.CurrentItemKey] = secret;
                context.HttpContext.Items[ServerSessions.UnreadItemKey] = unread;
                // Disabled here a moment ago: end the session at once (an in-memory lookup, no database),
                // instead of at the next security-stamp revalidation up to a minute later.
                if (context.HttpContext.RequestServices.GetRequiredService<DisabledAccounts>().Refuses(userId, context.Properties.IssuedUtc))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                if (StampCheckDue(context))
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                }
            };
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = development ? DevelopmentAntiforgeryCookieName : AntiforgeryCookieName;
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.Path = "/";
            options.HeaderName = "X-CSRF-TOKEN";
        });

        // TempData (the one-line notices after a redirect): like the other cookies, __Host- prefixed and Secure outside Development.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = development ? DevelopmentTempDataCookieName : TempDataCookieName;
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.Cookie.IsEssential = true;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Domain.Roles.Administrator))
            .AddPolicy(Policies.Trainer, p => p.RequireRole(Domain.Roles.Trainer, Domain.Roles.Administrator))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Domain.Roles.Reviewer, Domain.Roles.Administrator));

        services.Configure<EmailOptions>(o => { });
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        return services;
    }
}

public static class Policies
{
    public const string Administrator = "Administrator";
    public const string Trainer = "Trainer";

    /// <summary>Endorsement application review: reviewers and administrators.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>The eligibility API: an API key, or an administrator's session (see ADR-008).</summary>
    public const string Api = "Api";
}
