using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// An MIO training case: a caregiver in treatment, identified ONLY by a pseudonymous code the
/// clinician chooses (e.g. <c>TC-1</c>). No name, contact or birth date is stored anywhere.
/// </summary>
public sealed class TrainingCaseRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";

    /// <summary>Pseudonymous code, unique per clinician.</summary>
    public string Code { get; set; } = "";

    /// <summary>The date consent for audio recording was obtained.</summary>
    public DateOnly? ConsentDate { get; set; }

    /// <summary>The group's trainer has checked this case.</summary>
    public bool Verified { get; set; }
    public DateTime? VerifiedUtc { get; set; }
    public string? VerifiedById { get; set; }

    public List<CaseSessionRecord> Sessions { get; set; } = [];
}

/// <summary>One MIO session with a training case.</summary>
public sealed class CaseSessionRecord
{
    public int Id { get; set; }
    public int TrainingCaseId { get; set; }
    public TrainingCaseRecord? TrainingCase { get; set; }
    public DateOnly Date { get; set; }
    public bool Recorded { get; set; }
}

/// <summary>An audio clip a clinician played in a consultation meeting (the audio itself is never uploaded).</summary>
public sealed class ClipPresentationRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public string ClipCode { get; set; } = "";
    public bool DeIdentified { get; set; }

    /// <summary>The trainer's feedback (no identifying details).</summary>
    public string? Feedback { get; set; }
}

/// <summary>An MIO fidelity review recorded by a trainer.</summary>
public sealed class FidelityReviewRecord
{
    public int Id { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly Date { get; set; }
    public FidelityOutcome Outcome { get; set; }
    public string? ReviewerId { get; set; }
    public string? Notes { get; set; }
}
