using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using TrainingPortal.Web.Renewals;

namespace TrainingPortal.Web.Applications;

/// <summary>A person known to the portal who may provide reflective supervision/consultation (RSC), with the endorsement they hold.</summary>
public sealed record KnownRscProvider(string Id, string Name, EndorsementLevel Level);

/// <summary>
/// The RSC providers an applicant may choose instead of typing a name: people holding a currently valid, unrevoked
/// endorsement certificate of a level the application's rules accept from an RSC provider. The endorsement is derived
/// from certificates as <see cref="RenewalService.HeldAsync(IReadOnlyCollection{string}, CancellationToken)"/> does (Level IV's
/// category from its enrollment); of several, the highest level. One query, whatever the number of people.
/// </summary>
public sealed class KnownRscProviders(AppDbContext db, PortalClock clock)
{
    /// <summary>
    /// The provider levels the rules of <paramref name="requirements"/> accept; when they ask for no RSC with a level
    /// (Level I, a renewal), the levels any endorsement rule set accepts.
    /// </summary>
    public static IReadOnlySet<EndorsementLevel> AcceptedLevels(IEnumerable<Requirement> requirements)
    {
        var levels = new HashSet<EndorsementLevel>();
        void Visit(Requirement r)
        {
            switch (r)
            {
                case ReflectiveSupervisionRequirement rsc:
                    levels.UnionWith(rsc.AcceptedProviderLevels);
                    break;
                case AnyOfRequirement any:
                    foreach (var a in any.Alternatives)
                    {
                        Visit(a);
                    }
                    break;
            }
        }
        foreach (var r in requirements)
        {
            Visit(r);
        }
        if (levels.Count == 0)
        {
            foreach (var r in RuleSetCatalog.Default.All.SelectMany(s => s.Requirements))
            {
                Visit(r);
            }
        }
        return levels;
    }

    /// <summary>The known providers at one of <paramref name="levels"/>, by name; <paramref name="except"/> (the applicant) left out.</summary>
    public Task<IReadOnlyList<KnownRscProvider>> ListAsync(IReadOnlySet<EndorsementLevel> levels, string? except, CancellationToken ct = default) =>
        QueryAsync(levels, null, except, ct);

    /// <summary>One known provider by id (null when they are not one, or are <paramref name="except"/>).</summary>
    public async Task<KnownRscProvider?> FindAsync(string id, IReadOnlySet<EndorsementLevel> levels, string? except, CancellationToken ct = default)
    {
        var found = await QueryAsync(levels, id, except, ct);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<IReadOnlyList<KnownRscProvider>> QueryAsync(IReadOnlySet<EndorsementLevel> levels, string? only, string? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var today = clock.Today;
        var programs = ProgramCatalog.Default.All.Where(p => p.Validity == ValidityPolicy.Endorsement && p.Endorses.Count > 0).Select(p => p.Key).ToList();
        var rows = await (
            from c in db.Certificates.AsNoTracking()
            where (only == null || c.PersonId == only) && programs.Contains(c.ProgramKey) && c.RevokedOn == null && c.Code != null && (c.ValidThrough == null || c.ValidThrough >= today)
            join u in db.Users.AsNoTracking() on c.PersonId equals u.Id
            where u.DisabledUtc == null
            join e in db.Enrollments.AsNoTracking() on c.EnrollmentId equals e.Id into enrollments
            from e in enrollments.DefaultIfEmpty()
            select new { c.PersonId, u.DisplayName, c.ProgramKey, Category = e == null ? null : e.Category }).ToListAsync(ct);
        return [.. rows
            .Where(r => r.PersonId != except)
            .Select(r => new KnownRscProvider(r.PersonId, r.DisplayName, RenewalService.LevelOf(r.ProgramKey, r.Category)))
            .Where(p => levels.Contains(p.Level))
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Level).First())
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }
}
