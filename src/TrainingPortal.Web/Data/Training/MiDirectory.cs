namespace TrainingPortal.Web.Data.Training;

/// <summary>Where an administrator's check of a trainer's MINT affiliation stands.</summary>
public enum AffiliationState
{
    /// <summary>Written or changed by the trainer; an administrator has not looked at it yet. Not listed.</summary>
    Waiting = 0,

    /// <summary>An administrator confirmed the affiliation: listed unless the trainer paused it.</summary>
    Confirmed = 1,

    /// <summary>An administrator declined it, with a reason. Not listed; changing the affiliation asks again.</summary>
    Declined = 2,

    /// <summary>An administrator withdrew an earlier confirmation, with a reason. Not listed; changing the affiliation asks again.</summary>
    Withdrawn = 3,
}

/// <summary>
/// A professional MI trainer's directory profile (seed 002, spec programs.md §5). Not evidence of any program.
/// Listed only while <see cref="State"/> is <see cref="AffiliationState.Confirmed"/> and not <see cref="Paused"/>.
/// The website and phone are contact details: shown only to a practitioner whose coaching request was accepted.
/// </summary>
public sealed class MiTrainerProfile
{
    public int Id { get; set; }

    /// <summary>The trainer's account (one profile per account).</summary>
    public string UserId { get; set; } = "";
    public string Bio { get; set; } = "";

    /// <summary>Languages the trainer coaches in, as typed (e.g. "English, Norwegian").</summary>
    public string Languages { get; set; } = "";

    /// <summary>Regions served, as typed (e.g. "Oslo, Western Norway").</summary>
    public string Regions { get; set; } = "";
    public bool Online { get; set; }
    public bool InPerson { get; set; }
    public string? Fees { get; set; }
    public string? Website { get; set; }
    public string? Phone { get; set; }

    /// <summary>The MINT affiliation the administrator checks: the year the trainer joined MINT and their MINT profile's address.</summary>
    public int MintSince { get; set; }
    public string? MintProfileUrl { get; set; }

    public AffiliationState State { get; set; }

    /// <summary>The administrator's reason for a decline or a withdrawal (shown to the trainer).</summary>
    public string? StateReason { get; set; }
    public DateTime? StateChangedUtc { get; set; }
    public string? StateChangedById { get; set; }

    /// <summary>The trainer paused the listing: not shown in the directory, no new coaching request.</summary>
    public bool Paused { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>Concurrency token: a decision taken on an older screen is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool Listed => State == AffiliationState.Confirmed && !Paused;
}

/// <summary>How a practitioner would like to be coached.</summary>
public enum CoachingFormat
{
    Either = 0,
    Online = 1,
    InPerson = 2,
}

public enum CoachingStatus
{
    /// <summary>Sent; the trainer has not answered.</summary>
    Waiting = 0,
    Accepted = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>
/// A practitioner's coaching request to a trainer in the directory, with its thread (<see cref="CoachingMessage"/>).
/// Only the two people read it (administrators manage listings, not threads). At most one waiting or accepted
/// request per practitioner and trainer (<see cref="ActiveSlot"/>: true while active, null after; unique index).
/// </summary>
public sealed class CoachingRequest
{
    public int Id { get; set; }
    public int TrainerProfileId { get; set; }
    public MiTrainerProfile? TrainerProfile { get; set; }

    /// <summary>The practitioner who sent it.</summary>
    public string PersonId { get; set; } = "";
    public string Goals { get; set; } = "";
    public CoachingFormat Format { get; set; }
    public CoachingStatus Status { get; set; }

    /// <summary>True while waiting or accepted, null once declined or withdrawn: a unique index on (trainer, person, slot).</summary>
    public bool? ActiveSlot { get; set; } = true;

    /// <summary>The trainer's optional reason for declining (shown to the practitioner).</summary>
    public string? DeclineReason { get; set; }
    public DateTime SentUtc { get; set; }
    public DateTime? AnsweredUtc { get; set; }

    /// <summary>Concurrency token: an answer given on an older screen (the request was withdrawn meanwhile) is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<CoachingMessage> Messages { get; set; } = [];

    public void Close(CoachingStatus status, DateTime nowUtc)
    {
        Status = status;
        ActiveSlot = status is CoachingStatus.Waiting or CoachingStatus.Accepted ? true : null;
        AnsweredUtc ??= nowUtc;
        Version = Guid.NewGuid();
    }
}

/// <summary>One message in a coaching request's thread (the first is the practitioner's message with the request).</summary>
public sealed class CoachingMessage
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public string AuthorId { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime SentUtc { get; set; }
}

/// <summary>The directory's states in plain words (never the enum names).</summary>
public static class MiDirectoryWords
{
    public static string Format(CoachingFormat format) => format switch
    {
        CoachingFormat.Online => "Online",
        CoachingFormat.InPerson => "In person",
        CoachingFormat.Either => "Online or in person",
    };

    public static string Offers(bool online, bool inPerson) => (online, inPerson) switch
    {
        (true, true) => "Online and in person",
        (true, false) => "Online",
        (false, true) => "In person",
        (false, false) => "Not said",
    };

    public static string Status(CoachingStatus status) => status switch
    {
        CoachingStatus.Waiting => "Waiting for the trainer",
        CoachingStatus.Accepted => "Accepted",
        CoachingStatus.Declined => "Declined",
        CoachingStatus.Withdrawn => "Withdrawn",
    };

    public static string Affiliation(AffiliationState state) => state switch
    {
        AffiliationState.Waiting => "Waiting for an administrator to confirm your MINT affiliation",
        AffiliationState.Confirmed => "MINT affiliation confirmed",
        AffiliationState.Declined => "MINT affiliation not confirmed",
        AffiliationState.Withdrawn => "Confirmation withdrawn",
    };
}
