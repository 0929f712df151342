namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// A program the portal runs, one row per program key of <see cref="Domain.Eligibility.RuleSetCatalog"/>.
/// The rules themselves live in code (versioned rule sets); this table lets enrollments reference a
/// known program key and gives it a display title.
/// </summary>
public sealed class TrainingProgram
{
    public int Id { get; set; }

    /// <summary>The catalog's program key, e.g. <c>mio-rostering</c>.</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";
}

/// <summary>Where an enrollment stands.</summary>
public enum EnrollmentStatus
{
    Active = 0,
    Withdrawn,
    Completed,
}

/// <summary>
/// One person in one program. The rule-set id is fixed when the enrollment is created
/// (<c>RuleSetCatalog.Default.Current(program, createdOn)</c>), so a later rule-set version never changes the
/// standing of someone already in training; only an administrator changes it, with a reason
/// (<see cref="RuleSetChangeReason"/>, the enrollment's page).
/// </summary>
public sealed class Enrollment
{
    public int Id { get; set; }

    /// <summary>The enrolled person (<c>AspNetUsers.Id</c>).</summary>
    public string PersonId { get; set; } = "";

    public string ProgramKey { get; set; } = "";

    /// <summary><c>key@version</c>, e.g. <c>imh-endorsement-l3@2</c>.</summary>
    public string RuleSetId { get; set; } = "";

    /// <summary>The applicant's category for rule sets that have categories (Level IV: clinical, policy, research-faculty).</summary>
    public string? Category { get; set; }

    /// <summary>The consultation group (mio-rostering) or cohort (mio-ttt, imh-course), once placed in one.</summary>
    public int? GroupId { get; set; }
    public TrainingGroup? Group { get; set; }

    /// <summary>The MIO classroom training (step 1) attended, for mio-rostering.</summary>
    public int? ClassroomGroupId { get; set; }
    public TrainingGroup? ClassroomGroup { get; set; }

    public EnrollmentStatus Status { get; set; }

    /// <summary>
    /// The date the person joined <see cref="GroupId"/> when that group or cohort had already met (null: from its start).
    /// </summary>
    public DateOnly? JoinedOn { get; set; }

    /// <summary>
    /// Joining late: whether the group's meetings before <see cref="JoinedOn"/> do not apply to this person (true) or
    /// count as missed (false). Ignored when <see cref="JoinedOn"/> is null.
    /// </summary>
    public bool PastMeetingsNotApplicable { get; set; }

    /// <summary>Why an administrator last changed <see cref="RuleSetId"/> (kept in the audit log with the change).</summary>
    public string? RuleSetChangeReason { get; set; }

    /// <summary>The date the enrollment was created (decides the rule-set version).</summary>
    public DateOnly CreatedOn { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedById { get; set; }

    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawalReason { get; set; }
    public DateOnly? CompletedOn { get; set; }

    /// <summary>The administrator who approved the completion (rostering, course or Train-the-Trainer completion, endorsement, renewal).</summary>
    public string? ApprovedById { get; set; }

    /// <summary>When the completion was approved; <see cref="CompletedOn"/> is the award date.</summary>
    public DateTime? ApprovedUtc { get; set; }

    /// <summary>Endorsement: the date an administrator approved the portfolio.</summary>
    public DateOnly? PortfolioApprovedOn { get; set; }

    /// <summary>Renewal: the endorsement being renewed.</summary>
    public Domain.Eligibility.EndorsementLevel HeldEndorsement { get; set; }

    /// <summary>Renewal: the person provides reflective supervision/consultation to others.</summary>
    public bool ProvidesReflectiveSupervision { get; set; }

    /// <summary>Optimistic concurrency token: changed on every update (works the same on SQLite and SQL Server).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<WaiverRecord> Waivers { get; set; } = [];

    /// <summary>
    /// Approves the completion (rostering, course or Train-the-Trainer completion, endorsement, renewal): completed on
    /// <paramref name="awardedOn"/>, approved by <paramref name="approvedById"/> at <paramref name="approvedUtc"/>, and a
    /// new <see cref="Version"/>. Only an active enrollment can be approved, and not before it began; whether its
    /// requirements are met is the caller's to decide on the live verdict (<c>ApprovalService</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The enrollment is not active.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="awardedOn"/> is before <see cref="CreatedOn"/>.</exception>
    public void Approve(DateOnly awardedOn, string? approvedById, DateTime approvedUtc)
    {
        if (Status != EnrollmentStatus.Active)
        {
            throw new InvalidOperationException($"Only an active enrollment can be approved; enrollment {Id} is {Status}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(awardedOn, CreatedOn);
        Status = EnrollmentStatus.Completed;
        CompletedOn = awardedOn;
        ApprovedById = approvedById;
        ApprovedUtc = approvedUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// Reopens a withdrawn enrollment: active again, the withdrawal date and reason cleared from the row (the audit log
    /// keeps them), and a new <see cref="Version"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The enrollment is not withdrawn.</exception>
    public void Reopen()
    {
        if (Status != EnrollmentStatus.Withdrawn)
        {
            throw new InvalidOperationException($"Only a withdrawn enrollment can be reopened; enrollment {Id} is {Status}.");
        }
        Status = EnrollmentStatus.Active;
        WithdrawnOn = null;
        WithdrawalReason = null;
        Version = Guid.NewGuid();
    }

    /// <summary>Withdraws the enrollment; the reason is kept and audited.</summary>
    public void Withdraw(DateOnly on, string reason)
    {
        Status = EnrollmentStatus.Withdrawn;
        WithdrawnOn = on;
        WithdrawalReason = reason;
        Version = Guid.NewGuid();
    }
}

/// <summary>An administrator's waiver of one requirement of one enrollment.</summary>
public sealed class WaiverRecord
{
    public int Id { get; set; }
    public int EnrollmentId { get; set; }

    /// <summary>The waived requirement's key, e.g. <c>classroom-hours</c>.</summary>
    public string RequirementKey { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateOnly GrantedOn { get; set; }
    public string GrantedById { get; set; } = "";
}
