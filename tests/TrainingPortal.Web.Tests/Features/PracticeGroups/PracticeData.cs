using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.PracticeGroups;

/// <summary>Practice groups for tests: made directly in the database, or through the forms.</summary>
internal static class PracticeData
{
    public static (string, string)[] GroupFields(string name, string capacity = "6", string town = "Albany, NY", string link = "", string rhythm = "Every second Tuesday, 7 pm",
        string activity = "ReflectionChains", string other = "") =>
    [
        ("Form.Name", name), ("Form.Town", town), ("Form.OnlineLink", link), ("Form.Rhythm", rhythm), ("Form.TimeZoneId", "America/New_York"),
        ("Form.Capacity", capacity), ("Form.Activities", activity), ("Form.OtherActivities", other),
    ];

    public static async Task<MiPracticeGroup> GroupAsync(this PortalFactory factory, string hostId, int capacity = 6, string? town = "Albany, NY", string? link = null,
        string? name = null, params string[] memberIds)
    {
        await using var db = factory.NewContext();
        var group = new MiPracticeGroup
        {
            HostId = hostId, Name = name ?? "Practice " + Guid.NewGuid().ToString("N")[..6], Town = town, OnlineLink = link, Rhythm = "Every Monday, 6 pm",
            TimeZoneId = "America/New_York", Capacity = capacity, Activities = MiActivities.ReflectionChains, CreatedUtc = factory.Time.GetUtcNow().UtcDateTime,
            Members = memberIds.Length,
        };
        db.MiPracticeGroups.Add(group);
        await db.SaveChangesAsync();
        db.MiPracticeMemberships.AddRange(memberIds.Select(m => new MiPracticeMembership { GroupId = group.Id, PersonId = m, JoinedUtc = group.CreatedUtc }));
        await db.SaveChangesAsync();
        return group;
    }

    public static async Task<MiPracticeSession> SessionAsync(this PortalFactory factory, MiPracticeGroup group, DateOnly heldOn, int minutes, params string[] came)
    {
        await using var db = factory.NewContext();
        var session = new MiPracticeSession
        {
            GroupId = group.Id, HeldOn = heldOn, Minutes = minutes, Activities = MiActivities.ReflectionChains, LoggedById = group.HostId,
            LoggedUtc = factory.Time.GetUtcNow().UtcDateTime, Attendees = [.. came.Select(c => new MiPracticeAttendance { PersonId = c })],
        };
        db.MiPracticeSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public static (string, string)[] SessionFields(DateOnly heldOn, string minutes = "90", string note = "Reflection chains in threes.", params string[] came) =>
    [
        ("Form.HeldOn", heldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Form.Minutes", minutes),
        ("Form.Activities", "ReflectionChains"), ("Form.Activities", "VideoReview"), ("Form.Note", note),
        .. came.Select(c => ("Form.Attendees", c)),
    ];

    public static int IdFrom(HttpResponseMessage response) =>
        int.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/mi/groups/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Follows a redirect and returns the decoded page (where the notice is shown).</summary>
    public static async Task<string> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return PortalClient.Decode(await client.GetStringAsync(response.Headers.Location!.ToString()));
    }
}
