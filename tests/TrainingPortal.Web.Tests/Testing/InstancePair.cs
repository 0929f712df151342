using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Two instances of the portal on one database, as behind a load balancer without sticky sessions (issue 15): each a
/// host of its own (services, memory, clock, and the Data Protection key ring as read from the shared table). On SQLite
/// they share the first one's file; on PostgreSQL (<see cref="TestDatabase"/>) its database. One wall clock: both fake
/// clocks start at the later of the two, and <see cref="Advance"/> moves both.
/// </summary>
public sealed class InstancePair : IDisposable
{
    public InstancePair()
    {
        _ = A.Services; // the first instance migrates and seeds the database
        B = new SecondInstance(A.OwnConnectionString);
        _ = B.Services;
        var later = A.Time.GetUtcNow() > B.Time.GetUtcNow() ? A.Time.GetUtcNow() : B.Time.GetUtcNow();
        A.Time.SetUtcNow(later);
        B.Time.SetUtcNow(later);
    }

    public PortalFactory A { get; } = new();
    public PortalFactory B { get; }

    public void Advance(TimeSpan by)
    {
        A.Time.Advance(by);
        B.Time.Advance(by);
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }

    /// <summary>One browser (one cookie jar) whose requests go to instance A or B as the test chooses.</summary>
    public Browser NewBrowser() => new(A, B);

    public sealed class Browser
    {
        private readonly CookieContainer _cookies = new();

        internal Browser(PortalFactory a, PortalFactory b)
        {
            A = a.CreateDefaultClient(a.BaseAddress, new CookieContainerHandler(_cookies));
            B = b.CreateDefaultClient(b.BaseAddress, new CookieContainerHandler(_cookies));
        }

        public HttpClient A { get; }
        public HttpClient B { get; }

        /// <summary>Instance A for even <paramref name="n"/>, B for odd: the load balancer's round robin.</summary>
        public HttpClient Next(int n) => n % 2 == 0 ? A : B;
    }

    private sealed class SecondInstance(string connectionString) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Portal", connectionString);
            builder.UseSetting("Portal:SeedDemoData", "false");
        }
    }
}
