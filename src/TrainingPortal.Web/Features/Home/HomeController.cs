using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using TrainingPortal.Web.Schedules;

namespace TrainingPortal.Web.Features.Home;

/// <summary>The signed-in person's home page: a trainee sees their standing in every program.</summary>
public sealed class HomeController(EligibilityService eligibility, AppDbContext db, TimeProvider time, AdminDayReader adminDay,
    JoinRequests.JoinRequestReader joinRequests) : Controller
{
    // The page's reads are compiled once (EF.CompileAsyncQuery): a plain LINQ query builds its expression tree, walks it
    // for parameters and looks it up in EF's cache on every request, about a fifth of this page's CPU in a trace.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<HomeViewer?>> ViewerQuery =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken _) =>
            db.Users.Where(u => u.Id == id).Select(u => new HomeViewer(u.DisplayName, u.TimeZoneId)).FirstOrDefault());

    // The active enrollments with their group and stored standing; the fee row is one per enrollment at most (unique
    // index), so a plain left join, not a "first fee" subquery (which SQLite runs as a window over every fee row).
    private static readonly Func<AppDbContext, string, IAsyncEnumerable<HomeEnrollmentRow>> EnrollmentsQuery =
        EF.CompileAsyncQuery((AppDbContext db, string personId) =>
            from e in db.Enrollments.AsNoTracking()
            where e.PersonId == personId && e.Status == Data.Training.EnrollmentStatus.Active
            join s in db.Standings on e.Id equals s.EnrollmentId into stored
            from s in stored.DefaultIfEmpty()
            join f in db.EnrollmentFees on e.Id equals f.EnrollmentId into fees
            from f in fees.DefaultIfEmpty()
            orderby e.Id
            select new HomeEnrollmentRow(
                e.Id, e.RuleSetId, e.CreatedOn, e.Status, e.CompletedOn,
                e.Group != null ? e.Group!.Name : null,
                e.GroupId, e.Group != null ? (GroupKind?)e.Group!.Kind : null, e.ProgramKey,
                f == null ? null : (Data.Training.FeeStatus?)f.Status, f == null ? null : f.Amount, f != null,
                new StoredStanding(e.Id, e.RuleSetId, s == null ? null : s.Stale, s == null ? null : s.EvaluatedOn, s == null ? null : s.VerdictKey)));

    private static readonly Func<AppDbContext, string, IAsyncEnumerable<HeldCertificateRow>> CertificatesQuery =
        EF.CompileAsyncQuery((AppDbContext db, string personId) =>
            db.Certificates.AsNoTracking()
                .Where(c => c.PersonId == personId && c.Code != null)
                .OrderByDescending(c => c.AwardedOn).ThenByDescending(c => c.Id)
                .Select(c => new HeldCertificateRow(c.Code!,
                    c.Versions.Where(v => v.Number == c.CurrentVersion).Select(v => v.CredentialTitle).FirstOrDefault() ?? "",
                    c.Versions.Where(v => v.Number == c.CurrentVersion).Select(v => v.ProgramTitle).FirstOrDefault() ?? "",
                    c.AwardedOn, c.CurrentVersion, c.RevokedOn, c.ExpiresOn, c.ValidThrough)));

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // The page's reads share one connection (EF Core otherwise opens and closes one per query).
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The id comes from the (validated) cookie, never from the request.
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || await ViewerQuery(db, userId, cancellationToken) is not { } user)
        {
            return Challenge();
        }

        // A Champion takes MI Champions' course like any practitioner.
        var isTrainee = User.IsInRole(Roles.Trainee) || User.IsInRole(Roles.Champion);
        IReadOnlyList<ProgramProgressView> standings = [];
        if (isTrainee)
        {
            // Only the signed-in person's own enrollments. One query: the active enrollments with their group's name
            // and stored standing; the verdicts come from the standings where they are current, and only the others
            // are evaluated live, together.
            var rows = await EnrollmentsQuery(db, userId).ToListAsync(cancellationToken);
            var verdicts = await eligibility.CurrentAsync([.. rows.Select(r => r.Standing)], cancellationToken);
            var list = new List<ProgramProgressView>(rows.Count);
            foreach (var r in rows)
            {
                if (!verdicts.TryGetValue(r.Id, out var verdict))
                {
                    continue; // removed since the first query
                }
                var ruleSet = RuleSetCatalog.Default.Find(r.RuleSetId)
                    ?? throw new InvalidOperationException($"Enrollment {r.Id} refers to unknown rule set {r.RuleSetId}.");
                var links = new Dictionary<string, RequirementLink>(StringComparer.Ordinal);
                if (r.GroupId is { } groupId && r.GroupKind is { } kind && ProgramCatalog.Default.Kind(kind).Has(GroupScreens.IndependentLearning))
                {
                    // The course's readings and exercises are marked complete on the member's own page (requirement "independent-learning").
                    foreach (var requirement in ruleSet.Requirements.OfType<AllItemsCompleteRequirement>().Where(q => q.Source == ItemSource.IndependentLearning))
                    {
                        links[requirement.Key] = new RequirementLink($"/my/learning/{groupId}", "Open your readings and exercises and mark each complete");
                    }
                }
                var programFee = ProgramCatalog.Default.TryGet(r.ProgramKey, out var program) ? program.Fee : null;
                list.Add(new ProgramProgressView(r.Id, ruleSet.Title, ruleSet.Id, r.GroupName, r.CreatedOn, r.Status.ToString(), verdict)
                {
                    ApprovedOn = r.CompletedOn,
                    RequirementLinks = links,
                    // No fee set yet reads as the course's value, due (as on the administrators' list).
                    FeeLine = programFee is { } value
                        ? Fees.FeeText.ForParticipant(r.FeeStatus ?? Data.Training.FeeStatus.Due, r.HasFee ? r.FeeAmount : value)
                        : null,
                });
            }
            standings = list;
        }

        var isTrainer = User.IsInRole(Roles.Trainer);
        IReadOnlyList<TrainerGroupRow> groups = [];
        if (isTrainer)
        {
            var now = time.GetUtcNow().UtcDateTime;
            // One query: each group the trainer leads with its next and last meeting.
            groups = await db.Groups.AsNoTracking()
                .Where(g => g.TrainerId == userId)
                .OrderByDescending(g => g.EndDate)
                .Select(g => new TrainerGroupRow(
                    g.Id,
                    g.Name,
                    g.Kind,
                    g.TimeZoneId,
                    g.Meetings.Where(m => !m.Cancelled && m.StartsUtc > now).OrderBy(m => m.StartsUtc).Select(m => (DateTime?)m.StartsUtc).FirstOrDefault(),
                    g.Meetings.Where(m => !m.Cancelled && m.StartsUtc <= now).OrderByDescending(m => m.StartsUtc).Select(m => (DateTime?)m.StartsUtc).FirstOrDefault(),
                    db.Enrollments.Count(e => (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status == Data.Training.EnrollmentStatus.Active)))
                .ToListAsync(cancellationToken);
            // One query: the past meetings of their groups with no attendance recorded (flagged per group).
            var unrecorded = await UnrecordedMeetings.Candidates(db, db.Meetings.AsNoTracking().Where(m => m.Group!.TrainerId == userId), now)
                .Select(m => new { m.GroupId, m.StartsUtc, m.DurationMinutes })
                .ToListAsync(cancellationToken);
            var perGroup = unrecorded.Where(m => UnrecordedMeetings.HasEnded(m.StartsUtc, m.DurationMinutes, now))
                .GroupBy(m => m.GroupId).ToDictionary(g => g.Key, g => g.Count());
            groups = [.. groups.Select(g => g with { Unrecorded = perGroup.GetValueOrDefault(g.Id) })];
        }

        // One query: the person's certificates with the current version's title.
        var certificates = await CertificatesQuery(db, userId).ToListAsync(cancellationToken);

        var isAdministrator = User.IsInRole(Roles.Administrator);
        return View(new HomeViewModel(
            user.DisplayName,
            IsAdministrator: isAdministrator,
            IsTrainer: isTrainer,
            IsTrainee: isTrainee,
            standings,
            groups)
        {
            Certificates = certificates,
            JoinRequests = await joinRequests.MineAsync(userId, cancellationToken),
            TimeZoneId = user.TimeZoneId,
            Today = eligibility.Today(),
            AdminDay = isAdministrator ? await adminDay.LoadAsync(userId, user.TimeZoneId, cancellationToken) : null,
        });
    }
}

