namespace TrainingPortal.Web.Time;

/// <summary>The time zones a person or a group may choose (profile, new group): IANA id and a plain name.</summary>
public static class TimeZones
{
    public static readonly IReadOnlyList<(string Id, string Name)> Offered =
    [
        ("America/New_York", "Eastern Time (New York)"),
        ("America/Chicago", "Central Time (Chicago)"),
        ("America/Denver", "Mountain Time (Denver)"),
        ("America/Phoenix", "Mountain Time, no daylight saving (Phoenix)"),
        ("America/Los_Angeles", "Pacific Time (Los Angeles)"),
        ("America/Anchorage", "Alaska Time (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii Time (Honolulu)"),
        ("America/Puerto_Rico", "Atlantic Time (Puerto Rico)"),
        ("Europe/London", "United Kingdom (London)"),
        ("UTC", "Coordinated Universal Time (UTC)"),
    ];

    public static bool IsOffered(string? id) => Offered.Any(z => z.Id == id);
}
