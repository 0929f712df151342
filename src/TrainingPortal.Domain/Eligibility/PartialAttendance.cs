using System.Globalization;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>A requirement fed by attendance that says how a partial attendance counts toward it.</summary>
public interface IPartialAttendanceRule
{
    /// <summary>In plain words, for the person marking a meeting of <paramref name="meetingMinutes"/> minutes.</summary>
    string ExplainPartial(int meetingMinutes);
}

/// <summary>The threshold shared by the rules where a partial attendance counts from a share of the meeting.</summary>
public static class PartialAttendance
{
    /// <summary>The fewest minutes present that count as attended: minutes × 100 ≥ length × <paramref name="percent"/>.</summary>
    public static int MinimumMinutes(int meetingMinutes, int percent) =>
        (int)(((long)Math.Max(0, meetingMinutes) * percent + 99) / 100);

    internal static string FromShare(string what, int meetingMinutes, int percent, string below) =>
        string.Create(CultureInfo.InvariantCulture,
            $"A partial attendance counts as an attended {what} from {MinimumMinutes(meetingMinutes, percent)} of its {meetingMinutes} minutes ({percent}% of it); with fewer minutes {below}.");
}
