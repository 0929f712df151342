namespace TrainingPortal.Domain;

/// <summary>The three roles of the portal.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Trainer = "Trainer";
    public const string Trainee = "Trainee";

    public static readonly IReadOnlyList<string> All = [Administrator, Trainer, Trainee];
}
