using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.IntroCourse;

/// <summary>A person's place in the introductory course: their enrollment (if they started) and its certificate.</summary>
/// <param name="EnrollmentId">Their active or completed enrollment in the course's program (null: not started).</param>
/// <param name="CertificateCode">The completion certificate's code, once issued and not revoked.</param>
public sealed record CourseStanding(int? EnrollmentId, EnrollmentStatus? Status, Guid Version, string? CertificateCode);

/// <summary>What marking a module did.</summary>
/// <param name="Certificate">The certificate issued because this was the last module (null: none issued now).</param>
public sealed record MarkResult(bool Found, bool Started, CertificateResult? Certificate);

/// <summary>
/// The participant's side of a program's free introductory course (MI Champions, <see cref="DefaultPrograms.MiPractice"/>):
/// starting it (an enrollment the person creates themselves, the program's <see cref="JoinPolicy.Self"/>), marking
/// modules complete, and — because the program is not a credential (<see cref="ProgramDefinition.IsCredential"/>
/// false) and has no approval step — approving the enrollment and issuing the certificate of completion when every
/// published module is complete, through the usual <see cref="ApprovalService"/> (live verdict, one transaction,
/// audited; the actor is the participant, whose mark completed the course).
/// </summary>
public sealed class IntroCourseService(AppDbContext db, PortalClock clock, ApprovalService approvals)
{
    /// <summary>The program whose course this is.</summary>
    public static ProgramDefinition Program => DefaultPrograms.MiPractice;

    /// <summary>The person's active or completed enrollment in the course's program, with its certificate (one query).</summary>
    public async Task<CourseStanding> StandingAsync(string personId, CancellationToken ct = default)
    {
        var key = Program.Key;
        var row = await db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && e.ProgramKey == key && e.Status != EnrollmentStatus.Withdrawn)
            .OrderBy(e => e.Status == EnrollmentStatus.Active ? 0 : 1).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id,
                e.Status,
                e.Version,
                Code = db.Certificates.Where(c => c.EnrollmentId == e.Id && c.RevokedOn == null).Select(c => c.Code).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? new CourseStanding(null, null, Guid.Empty, null) : new CourseStanding(row.Id, row.Status, row.Version, row.Code);
    }

    /// <summary>
    /// Starts the course: the person's own enrollment under the program's current rule set. A second start (a second click,
    /// a second tab) finds the first enrollment: one active enrollment per person and program.
    /// </summary>
    /// <returns>True when an enrollment was created now.</returns>
    public async Task<bool> StartAsync(string personId, CancellationToken ct = default)
    {
        if (Program.Join != JoinPolicy.Self || (await StandingAsync(personId, ct)).EnrollmentId is not null)
        {
            return false;
        }
        var today = clock.Today;
        var ruleSet = RuleSetCatalog.Default.Current(Program.Key, today)
            ?? throw new InvalidOperationException("The introductory course's program has no rule set in force.");
        db.Enrollments.Add(new Enrollment
        {
            PersonId = personId,
            ProgramKey = ruleSet.Key,
            RuleSetId = ruleSet.Id,
            Status = EnrollmentStatus.Active,
            CreatedOn = today,
            CreatedUtc = clock.UtcNow,
            CreatedById = personId,
        });
        return await db.TrySaveUniqueAsync(ct);
    }

    /// <summary>
    /// Marks a published module complete (<paramref name="complete"/>) or removes the person's mark. Only someone who started
    /// the course marks modules. When the mark completes every published module, the enrollment is approved and its
    /// certificate issued (<see cref="CompleteIfDoneAsync"/>).
    /// </summary>
    public async Task<MarkResult> MarkAsync(string personId, int moduleId, bool complete, CancellationToken ct = default)
    {
        var key = Program.Key;
        if (!await db.IntroCourseModules.AnyAsync(m => m.Id == moduleId && m.Published && m.ProgramKey == key, ct))
        {
            return new MarkResult(false, false, null);
        }
        if ((await StandingAsync(personId, ct)).EnrollmentId is null)
        {
            return new MarkResult(true, false, null);
        }
        var completion = await db.IntroCourseCompletions.SingleOrDefaultAsync(c => c.ModuleId == moduleId && c.PersonId == personId, ct);
        if (complete && completion is null)
        {
            db.IntroCourseCompletions.Add(new IntroCourseCompletion { ModuleId = moduleId, PersonId = personId, CompletedOn = clock.Today });
            // A second click that raced the first: the module is marked either way.
            await db.TrySaveUniqueAsync(ct);
        }
        else if (!complete && completion is not null)
        {
            db.IntroCourseCompletions.Remove(completion);
            await db.SaveRemovalAsync(ct);
        }
        return new MarkResult(true, true, complete ? await CompleteIfDoneAsync(personId, ct) : null);
    }

    /// <summary>
    /// When every published module is complete and the person's enrollment is still active: approves it (award date today)
    /// and issues the certificate of completion. Null when there is nothing to do (not every module done, no active enrollment).
    /// </summary>
    public async Task<CertificateResult?> CompleteIfDoneAsync(string personId, CancellationToken ct = default)
    {
        var standing = await StandingAsync(personId, ct);
        if (standing is not { EnrollmentId: { } enrollmentId, Status: EnrollmentStatus.Active } || Program.IsCredential)
        {
            return null;
        }
        var key = Program.Key;
        var open = await db.IntroCourseModules.CountAsync(m => m.ProgramKey == key && m.Published
            && !db.IntroCourseCompletions.Any(c => c.ModuleId == m.Id && c.PersonId == personId), ct);
        if (open > 0 || !await db.IntroCourseModules.AnyAsync(m => m.ProgramKey == key && m.Published, ct))
        {
            return null;
        }
        var result = await approvals.ApproveAsync(enrollmentId, clock.Today, standing.Version, ct);
        return result switch
        {
            ApprovalResult.Approved approved => approved.Certificate,
            _ => null, // approved a moment ago by a second click, or the live verdict disagrees: the page shows the state as it is
        };
    }
}
