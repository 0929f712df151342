namespace TrainingPortal.Web.Standings;

/// <summary>
/// The eligibility queue's stored standing of one enrollment: the rules engine's overall verdict as of
/// <see cref="EvaluatedOn"/>, refreshed when the enrollment's evidence changes (<see cref="Stale"/>) and
/// when the day changes. Lets the queue list thousands of enrollments without evaluating them per request.
/// A cache: the rules engine's live verdict is the truth (approval never trusts this row). Stored in the table
/// <c>EnrollmentStandings</c> (see <c>CachedStandingConfiguration</c>); the name says what the row is.
/// </summary>
public sealed class CachedStanding
{
    /// <summary>The enrollment (also the key).</summary>
    public int EnrollmentId { get; set; }

    public Domain.Eligibility.OverallStatus Status { get; set; }

    /// <summary>Blocking requirements met or waived, of <see cref="BlockingCount"/>.</summary>
    public int MetCount { get; set; }
    public int BlockingCount { get; set; }

    /// <summary>A compact JSON list of the requirements' key, status and figure, for the queue's display.</summary>
    public string Summary { get; set; } = "[]";

    /// <summary>
    /// The whole verdict (<see cref="StoredVerdict"/>), for pages that show every requirement;
    /// <c>null</c> until first evaluated and while the refresher re-evaluates a stale standing.
    /// </summary>
    public string? Verdict { get; set; }

    /// <summary>
    /// The key of <see cref="Verdict"/>'s text (<see cref="StoredVerdict.Key"/>, a hash of it), written and cleared with it.
    /// Pages read this instead of the text (about 4 KB) and take the verdict from memory when this instance has read that
    /// text before (<see cref="StoredVerdict.Known"/>).
    /// </summary>
    public string? VerdictKey { get; set; }

    /// <summary>The as-of date of the evaluation (today in the portal's time zone when it ran).</summary>
    public DateOnly EvaluatedOn { get; set; }
    public DateTime EvaluatedUtc { get; set; }

    /// <summary>
    /// When the refresher first found the enrollment eligible (its status turned <c>Eligible</c>); <c>null</c> while it
    /// is not, and for standings already eligible before this was recorded. The administrators' digest counts the
    /// enrollments newly eligible since yesterday by it.
    /// </summary>
    public DateTime? EligibleSinceUtc { get; set; }

    /// <summary>Set when evidence behind the enrollment changed since <see cref="EvaluatedUtc"/>.</summary>
    public bool Stale { get; set; }

    /// <summary>
    /// The requirements the person was last told were at risk or out of reach (<see cref="AtRiskAlerts"/>), e.g.
    /// <c>consultation-attendance=out</c>; a new entry at the next evaluation is told once (a notification).
    /// <c>null</c> for standings stored before alerts existed: their first evaluation takes the baseline silently.
    /// </summary>
    public string? Alerted { get; set; }
}
