namespace TrainingPortal.Web.Schedules;

/// <summary>
/// Past meetings with no attendance recorded: not cancelled, ended, no mark saved for anyone, and of a group that has
/// (or had) members — a meeting of an empty group has nothing to record. One definition for the trainer's home page,
/// the group page, the administrator's home page and the list at <c>/meetings/unrecorded</c>.
/// </summary>
public static class UnrecordedMeetings
{
    /// <summary>
    /// The candidates among <paramref name="meetings"/> (in SQL): started at or before <paramref name="nowUtc"/>, not
    /// cancelled, nothing saved. Whether each has ended is decided by <see cref="HasEnded"/> on the rows read, since a
    /// meeting's end is its start plus its own duration (at most a few rows differ: the ones under way).
    /// </summary>
    public static IQueryable<Meeting> Candidates(AppDbContext db, IQueryable<Meeting> meetings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Where(m => !m.Cancelled && m.StartsUtc <= nowUtc && m.AttendanceSavedUtc == null
            && !db.Attendance.Any(a => a.MeetingId == m.Id)
            && db.Enrollments.Any(e => (e.GroupId == m.GroupId || e.ClassroomGroupId == m.GroupId) && e.Status != EnrollmentStatus.Withdrawn));
    }

    /// <summary>
    /// The same rule for one meeting already read, for a page that reads its group's meetings with their mark counts
    /// anyway (the group page): <paramref name="groupHasMembers"/> is whether the group has a member not withdrawn.
    /// </summary>
    public static bool Is(bool cancelled, DateTime startsUtc, int durationMinutes, DateTime? attendanceSavedUtc, int marks, bool groupHasMembers, DateTime nowUtc) =>
        !cancelled && startsUtc <= nowUtc && attendanceSavedUtc is null && marks == 0 && groupHasMembers && HasEnded(startsUtc, durationMinutes, nowUtc);

    /// <summary>Whether a meeting that started at <paramref name="startsUtc"/> and lasts <paramref name="durationMinutes"/> is over.</summary>
    public static bool HasEnded(DateTime startsUtc, int durationMinutes, DateTime nowUtc) => startsUtc.AddMinutes(durationMinutes) <= nowUtc;
}
