namespace TrainingPortal.Web.Notifications;

/// <summary>Who a kind of notification is for (the preferences page lists the kinds of the person's roles).</summary>
public enum NotificationAudience
{
    Trainee,
    Trainer,
    Administrator,
}

/// <summary>One kind of notification: its name on the preferences page, why it is sent, and its default channel.</summary>
public sealed record NotificationKindInfo(NotificationKind Kind, NotificationAudience Audience, string Label, string Why, NotificationChannel Default);

/// <summary>Every kind the portal sends, in the order the preferences page lists them.</summary>
public static class NotificationKinds
{
    public static IReadOnlyList<NotificationKindInfo> All { get; } =
    [
        new(NotificationKind.Enrolled, NotificationAudience.Trainee, "You were enrolled in a program",
            "you were enrolled in a program", NotificationChannel.EmailNow),
        new(NotificationKind.AtRisk, NotificationAudience.Trainee, "A requirement is at risk or out of reach",
            "a requirement of your program turned at risk or out of reach (sent once per change)", NotificationChannel.EmailNow),
        new(NotificationKind.DeadlineApproaching, NotificationAudience.Trainee, "A deadline is approaching",
            "a reading, exercise or homework of yours is due within 3 days and not done yet, or hours counted toward a requirement leave their window within 30 days", NotificationChannel.EmailNow),
        new(NotificationKind.RenewalDue, NotificationAudience.Trainee, "Your endorsement's renewal is due",
            "your endorsement's renewal is due (90, 30 and 7 days before)", NotificationChannel.EmailNow),
        new(NotificationKind.CertificateIssued, NotificationAudience.Trainee, "A certificate was issued to you",
            "a certificate was issued to you", NotificationChannel.EmailNow),
        new(NotificationKind.CertificateReissued, NotificationAudience.Trainee, "Your certificate was re-issued",
            "one of your certificates was re-issued", NotificationChannel.EmailNow),
        new(NotificationKind.CertificateRevoked, NotificationAudience.Trainee, "Your certificate was revoked",
            "one of your certificates was revoked", NotificationChannel.EmailNow),
        new(NotificationKind.EndorsementLapsed, NotificationAudience.Trainee, "Your endorsement lapsed",
            "your endorsement lapsed because its renewal was not met in time", NotificationChannel.EmailNow),
        new(NotificationKind.ReferenceReceived, NotificationAudience.Trainee, "A reference was received",
            "a rater sent a reference for your application", NotificationChannel.EmailNow),
        new(NotificationKind.ReviewReturned, NotificationAudience.Trainee, "Your application was returned with comments",
            "a reviewer returned your application with comments", NotificationChannel.EmailNow),
        new(NotificationKind.JoinRequestAnswered, NotificationAudience.Trainee, "Your request to join was answered",
            "an administrator answered your request to join a program", NotificationChannel.EmailNow),
        new(NotificationKind.TrainerDigest, NotificationAudience.Trainer, "Weekly summary of your groups",
            "you lead groups in the portal: members newly at risk, meetings without attendance, submissions waiting (Mondays)", NotificationChannel.EmailNow),
        new(NotificationKind.AdministratorDigest, NotificationAudience.Administrator, "Daily summary for administrators",
            "you administer the portal: newly eligible enrollments, applications, join and training requests, overdue references (mornings)", NotificationChannel.EmailNow),
    ];

    private static readonly Dictionary<NotificationKind, NotificationKindInfo> ByKind = All.ToDictionary(k => k.Kind);

    public static NotificationKindInfo Of(NotificationKind kind) => ByKind[kind];
}
