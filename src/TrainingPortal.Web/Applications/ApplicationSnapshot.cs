using System.Text.Json;
using System.Text.Json.Serialization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Applications;

/// <summary>
/// What an applicant submitted for review, frozen as JSON in <c>EndorsementApplication.Snapshot</c>: every entry of the
/// six kinds with its fields and state, the portal's own course sessions, the references' statuses (never a rating),
/// the ethics signature and the requirement statuses of the verdict at that moment. The reviewer's screen renders it
/// (<see cref="Parse"/>); entries changed later do not change it.
/// </summary>
public sealed record ApplicationSnapshot
{
    /// <summary>The shape's version; a later shape bumps it and <see cref="Parse"/> keeps reading older ones.</summary>
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;
    public int EnrollmentId { get; init; }
    public string PersonId { get; init; } = "";
    public string PersonName { get; init; } = "";
    public string ProgramKey { get; init; } = "";
    public string ProgramTitle { get; init; } = "";
    public string? Category { get; init; }
    public string RuleSetId { get; init; } = "";

    /// <summary>The round this snapshot was submitted in (1 on first submit).</summary>
    public int Round { get; init; }
    public DateTime SubmittedUtc { get; init; }

    /// <summary>The date of the verdict below (the portal's today when submitted).</summary>
    public DateOnly AsOf { get; init; }
    public OverallStatus Overall { get; init; }
    public IReadOnlyList<SnapshotRequirement> Requirements { get; init; } = [];
    public IReadOnlyList<SnapshotTraining> Training { get; init; } = [];

    /// <summary>The portal's own course sessions, counted automatically (no state: the portal recorded them).</summary>
    public IReadOnlyList<SnapshotPortalTraining> FromPortal { get; init; } = [];
    public IReadOnlyList<SnapshotDegree> Degrees { get; init; } = [];
    public IReadOnlyList<SnapshotWork> Work { get; init; } = [];
    public IReadOnlyList<SnapshotLeadership> Leadership { get; init; } = [];
    public IReadOnlyList<SnapshotRsc> Rsc { get; init; } = [];
    public IReadOnlyList<SnapshotMembership> Memberships { get; init; } = [];
    public IReadOnlyList<SnapshotReference> References { get; init; } = [];

