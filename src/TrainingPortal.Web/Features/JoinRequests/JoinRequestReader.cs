namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>Reads for the join pages, the person's home page and the administrators' queue; each a fixed number of queries.</summary>
public sealed class JoinRequestReader(AppDbContext db, PortalClock clock)
{
    /// <summary>How long a decided request stays on its person's home page.</summary>
    public const int DecidedDaysShown = 90;

    /// <summary>
    /// The groups or cohorts of <paramref name="programKeys"/> one may ask for (the kind its enrollments are placed in, not
    /// ended), soonest first, with their places: two queries.
    /// </summary>
    public async Task<Dictionary<string, IReadOnlyList<JoinGroupOption>>> GroupsAsync(IReadOnlyCollection<string> programKeys, CancellationToken cancellationToken = default)
    {
        var kinds = programKeys
            .Select(k => ProgramCatalog.Default.TryGet(k, out var p) ? p.EnrollmentGroup?.Kind : null)
            .OfType<GroupKind>().Distinct().ToList();
        var today = clock.Today;
        var groups = kinds.Count == 0 ? [] : await db.Groups.AsNoTracking()
            .Where(g => kinds.Contains(g.Kind) && programKeys.Contains(g.ProgramKey) && g.EndDate >= today)
            .OrderBy(g => g.StartDate).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.ProgramKey, g.Name, g.StartDate, g.EndDate, g.Capacity })
            .ToListAsync(cancellationToken);
        var taken = await GroupCapacity.TakenInLimitedAsync(db, groups, g => g.Id, g => g.Capacity, cancellationToken);
        return groups.GroupBy(g => g.ProgramKey, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<JoinGroupOption>)[.. g.Select(x => new JoinGroupOption(x.Id, x.Name, x.StartDate, x.EndDate, x.Capacity, taken.GetValueOrDefault(x.Id)))],
            StringComparer.Ordinal);
    }

    /// <summary>The person's open requests and those decided in the last <see cref="DecidedDaysShown"/> days, newest first: one query.</summary>
    public async Task<IReadOnlyList<MyJoinRequest>> MineAsync(string personId, CancellationToken cancellationToken = default) =>
        await MineQuery(db, personId, clock.UtcNow.AddDays(-DecidedDaysShown)).ToListAsync(cancellationToken);

    // Read on every home page: compiled once (no expression tree built, walked and looked up per request).
    private static readonly Func<AppDbContext, string, DateTime, IAsyncEnumerable<MyJoinRequest>> MineQuery =
        EF.CompileAsyncQuery((AppDbContext db, string personId, DateTime since) =>
            from r in db.JoinRequests.AsNoTracking()
            where r.PersonId == personId && (r.Status == JoinRequestStatus.Open || r.DecidedUtc >= since)
            join p in db.Programs on r.ProgramKey equals p.Key
            orderby r.CreatedUtc descending, r.Id descending
            select new MyJoinRequest(r.Id, r.ProgramKey, p.Title, r.Group != null ? r.Group!.Name : null, r.Status, r.CreatedUtc, r.DecidedUtc, r.DeclineReason));

    /// <summary>Requests as the administrators' queue shows them.</summary>
    public IQueryable<QueuedJoinRequest> Queue(IQueryable<JoinRequest> requests) =>
        from r in requests
        join u in db.Users on r.PersonId equals u.Id
        join p in db.Programs on r.ProgramKey equals p.Key
        join d in db.Users on r.DecidedById equals d.Id into deciders
        from d in deciders.DefaultIfEmpty()
        select new QueuedJoinRequest(r.Id, u.DisplayName, u.Email ?? "", r.ProgramKey, p.Title, r.GroupId, r.Group != null ? r.Group.Name : null,
            r.Category, r.Message, r.Status, r.CreatedUtc, r.DecidedUtc, d == null ? null : d.DisplayName, r.DeclineReason, r.Version);
}
