using System.Security.Claims;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Access;

/// <summary>
/// Which kinds of group each kind of group content belongs to (issue 9: MIO content is not a course cohort's), as
/// the kinds' definitions say (<see cref="GroupKindDefinition.Screens"/>).
/// </summary>
public static class GroupContent
{
    /// <summary>Members' training cases (MIO rostering): consultation groups only.</summary>
    public static readonly IReadOnlyCollection<GroupKind> TrainingCases = ProgramCatalog.Default.KindsWith(GroupScreens.TrainingCases);

    /// <summary>Audio clips played in a meeting (MIO rostering): consultation groups only.</summary>
    public static readonly IReadOnlyCollection<GroupKind> Clips = ProgramCatalog.Default.KindsWith(GroupScreens.Clips);

    /// <summary>
    /// Fidelity to the MIO model: consultation groups, and Train-the-Trainer cohorts, whose program requires it
    /// (both pages link it); never an IMH course cohort or a classroom training.
    /// </summary>
    public static readonly IReadOnlyCollection<GroupKind> Fidelity = ProgramCatalog.Default.KindsWith(GroupScreens.Fidelity);

    /// <summary>Independent learning (readings and exercises): IMH course cohorts only.</summary>
    public static readonly IReadOnlyCollection<GroupKind> IndependentLearning = ProgramCatalog.Default.KindsWith(GroupScreens.IndependentLearning);

    /// <summary>Homework assignments, submissions and the handbook: Train-the-Trainer cohorts only.</summary>
    public static readonly IReadOnlyCollection<GroupKind> Homework = ProgramCatalog.Default.KindsWith(GroupScreens.Homework);
}

/// <summary>The groups a signed-in user may manage: the ones they lead, or every group for an administrator.</summary>
public static class GroupAccess
{
    public static IQueryable<TrainingGroup> Managed(this AppDbContext db, ClaimsPrincipal user, string? me)
    {
        var isAdmin = user.IsInRole(Roles.Administrator);
        return db.Groups.Where(g => isAdmin || g.TrainerId == me);
    }

    /// <summary>
    /// The groups of <paramref name="kinds"/> a signed-in user may manage: a screen for one kind of content answers
    /// 404 for any other kind of group, as for a group the user does not lead.
    /// </summary>
    public static IQueryable<TrainingGroup> Managed(this AppDbContext db, ClaimsPrincipal user, string? me, IReadOnlyCollection<GroupKind> kinds) =>
        db.Managed(user, me).Where(g => kinds.Contains(g.Kind));

    /// <summary>The meetings of the groups a signed-in user may manage (see <see cref="Managed"/>).</summary>
    public static IQueryable<Meeting> ManagedMeetings(this AppDbContext db, ClaimsPrincipal user, string? me)
    {
        var isAdmin = user.IsInRole(Roles.Administrator);
        return db.Meetings.Where(m => isAdmin || m.Group!.TrainerId == me);
    }

    /// <summary>
    /// The groups of <paramref name="kinds"/> whose member <paramref name="me"/> is: an enrollment in it that is active or
    /// completed (a withdrawn member no longer is one).
    /// </summary>
    public static IQueryable<TrainingGroup> MemberOf(this AppDbContext db, string? me, IReadOnlyCollection<GroupKind> kinds) =>
        db.Groups.Where(g => kinds.Contains(g.Kind) && db.Enrollments.Any(e =>
            e.PersonId == me && (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status != EnrollmentStatus.Withdrawn));

    /// <summary>The person ids of the group's active members.</summary>
    public static IQueryable<string> ActiveMemberIds(this AppDbContext db, int groupId) =>
        db.Enrollments.Where(e => (e.GroupId == groupId || e.ClassroomGroupId == groupId) && e.Status == EnrollmentStatus.Active).Select(e => e.PersonId);
}
