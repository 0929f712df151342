using System.Globalization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Home;

/// <summary>One enrollment and the rules engine's verdict on it, as the trainee's home page shows it.</summary>
public sealed record EnrollmentStanding(
    int EnrollmentId,
    string ProgramTitle,
    string RuleSetId,
    string? GroupName,
    DateOnly EnrolledOn,
    string EnrollmentStatus,
    Verdict Verdict);

/// <summary>Plain words and figures for verdicts: one place, so every page says the same.</summary>
public static class StandingText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Inv);

    public static string Overall(OverallStatus status) => status switch
    {
        OverallStatus.Eligible => "All requirements met",
        OverallStatus.CannotBecomeEligible => "Cannot be completed under these rules",
        _ => "In progress",
    };

    public static string OverallDetail(OverallStatus status) => status switch
    {
        OverallStatus.Eligible => "Every requirement is met. An administrator reviews and approves it next.",
        OverallStatus.CannotBecomeEligible => "A requirement can no longer be met with what is scheduled. Talk to your trainer or program administrator about the options.",
        _ => "Some requirements are still open. Each one below says what is missing.",
    };

    public static string OverallCss(OverallStatus status) => status switch
    {
        OverallStatus.Eligible => "text-bg-success",
        OverallStatus.CannotBecomeEligible => "text-bg-danger",
        _ => "text-bg-primary",
    };

    public static string Status(RequirementResult r) => r.Status switch
    {
        RequirementStatus.Met => "Met",
        RequirementStatus.Waived => "Waived",
        RequirementStatus.NotApplicable => "Does not apply",
        RequirementStatus.NotYetDecidable => r.Forecast switch
        {
            { Reachable: false } => "Out of reach",
            { AtRisk: true } => "At risk",
            _ => "In progress",
        },
        _ => r.CanStillBeMet ? "Not met yet" : "Can no longer be met",
    };

    public static string StatusCss(RequirementResult r) => r.Status switch
    {
        RequirementStatus.Met or RequirementStatus.Waived or RequirementStatus.NotApplicable => "text-bg-success",
        RequirementStatus.NotYetDecidable when r.Forecast is { Reachable: false } => "text-bg-danger",
        RequirementStatus.NotYetDecidable when r.Forecast is { AtRisk: true } => "text-bg-warning",
        RequirementStatus.NotYetDecidable => "text-bg-info",
        _ => r.CanStillBeMet ? "text-bg-secondary" : "text-bg-danger",
    };

    /// <summary>The forecast line, unless the explanation already says the same.</summary>
    public static string? ForecastLine(RequirementResult r) =>
        r.Forecast is { } f && !r.Explanation.Contains(f.Summary, StringComparison.Ordinal) ? f.Summary : null;

    /// <summary>The waiver line, unless the explanation already names the reason.</summary>
    public static string? WaiverLine(RequirementResult r) =>
        r.WaiverReason is { } reason && !r.Explanation.Contains(reason, StringComparison.Ordinal) ? reason : null;

    public static string Number(decimal value) => value.ToString("0.##", Inv);

    /// <summary>"13 / 14 calls": the figure and the target; the explanation says what they count.</summary>
    public static string Figure(RequirementResult r) =>
        r.Target <= 0 ? $"{Number(r.Current)} {r.Unit}" : $"{Number(r.Current)} / {Number(r.Target)} {r.Unit}";

    /// <summary>Progress toward the target as a whole percentage, 0–100.</summary>
    public static int Percent(RequirementResult r) =>
        r.Target <= 0 ? (r.IsSatisfied ? 100 : 0) : (int)Math.Clamp(Math.Floor(r.Current * 100 / r.Target), 0, 100);
}
