using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Web.Applications;

/// <summary>The six kinds of evidence an applicant types and a reviewer decides, one table each.</summary>
public enum EntryKind
{
    Training,
    Degree,
    Work,
    Leadership,
    Rsc,
    Membership,
}

/// <summary>The entry kinds' words in addresses and the sections they belong to.</summary>
public static class EntryKinds
{
    private static readonly (EntryKind Kind, string Slug)[] Slugs =
    [
        (EntryKind.Training, "training"), (EntryKind.Degree, "degrees"), (EntryKind.Work, "work"),
        (EntryKind.Leadership, "leadership"), (EntryKind.Rsc, "rsc"), (EntryKind.Membership, "memberships"),
    ];

    /// <summary>The kind's part of a decision's address, e.g. <c>/reviews/5/entries/degrees/12/verify</c>.</summary>
    public static string Slug(EntryKind kind) => Slugs.Single(s => s.Kind == kind).Slug;

    public static bool TryParse(string? slug, out EntryKind kind)
    {
        foreach (var (k, s) in Slugs)
        {
            if (string.Equals(s, slug, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The kinds of entry a requirement reads (a choice of two reads both); empty for one no typed entry feeds.</summary>
    public static IReadOnlyList<EntryKind> For(Requirement requirement) => requirement switch
    {
        TrainingHoursRequirement => [EntryKind.Training],
        ReflectiveSupervisionRequirement or RscInPeriodRequirement => [EntryKind.Rsc],
        DegreeRequirement => [EntryKind.Degree],
        WorkExperienceRequirement => [EntryKind.Work],
        LeadershipRequirement => [EntryKind.Leadership],
        MembershipRequirement => [EntryKind.Membership],
        AnyOfRequirement any => [.. any.Alternatives.SelectMany(For).Distinct()],
        _ => [],
    };

    /// <summary>The kinds any requirement of the list reads.</summary>
    public static IReadOnlySet<EntryKind> Read(IEnumerable<Requirement> requirements) => requirements.SelectMany(For).ToHashSet();

    /// <summary>The requirement keys of the list that a reviewer records: the exam, and the portfolio approval.</summary>
    public static bool HasExam(IEnumerable<Requirement> requirements) => requirements.Any(r => r is ExamRequirement);

    public static bool HasPortfolio(IEnumerable<Requirement> requirements) =>
        requirements.Any(r => r is RecordedDateRequirement { Item: RecordedItem.PortfolioApproval });
}

/// <summary>An application a reviewer may open: an active or completed endorsement or renewal enrollment of someone else.</summary>
public sealed record ReviewTarget(int EnrollmentId, string PersonId, string ProgramKey, string RuleSetId, string? Category, EnrollmentStatus Status)
{
    /// <summary>Decisions are made only while the enrollment is active (draft, submitted or returned application).</summary>
    public bool Open => Status == EnrollmentStatus.Active;

    public RuleSet RuleSet => RuleSetCatalog.Default.Find(RuleSetId)
        ?? throw new InvalidOperationException($"Enrollment {EnrollmentId} refers to unknown rule set {RuleSetId}.");

    public IReadOnlyList<Requirement> Requirements => RuleSet.RequirementsFor(Category);
}

/// <summary>One row of the review queue.</summary>
public sealed record QueueRow(int EnrollmentId, string ApplicantName, string Title, int Round, DateTime? SubmittedUtc, int Pending)
{
    public DateTime? ReturnedUtc { get; init; }
    public string? ReturnedBy { get; init; }
}

/// <summary>The review queue: submitted applications (oldest first) and returned ones awaiting their applicants.</summary>
public sealed record ApplicationsToReview(IReadOnlyList<QueueRow> Submitted, IReadOnlyList<QueueRow> Returned);

/// <summary>The outcome of returning an application to its applicant.</summary>
public enum ReturnOutcome
{
    Returned,
    NotSubmitted,
    Changed,
}

/// <summary>
/// The reviewer's side of the endorsement application: which applications a reviewer may open, the queue, and the
/// decisions (per entry, per section, per application). Every change is an entity save: the audit interceptor writes
/// who changed what, and the standing invalidator marks the applicant's verdicts stale.
/// </summary>
/// <remarks>
/// Entries belong to the person, not to an enrollment: a decision made through an application only reaches that
/// application's applicant's entries (an id of anyone else's is "not found"). A reviewer never opens their own application.
/// </remarks>
public sealed class ReviewService(AppDbContext db, PortalClock clock, Notifications.Notifier notifier)
{
    /// <summary>Programs whose applications are reviewed: the endorsement levels and the renewal (same test as the applicant's page).</summary>
    public static bool Reviewable(string programKey) =>
        ProgramCatalog.Default.TryGet(programKey, out var p) && (p.Endorses.Count > 0 || p.Validity == ValidityPolicy.Renewal);

    /// <summary>
    /// The application of enrollment <paramref name="enrollmentId"/> as <paramref name="reviewerId"/> may review it, or null:
    /// no such enrollment, not an endorsement or renewal, withdrawn, or the reviewer's own.
    /// </summary>
    public async Task<ReviewTarget?> FindAsync(int enrollmentId, string reviewerId, CancellationToken ct = default)
    {
        var row = await db.Enrollments.AsNoTracking()
            .Where(e => e.Id == enrollmentId && e.Status != EnrollmentStatus.Withdrawn)
            .Select(e => new ReviewTarget(e.Id, e.PersonId, e.ProgramKey, e.RuleSetId, e.Category, e.Status))
            .SingleOrDefaultAsync(ct);
        return row is null || row.PersonId == reviewerId || !Reviewable(row.ProgramKey) || RuleSetCatalog.Default.Find(row.RuleSetId) is null
            ? null
            : row;
    }

    /// <summary>
    /// Verifies (<paramref name="notAcceptedReason"/> null) or does not accept one entry of the applicant. False when the
    /// entry is not the applicant's (or does not exist): nothing changed.
    /// </summary>
    public async Task<bool> DecideAsync(ReviewTarget target, EntryKind kind, int entryId, string? notAcceptedReason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var person = target.PersonId;
        var verified = notAcceptedReason is null;
        var reason = notAcceptedReason?.Trim();
        switch (kind)
        {
            case EntryKind.Training:
                var t = await db.TrainingHours.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (t is null)
                {
                    return false;
                }
                (t.Verified, t.NotAcceptedReason) = (verified, reason);
                break;
            case EntryKind.Degree:
                var d = await db.Degrees.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (d is null)
                {
                    return false;
                }
                (d.TranscriptVerified, d.NotAcceptedReason) = (verified, reason);
                break;
            case EntryKind.Work:
                var w = await db.WorkExperience.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (w is null)
                {
                    return false;
                }
                (w.Verified, w.NotAcceptedReason) = (verified, reason);
                break;
            case EntryKind.Leadership:
                var l = await db.LeadershipActivities.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (l is null)
                {
                    return false;
                }
                (l.Verified, l.NotAcceptedReason) = (verified, reason);
                break;
            case EntryKind.Rsc:
                var r = await db.RscLog.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (r is null)
                {
                    return false;
                }
                (r.ProviderApproved, r.NotAcceptedReason) = (verified, reason);
                break;
            case EntryKind.Membership:
                var m = await db.Memberships.SingleOrDefaultAsync(x => x.Id == entryId && x.PersonId == person, ct);
                if (m is null)
                {
                    return false;
                }
                (m.Verified, m.NotAcceptedReason) = (verified, reason);
                break;
            default:
                return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A reviewer's comment on one section (requirement key) of the application.</summary>
    public async Task AddCommentAsync(ReviewTarget target, string section, string text, string authorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        db.ApplicationComments.Add(new ApplicationComment
        {
            EnrollmentId = target.EnrollmentId,
            Section = section,
            Text = text.Trim(),
            AuthorId = authorId,
            CreatedUtc = clock.UtcNow,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Returns a submitted application to its applicant with a note; only from Submitted, and only the round the reviewer saw.</summary>
    public async Task<ReturnOutcome> ReturnAsync(ReviewTarget target, int round, string note, string reviewerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var application = await db.EndorsementApplications.SingleOrDefaultAsync(a => a.EnrollmentId == target.EnrollmentId, ct);
        if (application is null || application.Status != ApplicationStatus.Submitted)
        {
            return ReturnOutcome.NotSubmitted;
        }
        if (application.Round != round)
        {
            return ReturnOutcome.Changed;
        }
        application.Status = ApplicationStatus.Returned;
        application.ReturnedUtc = clock.UtcNow;
        application.ReturnedById = reviewerId;
        application.ReturnNote = note.Trim();
        notifier.Add(target.PersonId, NotificationKind.ReviewReturned,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"review-returned:{application.Id}:{application.Round}"),
            "Your application was returned with comments",
            $"A reviewer returned your endorsement application with comments: {application.ReturnNote}\n\n"
                + "The application page shows each comment next to the part it is about. Change what was asked and submit again.",
            $"/endorsement/{target.EnrollmentId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // a concurrent return of the same round: changed, or its notification already written
        {
            // The applicant submitted again (a new round) while the reviewer was writing.
            db.ChangeTracker.Clear();
            return ReturnOutcome.Changed;
        }
        return ReturnOutcome.Returned;
    }

    /// <summary>Records an examination result for the application.</summary>
    public async Task AddExamAsync(ReviewTarget target, DateOnly date, bool passed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        db.ExamResults.Add(new ExamResultRecord { EnrollmentId = target.EnrollmentId, Date = date, Passed = passed });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Approves the portfolio today (portal time zone), or withdraws the approval. Saved false: someone changed the
    /// enrollment at the same moment (its version differs) and nothing was saved; the date returned is the one stored.
    /// </summary>
    public async Task<(bool Saved, DateOnly? ApprovedOn)> SetPortfolioAsync(ReviewTarget target, bool approved, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var enrollment = await db.Enrollments.SingleAsync(e => e.Id == target.EnrollmentId, ct);
        enrollment.PortfolioApprovedOn = approved ? clock.Today : null;
        enrollment.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            return (true, enrollment.PortfolioApprovedOn);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Enrollments.AsNoTracking().Where(e => e.Id == target.EnrollmentId).Select(e => e.PortfolioApprovedOn).SingleAsync(ct);
            return (false, stored);
        }
    }

    /// <summary>
    /// The queue in two queries whatever its length: submitted applications of active enrollments (oldest submission
    /// first) with their applicant's undecided entries of the kinds the application reads, and returned ones. The
    /// reviewer's own application is left out.
    /// </summary>
    public async Task<ApplicationsToReview> QueueAsync(string reviewerId, CancellationToken ct = default)
    {
        var submitted = await (
                from a in db.EndorsementApplications.AsNoTracking()
                where a.Status == ApplicationStatus.Submitted
                join e in db.Enrollments on a.EnrollmentId equals e.Id
                where e.Status == EnrollmentStatus.Active && e.PersonId != reviewerId
                join u in db.Users on e.PersonId equals u.Id
                orderby a.SubmittedUtc, a.Id
                select new
                {
                    e.Id, u.DisplayName, e.ProgramKey, e.RuleSetId, e.Category, a.Round, a.SubmittedUtc,
                    Training = db.TrainingHours.Count(x => x.PersonId == e.PersonId && !x.Verified && x.NotAcceptedReason == null),
                    Degrees = db.Degrees.Count(x => x.PersonId == e.PersonId && !x.TranscriptVerified && x.NotAcceptedReason == null),
                    Work = db.WorkExperience.Count(x => x.PersonId == e.PersonId && !x.Verified && x.NotAcceptedReason == null),
                    Leadership = db.LeadershipActivities.Count(x => x.PersonId == e.PersonId && !x.Verified && x.NotAcceptedReason == null),
                    Rsc = db.RscLog.Count(x => x.PersonId == e.PersonId && !x.ProviderApproved && x.NotAcceptedReason == null),
                    Memberships = db.Memberships.Count(x => x.PersonId == e.PersonId && !x.Verified && x.NotAcceptedReason == null),
                })
            .ToListAsync(ct);
        var returned = await (
                from a in db.EndorsementApplications.AsNoTracking()
                where a.Status == ApplicationStatus.Returned
                join e in db.Enrollments on a.EnrollmentId equals e.Id
                where e.Status == EnrollmentStatus.Active && e.PersonId != reviewerId
                join u in db.Users on e.PersonId equals u.Id
                orderby a.ReturnedUtc, a.Id
                select new
                {
                    e.Id, u.DisplayName, e.RuleSetId, a.Round, a.SubmittedUtc, a.ReturnedUtc,
                    By = db.Users.Where(r => r.Id == a.ReturnedById).Select(r => r.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(ct);

        return new ApplicationsToReview(
            [.. submitted.Select(s =>
            {
                var ruleSet = RuleSetCatalog.Default.Find(s.RuleSetId);
                var kinds = ruleSet is null ? new HashSet<EntryKind>() : EntryKinds.Read(ruleSet.RequirementsFor(s.Category));
                var pending = (kinds.Contains(EntryKind.Training) ? s.Training : 0) + (kinds.Contains(EntryKind.Degree) ? s.Degrees : 0)
                    + (kinds.Contains(EntryKind.Work) ? s.Work : 0) + (kinds.Contains(EntryKind.Leadership) ? s.Leadership : 0)
                    + (kinds.Contains(EntryKind.Rsc) ? s.Rsc : 0) + (kinds.Contains(EntryKind.Membership) ? s.Memberships : 0);
                return new QueueRow(s.Id, s.DisplayName, ruleSet?.Title ?? s.ProgramKey, s.Round, s.SubmittedUtc, pending);
            })],
            [.. returned.Select(r => new QueueRow(r.Id, r.DisplayName, RuleSetCatalog.Default.Find(r.RuleSetId)?.Title ?? r.RuleSetId, r.Round, r.SubmittedUtc, 0)
            {
                ReturnedUtc = r.ReturnedUtc,
                ReturnedBy = r.By,
            })]);
    }
}
