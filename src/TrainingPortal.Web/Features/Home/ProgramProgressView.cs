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
}
