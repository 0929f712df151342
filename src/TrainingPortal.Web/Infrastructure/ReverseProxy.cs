using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy or load balancer (several instances, TLS ended in front): the client's address and scheme
/// arrive in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, and are believed only from the proxies named in
/// configuration — <c>ReverseProxy:KnownProxies</c> (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR ranges),
/// each a list separated by <c>;</c> or <c>,</c>. Unset, the headers are ignored (anyone could send them). Without it a
/// proxy's own address would be every visitor's: the per-address limits (certificate verification, the raters' form,
/// organisations' requests) would be one budget shared by everybody, and the HTTPS redirect would loop.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    /// <summary>The forwarded-headers options, or null when no proxy is configured.</summary>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var proxies = List(configuration[$"{Section}:KnownProxies"]);
        var networks = List(configuration[$"{Section}:KnownNetworks"]);
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1, // the proxy's own entry: one proxy in front of the portal
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                ? range
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
        }
        return options;
    }

    private static string[] List(string? value) =>
        value?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