public sealed record HomeViewModel(string DisplayName, bool IsAdministrator, bool IsTrainer, bool IsTrainee,
    IReadOnlyList<ProgramProgressView> Standings, IReadOnlyList<TrainerGroupRow> Groups)
{
    public IReadOnlyList<HeldCertificateRow> Certificates { get; init; } = [];

    /// <summary>The person's requests to join: open ones, and those answered lately.</summary>
    public IReadOnlyList<JoinRequests.MyJoinRequest> JoinRequests { get; init; } = [];

    /// <summary>The viewer's time zone (their profile's).</summary>
    public string TimeZoneId { get; init; } = "";
    public DateOnly Today { get; init; }

    /// <summary>What waits for an administrator (null for everyone else).</summary>
    public AdminDay? AdminDay { get; init; }
}

/// <summary>The signed-in person as the home page greets them.</summary>
public sealed record HomeViewer(string DisplayName, string TimeZoneId);

/// <summary>An active enrollment as the home page reads it (<see cref="HomeController"/>).</summary>
public sealed record HomeEnrollmentRow(int Id, string RuleSetId, DateOnly CreatedOn, Data.Training.EnrollmentStatus Status, DateOnly? CompletedOn,
    string? GroupName, int? GroupId, GroupKind? GroupKind, string ProgramKey,
    Data.Training.FeeStatus? FeeStatus, decimal? FeeAmount, bool HasFee, StoredStanding Standing);

/// <summary>A certificate on its holder's home page.</summary>
public sealed record HeldCertificateRow(string Code, string CredentialTitle, string ProgramTitle, DateOnly? AwardedOn, int Version,
    DateOnly? RevokedOn, DateOnly? ExpiresOn, DateOnly? ValidThrough);

public sealed record TrainerGroupRow(int Id, string Name, GroupKind Kind, string TimeZoneId, DateTime? NextUtc, DateTime? LastUtc, int Members)
{
    /// <summary>Past meetings with no attendance recorded (<see cref="UnrecordedMeetings"/>).</summary>
    public int Unrecorded { get; init; }
}
