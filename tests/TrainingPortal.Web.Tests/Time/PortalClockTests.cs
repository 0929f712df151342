using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrainingPortal.Web.Infrastructure;
using TrainingPortal.Web.Tests.Infrastructure;
using TrainingPortal.Web.Time;

namespace TrainingPortal.Web.Tests.Time;

/// <summary>The one owner of time: today in the portal's zone, conversion for display, and the build rule that keeps it the only one.</summary>
public class PortalClockTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTime Utc(string utc) => At(utc).UtcDateTime;

    private static PortalClock Clock(string utcNow, string zoneId = "America/New_York") =>
        new(new FakeTimeProvider(At(utcNow)), Options.Create(new PortalOptions { DefaultTimeZone = zoneId }));

    [Theory]
    // 23:30 in New York while UTC is already the next day: today is still New York's day.
    [InlineData("2026-12-01T04:30:00Z", "America/New_York", "2026-11-30")]
    [InlineData("2026-12-01T05:00:00Z", "America/New_York", "2026-12-01")] // midnight EST
    [InlineData("2026-12-01T04:30:00Z", "UTC", "2026-12-01")]
    // The instants the rules engine's "end of day" test used to read through a TimeProvider.
    [InlineData("2025-06-19T23:30:00Z", "UTC", "2025-06-19")]
    [InlineData("2025-06-20T00:30:00Z", "UTC", "2025-06-20")]
    [InlineData("2025-06-20T00:30:00Z", "America/New_York", "2025-06-19")] // 20:30 EDT
    [InlineData("2025-06-20T03:59:59Z", "America/New_York", "2025-06-19")] // 23:59:59 EDT
    [InlineData("2025-06-20T04:00:00Z", "America/New_York", "2025-06-20")] // midnight EDT
    // Ahead of UTC: 08:00 in London's summer is 07:00 UTC; at 23:30 UTC London is on the next day.
    [InlineData("2025-06-19T23:30:00Z", "Europe/London", "2025-06-20")]
    public void Today_is_the_date_in_the_portal_zone(string utcNow, string zoneId, string expected)
    {
        var clock = Clock(utcNow, zoneId);

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), clock.Today);
        Assert.Equal(At(utcNow), clock.Now);
        Assert.Equal(Utc(utcNow), clock.UtcNow);
        Assert.Equal(DateTimeKind.Utc, clock.UtcNow.Kind);
    }

    [Fact]
    public void Today_follows_the_time_provider_as_it_moves()
    {
        var time = new FakeTimeProvider(At("2026-11-30T23:00:00Z")); // 18:00 EST
        var clock = new PortalClock(time, Options.Create(new PortalOptions()));
        Assert.Equal(new DateOnly(2026, 11, 30), clock.Today);

        time.Advance(TimeSpan.FromHours(5.5)); // 23:30 EST, 04:30 UTC on 1 December
        Assert.Equal(new DateOnly(2026, 11, 30), clock.Today);

        time.Advance(TimeSpan.FromMinutes(30)); // midnight EST
        Assert.Equal(new DateOnly(2026, 12, 1), clock.Today);
    }

    [Fact]
    public void Spring_forward_day_in_New_York()
    {
        var ny = PortalClock.FindZone("America/New_York");
        // 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 8, 1, 59, 0), PortalClock.ToLocal(Utc("2026-03-08T06:59:00Z"), ny));
        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), PortalClock.ToLocal(Utc("2026-03-08T07:00:00Z"), ny));
        // Midnight before the change is 05:00 UTC, the midnight after it 04:00 UTC: the day is 23 hours long.
        Assert.Equal(new DateOnly(2026, 3, 7), Clock("2026-03-08T04:59:00Z").Today);
        Assert.Equal(new DateOnly(2026, 3, 8), Clock("2026-03-08T05:00:00Z").Today);
        Assert.Equal(new DateOnly(2026, 3, 8), Clock("2026-03-09T03:59:00Z").Today);
        Assert.Equal(new DateOnly(2026, 3, 9), Clock("2026-03-09T04:00:00Z").Today);
    }

    [Fact]
    public void Fall_back_day_in_New_York()
    {
        // 1 November 2026: 02:00 EDT becomes 01:00 EST at 06:00 UTC, so 01:30 happens twice.
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), PortalClock.ToLocal(Utc("2026-11-01T05:30:00Z"), "America/New_York"));
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), PortalClock.ToLocal(Utc("2026-11-01T06:30:00Z"), "America/New_York"));
        Assert.Equal(new DateOnly(2026, 11, 1), PortalClock.LocalDate(Utc("2026-11-01T06:30:00Z"), PortalClock.FindZone("America/New_York")));
        // The day is 25 hours long: it ends at 05:00 UTC on 2 November.
        Assert.Equal(new DateOnly(2026, 11, 1), Clock("2026-11-02T04:59:00Z").Today);
        Assert.Equal(new DateOnly(2026, 11, 2), Clock("2026-11-02T05:00:00Z").Today);
    }

    [Fact]
    public void Conversion_for_display_uses_the_zone_given()
    {
        var instant = Utc("2026-12-01T04:30:00Z");
        Assert.Equal(new DateTime(2026, 11, 30, 23, 30, 0), PortalClock.ToLocal(instant, "America/New_York"));
        Assert.Equal(new DateTime(2026, 11, 30, 18, 30, 0), PortalClock.ToLocal(instant, "Pacific/Honolulu"));
        Assert.Equal(new DateTime(2026, 12, 1, 4, 30, 0), PortalClock.ToLocal(instant, "Europe/London"));
        // An unspecified kind is read as UTC (the database hands back unspecified DateTimes).
        Assert.Equal(new DateTime(2026, 11, 30, 23, 30, 0), PortalClock.ToLocal(DateTime.SpecifyKind(instant, DateTimeKind.Unspecified), "America/New_York"));
    }

    [Fact]
    public void An_unknown_zone_is_UTC()
    {
        Assert.Same(TimeZoneInfo.Utc, PortalClock.FindZone("Not/AZone"));
        Assert.Same(TimeZoneInfo.Utc, PortalClock.FindZone(null));
        Assert.Equal(new DateOnly(2026, 12, 1), Clock("2026-12-01T04:30:00Z", "Not/AZone").Today);
    }

    [Fact]
    public void Every_offered_zone_exists_here()
    {
        Assert.All(TimeZones.Offered, z => Assert.Equal(z.Id, PortalClock.FindZone(z.Id).Id));
        Assert.True(TimeZones.IsOffered("America/New_York"));
        Assert.False(TimeZones.IsOffered("Not/AZone"));
    }

    [Fact]
    public async Task The_app_has_one_clock_over_its_time_provider()
    {
        await using var factory = new PortalFactory();
        var clock = factory.Services.GetRequiredService<PortalClock>();
        Assert.Same(clock, factory.Services.GetRequiredService<PortalClock>());
        Assert.Equal(factory.Time.GetUtcNow(), clock.Now);

        factory.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(factory.Time.GetUtcNow(), clock.Now);
        Assert.Equal(PortalClock.LocalDate(factory.Time.GetUtcNow().UtcDateTime, PortalClock.FindZone("America/New_York")), clock.Today);
    }

    /// <summary>
    /// The build enforces the time rule (RS0030 with TreatWarningsAsErrors): both production projects carry the analyzer and the
    /// shared list, and the list bans every way of reading the clock or the machine's zone besides <see cref="PortalClock"/>.
    /// </summary>
    [Fact]
    public void The_build_bans_reading_the_clock_outside_the_clock()
    {
        var src = Path.Combine(NoAbsoluteUrlFromRequestTests.RepoRoot(), "src");
        foreach (var project in new[] { "TrainingPortal.Web/TrainingPortal.Web.csproj", "TrainingPortal.Domain/TrainingPortal.Domain.csproj" })
        {
            var xml = XDocument.Load(Path.Combine(src, project));
            Assert.Contains(xml.Descendants("PackageReference"), e => (string?)e.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers");
            Assert.Contains(xml.Descendants("AdditionalFiles"), e => ((string?)e.Attribute("Include"))?.Replace('\\', '/') == "../BannedSymbols.txt");
        }
        var banned = File.ReadAllLines(Path.Combine(src, "BannedSymbols.txt")).Select(l => l.Split(';')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var id in new[]
                 {
                     "P:System.DateTime.Now", "P:System.DateTime.Today", "P:System.DateTime.UtcNow", "P:System.DateTimeOffset.Now",
                     "P:System.DateTimeOffset.UtcNow", "P:System.TimeZoneInfo.Local", "M:System.DateOnly.FromDateTime(System.DateTime)",
                     "M:System.TimeProvider.GetLocalNow", "P:System.TimeProvider.LocalTimeZone", "P:System.TimeProvider.System",
                 })
        {
            Assert.Contains(id, banned);
        }
        var props = XDocument.Load(Path.Combine(NoAbsoluteUrlFromRequestTests.RepoRoot(), "Directory.Build.props"));
        Assert.Equal("true", props.Descendants("TreatWarningsAsErrors").Single().Value);
    }
}
