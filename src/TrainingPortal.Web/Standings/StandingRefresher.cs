using System.Text.Json;
using System.Text.Json.Serialization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Standings;

/// <summary>
/// Keeps each active enrollment's verdict stored (<see cref="CachedStanding"/>), so the eligibility
/// queue lists thousands of enrollments in a few queries instead of evaluating them per request.
/// </summary>
/// <remarks>
/// <para>A standing is <b>due</b> when its enrollment is active and the standing is missing, marked
/// <c>Stale</c> (the <see cref="StandingInvalidator"/> marks it when evidence changes) or evaluated before
/// today — eligibility moves with the date alone (consultation periods end, renewal years turn).</para>
/// <para>Each batch of <see cref="BatchSize"/>: insert placeholder rows for enrollments without a standing,
/// clear the <c>Stale</c> flag (and the stored verdict of those rows), <em>then</em> load the evidence and evaluate (the evidence loader's 25 queries),
/// then write status, counts and summary without touching <c>Stale</c>. A change committed after the
/// evidence was read marks the standing stale after the flag was cleared, so it stays stale and is
/// re-evaluated next time: a lost update cannot hide a change.</para>
/// <para>Two refreshers at once (the queue page and the background service, or two instances) may both
/// insert the same placeholder; the loser's batch fails on the primary key and is skipped — the winner
/// evaluates it.</para>
/// </remarks>
public sealed partial class StandingRefresher(AppDbContext db, EligibilityService eligibility, TimeProvider time, Notifications.Notifier notifier,
    ILogger<StandingRefresher> logger)
{
    /// <summary>Enrollments evaluated together (one evidence load of 25 queries each).</summary>
    public const int BatchSize = 500;

    /// <summary>The ids of active enrollments whose standing is missing, stale or older than <paramref name="today"/>.</summary>
    public IQueryable<int> Due(DateOnly today) => Due(db, today);

    /// <inheritdoc cref="Due(DateOnly)"/>
    /// <remarks>
    /// <c>ProgramKey IN (SELECT Key FROM Programs)</c> is always true (a foreign key) but lets the database seek the
    /// (ProgramKey, Status) index for each program's active enrollments instead of scanning every enrollment (45,615 at
    /// 10,000 trainees, 80% withdrawn or completed): the queue page runs this on every view. The current standings are
    /// read once from the (Stale, EvaluatedOn) index (<c>NOT IN</c>), not looked up row by row in the wide standings
    /// table (<c>NOT EXISTS</c> per enrollment). On the 10,000-trainee file, same minute: 37 ms → 8 ms.
    /// </remarks>
    public static IQueryable<int> Due(AppDbContext db, DateOnly today) =>
        db.Enrollments
            .Where(e => db.Programs.Select(p => p.Key).Contains(e.ProgramKey)
                && e.Status == EnrollmentStatus.Active
                && !db.Standings.Where(s => s.Stale == false && s.EvaluatedOn >= today).Select(s => s.EnrollmentId).Contains(e.Id))
            .OrderBy(e => e.Id)
            .Select(e => e.Id);

    /// <summary>
    /// Marks stale every standing whose stored verdict was not written by this build (<see cref="StoredVerdict.Stamp"/>) —
    /// after a release, or rows from before verdicts were stored — so the next refresh re-evaluates them and pages read
    /// stored verdicts again instead of evaluating live until midnight. One statement; returns how many were marked.
    /// </summary>
    public Task<int> MarkOtherBuildsStaleAsync(CancellationToken cancellationToken = default)
    {
        var prefix = StoredVerdict.Prefix;
        return db.Standings
            .Where(s => !s.Stale && (s.Verdict == null || !s.Verdict.StartsWith(prefix)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true), cancellationToken);
    }

    /// <summary>Refreshes every due standing, in batches; returns how many were evaluated.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken = default)
    {
        // The list is taken once: edits made meanwhile are picked up by the next run, never loop forever.
        var due = await Due(eligibility.Today()).ToListAsync(cancellationToken);
        return await RefreshAsync(due, cancellationToken);
    }

    /// <summary>Evaluates the given enrollments (unknown ids are skipped) and stores their standings; returns how many were stored.</summary>
    public async Task<int> RefreshAsync(IReadOnlyCollection<int> enrollmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollmentIds);
        var stored = 0;
        foreach (var batch in enrollmentIds.Distinct().Chunk(BatchSize))
        {
            try
            {
                stored += await RefreshBatchAsync(batch, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Another refresher stored these standings at the same moment; it evaluates them.
                db.ChangeTracker.Clear();
                LogBatchSkipped(logger, ex, batch[0], batch.Length);
            }
        }
        return stored;
    }

    private async Task<int> RefreshBatchAsync(int[] batch, CancellationToken ct)
    {
        var ids = await db.Enrollments.Where(e => EF.Parameter(batch).Contains(e.Id)).Select(e => e.Id).ToArrayAsync(ct);
        if (ids.Length == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var standings = await db.Standings.Where(s => EF.Parameter(ids).Contains(s.EnrollmentId)).ToDictionaryAsync(s => s.EnrollmentId, ct);

        // 1. Placeholders for missing rows, so a change made while evaluating has a row to mark stale.
        var missing = ids.Where(id => !standings.ContainsKey(id)).ToList();
        foreach (var id in missing)
        {
            var placeholder = new CachedStanding
            {
                EnrollmentId = id,
                Status = OverallStatus.NotYetEligible,
                EvaluatedOn = DateOnly.MinValue,
                EvaluatedUtc = now,
                Alerted = "", // a new enrollment: anything at risk at its first evaluation is news
            };
            db.Standings.Add(placeholder);
            standings[id] = placeholder;
        }
        if (missing.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        // 2. Clear the flag before reading the evidence — and the stored verdict with it: until step 3 has stored the
        // new one, the row says "not stale" while its verdict predates the change, and no page may show that verdict.
        await db.Standings.Where(s => EF.Parameter(ids).Contains(s.EnrollmentId) && s.Stale)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, false).SetProperty(x => x.Verdict, (string?)null).SetProperty(x => x.VerdictKey, (string?)null), ct);

        // 3. Evaluate and store (Stale is not written: a mark set meanwhile survives).
        var verdicts = await EvaluateAsync(ids, ct);
        var today = verdicts.Count > 0 ? verdicts[0].Verdict.AsOf : eligibility.Today();
        foreach (var v in verdicts)
        {
            var standing = standings[v.Enrollment.Id];
            var previousUtc = standing.EvaluatedUtc;
            var alerts = Notifications.AtRiskAlerts.Of(v.Verdict);
            if (standing.Alerted is { } told && Notifications.AtRiskAlerts.News(told, alerts) is { Count: > 0 } news)
            {
                Notifications.AtRiskAlerts.Notify(notifier, v.Enrollment.PersonId, v.Enrollment.Id, v.Enrollment.ProgramKey, previousUtc, v.Verdict, news);
            }
            standing.Alerted = alerts;
            Store(standing, v.Verdict, today, now);
            // Written even when equal to the value read before step 2, which step 2 may have cleared since.
            var entry = db.Entry(standing);
            if (entry.State == EntityState.Unchanged || entry.State == EntityState.Modified)
            {
                entry.Property(s => s.Verdict).IsModified = true;
                entry.Property(s => s.VerdictKey).IsModified = true;
            }
        }
        await db.SaveChangesAsync(ct);
        return verdicts.Count;
    }

    /// <summary>
    /// Evaluates a batch; when an enrollment's data cannot be evaluated (an unknown rule set, a missing
    /// Level IV category) the batch is halved until that one is found and left out, so one bad record
    /// costs a few extra loads instead of hiding the whole batch.
    /// </summary>
    private async Task<List<EnrollmentVerdict>> EvaluateAsync(int[] ids, CancellationToken ct)
    {
        try
        {
            return [.. await eligibility.ForEnrollmentsAsync(ids, ct)];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            if (ids.Length == 1)
            {
                LogCannotEvaluate(logger, ex, ids[0]);
                return [];
            }
            var half = ids.Length / 2;
            return [.. await EvaluateAsync(ids[..half], ct), .. await EvaluateAsync(ids[half..], ct)];
        }
    }

    /// <summary>
    /// Writes a verdict into a standing (everything but the <c>Stale</c> flag), and keeps the verdict as read back from its
    /// text in this instance's memory under its key (<see cref="StoredVerdict.Known"/>).
    /// </summary>
    public static void Store(CachedStanding standing, Verdict verdict, DateOnly evaluatedOn, DateTime evaluatedUtc)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(verdict);
        // A placeholder (never evaluated) was not eligible before; a standing eligible before EligibleSinceUtc existed keeps null.
        var wasEligible = standing.Status == OverallStatus.Eligible && standing.EvaluatedOn != DateOnly.MinValue;
        standing.EligibleSinceUtc = verdict.Status != OverallStatus.Eligible ? null : wasEligible ? standing.EligibleSinceUtc : evaluatedUtc;
        standing.Status = verdict.Status;
        standing.BlockingCount = verdict.Requirements.Count(r => r.Blocking);
        standing.MetCount = verdict.Requirements.Count(r => r.Blocking && r.IsSatisfied);
        standing.Summary = StandingItem.Serialize(verdict);
        var text = StoredVerdict.Serialize(verdict);
        standing.Verdict = text;
        standing.VerdictKey = StoredVerdict.Key(text);
        StoredVerdict.Read(text, standing.VerdictKey); // this instance's pages find it by its key without reading the text
        standing.EvaluatedOn = evaluatedOn;
        standing.EvaluatedUtc = evaluatedUtc;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrollment {EnrollmentId} cannot be evaluated; its standing is left as it was")]
    private static partial void LogCannotEvaluate(ILogger logger, Exception exception, int enrollmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Standings of {Count} enrollments from id {FirstId} were stored by another refresher at the same time; skipped")]
    private static partial void LogBatchSkipped(ILogger logger, Exception exception, int firstId, int count);
}
