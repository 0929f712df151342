using System.Security.Claims;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Enrollments;

namespace TrainingPortal.Web.Renewals;

/// <summary>
/// The endorsement a person holds, as a renewal needs it: the level, whether they provide reflective
/// supervision/consultation (RSC), and the certificate that carries the endorsement's validity.
/// </summary>
public sealed record HeldEndorsement(EndorsementLevel Level, bool ProvidesReflectiveSupervision, int CertificateId, DateOnly? ValidThrough);

/// <summary>
/// Renewals that renew: what a yearly renewal (<c>imh-renewal</c>) renews is derived from the person's endorsement
/// certificates, never typed; and an approved endorsement or renewal creates the renewal of the next endorsement year.
/// </summary>
/// <remarks>
/// "Provides RSC" is derived from the endorsement: Level IV-Clinical requires years of providing reflective
/// supervision/consultation (programs.md §4), so its holders provide it; the other levels do not need to.
/// One renewal per endorsement year: an active renewal, or one already made for that year, means none is created;
/// the unique index <c>IX_Enrollments_OneActivePerProgram</c> decides between two approvals at the same moment.
/// </remarks>
public sealed class RenewalService(AppDbContext db, EligibilityService eligibility, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The yearly cycle renewals follow (due 31 January for the previous calendar year).</summary>
    public static RenewalCycle Cycle => DefaultRuleSets.YearlyRenewal;

    /// <summary>Whether <paramref name="programKey"/> is a yearly renewal (its definition's validity: <see cref="ValidityPolicy.Renewal"/>).</summary>
    public static bool IsRenewal(string? programKey) =>
        ProgramCatalog.Default.All.Any(p => string.Equals(p.Key, programKey, StringComparison.OrdinalIgnoreCase) && p.Validity == ValidityPolicy.Renewal);

    /// <summary>The key of the yearly renewal program (the one program whose validity is <see cref="ValidityPolicy.Renewal"/>).</summary>
    public static string RenewalProgramKey => ProgramCatalog.Default.All.Single(p => p.Validity == ValidityPolicy.Renewal).Key;

    /// <summary>The message for a renewal of a person who holds no endorsement (the enroll form and the import).</summary>
    public const string NothingToRenew =
        "This person holds no IMH endorsement, so there is nothing to renew. Their renewal starts once their endorsement is approved.";

    /// <summary>The level an endorsement program's certificate awards (Level IV: by category); None for other programs.</summary>
    public static EndorsementLevel LevelOf(string programKey, string? category)
    {
        var program = ProgramCatalog.Default.All.FirstOrDefault(p => p.Key == programKey);
        if (program is null || program.Validity != ValidityPolicy.Endorsement || program.Endorses.Count == 0)
        {
            return EndorsementLevel.None;
        }
        if (program.Endorses.Count == 1)
        {
            return program.Endorses[0];
        }
        return category switch
        {
            DefaultRuleSets.Categories.Clinical => EndorsementLevel.LevelIVClinical,
            DefaultRuleSets.Categories.Policy => EndorsementLevel.LevelIVPolicy,
            DefaultRuleSets.Categories.ResearchFaculty => EndorsementLevel.LevelIVResearchFaculty,
            _ => EndorsementLevel.None,
        };
    }

    /// <summary>Whether a holder of <paramref name="level"/> provides RSC (see the remarks).</summary>
    public static bool ProvidesReflectiveSupervision(EndorsementLevel level) => level == EndorsementLevel.LevelIVClinical;

    /// <summary>
    /// The endorsement each of <paramref name="personIds"/> holds (absent: none): of their unrevoked endorsement
    /// certificates, a valid one before a lapsed one, then the highest level, then the one valid longest.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, HeldEndorsement>> HeldAsync(IReadOnlyCollection<string> personIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var today = eligibility.Today();
        var programs = ProgramCatalog.Default.All.Where(p => p.Validity == ValidityPolicy.Endorsement && p.Endorses.Count > 0).Select(p => p.Key).ToList();
        var ids = personIds.Distinct(StringComparer.Ordinal).ToList();
        var rows = await (
            from c in db.Certificates.AsNoTracking()
            where EF.Parameter(ids).Contains(c.PersonId) && programs.Contains(c.ProgramKey) && c.RevokedOn == null && c.Code != null
            join e in db.Enrollments.AsNoTracking() on c.EnrollmentId equals e.Id into enrollments
            from e in enrollments.DefaultIfEmpty()
            select new { c.Id, c.PersonId, c.ProgramKey, Category = e == null ? null : e.Category, c.ValidThrough }).ToListAsync(ct);
        return rows
            .Select(r => (r.PersonId, Held: new HeldEndorsement(LevelOf(r.ProgramKey, r.Category), false, r.Id, r.ValidThrough)))
            .Where(r => r.Held.Level != EndorsementLevel.None)
            .GroupBy(r => r.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var best = g.Select(r => r.Held)
                    .OrderByDescending(h => h.ValidThrough is null || h.ValidThrough >= today)
                    .ThenByDescending(h => h.Level)
                    .ThenByDescending(h => h.ValidThrough)
                    .First();
                return best with { ProvidesReflectiveSupervision = ProvidesReflectiveSupervision(best.Level) };
            }, StringComparer.Ordinal);
    }

    /// <summary>The endorsement <paramref name="personId"/> holds, or null.</summary>
    public async Task<HeldEndorsement?> HeldAsync(string personId, CancellationToken ct = default) =>
        (await HeldAsync([personId], ct)).GetValueOrDefault(personId);

    /// <summary>
    /// After an endorsement or a renewal of <paramref name="personId"/> was approved on <paramref name="approvedOn"/>
    /// (and its certificate saved, in the caller's transaction): creates the renewal of the next endorsement year
    /// — the year whose renewal falls due when the endorsement would lapse — under the renewal rule set current on
    /// that year's first day, which is also its start (it cannot be approved earlier). Returns it, or null when that
    /// year's renewal exists already (or the person holds nothing to renew).
    /// </summary>
    public async Task<Enrollment?> CreateNextAsync(string personId, DateOnly approvedOn, EndorsementLevel approvedLevel, CancellationToken ct = default)
    {
        var held = await HeldAsync(personId, ct);
        var level = held?.Level ?? approvedLevel;
        if (level == EndorsementLevel.None)
        {
            return null;
        }
        // Without a certificate (e.g. issuing not configured) the endorsement runs as the certificate would say.
        var through = CertificateTerms.EndorsementValidThrough(approvedOn, Cycle);
        if (held?.ValidThrough is { } v && v > through)
        {
            through = v;
        }
        var start = Cycle.PeriodFor(through).Start;
        var key = RenewalProgramKey;
        var exists = await db.Enrollments.AnyAsync(e => e.PersonId == personId && e.ProgramKey == key
            && (e.Status == EnrollmentStatus.Active || (e.Status == EnrollmentStatus.Completed && e.CreatedOn >= start)), ct);
        if (exists)
        {
            return null;
        }
        var ruleSet = EnrollmentRules.RuleSetFor(key, start) ?? EnrollmentRules.RuleSetFor(key, eligibility.Today());
        if (ruleSet is null)
        {
            return null;
        }
        var renewal = EnrollmentRules.New(personId, ruleSet, null, null, null, start, time.GetUtcNow().UtcDateTime,
            http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier));
        renewal.HeldEndorsement = level;
        renewal.ProvidesReflectiveSupervision = ProvidesReflectiveSupervision(level);
        db.Enrollments.Add(renewal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The one-active-enrollment index: another approval created this person's renewal at the same moment.
            db.Entry(renewal).State = EntityState.Detached;
            return null;
        }
        return renewal;
    }
}
