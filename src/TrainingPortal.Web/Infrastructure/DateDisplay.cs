using System.Globalization;
using TrainingPortal.Web.Features.Profile;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>Dates and times as people read them, always with their time zone.</summary>
public static class DateDisplay
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"Tue 6 Jan 2026, 12:00 Eastern Time (UTC−05:00)".</summary>
    public static string DateTime(DateTime utc, string timeZoneId)
    {
        var zone = GroupSchedule.Zone(timeZoneId);
        var local = PortalClock.ToLocal(utc, zone);
        return $"{local.ToString("ddd d MMM yyyy, HH:mm", Inv)} {ZoneName(zone.Id)} ({Offset(zone.GetUtcOffset(local))})";
    }

    /// <summary>"Tue 6 Jan 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", Inv);

    /// <summary>A plain name for an IANA zone: the profile page's name without the city, else the id.</summary>
    public static string ZoneName(string timeZoneId)
    {
        var offered = TimeZones.Offered.FirstOrDefault(z => z.Id == timeZoneId).Name;
        return offered is null ? timeZoneId : offered.Split(" (")[0];
    }

    private static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "\u2212" : "+") + offset.Duration().ToString(@"hh\:mm", Inv);
}
