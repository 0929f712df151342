using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Data.Training;

/// <summary>Course terms.</summary>
public enum CourseTerm
{
    Spring = 0,
    Summer,
    Fall,
}

/// <summary>
/// A group that meets: MIO classroom training, MIO consultation group, IMH course cohort or
/// Train-the-Trainer cohort. Its schedule (weekly day and time in an IANA time zone, number of
/// weeks, skipped dates) generates its <see cref="Meeting"/>s.
/// </summary>
public sealed class TrainingGroup
{
    public int Id { get; set; }
    public GroupKind Kind { get; set; }

    /// <summary>The program the group serves, e.g. <c>mio-rostering</c>.</summary>
    public string ProgramKey { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The leading trainer or instructor (<c>AspNetUsers.Id</c>).</summary>
    public string? TrainerId { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>Last day of the group's period (inclusive); for consultation groups the end of the consultation period.</summary>
    public DateOnly EndDate { get; set; }

    public DayOfWeek? MeetingDay { get; set; }

    /// <summary>Local start time in <see cref="TimeZoneId"/>.</summary>
    public TimeOnly? MeetingTime { get; set; }

    /// <summary>IANA time zone of the schedule, e.g. <c>America/New_York</c>.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";

    public int? Weeks { get; set; }
    public int DurationMinutes { get; set; } = 60;

    /// <summary>IMH course cohorts: term and year.</summary>
    public CourseTerm? Term { get; set; }
    public int? Year { get; set; }

    /// <summary>IMH course cohorts with their own minimum of attended sessions (default: the rule set's).</summary>
    public int? MinimumSessions { get; set; }

    /// <summary>Where the group meets online: an https address set by the trainer or an administrator (null: none).</summary>
    public string? MeetingLink { get; set; }

    /// <summary>Where the group meets in person, in words (a room, an address; null: none).</summary>
    public string? MeetingPlace { get; set; }

    /// <summary>How many people it takes (null: no limit set). Enrolling beyond it is refused; the catalog shows the free places.</summary>
    public int? Capacity { get; set; }

    public List<GroupSkipDate> SkipDates { get; set; } = [];
    public List<Meeting> Meetings { get; set; } = [];
}

/// <summary>A date on which a group's weekly schedule does not meet (a holiday).</summary>
public sealed class GroupSkipDate
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public DateOnly Date { get; set; }
}

/// <summary>One meeting or session of a group.</summary>
public sealed class Meeting
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public TrainingGroup? Group { get; set; }
    public DateTime StartsUtc { get; set; }
    public int DurationMinutes { get; set; }
    public bool Cancelled { get; set; }
    public string? Title { get; set; }

    /// <summary>
    /// The meeting's version: changes with every save of its attendance and every move, cancel or
    /// un-cancel; a concurrency token, so a change based on an older screen is refused instead of
    /// overwriting someone else's (the column keeps its first name to avoid a migration).
    /// </summary>
    public Guid AttendanceVersion { get; set; } = Guid.NewGuid();

    /// <summary>When the attendance was last saved, and by whom (for the screen; the audit log has the full history).</summary>
    public DateTime? AttendanceSavedUtc { get; set; }
    public string? AttendanceSavedById { get; set; }
}

/// <summary>A member's attendance at one meeting.</summary>
public sealed class Attendance
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public string PersonId { get; set; } = "";
    public AttendanceMark Mark { get; set; }

    /// <summary>Minutes present when <see cref="Mark"/> is Partial.</summary>
    public int MinutesPresent { get; set; }
}

/// <summary>A make-up for a missed course or live-education session, logged by faculty.</summary>
public sealed class SessionMakeUp
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly LoggedOn { get; set; }
    public string? LoggedById { get; set; }
    public string? Note { get; set; }
}

/// <summary>A Train-the-Trainer handbook homework assignment of a cohort.</summary>
public sealed class HomeworkAssignmentRecord
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly? DueOn { get; set; }

    /// <summary>What the members are to do: plain text, shown with its line breaks.</summary>
    public string? Instructions { get; set; }

    /// <summary>The assignment's own file (a worksheet, a reading), downloadable by the cohort's members and faculty.</summary>
    public int? FileId { get; set; }

    public UploadedFile? File { get; set; }
}

/// <summary>A person's submission of a homework assignment, and faculty's acceptance.</summary>
public sealed class HomeworkSubmission
{
    public int Id { get; set; }
    public int AssignmentId { get; set; }
    public HomeworkAssignmentRecord? Assignment { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly SubmittedOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }

    /// <summary>When faculty returned the submission for rework, with their comments.</summary>
    public DateOnly? ReturnedOn { get; set; }
    public string? Comments { get; set; }

    /// <summary>The member's text of the current submission (never audited: the history keeps each version).</summary>
    public string? Text { get; set; }

    /// <summary>The file of the current submission (its owner is the member).</summary>
    public int? FileId { get; set; }

    public UploadedFile? File { get; set; }

    /// <summary>Changes with every submission, return and acceptance: the concurrency token the screens carry.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<HomeworkSubmissionEvent> Events { get; set; } = [];
}

/// <summary>What happened to a homework submission.</summary>
public enum HomeworkEventKind
{
    /// <summary>The member submitted (or resubmitted) it in the portal, with text and/or a file.</summary>
    Submitted = 0,

    /// <summary>Faculty recorded it as handed in outside the portal.</summary>
    Received,

    /// <summary>Faculty returned it with comments.</summary>
    Returned,

    /// <summary>Faculty accepted it.</summary>
    Accepted,
}

/// <summary>
/// One step of a homework submission's history: each submission, return and acceptance, with who, when, the text
/// (the member's text, or faculty's comments) and the file. The submission's current state stays on
/// <see cref="HomeworkSubmission"/> (the evidence reads it); the history is never rewritten.
/// </summary>
public sealed class HomeworkSubmissionEvent
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public HomeworkSubmission? Submission { get; set; }
    public HomeworkEventKind Kind { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>Who did it (the member, or faculty).</summary>
    public string? ById { get; set; }

    /// <summary>The member's text (Submitted) or faculty's comments (Returned, Accepted). Never audited.</summary>
    public string? Text { get; set; }

    /// <summary>The file submitted with this step.</summary>
    public int? FileId { get; set; }

    public UploadedFile? File { get; set; }
}

/// <summary>Reading or exercise.</summary>
public enum LearningItemKind
{
    Reading = 0,
    Exercise,
}

/// <summary>An IMH course cohort's independent-learning item.</summary>
public sealed class LearningItemRecord
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public LearningItemKind Kind { get; set; }
    public string Title { get; set; } = "";

    /// <summary>What to read or do, or where to find it (a link), as the instructor wrote it.</summary>
    public string? Details { get; set; }

    /// <summary>When the item should be complete (within the cohort's dates); null: no due date.</summary>
    public DateOnly? DueOn { get; set; }
}

/// <summary>A person's completion of an independent-learning item.</summary>
public sealed class LearningCompletion
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public LearningItemRecord? Item { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly CompletedOn { get; set; }

    /// <summary>
    /// When the cohort's instructor (or an administrator) confirmed the completion, and who: an acknowledgment shown to
    /// the trainee; the completion counts from the trainee's mark (ADR in the notes: "a trainee's mark counts").
    /// </summary>
    public DateOnly? ConfirmedOn { get; set; }
    public string? ConfirmedById { get; set; }
}
