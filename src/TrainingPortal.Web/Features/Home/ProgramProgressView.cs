using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Home;

/// <summary>
/// One enrollment and the rules engine's verdict on it, as the trainee's home page (and the review page) shows it:
/// a view model, not the stored standing (<see cref="Standings.CachedStanding"/>).
/// </summary>
public sealed record ProgramProgressView(
    int EnrollmentId,
    string ProgramTitle,
    string RuleSetId,
    string? GroupName,
    DateOnly EnrolledOn,
    string EnrollmentStatus,
    Verdict Verdict)
{
    /// <summary>
    /// Who the standing is about when someone else reads it (a trainer, an administrator): the explanations then
    /// name this person in the third person. <c>null</c> on the person's own pages ("you").
    /// </summary>
    public string? AboutPerson { get; init; }

    /// <summary>The approval date, once an administrator approved the enrollment.</summary>
    public DateOnly? ApprovedOn { get; init; }

    /// <summary>The page where the person does what a requirement asks, by requirement key (their own pages only).</summary>
    public IReadOnlyDictionary<string, RequirementLink> RequirementLinks { get; init; } = new Dictionary<string, RequirementLink>();

    /// <summary>The participant's course fee in words ("Course fee: $1,200 due"); null where the program has no fee (their own pages only).</summary>
    public string? FeeLine { get; init; }
}

/// <summary>A link from a requirement to the page where the person meets it.</summary>
public sealed record RequirementLink(string Url, string Text);

/// <summary>One requirement's result, and who it is about (null: "you"), for the <c>_Requirement</c> partial.</summary>
public sealed record RequirementLine(RequirementResult Result, string? AboutPerson)
{
    /// <summary>The heading level of the requirement's title: 4 inside a standing card, 2 as a section of the application page.</summary>
    public int Heading { get; init; } = 4;

    /// <summary>The title's id (for a section's <c>aria-labelledby</c>); only with <see cref="Heading"/> 2.</summary>
    public string? HeadingId { get; init; }
}
