using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Time;
using static System.FormattableString;

namespace TrainingPortal.Web.Notifications;

/// <summary>
/// The time-based notifications, evaluated once a day per time zone at a civil hour (<see cref="NotificationOptions.LocalHour"/>,
/// 8 a.m. by default) in that zone, for the people who live in it: a renewal coming due (90, 30 and 7 days before), an
/// endorsement that lapsed, the administrators' daily digest, and on Mondays the trainers' weekly digest and each
/// person's weekly digest of the notifications they chose to get that way. Each run is remembered per zone
/// (<see cref="NotificationSchedule"/>); each message has a unique key, so a second run on the same day — after a
/// restart, or on another instance — adds nothing.
/// </summary>
public sealed class DailyNotificationChecks(AppDbContext db, Notifier notifier, NotificationSender sender, TimeProvider time,
    IOptions<NotificationOptions> options, IOptions<Infrastructure.PortalOptions> portal)
{
    /// <summary>Days before the renewal date on which its reminder is sent.</summary>
    public static readonly int[] RenewalReminderDays = [90, 30, 7];

    /// <summary>A lapse is told when found within this many days after it (an old lapse is not news).</summary>
    public const int LapseNewsDays = 30;

    /// <summary>Runs the checks for every zone whose local hour has come and that has not run today; returns how many zones ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var zones = await db.Users.Select(u => u.TimeZoneId).Distinct().ToListAsync(ct);
        if (!zones.Contains(portal.Value.DefaultTimeZone))
        {
            zones.Add(portal.Value.DefaultTimeZone); // raters have no account: they are reminded in the portal's morning
        }
        var ran = await db.NotificationSchedules.ToDictionaryAsync(s => s.Name, ct);
        var count = 0;
        foreach (var zoneId in zones)
        {
            var local = PortalClock.ToLocal(now, zoneId);
            var today = PortalClock.DateOf(local);
            var name = "daily:" + zoneId;
            if (local.Hour < options.Value.LocalHour || (ran.TryGetValue(name, out var last) && last.LastRunOn >= today))
            {
                continue;
            }
            await RunAsync(zoneId, today, ct);
            if (last is null)
            {
                db.NotificationSchedules.Add(new NotificationSchedule { Name = name, LastRunOn = today });
            }
            else
            {
                last.LastRunOn = today;
            }
            await db.SaveChangesAsync(ct);
            count++;
        }
        return count;
    }

    /// <summary>The day's checks for the people in <paramref name="zoneId"/>, whose date is <paramref name="today"/>.</summary>
    public async Task RunAsync(string zoneId, DateOnly today, CancellationToken ct = default)
    {
        var candidates = new List<Notification>();
        await RenewalsAsync(zoneId, today, candidates, ct);
        await DeadlinesAsync(zoneId, today, candidates, ct);
        await HoursLeavingWindowAsync(zoneId, today, candidates, ct);
        await AdministratorDigestsAsync(zoneId, today, candidates, ct);
        if (today.DayOfWeek == DayOfWeek.Monday)
        {
            await TrainerDigestsAsync(zoneId, today, candidates, ct);
        }
        await AddNewAsync(candidates, ct);
        if (zoneId == portal.Value.DefaultTimeZone)
        {
            await RaterRemindersAsync(ct);
        }
        if (today.DayOfWeek == DayOfWeek.Monday)
        {
            await WeeklyDigestsAsync(zoneId, today, ct);
        }
    }

    /// <summary>Adds the candidates whose key is not stored yet (one query for the keys, one save).</summary>
    private async Task AddNewAsync(List<Notification> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return;
        }
        foreach (var chunk in candidates.Chunk(500))
        {
            var keys = chunk.Select(c => c.Key).ToArray();
            var existing = (await db.Notifications.Where(n => EF.Parameter(keys).Contains(n.Key)).Select(n => n.Key).ToListAsync(ct)).ToHashSet();
            foreach (var c in chunk.Where(c => !existing.Contains(c.Key)))
            {
                notifier.Add(c.UserId, c.Kind, c.Key, c.Title, c.Body, c.Link);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private async Task RenewalsAsync(string zoneId, DateOnly today, List<Notification> into, CancellationToken ct)
    {
        var horizon = today.AddDays(RenewalReminderDays.Max());
        var lapseFrom = today.AddDays(-LapseNewsDays);
        var rows = await (
            from c in db.Certificates
            join u in db.Users on c.PersonId equals u.Id
            join p in db.Programs on c.ProgramKey equals p.Key
            where u.TimeZoneId == zoneId && c.RevokedOn == null && c.ValidThrough != null
                && c.ValidThrough >= lapseFrom && c.ValidThrough <= horizon
            select new { c.Id, c.PersonId, ValidThrough = c.ValidThrough!.Value, p.Title }).ToListAsync(ct);
        foreach (var c in rows)
        {
            if (c.ValidThrough < today)
            {
                into.Add(new Notification
                {
                    UserId = c.PersonId, Kind = NotificationKind.EndorsementLapsed, Key = Invariant($"lapsed:{c.Id}:{c.ValidThrough:yyyy-MM-dd}"),
                    Title = $"Your {c.Title} endorsement lapsed",
                    Body = $"Your {c.Title} endorsement was valid through {Date(c.ValidThrough)} and its renewal was not met by then, so it has lapsed. "
                        + "The portal shows what the renewal still needs; once it is met and approved, the endorsement is valid again.",
                    Link = "/",
                });
                continue;
            }
            var daysLeft = c.ValidThrough.DayNumber - today.DayNumber;
            // Only the nearest threshold reached: a certificate found 5 days before gets the 7-day reminder, not all three.
            var threshold = RenewalReminderDays.Where(d => daysLeft <= d).DefaultIfEmpty(0).Min();
            if (threshold == 0)
            {
                continue;
            }
            into.Add(new Notification
            {
                UserId = c.PersonId, Kind = NotificationKind.RenewalDue, Key = Invariant($"renewal-due:{c.Id}:{c.ValidThrough:yyyy-MM-dd}:{threshold}"),
                Title = daysLeft == 1 ? $"Your {c.Title} renewal is due tomorrow" : Invariant($"Your {c.Title} renewal is due in {daysLeft} days"),
                Body = $"Your {c.Title} endorsement is valid through {Date(c.ValidThrough)}. Renew it by then so it does not lapse; "
                    + "the portal shows each renewal requirement, the figure behind it and what is still missing.",
                Link = "/",
            });
        }
    }

    private async Task AdministratorDigestsAsync(string zoneId, DateOnly today, List<Notification> into, CancellationToken ct)
    {
        var administrators = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == TrainingPortal.Domain.Roles.Administrator && u.TimeZoneId == zoneId && u.LockoutEnd == null
            select u.Id).Distinct().ToListAsync(ct);
        if (administrators.Count == 0)
        {
            return;
        }
        var since = time.GetUtcNow().UtcDateTime.AddDays(-1);
        var eligible = await (
            from s in db.Standings
            join e in db.Enrollments on s.EnrollmentId equals e.Id
            where e.Status == EnrollmentStatus.Active && s.Status == OverallStatus.Eligible
            select s.EnrollmentId).CountAsync(ct);
        var newlyEligible = await (
            from s in db.Standings
            join e in db.Enrollments on s.EnrollmentId equals e.Id
            where e.Status == EnrollmentStatus.Active && s.Status == OverallStatus.Eligible && s.EligibleSinceUtc >= since
            select s.EnrollmentId).CountAsync(ct);
        var submitted = await db.EndorsementApplications.CountAsync(a => a.Status == ApplicationStatus.Submitted, ct);
        var newlySubmitted = await db.EndorsementApplications.CountAsync(a => a.Status == ApplicationStatus.Submitted && a.SubmittedUtc >= since, ct);
        var joins = await db.JoinRequests.CountAsync(j => j.Status == JoinRequestStatus.Open, ct);
        var trainingRequests = await db.TrainingRequests.CountAsync(t => t.AnsweredUtc == null, ct);
        var overdueFrom = today.AddDays(-ReferenceOverdueDays);
        var overdue = await db.References.CountAsync(r => r.ReceivedOn == null && r.RequestedOn <= overdueFrom, ct);
        if (eligible + submitted + joins + trainingRequests + overdue == 0)
        {
            return; // nothing waits: no digest
        }
        var body = new StringBuilder();
        body.AppendLine(Invariant($"Waiting for administrators on {Date(today)}:"));
        body.AppendLine(Invariant($"- {eligible} enrollments eligible and awaiting approval, {newlyEligible} of them newly since yesterday (/approvals)"));
        body.AppendLine(Invariant($"- {submitted} endorsement applications submitted for review, {newlySubmitted} of them since yesterday (/reviews)"));
        body.AppendLine(Invariant($"- {joins} open requests to join a program (/admin/join-requests)"));
        body.AppendLine(Invariant($"- {trainingRequests} unanswered training requests from organisations (/admin/training-requests)"));
        body.Append(Invariant($"- {overdue} references requested {ReferenceOverdueDays} or more days ago and not received"));
        foreach (var admin in administrators)
        {
            into.Add(new Notification
            {
                UserId = admin, Kind = NotificationKind.AdministratorDigest, Key = Invariant($"admin-digest:{admin}:{today:yyyy-MM-dd}"),
                Title = Invariant($"Daily summary: {eligible} eligible, {submitted} applications, {joins + trainingRequests} requests"),
                Body = body.ToString(),
                Link = "/approvals",
            });
        }
    }

    /// <summary>Readings, exercises and homework are reminded of this many days before they are due (and on the day).</summary>
    public const int DeadlineReminderDays = 3;

    /// <summary>
    /// Each active member of a cohort whose reading, exercise or homework falls due within <see cref="DeadlineReminderDays"/>
    /// and who has not marked it complete or handed it in: one reminder per item (its key), on the first morning inside
    /// the window.
    /// </summary>
    private async Task DeadlinesAsync(string zoneId, DateOnly today, List<Notification> into, CancellationToken ct)
    {
        var until = today.AddDays(DeadlineReminderDays);
        var learning = await (
            from i in db.LearningItems
            join e in db.Enrollments on i.GroupId equals e.GroupId
            join u in db.Users on e.PersonId equals u.Id
            where i.DueOn != null && i.DueOn >= today && i.DueOn <= until && e.Status == EnrollmentStatus.Active && u.TimeZoneId == zoneId
                && !db.LearningCompletions.Any(c => c.ItemId == i.Id && c.PersonId == e.PersonId)
            select new { i.Id, i.GroupId, i.Title, DueOn = i.DueOn!.Value, e.PersonId }).ToListAsync(ct);
        foreach (var item in learning)
        {
            into.Add(new Notification
            {
                UserId = item.PersonId, Kind = NotificationKind.DeadlineApproaching, Key = Invariant($"due:learning:{item.Id}:{item.PersonId}"),
                Title = Invariant($"Due {Date(item.DueOn)}: {item.Title}"),
                Body = $"“{item.Title}” is due on {Date(item.DueOn)} and is not marked complete yet. Mark it complete on your course page once done.",
                Link = Invariant($"/my/learning/{item.GroupId}"),
            });
        }
        var homework = await (
            from a in db.HomeworkAssignments
            join e in db.Enrollments on a.GroupId equals e.GroupId
            join u in db.Users on e.PersonId equals u.Id
            where a.DueOn != null && a.DueOn >= today && a.DueOn <= until && e.Status == EnrollmentStatus.Active && u.TimeZoneId == zoneId
                && !db.HomeworkSubmissions.Any(h => h.AssignmentId == a.Id && h.PersonId == e.PersonId)
            select new { a.Id, a.Title, DueOn = a.DueOn!.Value, e.PersonId }).ToListAsync(ct);
        foreach (var item in homework)
        {
            into.Add(new Notification
            {
                UserId = item.PersonId, Kind = NotificationKind.DeadlineApproaching, Key = Invariant($"due:homework:{item.Id}:{item.PersonId}"),
                Title = Invariant($"Due {Date(item.DueOn)}: {item.Title}"),
                Body = $"The homework “{item.Title}” is due on {Date(item.DueOn)} and has not been handed in yet.",
                Link = "/my/homework",
            });
        }
    }

    /// <summary>A rater who has not answered is reminded once when their link has at most this many days left.</summary>
    public const int RaterReminderDays = 7;

    /// <summary>
    /// One reminder per link to each rater who has not answered and whose link runs out within <see cref="RaterReminderDays"/>:
    /// an e-mail through the outbox (retried like any other). It carries no link: the single-use token is never stored,
    /// so the reminder points to the first e-mail, and a rater who lost it asks the applicant to send it again.
    /// </summary>
    private async Task RaterRemindersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(RaterReminderDays);
        var due = await (
            from r in db.References
            join e in db.Enrollments on r.EnrollmentId equals e.Id
            join u in db.Users on e.PersonId equals u.Id
            join p in db.Programs on e.ProgramKey equals p.Key
            where r.ReceivedOn == null && r.TokenHash != null && r.RaterEmail != null && r.ReminderSentUtc == null
                && r.LinkExpiresUtc > now && r.LinkExpiresUtc <= soon
            select new { Reference = r, Applicant = u.DisplayName, Program = p.Title }).ToListAsync(ct);
        foreach (var d in due)
        {
            var r = d.Reference;
            r.ReminderSentUtc = now;
            db.OutboxEmails.Add(new OutboxEmail
            {
                ToAddress = r.RaterEmail,
                Subject = "Reminder: reference request for " + d.Applicant,
                Body = $"""
                    Hello {r.RaterName},

                    {d.Applicant} named you as a professional reference for their application for {d.Program}. The link in our
                    e-mail of {r.SentUtc:d MMMM yyyy} ("Reference request: {d.Applicant}") works until {r.LinkExpiresUtc:d MMMM yyyy} (UTC);
                    the rating takes a few minutes and needs no account.

                    If you cannot find that e-mail, ask {d.Applicant} to send the request again. If you did not expect this
                    e-mail, you can ignore it.

                    TrainingPortal
                    """,
                CreatedUtc = now,
                NextAttemptUtc = now,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Hours about to leave their window are told this many days before (once per date).</summary>
    public const int WindowReminderDays = 30;

    /// <summary>
    /// A requirement counted within a window (reflective supervision/consultation within 24 months) that is not met yet,
    /// whose oldest counted hours leave the window within <see cref="WindowReminderDays"/>: the rules engine's forecast
    /// gives the date (<c>Forecast.OldestCountedExpiresOn</c>); read from the stored verdicts of the zone's active
    /// enrollments that carry one.
    /// </summary>
    private async Task HoursLeavingWindowAsync(string zoneId, DateOnly today, List<Notification> into, CancellationToken ct)
    {
        var stored = await (
            from s in db.Standings
            join e in db.Enrollments on s.EnrollmentId equals e.Id
            join u in db.Users on e.PersonId equals u.Id
            where e.Status == EnrollmentStatus.Active && u.TimeZoneId == zoneId && s.Verdict != null && s.Verdict.Contains("\"OldestCountedExpiresOn\":\"")
            select new { e.Id, e.PersonId, s.Verdict }).ToListAsync(ct);
        var until = today.AddDays(WindowReminderDays);
        foreach (var row in stored)
        {
            if (StoredVerdict.TryParse(row.Verdict) is not { } verdict)
            {
                continue; // stored by another build: re-evaluated soon, and checked tomorrow
            }
            foreach (var r in verdict.Requirements.Where(r => r.Blocking && !r.IsSatisfied))
            {
                if (r.Forecast?.OldestCountedExpiresOn is not { } leaves || leaves < today || leaves > until)
                {
                    continue;
                }
                into.Add(new Notification
                {
                    UserId = row.PersonId, Kind = NotificationKind.DeadlineApproaching,
                    Key = Invariant($"window:{row.Id}:{r.Key}:{leaves:yyyy-MM-dd}"),
                    Title = $"Some counted hours leave their window on {Date(leaves)}",
                    Body = $"{r.Title}: {r.Forecast.Summary}",
                    Link = "/",
                });
            }
        }
    }

    /// <summary>A reference not received this many days after it was requested counts as overdue in the administrators' digest.</summary>
    public const int ReferenceOverdueDays = 21;

    private async Task TrainerDigestsAsync(string zoneId, DateOnly today, List<Notification> into, CancellationToken ct)
    {
        var weekAgo = today.AddDays(-7);
        var groups = await (
            from g in db.Groups
            join u in db.Users on g.TrainerId equals u.Id
            where u.TimeZoneId == zoneId && g.StartDate <= today && g.EndDate >= weekAgo
            select new { g.Id, g.Name, g.TrainerId }).ToListAsync(ct);
        if (groups.Count == 0)
        {
            return;
        }
        var groupIds = groups.Select(g => g.Id).ToArray();
        // Newly at risk: members told this week that a requirement is at risk or out of reach (AtRiskAlerts tells each
        // change once, so a member who stays at risk is not counted again next week).
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-7);
#pragma warning disable CA1305 // int.ToString() here is SQL (a CAST to text): no culture is involved
        var atRisk = await (
            from e in db.Enrollments
            where e.GroupId != null && EF.Parameter(groupIds).Contains(e.GroupId.Value) && e.Status == EnrollmentStatus.Active
                && db.Notifications.Any(n => n.UserId == e.PersonId && n.Kind == NotificationKind.AtRisk && n.CreatedUtc >= since
                    && n.Key.StartsWith(AtRiskAlerts.KeyPrefix + e.Id.ToString() + ":"))
            group e by e.GroupId into g
            select new { GroupId = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.GroupId, x => x.Count, ct);
#pragma warning restore CA1305
        var unrecorded = await db.Meetings
            .Where(m => EF.Parameter(groupIds).Contains(m.GroupId) && m.StartsUtc < now && !m.Cancelled && m.AttendanceSavedUtc == null)
            .GroupBy(m => m.GroupId).Select(g => new { GroupId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.GroupId, x => x.Count, ct);
        var waiting = await (
            from s in db.HomeworkSubmissions
            join a in db.HomeworkAssignments on s.AssignmentId equals a.Id
            where EF.Parameter(groupIds).Contains(a.GroupId) && s.AcceptedOn == null && s.ReturnedOn == null
            group s by a.GroupId into g
            select new { GroupId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.GroupId, x => x.Count, ct);
        foreach (var trainer in groups.GroupBy(g => g.TrainerId))
        {
            var lines = new List<string>();
            foreach (var g in trainer.OrderBy(g => g.Name, StringComparer.Ordinal))
            {
                var risk = atRisk.GetValueOrDefault(g.Id);
                var missing = unrecorded.GetValueOrDefault(g.Id);
                var submissions = waiting.GetValueOrDefault(g.Id);
                if (risk + missing + submissions > 0)
                {
                    lines.Add(Invariant($"- {g.Name}: {Count(risk, "member")} newly at risk, {Count(missing, "past meeting")} without attendance, {Count(submissions, "submission")} waiting (/groups/{g.Id})"));
                }
            }
            if (lines.Count == 0 || trainer.Key is null)
            {
                continue;
            }
            into.Add(new Notification
            {
                UserId = trainer.Key, Kind = NotificationKind.TrainerDigest, Key = Invariant($"trainer-digest:{trainer.Key}:{today:yyyy-MM-dd}"),
                Title = Invariant($"Your groups this week ({lines.Count} need attention)"),
                Body = "What needs you in your groups this week:\n" + string.Join('\n', lines),
                Link = "/groups",
            });
        }
    }

    private static string Count(int n, string noun) => Invariant($"{n} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>Each person's week of notifications they chose to get as a digest: one e-mail, queued in the outbox.</summary>
    private async Task WeeklyDigestsAsync(string zoneId, DateOnly today, CancellationToken ct)
    {
        var waiting = await (
            from n in db.Notifications
            join u in db.Users on n.UserId equals u.Id
            where u.TimeZoneId == zoneId && n.EmailState == NotificationEmailState.AwaitingDigest
            orderby n.UserId, n.Id
            select n).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var person in waiting.GroupBy(n => n.UserId))
        {
            var text = new StringBuilder();
            text.AppendLine(Invariant($"Your week in the portal: {person.Count()} notifications you chose to get weekly.")).AppendLine();
            foreach (var n in person)
            {
                text.Append("- ").Append(n.Title).Append(" (").Append(NotificationSender.Sent(n.CreatedUtc, zoneId)).AppendLine(")");
                text.Append("  ").AppendLine(sender.Absolute(n.Link));
                n.EmailState = NotificationEmailState.InDigest;
            }
            text.AppendLine().Append("Why you get this e-mail: you chose a weekly digest for these kinds of notification. Choose how you are told: ")
                .AppendLine(sender.Absolute("/notifications/settings"));
            db.OutboxEmails.Add(new OutboxEmail
            {
                UserId = person.Key,
                Subject = Invariant($"Your week in the portal ({person.Count()} notifications, {Date(today)})"),
                Body = text.ToString(),
                CreatedUtc = now,
                NextAttemptUtc = now,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
