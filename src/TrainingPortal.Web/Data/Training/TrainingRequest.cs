namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// An organisation's request for MIO training, sent from the public form without an account (seed 000: "Want to request
/// MIO training?"). The contact's name and address are the organisation's, never a caregiver's; never logged.
/// </summary>
public sealed class TrainingRequest
{
    public int Id { get; set; }
    public string Organisation { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    /// <summary>How many clinicians would be trained.</summary>
    public int Clinicians { get; set; }
    public string Region { get; set; } = "";
    public string? Message { get; set; }
    public DateTime ReceivedUtc { get; set; }

    /// <summary>When an administrator marked it answered, who, and their note.</summary>
    public DateTime? AnsweredUtc { get; set; }
    public string? AnsweredById { get; set; }
    public string? AnswerNote { get; set; }
}
