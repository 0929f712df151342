using System.Security.Claims;
using TrainingPortal.Domain;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;

namespace TrainingPortal.Web.Features.Groups;

/// <summary>The groups a signed-in user may manage: the ones they lead, or every group for an administrator.</summary>
public static class GroupAccess
{
    public static IQueryable<TrainingGroup> Managed(this AppDbContext db, ClaimsPrincipal user, string? me)
    {
        var isAdmin = user.IsInRole(Roles.Administrator);
        return db.Groups.Where(g => isAdmin || g.TrainerId == me);
    }

    /// <summary>The meetings of the groups a signed-in user may manage (see <see cref="Managed"/>).</summary>
    public static IQueryable<Meeting> ManagedMeetings(this AppDbContext db, ClaimsPrincipal user, string? me)
    {
        var isAdmin = user.IsInRole(Roles.Administrator);
        return db.Meetings.Where(m => isAdmin || m.Group!.TrainerId == me);
    }

    /// <summary>The person ids of the group's active members.</summary>
    public static IQueryable<string> ActiveMemberIds(this AppDbContext db, int groupId) =>
        db.Enrollments.Where(e => (e.GroupId == groupId || e.ClassroomGroupId == groupId) && e.Status == EnrollmentStatus.Active).Select(e => e.PersonId);
}
