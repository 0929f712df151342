using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Groups;

/// <summary>How worried the trainer should be about a member.</summary>
public enum Concern
{
    OnTrack = 0,
    Close = 1,
    AtRisk = 2,
    OutOfReach = 3,
}

/// <summary>
/// One member's progress toward the group's attendance requirement, as the trainer reads it on the group and attendance
/// pages (a view model, built from the live verdict; not the stored standing).
/// </summary>
public sealed record MemberProgressRow(int EnrollmentId, string Name, string Figure, string Explanation, string? Forecast,
    Concern Flag, OverallStatus Overall, bool MinimumMet = false)
{
    /// <summary>Members who can miss at most this many more meetings are "close".</summary>
    public const int CloseWhenMayStillMissAtMost = 1;

    public static MemberProgressRow From(int enrollmentId, string name, Verdict verdict, string requirementKey)
    {
        var r = verdict[requirementKey];
        if (r is null)
        {
            return new MemberProgressRow(enrollmentId, name, "—", "This program has no attendance requirement.", null, Concern.OnTrack, verdict.Status);
        }
        var flag = !r.CanStillBeMet || r.Forecast is { Reachable: false } ? Concern.OutOfReach
            : r.Forecast is { AtRisk: true } ? Concern.AtRisk
            : r.Forecast is { MayStillMiss: { } miss } && miss <= CloseWhenMayStillMissAtMost && r.Status != RequirementStatus.Met ? Concern.Close
            : Concern.OnTrack;
        // The trainer reads this page: the engine's explanation about the member, by name, not "you".
        return new MemberProgressRow(enrollmentId, name, Home.StandingText.Figure(r), Home.StandingText.Explanation(r, name),
            Home.StandingText.ForecastLine(r, name), flag, verdict.Status,
            r.Status is RequirementStatus.Met or RequirementStatus.Waived);
    }
}
