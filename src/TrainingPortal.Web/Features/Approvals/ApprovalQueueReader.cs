using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Features.Approvals;

/// <summary>
/// Reads the eligibility queue from the stored standings: every active, unapproved enrollment whose
/// standing is eligible, filtered by program and group, oldest enrollment first, one page at a time.
/// </summary>
/// <remarks>
/// Three SQL queries whatever the number of enrollments: the programs (8 rows), one grouped count of the
/// waiting enrollments by program and group (the filters' choices, the total and the oldest evaluation
/// date come from it), and the page's rows (skipped when nothing matches). Nothing is evaluated here:
/// the caller refreshes due standings first (<see cref="StandingRefresher"/>).
/// </remarks>
public sealed class ApprovalQueueReader(AppDbContext db)
{
    /// <summary>One page of the queue as of <paramref name="today"/> (used when nothing is waiting).</summary>
    public async Task<QueuePage> LoadAsync(string? program, int? group, int page, DateOnly today, CancellationToken cancellationToken = default)
    {
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Key, p.Title }).ToListAsync(cancellationToken);
        if (program is not null && programs.All(p => p.Key != program))
        {
            program = null; // an unknown filter value shows everything rather than failing
        }

        var waiting = Waiting(today);
        var facets = await (
                from s in waiting
                join e in db.Enrollments on s.EnrollmentId equals e.Id
                group s by new { e.ProgramKey, e.GroupId, GroupName = e.Group != null ? e.Group.Name : null } into g
                select new { g.Key.ProgramKey, g.Key.GroupId, g.Key.GroupName, Count = g.Count(), EvaluatedOn = g.Min(x => x.EvaluatedOn) })
            .ToListAsync(cancellationToken);

        var matching = facets.Where(f => (program is null || f.ProgramKey == program)
            && (group is null || (group == QueuePage.NoGroup ? f.GroupId is null : f.GroupId == group))).ToList();
        var total = matching.Sum(f => f.Count);
        var pages = Math.Max(1, (total + QueuePage.PageSize - 1) / QueuePage.PageSize);
        page = Math.Clamp(page, 1, pages);

        List<QueueRow> rows = [];
        if (total > 0)
        {
            var query = from s in waiting
                        join e in db.Enrollments on s.EnrollmentId equals e.Id
                        select new { s, e };
            if (program is not null)
            {
                query = query.Where(x => x.e.ProgramKey == program);
            }
            if (group == QueuePage.NoGroup)
            {
                query = query.Where(x => x.e.GroupId == null);
            }
            else if (group is { } groupId)
            {
                query = query.Where(x => x.e.GroupId == groupId);
            }
            // Page over the narrow rows first (ids only), then read names and summaries for those 50:
            // sorting 4,000 summaries to skip 3,950 of them took ≈ 20 times longer on SQLite.
            var pageIds = query.OrderBy(x => x.e.CreatedOn).ThenBy(x => x.e.Id).Select(x => x.e.Id)
                .Skip((page - 1) * QueuePage.PageSize).Take(QueuePage.PageSize);
            rows = await (
                    from s in db.Standings.AsNoTracking()
                    join e in db.Enrollments on s.EnrollmentId equals e.Id
                    where pageIds.Contains(e.Id)
                    join u in db.Users on e.PersonId equals u.Id
                    join p in db.Programs on e.ProgramKey equals p.Key
                    orderby e.CreatedOn, e.Id
                    select new QueueRow(e.Id, u.DisplayName, e.ProgramKey, p.Title, e.Category, e.Group != null ? e.Group.Name : null,
                        e.CreatedOn, s.MetCount, s.BlockingCount, s.Summary, s.EvaluatedOn))
                .ToListAsync(cancellationToken);
        }

        var titles = programs.ToDictionary(p => p.Key, p => p.Title);
        return new QueuePage
        {
            Program = program,
            Group = group,
            Page = page,
            Total = total,
            Rows = rows,
            Programs = [.. programs.Select(p => new QueueProgramOption(p.Key, p.Title, facets.Where(f => f.ProgramKey == p.Key).Sum(f => f.Count)))],
            Groups = [.. facets
                .Where(f => program is null || f.ProgramKey == program)
                .GroupBy(f => (Id: f.GroupId ?? QueuePage.NoGroup, Name: f.GroupName ?? "Not in a group or cohort", f.ProgramKey))
                .Select(g => new QueueGroupOption(g.Key.Id, g.Key.Name, g.Key.ProgramKey, g.Sum(f => f.Count)))
                .OrderBy(g => g.Id == QueuePage.NoGroup)
                .ThenBy(g => titles.GetValueOrDefault(g.ProgramKey), StringComparer.Ordinal)
                .ThenBy(g => g.Name, StringComparer.CurrentCulture)],
            EvaluatedOn = matching.Count == 0 ? today : matching.Min(f => f.EvaluatedOn),
        };
    }

    /// <summary>How many enrollments wait for approval as of <paramref name="today"/> (the queue's total without filters).</summary>
    public Task<int> CountAsync(DateOnly today, CancellationToken cancellationToken = default) => Waiting(today).CountAsync(cancellationToken);

    /// <summary>
    /// The active, unapproved enrollments whose stored standing is eligible and that have begun (a renewal is created
    /// ahead for its endorsement year and cannot be approved before that year's first day).
    /// </summary>
    private IQueryable<CachedStanding> Waiting(DateOnly today)
    {
        // A program that is not a credential (a free introductory course) has no approval step: the portal completes
        // it when every requirement is met, so its enrollments never wait here.
        var selfCompleting = SelfCompleting;
        return from s in db.Standings.AsNoTracking()
               where s.Status == OverallStatus.Eligible
                   && db.Enrollments.Any(e => e.Id == s.EnrollmentId && e.Status == EnrollmentStatus.Active && e.ApprovedUtc == null && e.CreatedOn <= today
                       && !selfCompleting.Contains(e.ProgramKey))
               select s;
    }

    /// <summary>The programs without an approval step (<see cref="ProgramDefinition.IsCredential"/> false).</summary>
    private static readonly string[] SelfCompleting = [.. ProgramCatalog.Default.All.Where(p => !p.IsCredential).Select(p => p.Key)];
}