    /// <summary>The Code of Ethics signature; null when not signed.</summary>
    public SnapshotSignature? Ethics { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored snapshot back.</summary>
    public static ApplicationSnapshot Parse(string json) =>
        JsonSerializer.Deserialize<ApplicationSnapshot>(json, Json) ?? throw new JsonException("An empty snapshot.");
}

/// <summary>One requirement of the verdict when submitted; <see cref="Explanation"/> speaks about the applicant by name.</summary>
public sealed record SnapshotRequirement(string Key, string Title, RequirementStatus Status, decimal Current, decimal Target, string Unit,
    string Explanation, bool Blocking, IReadOnlyList<SnapshotFinding> Findings);

public sealed record SnapshotFinding(string Item, string Problem, DateOnly? Date);

public sealed record SnapshotTraining(int Id, DateOnly Date, string Title, string? Provider, decimal Hours, bool RelationshipBased,
    bool AboutReflectiveSupervision, CompetencyAreas CompetencyAreas, EntryState State, string? NotAcceptedReason);

public sealed record SnapshotPortalTraining(DateOnly Date, string? Title, decimal Hours, bool RelationshipBased);

public sealed record SnapshotDegree(int Id, DegreeKind Kind, string? Field, string? Institution, DateOnly AwardedOn, EntryState State, string? NotAcceptedReason);

public sealed record SnapshotWork(int Id, WorkKind Kind, DateOnly Start, DateOnly? End, string? Employer, int FamiliesServed, EntryState State, string? NotAcceptedReason);

public sealed record SnapshotLeadership(int Id, string Kind, string? Description, EntryState State, string? NotAcceptedReason);

/// <summary>An RSC session; <see cref="ProviderId"/> is set when the applicant chose a provider known to the portal.</summary>
public sealed record SnapshotRsc(int Id, DateOnly Date, decimal Hours, bool Group, bool Peer, string? ProviderName, EndorsementLevel ProviderLevel,
    string? ProviderId, EntryState State, string? NotAcceptedReason);

public sealed record SnapshotMembership(int Id, string Association, DateOnly From, DateOnly? To, bool Individual, EntryState State, string? NotAcceptedReason);

/// <summary>Where a rater's answer stands (the same four states the applicant sees).</summary>
public enum SnapshotReferenceStatus
{
    Sent = 0,
    Opened,
    Received,
    Expired,
}

/// <summary>A named rater and the status of their answer: never the rating, the recommendation or the comments.</summary>
public sealed record SnapshotReference(int Id, string RaterName, string? RaterEmail, ReferenceSource Source, SnapshotReferenceStatus Status,
    DateOnly? RequestedOn, DateOnly? ReceivedOn);

public sealed record SnapshotSignature(string SignedName, DateOnly SignedOn, DateTime SignedUtc, string? TextVersion);

/// <summary>Builds the snapshot of an enrollment's application from the live records (untracked reads).</summary>
public sealed class ApplicationSnapshots(AppDbContext db, EligibilityService eligibility, PortalClock clock)
{
    /// <summary>The snapshot of <paramref name="enrollmentId"/> now (Round 0: the caller sets the round it submits); null when unknown.</summary>
    public async Task<ApplicationSnapshot?> BuildAsync(int enrollmentId, CancellationToken ct = default)
    {
        var verdicts = await eligibility.ForEnrollmentsAsync([enrollmentId], ct);
        if (verdicts.Count == 0)
        {
            return null;
        }
        var (enrollment, ruleSet, verdict, evidence) = verdicts[0];
        var person = enrollment.PersonId;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == person).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";

