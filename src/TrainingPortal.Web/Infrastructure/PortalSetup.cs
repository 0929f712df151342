using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>Everything the host registers and the order of the request pipeline, in one place.</summary>
public static class PortalSetup
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPortalClock();
        services.AddSingleton(Domain.Eligibility.RuleSetCatalog.Default);
        services.AddHttpContextAccessor();
        PublicAddress.AddPublicAddress(builder);
        services.AddPortalDatabase(builder.Configuration, builder.Environment);
        services.AddPortalIdentity(builder.Environment);
        services.AddApiAuthentication();
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("TrainingPortal");
        services.AddMemoryCache();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AuditLog>();
        services.AddScoped<TrainingPortal.Web.Eligibility.EvidenceLoader>();
        services.AddScoped<TrainingPortal.Web.Eligibility.EligibilityService>();
        services.AddScoped<Features.EnrollmentImport.EnrollmentImporter>();
        services.AddSingleton<Features.Api.EvaluateRequestReader>();
        services.Configure<TrainingPortal.Web.Certificates.CertificateOptions>(builder.Configuration.GetSection(TrainingPortal.Web.Certificates.CertificateOptions.Section));
        services.AddSingleton<TrainingPortal.Web.Certificates.Rendering.CertificatePdfRenderer>();
        services.AddScoped<TrainingPortal.Web.Certificates.CertificateService>();
        services.AddVerificationRateLimit(builder.Configuration);
        services.Configure<Features.References.ReferenceOptions>(builder.Configuration.GetSection(Features.References.ReferenceOptions.Section));
        services.AddScoped<Features.References.ReferenceLinks>();
        // Uploaded evidence files (issue 12): checks, store (the database by default), downloads.
        services.Configure<Files.UploadOptions>(builder.Configuration.GetSection(Files.UploadOptions.Section));
        services.AddScoped<Files.IFileStore>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Files.UploadOptions>>().Value.Folder is { Length: > 0 } folder
                ? new Files.FolderFileStore(folder)
                : new Files.DatabaseFileStore(sp.GetRequiredService<AppDbContext>()));
        services.AddScoped<Files.EvidenceFiles>();
        services.AddSingleton<TrainingPortal.Web.Credentials.CredentialKeyStore>();
        services.AddSingleton<TrainingPortal.Web.Credentials.OpenBadgeCredentials>();
        services.AddScoped<TrainingPortal.Web.Credentials.StatusListCredentials>();
        // The eligibility queue: stored standings, their refresh, approvals.
        services.Configure<Standings.StandingOptions>(builder.Configuration.GetSection(Standings.StandingOptions.Section));
        services.AddScoped<Standings.StandingRefresher>();
        services.AddScoped<Approvals.ApprovalService>();
        services.AddScoped<IntroCourse.IntroCourseService>();
        services.AddScoped<Applications.ReviewService>();
        services.AddScoped<Renewals.RenewalService>();
        // The applicant's side of submitting (issue 12): the frozen snapshot and the known RSC providers.
        services.AddScoped<Applications.ApplicationSnapshots>();
        services.AddScoped<Applications.KnownRscProviders>();
        services.AddScoped<Features.Approvals.ApprovalQueueReader>();
        services.AddScoped<Features.Home.AdminDayReader>();
        services.AddScoped<Features.JoinRequests.JoinRequestReader>();
        services.AddScoped<Transcripts.TranscriptReader>();
        services.AddSingleton<InstanceIdentity>();
        services.AddScoped<BackgroundLeases>();
        services.AddScoped<Standings.StandingRefreshRun>();
        services.AddHostedService<Standings.StandingRefreshService>();
        services.Configure<Notifications.NotificationOptions>(builder.Configuration.GetSection(Notifications.NotificationOptions.Section));
        services.AddSingleton<Notifications.UnsubscribeLinks>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Notifications.NotificationSender>();
        services.AddScoped<Notifications.DailyNotificationChecks>();
        services.AddScoped<Notifications.NotificationRun>();
        services.AddHostedService<Notifications.NotificationBackgroundService>();

        services.AddControllersWithViews(options =>
            {
                // Every unsafe method (POST, PUT, PATCH, DELETE) must carry a valid antiforgery token.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add<ValidationFilter>();
                options.Filters.Add(new NoStoreFiles());
                // FluentValidation owns the messages; no second, generic "field is required".
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                // Plain binding messages, safe check boxes and dates, non-null text (issue 9).
                PortalModelBinding.Configure(options);
            })
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddRazorOptions(options =>
            {
                // Feature folders: a screen's controller, view models and views live together.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddPortalOpenApi();

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        if (!builder.Environment.IsDevelopment())
        {
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
        }
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // First: everything after it (HTTPS redirect, rate limits, logs) sees the client's address and scheme.
        if (ReverseProxy.Options(app.Configuration) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseAuthentication();
        // Before authorization: an administrator without two-step sign-in is sent to set it up from every page, also
        // from one their roles would refuse (a Champion's page), rather than told "access denied".
        app.UseAdministratorTwoFactor();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        // Public on purpose: it describes the API and holds no data (ADR-008).
        app.MapOpenApi(OpenApiSetup.DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        app.MapControllers();
        return app;
    }

    /// <summary>Creates or migrates the database, makes sure the roles exist, and seeds demo data in Development only.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        if (options.MigrateOnStartup)
        {
            await DatabaseInitializer.MigrateAsync(services);
        }
        await DatabaseInitializer.EnsureRolesAsync(services);
        if (app.Environment.IsDevelopment() && options.SeedDemoData)
        {
            await DemoData.SeedAsync(services);
            await DemoPrograms.SeedAsync(services);
        }
    }
}

/// <summary>Rate limits for public pages.</summary>
public static class RateLimits
{
    /// <summary>
    /// Certificate verification: a fixed window of <c>Verification:PermitsPerMinute</c> requests (default 30) per client
    /// address; more answer 429 with a Retry-After header. Behind a reverse proxy, name it (<see cref="ReverseProxy"/>) so
    /// the client's address (not the proxy's) is used.
    /// </summary>
    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = Math.Max(1, configuration.GetValue("Verification:PermitsPerMinute", 30));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Features.Verify.VerifyController.RateLimitPolicy, context => PerAddressPerMinute(context, permits));
            // The credential status lists (/credentials/status/…): verifiers cache them for minutes, so a small budget of
            // their own is plenty; it keeps one address from making the portal sign lists without end.
            var statusListPermits = Math.Max(1, configuration.GetValue("Verification:StatusListPermitsPerMinute", 60));
            options.AddPolicy(Features.Credentials.StatusListsController.RateLimitPolicy, context => PerAddressPerMinute(context, statusListPermits));
            // The raters' form (/references/{token}): the same kind of limit, its own budget.
            var referencePermits = Math.Max(1, configuration.GetValue("References:PermitsPerMinute", 30));
            options.AddPolicy(Features.References.RatingController.RateLimitPolicy, context => PerAddressPerMinute(context, referencePermits));
            // Organisations' requests for training (public, no account): a small budget per address.
            var requestPermits = Math.Max(1, configuration.GetValue("TrainingRequests:PermitsPerMinute", 5));
            options.AddPolicy(Features.TrainingRequests.TrainingRequestsController.RateLimitPolicy, context => PerAddressPerMinute(context, requestPermits));
        });
    }

    /// <summary>A fixed window of <paramref name="permits"/> requests a minute per client address, no queue.</summary>
    private static System.Threading.RateLimiting.RateLimitPartition<string> PerAddressPerMinute(HttpContext context, int permits) =>
        System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
}

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The portal's public address, e.g. <c>https://training.example.org</c>: every mailed, printed or signed link is
    /// built from it (<see cref="PublicAddress"/>). Required outside Development.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Apply pending migrations when the app starts (default on).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo accounts; honoured only in the Development environment.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Time zone for people who have not chosen one (IANA id).</summary>
    public string DefaultTimeZone { get; set; } = "America/New_York";
}
