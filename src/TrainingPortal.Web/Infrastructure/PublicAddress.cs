using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The portal's public address (<c>Portal:PublicBaseUrl</c>, or the older <c>Certificates:PublicBaseUrl</c>):
/// every absolute link the portal mails, prints or signs — password reset and confirmation links, certificate QR
/// codes and verification links, the Open Badges issuer id, the calendar feed address — is built from it, never
/// from the request's Host header (which a client chooses). Required outside Development, checked at start-up.
/// </summary>
public sealed class PublicAddress
{
    public const string Key = PortalOptions.Section + ":PublicBaseUrl";
    public const string LegacyKey = TrainingPortal.Web.Certificates.CertificateOptions.Section + ":PublicBaseUrl";

    /// <summary>Development's address when none is configured: where <c>dotnet run</c> listens (launchSettings.json).</summary>
    public const string DevelopmentDefault = "http://localhost:5094";

    public PublicAddress(string baseUrl)
    {
        var trimmed = baseUrl.Trim().TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Key} must be the portal's public address, like https://training.example.org (no query, fragment or user name); it is '{baseUrl}'.");
        }
        Base = trimmed;
        Uri = uri;
    }

    /// <summary>The address without a trailing slash, e.g. <c>https://training.example.org</c>.</summary>
    public string Base { get; }

    public Uri Uri { get; }

    /// <summary>The host name, what <c>AllowedHosts</c> accepts by default.</summary>
    public string Host => Uri.Host;

    /// <summary>The absolute address of an app-relative path (<c>/verify/ABCD</c> → <c>https://…/verify/ABCD</c>).</summary>
    public string Absolute(string appRelativePath) => Base + "/" + appRelativePath.TrimStart('/');

    /// <summary>
    /// Reads the configured address: <c>Portal:PublicBaseUrl</c>, else <c>Certificates:PublicBaseUrl</c>; in Development
    /// <see cref="DevelopmentDefault"/> when neither is set. Outside Development it must be set and use https.
    /// </summary>
    public static PublicAddress FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = new[] { configuration[Key], configuration[LegacyKey] }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (configured is null)
        {
            if (environment.IsDevelopment())
            {
                return new PublicAddress(DevelopmentDefault);
            }
            throw new InvalidOperationException(
                $"{Key} is not set. Set it to the portal's public https address, e.g. https://training.example.org " +
                "(environment variable Portal__PublicBaseUrl): e-mailed links, certificate QR codes and the Open Badges issuer are built from it, " +
                "and only requests for its host are answered. See docs/operations.md.");
        }
        var address = new PublicAddress(configured);
        if (!environment.IsDevelopment() && address.Uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{Key} must be an https address outside Development; it is '{configured}'.");
        }
        return address;
    }

    /// <summary>
    /// Registers the address and, outside Development, answers only requests for its host unless <c>AllowedHosts</c> is
    /// set explicitly (a request with another Host header gets 400 before any page runs).
    /// </summary>
    public static PublicAddress AddPublicAddress(WebApplicationBuilder builder)
    {
        var address = FromConfiguration(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(address);
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [address.Host]);
        }
        return address;
    }
}

/// <summary>Absolute links for mails and documents, built from <see cref="PublicAddress"/>.</summary>
public static class PublicLinks
{
    /// <summary>
    /// The public absolute address of an action: the action's path (without the request's path base) appended to the
    /// configured public address. Never uses the request's scheme or Host header.
    /// </summary>
    public static string PublicAction(this IUrlHelper url, string action, string? controller = null, object? values = null)
    {
        var services = url.ActionContext.HttpContext.RequestServices;
        var path = url.Action(action, controller, values) ?? throw new InvalidOperationException($"No route to {controller}.{action}.");
        var pathBase = url.ActionContext.HttpContext.Request.PathBase;
        if (pathBase.HasValue && path.StartsWith(pathBase.Value!, StringComparison.OrdinalIgnoreCase))
        {
            path = path[pathBase.Value!.Length..];
        }
        return services.GetRequiredService<PublicAddress>().Absolute(path);
    }
}
