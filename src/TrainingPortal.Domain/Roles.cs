namespace TrainingPortal.Domain;

/// <summary>The roles of the portal.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Trainer = "Trainer";
    public const string Trainee = "Trainee";

    /// <summary>Reviews endorsement applications (verifies evidence, returns or recommends); administrators may too.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>A volunteer MI Champion: hosts MI practice groups (granted by an administrator, or requested and approved).</summary>
    public const string Champion = "Champion";

    public static readonly IReadOnlyList<string> All = [Administrator, Trainer, Trainee, Reviewer, Champion];
}
