namespace TrainingPortal.Web.Data;

/// <summary>What a notification is about. Stored by name; each kind's audience, wording and default are in
/// <see cref="Notifications.NotificationKinds"/>.</summary>
public enum NotificationKind
{
    Enrolled = 0,
    AtRisk,
    DeadlineApproaching,
    RenewalDue,
    CertificateIssued,
    CertificateRevoked,
    CertificateReissued,
    EndorsementLapsed,
    ReferenceReceived,
    ReviewReturned,
    JoinRequestAnswered,
    TrainerDigest,
    AdministratorDigest,
}

/// <summary>How a person wants one kind of notification.</summary>
public enum NotificationChannel
{
    /// <summary>An e-mail as soon as it happens (and in the portal's list).</summary>
    EmailNow = 0,

    /// <summary>Gathered into one e-mail on Monday morning (and in the portal's list at once).</summary>
    WeeklyDigest,

    /// <summary>Only in the portal's list; no e-mail.</summary>
    PortalOnly,
}

/// <summary>Where a notification's e-mail stands.</summary>
public enum NotificationEmailState
{
    /// <summary>Written with the change that caused it; the sender has not routed it yet.</summary>
    Pending = 0,

    /// <summary>An e-mail of its own was queued in the outbox.</summary>
    Queued,

    /// <summary>Waits for the person's weekly digest.</summary>
    AwaitingDigest,

    /// <summary>Queued in the outbox within the person's weekly digest.</summary>
    InDigest,

    /// <summary>No e-mail: the person chose the portal only for this kind.</summary>
    NotEmailed,
}

/// <summary>
/// One thing the portal tells one person: shown in their notification list, and e-mailed as they chose. Written in the
/// same transaction as the change that causes it (or by the daily checks for time-based ones). <see cref="Key"/> is
/// unique: the same event can never be told twice, even when two instances evaluate it at once. Holds no caregiver
/// data and no evidence content — a title, a short text and a link to the page with the figures.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }

    /// <summary>What makes this event unique, e.g. <c>certificate-issued:42:1</c>.</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>The portal page that shows the figures (a path, e.g. <c>/enrollments/12</c>).</summary>
    public string Link { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }

    public NotificationEmailState EmailState { get; set; }
}

/// <summary>Where an outgoing e-mail stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (at <see cref="OutboxEmail.NextAttemptUtc"/>).</summary>
    Waiting = 0,
    Sent,

    /// <summary>Given up after <see cref="Notifications.NotificationSender.MaxAttempts"/> attempts; an administrator may send it again.</summary>
    Failed,
}

/// <summary>
/// An e-mail to send: one notification's, a weekly digest, or a message to someone without an account (a rater).
/// The background sender delivers it with retries and backoff on the one instance that holds the sender's lease.
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }

    /// <summary>The account it goes to (its current address is read when sending); null for a rater.</summary>
    public string? UserId { get; set; }

    /// <summary>The address, only when there is no account (a rater's address, as the applicant gave it).</summary>
    public string? ToAddress { get; set; }

    /// <summary>The kind it tells (for the unsubscribe link); null for a digest or a rater's message.</summary>
    public NotificationKind? Kind { get; set; }

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }

    /// <summary>The last failure, as the kind of error (never the message text, which may hold an address).</summary>
    public string? LastError { get; set; }
}

/// <summary>A person's choice for one kind (no row: the kind's default, <see cref="Notifications.NotificationKinds"/>).</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public NotificationChannel Channel { get; set; }
}

/// <summary>When a scheduled check last ran, e.g. the daily checks for one time zone (<c>daily:Europe/London</c>).</summary>
public sealed class NotificationSchedule
{
    public string Name { get; set; } = "";

    /// <summary>The local date (in the schedule's time zone) of the last run.</summary>
    public DateOnly LastRunOn { get; set; }
}
