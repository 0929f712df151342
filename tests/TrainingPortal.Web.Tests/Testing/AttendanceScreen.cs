using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>Reads a meeting's attendance screen the way its form posts it: the version it was opened with, the antiforgery token, the members in order.</summary>
public static partial class AttendanceScreen
{
    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("data-person=\"([^\"]+)\"")]
    private static partial Regex PersonRow();

    /// <summary>The members' ids in the screen's order.</summary>
    public static List<string> People(string screen) => [.. PersonRow().Matches(screen).Select(m => m.Groups[1].Value)];

    /// <summary>The form's fields: one mark per member (<c>null</c> leaves a row unmarked; <c>Partial:37</c> with minutes), the version and the token.</summary>
    public static FormUrlEncodedContent Form(string screen, Func<int, string?> markOf)
    {
        ArgumentNullException.ThrowIfNull(markOf);
        var fields = new List<KeyValuePair<string, string>>();
        var people = People(screen);
        for (var i = 0; i < people.Count; i++)
        {
            fields.Add(new($"Rows[{i}].PersonId", people[i]));
            if (markOf(i) is not { } mark)
            {
                continue;
            }
            var parts = mark.Split(':');
            fields.Add(new($"Rows[{i}].Mark", parts[0]));
            if (parts.Length > 1)
            {
                fields.Add(new($"Rows[{i}].Minutes", parts[1]));
            }
        }
        fields.Add(new("Version", VersionField().Match(screen).Groups[1].Value));
        fields.Add(new("__RequestVerificationToken", PortalClient.TokenIn(screen)));
        return new FormUrlEncodedContent(fields);
    }
}
