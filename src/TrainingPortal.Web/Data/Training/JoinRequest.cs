namespace TrainingPortal.Web.Data.Training;

/// <summary>Where a request to join a program stands.</summary>
public enum JoinRequestStatus
{
    /// <summary>Waiting for an administrator.</summary>
    Open = 0,
    /// <summary>An administrator enrolled the person (<see cref="JoinRequest.EnrollmentId"/>).</summary>
    Accepted,
    /// <summary>An administrator declined it, with a reason the person sees.</summary>
    Declined,
    /// <summary>The person took it back.</summary>
    Withdrawn,
}

/// <summary>
/// A signed-in person's request to join a program (optionally a group or cohort of it), from the public catalog.
/// Administrators enroll them with one action (the enroll form's checks apply) or decline with a reason. At most one
/// open request per person and program (a filtered unique index).
/// </summary>
public sealed class JoinRequest
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public string ProgramKey { get; set; } = "";

    /// <summary>The group or cohort asked for (null: any; the administrator places them).</summary>
    public int? GroupId { get; set; }
    public TrainingGroup? Group { get; set; }

    /// <summary>The category applied in, for a program that has categories (Level IV).</summary>
    public string? Category { get; set; }

    /// <summary>The person's note to the administrator (optional; no client data).</summary>
    public string? Message { get; set; }

    public JoinRequestStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>When it was accepted, declined or withdrawn, and by whom (the person themselves when withdrawn).</summary>
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedById { get; set; }

    /// <summary>Why it was declined (shown to the person).</summary>
    public string? DeclineReason { get; set; }

    /// <summary>The enrollment an acceptance created.</summary>
    public int? EnrollmentId { get; set; }
    public Enrollment? Enrollment { get; set; }

    /// <summary>Concurrency token: a decision on a request someone else decided meanwhile is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Closes the request as <paramref name="status"/>.</summary>
    public void Decide(JoinRequestStatus status, DateTime utc, string? byId, string? reason = null)
    {
        Status = status;
        DecidedUtc = utc;
        DecidedById = byId;
        DeclineReason = reason;
        Version = Guid.NewGuid();
    }
}
