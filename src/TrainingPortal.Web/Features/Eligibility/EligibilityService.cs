using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Features.Eligibility;

/// <summary>An enrollment, the rule set it was created under, and its verdict today.</summary>
public sealed record EnrollmentVerdict(EnrollmentHeader Enrollment, RuleSet RuleSet, Verdict Verdict, Evidence Evidence);

/// <summary>
/// Evaluates enrollments: loads their evidence in batches (<see cref="EvidenceLoader"/>) and runs the
/// rules engine under each enrollment's own rule-set version.
/// </summary>
/// <remarks>
/// The as-of date is <b>today in the portal's time zone</b> (<see cref="PortalOptions.DefaultTimeZone"/>),
/// not the viewer's: a trainee, their trainer and an administrator in another time zone then see the same
/// verdict on the same day, and a list of thousands is evaluated on one date. The time comes from
/// <see cref="TimeProvider"/>.
/// </remarks>
public sealed class EligibilityService(AppDbContext db, EvidenceLoader loader, TimeProvider time, IOptions<PortalOptions> options)
{
    /// <summary>Today's date in the portal's time zone.</summary>
    public DateOnly Today()
    {
        var zone = GroupSchedule.Zone(options.Value.DefaultTimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }

    /// <summary>The verdicts of a person's enrollments (active ones unless <paramref name="includeInactive"/>), oldest first.</summary>
    public async Task<IReadOnlyList<EnrollmentVerdict>> ForPersonAsync(string personId, bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        var ids = await db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && (includeInactive || e.Status == EnrollmentStatus.Active))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        return await ForEnrollmentsAsync(ids, cancellationToken);
    }

    /// <summary>The verdicts of the given enrollments that exist, ordered by enrollment id.</summary>
    public async Task<IReadOnlyList<EnrollmentVerdict>> ForEnrollmentsAsync(IReadOnlyCollection<int> enrollmentIds, CancellationToken cancellationToken = default)
    {
        var loaded = await loader.LoadEnrollmentsAsync(enrollmentIds, cancellationToken);
        var asOf = Today();
        var verdicts = new List<EnrollmentVerdict>(loaded.Count);
        foreach (var (enrollment, evidence) in loaded)
        {
            var ruleSet = RuleSetCatalog.Default.Find(enrollment.RuleSetId)
                ?? throw new InvalidOperationException($"Enrollment {enrollment.Id} refers to unknown rule set {enrollment.RuleSetId}.");
            verdicts.Add(new EnrollmentVerdict(enrollment, ruleSet, RuleEvaluator.Evaluate(ruleSet, evidence, asOf), evidence));
        }
        return verdicts;
    }
}
