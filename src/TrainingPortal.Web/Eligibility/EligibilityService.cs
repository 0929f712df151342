using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Eligibility;

/// <summary>An enrollment, the rule set it was created under, and its verdict today.</summary>
public sealed record EnrollmentVerdict(EnrollmentHeader Enrollment, RuleSet RuleSet, Verdict Verdict, Evidence Evidence);

/// <summary>What decides whether an enrollment's stored standing may be shown: read with the enrollment, in the same query.</summary>
/// <param name="EnrollmentId">The enrollment.</param>
/// <param name="RuleSetId">The enrollment's rule set (<c>key@version</c>).</param>
/// <param name="Stale">The standing's <c>Stale</c> flag; <c>null</c> when there is no standing.</param>
/// <param name="EvaluatedOn">The standing's as-of date.</param>
/// <param name="VerdictKey">The key of the stored verdict's text (<see cref="StoredVerdict.Key"/>): the text itself (about
/// 4 KB) is read only when this instance has not read it before.</param>
public sealed record StoredStanding(int EnrollmentId, string RuleSetId, bool? Stale, DateOnly? EvaluatedOn, string? VerdictKey);

/// <summary>
/// Evaluates enrollments: loads their evidence in batches (<see cref="EvidenceLoader"/>) and runs the
/// rules engine under each enrollment's own rule-set version.
/// </summary>
/// <remarks>
/// The as-of date is <b>today in the portal's time zone</b> (<see cref="PortalOptions.DefaultTimeZone"/>),
/// not the viewer's: a trainee, their trainer and an administrator in another time zone then see the same
/// verdict on the same day, and a list of thousands is evaluated on one date. The date comes from
/// <see cref="PortalClock.Today"/>.
/// </remarks>
public sealed class EligibilityService(AppDbContext db, EvidenceLoader loader, PortalClock clock)
{
    /// <summary>The as-of date: today in the portal's time zone (<see cref="PortalClock.Today"/>).</summary>
    public DateOnly Today() => clock.Today;

    /// <summary>The verdicts of a person's enrollments (active ones unless <paramref name="includeInactive"/>), oldest first.</summary>
    public async Task<IReadOnlyList<EnrollmentVerdict>> ForPersonAsync(string personId, bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        var ids = await db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && (includeInactive || e.Status == EnrollmentStatus.Active))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        return await ForEnrollmentsAsync(ids, cancellationToken);
    }

    /// <summary>
    /// A stored verdict when it is current: its row not stale and evaluated today, the verdict stored by this build, as of
    /// today, under the enrollment's rule set <paramref name="ruleSetId"/>; otherwise <c>null</c>.
    /// </summary>
    /// <remarks>
    /// "Not stale" is a promise kept by <see cref="Standings.StandingInvalidator"/> (every save that changes evidence marks the
    /// standings it affects after committing) and <see cref="Standings.StandingRefresher"/> (which clears the stored verdict when
    /// it clears the flag, until it has stored the new one). The date matters on its own: verdicts move with the day.
    /// </remarks>
    public static Verdict? Current(bool? stale, DateOnly? evaluatedOn, string? verdict, string ruleSetId, DateOnly today) =>
        stale == false && evaluatedOn == today && StoredVerdict.TryParse(verdict) is { } read ? Fits(read, ruleSetId, today) : null;

    private static Verdict? Fits(Verdict verdict, string ruleSetId, DateOnly today) =>
        verdict.AsOf == today && verdict.RuleSetId == ruleSetId ? verdict : null;

    /// <summary>
    /// Today's verdict of each enrollment of <paramref name="standings"/>, by enrollment id: the stored one where it is
    /// current (<see cref="Current"/>), the others evaluated live in ONE batch (the evidence loader's
    /// <see cref="EvidenceLoader.QueryCount"/> queries; none when every stored verdict is current). An enrollment
    /// that no longer exists is left out.
    /// </summary>
    /// <remarks>
    /// The standings carry their verdicts' keys, not the texts: a verdict this instance has read (or stored) before comes
    /// from memory (<see cref="StoredVerdict.Known"/>); the texts of the others are read in one more query.
    /// </remarks>
    public async Task<IReadOnlyDictionary<int, Verdict>> CurrentAsync(IReadOnlyCollection<StoredStanding> standings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(standings);
        var today = Today();
        var verdicts = new Dictionary<int, Verdict>(standings.Count);
        var live = new List<int>();
        Dictionary<int, string>? unread = null; // current rows whose text this instance has not read: enrollment → rule set
        foreach (var standing in standings)
        {
            if (standing.Stale != false || standing.EvaluatedOn != today || standing.VerdictKey is null)
            {
                live.Add(standing.EnrollmentId);
            }
            else if (StoredVerdict.Known(standing.VerdictKey) is { } known)
            {
                if (Fits(known, standing.RuleSetId, today) is { } verdict)
                {
                    verdicts[standing.EnrollmentId] = verdict;
                }
                else
                {
                    live.Add(standing.EnrollmentId);
                }
            }
            else
            {
                (unread ??= [])[standing.EnrollmentId] = standing.RuleSetId;
            }
        }
        if (unread is not null)
        {
            var ids = unread.Keys.ToArray();
            var rows = await db.Standings.AsNoTracking()
                .Where(s => EF.Parameter(ids).Contains(s.EnrollmentId))
                .Select(s => new { s.EnrollmentId, s.Stale, s.EvaluatedOn, s.Verdict })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                // Read again: the row may have changed since the caller's query.
                if (Current(row.Stale, row.EvaluatedOn, row.Verdict, unread[row.EnrollmentId], today) is { } verdict)
                {
                    verdicts[row.EnrollmentId] = verdict;
                    unread.Remove(row.EnrollmentId);
                }
            }
            live.AddRange(unread.Keys);
        }
        if (live.Count > 0)
        {
            foreach (var v in await ForEnrollmentsAsync(live, cancellationToken))
            {
                verdicts[v.Enrollment.Id] = v.Verdict;
            }
        }
        return verdicts;
    }

    /// <summary>
    /// Today's verdict of an enrollment as if group <paramref name="groupId"/> filled its place <paramref name="placement"/>: the
    /// effect of a move, shown before it is saved (<see cref="EvidenceLoader.LoadAsIfInGroupAsync"/>). <c>null</c> when there is
    /// no such enrollment.
    /// </summary>
    public async Task<EnrollmentVerdict?> AsIfInGroupAsync(int enrollmentId, GroupPlacement placement, int groupId, DateOnly? joinedOn = null,
        CancellationToken cancellationToken = default)
    {
        if (await loader.LoadAsIfInGroupAsync(enrollmentId, placement, groupId, joinedOn, cancellationToken) is not { } loaded)
        {
            return null;
        }
        var ruleSet = RuleSetCatalog.Default.Find(loaded.Enrollment.RuleSetId)
            ?? throw new InvalidOperationException($"Enrollment {enrollmentId} refers to unknown rule set {loaded.Enrollment.RuleSetId}.");
        return new EnrollmentVerdict(loaded.Enrollment, ruleSet, RuleEvaluator.Evaluate(ruleSet, loaded.Evidence, Today()), loaded.Evidence);
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
