using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Time;

/// <summary>
/// The one owner of time. The instant comes from the app's <see cref="TimeProvider"/> (tests move a fake one);
/// "today" is always the date in the <b>portal's</b> time zone (<see cref="PortalOptions.DefaultTimeZone"/>): the
/// as-of date of every verdict (spec, programs.md: "a standing as of D is the standing at the end of day D in the
/// portal's time zone"), the date every record is stamped with (issued, approved, handed in, logged) and the date
/// "in the future" is measured against. A person's or a group's zone is for <i>showing</i> an instant
/// (<see cref="ToLocal"/>), never for deciding what day it is. The machine's own zone means nothing here.
/// </summary>
/// <remarks>
/// An instant (a timestamp, a "has this meeting started", a lockout or key lifetime) may also come from the injected
/// <see cref="TimeProvider"/> itself: it is the same registered instance, and an instant has no zone. Anything that is
/// a <i>date</i> comes from here.
/// The build enforces this (src/BannedSymbols.txt, analyzer RS0030): <c>DateTime.Now/Today/UtcNow</c>,
/// <c>DateTimeOffset.Now/UtcNow</c>, <c>TimeZoneInfo.Local</c>, <c>TimeProvider.System/GetLocalNow/LocalTimeZone</c>
/// and <c>DateOnly.FromDateTime</c> are banned in the Web and Domain projects; this file is the one that may use them.
/// </remarks>
public sealed class PortalClock(TimeProvider time, IOptions<PortalOptions> options)
{
    /// <summary>The portal's time zone (an unknown id falls back to UTC, as everywhere else).</summary>
    public TimeZoneInfo Zone { get; } = FindZone(options.Value.DefaultTimeZone);

    /// <summary>The portal's time zone id (IANA), as configured.</summary>
    public string ZoneId => options.Value.DefaultTimeZone;

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The current instant as a UTC <see cref="DateTime"/> (the database's columns).</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Today's date in the portal's time zone: the as-of date.</summary>
    public DateOnly Today => LocalDate(UtcNow, Zone);

    /// <summary>A UTC instant in <paramref name="zone"/>, for display.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A UTC instant in the zone <paramref name="timeZoneId"/> (UTC when unknown), for display.</summary>
    public static DateTime ToLocal(DateTime utc, string? timeZoneId) => ToLocal(utc, FindZone(timeZoneId));

    /// <summary>The date of a UTC instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => DateOf(ToLocal(utc, zone));

    /// <summary>The date part of a date and time that is already local (no conversion).</summary>
#pragma warning disable RS0030 // the clock is the one place that turns a date and time into a date; callers pass a local one
    public static DateOnly DateOf(DateTime local) => DateOnly.FromDateTime(local);
#pragma warning restore RS0030

    /// <summary>The IANA zone, or UTC when the id is unknown on this machine.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        if (id is null)
        {
            return TimeZoneInfo.Utc;
        }
        if (Zones.TryGetValue(id, out var known))
        {
            return known;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return TimeZoneInfo.Utc;
        }
        Zones.TryAdd(id, zone);
        return zone;
    }

    // TimeZoneInfo's own lookup takes a process-wide lock on every call, and a page shows up to a few dozen dates: under
    // concurrent requests that lock showed in the group page's trace. Only zones the machine knows are kept (a closed
    // set of a few hundred), so the map cannot grow with what is typed; an unknown id is UTC, as before.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);
}

public static class PortalClockSetup
{
    /// <summary>Registers the system's <see cref="TimeProvider"/> (unless one is registered) and the <see cref="PortalClock"/> over it, once.</summary>
    public static IServiceCollection AddPortalClock(this IServiceCollection services)
    {
#pragma warning disable RS0030 // the one registration of the system clock; everything else injects TimeProvider or PortalClock
        services.TryAddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.TryAddSingleton<PortalClock>();
        return services;
    }
}
