namespace TrainingPortal.Web.Data.Training;

/// <summary>Where a participant's course fee stands. Stored as its name; shown through <c>Features/Fees/FeeText</c>.</summary>
public enum FeeStatus
{
    /// <summary>The amount is due (not paid yet).</summary>
    Due = 0,
    /// <summary>Paid.</summary>
    Paid,
    /// <summary>A free place through grant funding.</summary>
    Scholarship,
    /// <summary>Paid (or due) at a group rate agreed with the participant's employer.</summary>
    GroupRate,
    /// <summary>Waived by the program.</summary>
    Waived,
}

/// <summary>
/// An enrollment's fee and scholarship status (IMH course: the course is valued at $1,200), set by administrators.
/// The portal processes no payments, and the fee never decides a verdict: it is not evidence.
/// </summary>
public sealed class EnrollmentFee
{
    public int Id { get; set; }

    /// <summary>The enrollment (one fee row at most per enrollment).</summary>
    public int EnrollmentId { get; set; }
    public Enrollment? Enrollment { get; set; }

    public FeeStatus Status { get; set; }

    /// <summary>The amount in US dollars the status refers to (due, paid or the group rate); null for a scholarship or a waiver.</summary>
    public decimal? Amount { get; set; }

    /// <summary>When an administrator last set it, and who (the audit log has the full history).</summary>
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedById { get; set; }
}
