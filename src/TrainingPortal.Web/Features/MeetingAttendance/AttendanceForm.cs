using TrainingPortal.Domain.Eligibility;

using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.MeetingAttendance;


/// <summary>One meeting's attendance, posted as a whole.</summary>
public sealed class AttendanceForm
{
    /// <summary>The meeting's attendance version when the screen was opened.</summary>
    public Guid Version { get; set; }

    public List<AttendanceRow> Rows { get; set; } = [];
}

/// <summary>One member's mark. Nothing is pre-marked: <see cref="Mark"/> is null until the trainer chooses.</summary>
public sealed class AttendanceRow
{
    public string PersonId { get; set; } = "";
    public AttendanceMark? Mark { get; set; }

    /// <summary>Minutes present, for a partial attendance.</summary>
    public int? Minutes { get; set; }
}

/// <summary>What the attendance screen shows.</summary>
public sealed record AttendancePage(
    int GroupId,
    string GroupName,
    int MeetingId,
    DateTime StartsUtc,
    int DurationMinutes,
    string TimeZoneId,
    bool Cancelled,
    bool InFuture,
    DateTime? SavedUtc,
    string? SavedBy,
    IReadOnlyList<AttendanceMemberRow> Members,
    AttendanceForm Form,
    IReadOnlyDictionary<string, AttendanceRow>? YourConflictingEntry = null)
{
    /// <summary>How a partial attendance counts under the program's current rules (null when its rule does not say).</summary>
    public string? PartialRule { get; init; }

    /// <summary>The screen was opened with "start with everyone present": the unmarked members are shown as present, nothing saved yet.</summary>
    public bool StartedPresent { get; init; }

    /// <summary>Some member has no saved mark for this meeting.</summary>
    public bool AnyUnmarked => Members.Any(m => m.SavedMark is null);
}

/// <summary>A member on the attendance screen with what is saved and their standing.</summary>
public sealed record AttendanceMemberRow(string PersonId, string Name, AttendanceMark? SavedMark, int SavedMinutes, string? Standing, Concern Concern);