        var training = await db.TrainingHours.AsNoTracking().Where(t => t.PersonId == person).OrderBy(t => t.Date).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Date, t.Title, t.Provider, t.Hours, t.RelationshipBased, t.AboutReflectiveSupervision, t.CompetencyAreas, t.Verified, t.NotAcceptedReason })
            .ToListAsync(ct);
        var degrees = await db.Degrees.AsNoTracking().Where(d => d.PersonId == person).OrderBy(d => d.AwardedOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Kind, d.Field, d.Institution, d.AwardedOn, d.TranscriptVerified, d.NotAcceptedReason })
            .ToListAsync(ct);
        var work = await db.WorkExperience.AsNoTracking().Where(w => w.PersonId == person).OrderBy(w => w.Start).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.Kind, w.Start, w.End, w.Employer, w.FamiliesServed, w.Verified, w.NotAcceptedReason })
            .ToListAsync(ct);
        var leadership = await db.LeadershipActivities.AsNoTracking().Where(l => l.PersonId == person).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.Kind, l.Description, l.Verified, l.NotAcceptedReason })
            .ToListAsync(ct);
        var rsc = await db.RscLog.AsNoTracking().Where(r => r.PersonId == person).OrderBy(r => r.Date).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Date, r.Hours, r.Group, r.Peer, r.ProviderName, r.ProviderLevel, r.ProviderId, r.ProviderApproved, r.NotAcceptedReason })
            .ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person).OrderBy(m => m.From).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Association, m.From, m.To, m.Individual, m.Verified, m.NotAcceptedReason })
            .ToListAsync(ct);
        var references = await db.References.AsNoTracking().Where(r => r.EnrollmentId == enrollmentId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.RaterName, r.RaterEmail, r.Source, r.RequestedOn, r.ReceivedOn, r.LinkExpiresUtc, r.OpenedUtc })
            .ToListAsync(ct);
        var ethics = await db.SignedAttestations.AsNoTracking()
            .Where(s => s.PersonId == person && s.Kind == AttestationKind.EthicsAgreement)
            .OrderByDescending(s => s.SignedUtc).ThenByDescending(s => s.Id)
            .Select(s => new SnapshotSignature(s.SignedName, s.SignedOn, s.SignedUtc, s.TextVersion))
            .FirstOrDefaultAsync(ct);

        // The portal's own course sessions: what the evidence holds beyond the typed log (as the application page tells them apart).
        var typed = training.Select(t => (t.Date, t.Hours, (string?)t.Title)).ToList();
        var fromPortal = new List<SnapshotPortalTraining>();
        foreach (var e in evidence.TrainingHours)
        {
            var i = typed.FindIndex(t => t.Date == e.Date && t.Hours == e.Hours && t.Item3 == e.Title);
            if (i >= 0)
            {
                typed.RemoveAt(i);
            }
            else
            {
                fromPortal.Add(new SnapshotPortalTraining(e.Date, e.Title, e.Hours, e.RelationshipBased));
            }
        }

        var now = clock.UtcNow;
        return new ApplicationSnapshot
        {
            EnrollmentId = enrollment.Id,
            PersonId = person,
            PersonName = name,
            ProgramKey = enrollment.ProgramKey,
            ProgramTitle = ruleSet.Title,
            Category = enrollment.Category,
            RuleSetId = ruleSet.Id,
            SubmittedUtc = now,
            AsOf = verdict.AsOf,
            Overall = verdict.Status,
            Requirements = [.. verdict.Requirements.Select(r => new SnapshotRequirement(r.Key, r.Title, r.Status, r.Current, r.Target, r.Unit,
                Voice.About(r.ExplanationTemplate, name), r.Blocking, [.. r.Findings.Select(f => new SnapshotFinding(f.Item, f.Problem, f.Date))]))],
            Training = [.. training.Select(t => new SnapshotTraining(t.Id, t.Date, t.Title, t.Provider, t.Hours, t.RelationshipBased,
                t.AboutReflectiveSupervision, t.CompetencyAreas, EntryStates.Of(t.Verified, t.NotAcceptedReason), t.NotAcceptedReason))],
            FromPortal = fromPortal,
            Degrees = [.. degrees.Select(d => new SnapshotDegree(d.Id, d.Kind, d.Field, d.Institution, d.AwardedOn,
                EntryStates.Of(d.TranscriptVerified, d.NotAcceptedReason), d.NotAcceptedReason))],
            Work = [.. work.Select(w => new SnapshotWork(w.Id, w.Kind, w.Start, w.End, w.Employer, w.FamiliesServed,
                EntryStates.Of(w.Verified, w.NotAcceptedReason), w.NotAcceptedReason))],
            Leadership = [.. leadership.Select(l => new SnapshotLeadership(l.Id, l.Kind, l.Description, EntryStates.Of(l.Verified, l.NotAcceptedReason), l.NotAcceptedReason))],
            Rsc = [.. rsc.Select(r => new SnapshotRsc(r.Id, r.Date, r.Hours, r.Group, r.Peer, r.ProviderName, r.ProviderLevel, r.ProviderId,
                EntryStates.Of(r.ProviderApproved, r.NotAcceptedReason), r.NotAcceptedReason))],
            Memberships = [.. memberships.Select(m => new SnapshotMembership(m.Id, m.Association, m.From, m.To, m.Individual,
                EntryStates.Of(m.Verified, m.NotAcceptedReason), m.NotAcceptedReason))],
            References = [.. references.Select(r => new SnapshotReference(r.Id, r.RaterName, r.RaterEmail, r.Source,
                r.ReceivedOn is not null ? SnapshotReferenceStatus.Received
                : r.LinkExpiresUtc is { } x && x <= now ? SnapshotReferenceStatus.Expired
                : r.OpenedUtc is not null ? SnapshotReferenceStatus.Opened
                : SnapshotReferenceStatus.Sent,
                r.RequestedOn, r.ReceivedOn))],
            Ethics = ethics,
        };
    }
}
