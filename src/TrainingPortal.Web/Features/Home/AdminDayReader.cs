using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Schedules;

namespace TrainingPortal.Web.Features.Home;

/// <summary>
/// The administrator's day on their home page: what waits for them, each count linking to its list, and the latest
/// changes. Seven SQL queries whatever the size of the data: one count per list (the approval count reads the stored
/// standings, as the queue does before it refreshes), the unrecorded meetings' candidates, and the audit log's latest
/// rows by primary key.
/// </summary>
public sealed class AdminDayReader(AppDbContext db, ApprovalQueueReader approvals, PortalClock clock)
{
    public const int LatestChanges = 8;

    public async Task<AdminDay> LoadAsync(string? me, string? timeZoneId, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var waiting = await approvals.CountAsync(today, cancellationToken);
        var applications = await db.EndorsementApplications.AsNoTracking()
            .CountAsync(a => a.Status == ApplicationStatus.Submitted
                && db.Enrollments.Any(e => e.Id == a.EnrollmentId && e.Status == EnrollmentStatus.Active && e.PersonId != me), cancellationToken);
        var unrecorded = (await UnrecordedMeetings.Candidates(db, db.Meetings.AsNoTracking(), now)
                .Select(m => new { m.StartsUtc, m.DurationMinutes })
                .ToListAsync(cancellationToken))
            .Count(m => UnrecordedMeetings.HasEnded(m.StartsUtc, m.DurationMinutes, now));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var requests = await db.TrainingRequests.AsNoTracking().CountAsync(r => r.AnsweredUtc == null, cancellationToken);
        var joins = await db.JoinRequests.AsNoTracking().CountAsync(r => r.Status == JoinRequestStatus.Open, cancellationToken);
        var issued = await db.Certificates.AsNoTracking().CountAsync(c => c.Code != null && c.IssuedOn >= monthStart && c.IssuedOn <= today, cancellationToken);
        var zone = string.IsNullOrEmpty(timeZoneId) ? clock.ZoneId : timeZoneId;
        var changes = await (
                from a in db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(LatestChanges)
                join actor in db.Users on a.ActorId equals actor.Id into actors
                from actor in actors.DefaultIfEmpty()
                join concerned in db.Users on a.PersonId equals concerned.Id into people
                from concerned in people.DefaultIfEmpty()
                select new AdminChange(a.Id, a.AtUtc, a.ActorId, actor == null ? null : actor.DisplayName, a.Action, a.EntityType, a.EntityId,
                    a.PersonId, concerned == null ? null : concerned.DisplayName))
            .ToListAsync(cancellationToken);
        return new AdminDay(waiting, applications, unrecorded, issued, requests, monthStart, [.. changes.OrderByDescending(c => c.Id)], zone)
        {
            JoinRequestsToAnswer = joins,
        };
    }
}

/// <summary>The counts on the administrator's home page; <see cref="TimeZoneId"/> is the viewer's, for the changes' times.</summary>
public sealed record AdminDay(int WaitingForApproval, int ApplicationsToReview, int UnrecordedMeetings, int CertificatesIssuedThisMonth,
    int TrainingRequestsToAnswer, DateOnly MonthStart, IReadOnlyList<AdminChange> Changes, string TimeZoneId)
{
    /// <summary>People's requests to join a program, waiting.</summary>
    public int JoinRequestsToAnswer { get; init; }
}

/// <summary>One audit entry in the latest changes (the audit log shows its details).</summary>
public sealed record AdminChange(long Id, DateTime AtUtc, string? ActorId, string? ActorName, string Action, string EntityType, string EntityId,
    string? PersonId, string? PersonName);
