using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. The client's address in X-Forwarded-For is
/// believed from a configured proxy only: then each visitor has their own verification budget; from anyone else the
/// header is ignored (a visitor cannot buy a fresh budget by inventing addresses).
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Proxy = "10.20.30.40";

    /// <summary>Every request arrives from <see cref="Proxy"/> (as from a load balancer), 2 verifications a minute per address.</summary>
    private sealed class BehindProxyFactory(bool trusted) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Verification:PermitsPerMinute", "2");
            if (trusted)
            {
                builder.UseSetting("ReverseProxy:KnownProxies", Proxy);
            }
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddTransient<IStartupFilter, FromProxy>();

        private sealed class FromProxy : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, following) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                    return following(context);
                });
                next(app);
            };
        }
    }

    private static async Task<HttpStatusCode> VerifyAsync(HttpClient client, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/verify/2345-6789-ABCD");
        request.Headers.Add("X-Forwarded-For", from);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task From_a_configured_proxy_each_client_address_has_its_own_budget()
    {
        using var factory = new BehindProxyFactory(trusted: true);
        var client = factory.CreatePortalClient();

        Assert.Equal(HttpStatusCode.NotFound, await VerifyAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.NotFound, await VerifyAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await VerifyAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.NotFound, await VerifyAsync(client, "198.51.100.9")); // another visitor
    }

    [Fact]
    public async Task Without_a_configured_proxy_the_header_is_ignored()
    {
        using var factory = new BehindProxyFactory(trusted: false);
        var client = factory.CreatePortalClient();

        Assert.Equal(HttpStatusCode.NotFound, await VerifyAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.NotFound, await VerifyAsync(client, "198.51.100.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await VerifyAsync(client, "192.0.2.1")); // one budget: the proxy's
    }

    [Theory]
    [InlineData("KnownProxies", "not-an-address")]
    [InlineData("KnownNetworks", "10.0.0.0/99")]
    public void A_wrong_proxy_setting_stops_the_start_and_names_the_setting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"ReverseProxy:{key}", value)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ReverseProxy.Options(configuration));

        Assert.Contains($"ReverseProxy:{key}", error.Message);
    }

    [Fact]
    public void Several_proxies_and_networks_are_read_from_one_setting_each()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("ReverseProxy:KnownProxies", "10.0.0.1; 10.0.0.2"),
            new("ReverseProxy:KnownNetworks", "192.168.0.0/16,fd00::/8"),
        ]).Build();

        var options = ReverseProxy.Options(configuration)!;

        Assert.Equal(2, options.KnownProxies.Count);
        Assert.Equal(2, options.KnownIPNetworks.Count);
        Assert.Null(ReverseProxy.Options(new ConfigurationBuilder().Build()));
    }
}
