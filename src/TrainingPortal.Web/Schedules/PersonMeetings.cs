namespace TrainingPortal.Web.Schedules;

/// <summary>
/// The meetings that are someone's: of the groups and cohorts they are an active member of (their group or their
/// classroom training) and of the groups they lead. One definition for the "My schedule" page and the calendar feed.
/// </summary>
public static class PersonMeetings
{
    public static IQueryable<Meeting> Of(AppDbContext db, string personId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Meetings.AsNoTracking().Where(m => m.Group!.TrainerId == personId
            || db.Enrollments.Any(e => e.PersonId == personId && e.Status == EnrollmentStatus.Active
                && (e.GroupId == m.GroupId || e.ClassroomGroupId == m.GroupId)));
    }
}
