namespace TrainingPortal.Web.Data;

/// <summary>One append-only record of a state change: who, when, what (before → after).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>The acting user's id, or null for the system (seeding, background work, anonymous actions).</summary>
    public string? ActorId { get; set; }

    /// <summary>What happened, e.g. "Added", "Modified", "Deleted", "SignedIn", "PasswordChanged".</summary>
    public string Action { get; set; } = "";

    /// <summary>The person the changed record is about (its PersonId/UserId), when it has one; lets the log be filtered by person.</summary>
    public string? PersonId { get; set; }

    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";

    /// <summary>JSON object: property → [before, after]. Secrets (hashes, stamps, tokens) are never written.</summary>
    public string? Changes { get; set; }
}
