using System.Globalization;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Home;

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

    /// <summary>The sentence under the overall badge; after approval it says so instead of "an administrator reviews it next".</summary>
    public static string OverallDetail(ProgramProgressView standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.EnrollmentStatus == nameof(Data.Training.EnrollmentStatus.Completed))
        {
            return standing.ApprovedOn is { } on ? $"Approved by an administrator on {Date(on)}." : "Approved by an administrator.";
        }
        if (standing.EnrollmentStatus == nameof(Data.Training.EnrollmentStatus.Withdrawn))
        {
            return "This enrollment was withdrawn.";
        }
        if (standing.AboutPerson is { } name && standing.Verdict.Status == OverallStatus.CannotBecomeEligible)
        {
            return $"A requirement can no longer be met with what is scheduled; {name} should talk to their trainer or program administrator about the options.";
        }
        return OverallDetail(standing.Verdict.Status);
    }

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
    public static string? ForecastLine(RequirementResult r, string? aboutPerson = null) =>
        r.Forecast is { } f && !r.Explanation.Contains(f.Summary, StringComparison.Ordinal)
            ? (aboutPerson is null ? f.Summary : Voice.About(f.SummaryTemplate, aboutPerson))
            : null;

    /// <summary>The explanation for its reader: the person ("you"), or someone else reading about <paramref name="aboutPerson"/>.</summary>
    public static string Explanation(RequirementResult r, string? aboutPerson = null) =>
        aboutPerson is null ? r.Explanation : Voice.About(r.ExplanationTemplate, aboutPerson);

    /// <summary>The verdict's next step for its reader (see <see cref="Verdict.NextStep"/>).</summary>
    public static string? NextStep(Verdict verdict, string? aboutPerson = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.NextStep is not { } next)
        {
            return null;
        }
        if (aboutPerson is null || verdict[next.RequirementKey] is not { } r)
        {
            return next.Action;
        }
        return r.Forecast is { } f && next.Action == f.Summary ? Voice.About(f.SummaryTemplate, aboutPerson) : Explanation(r, aboutPerson);
    }

    /// <summary>
    /// The title with "(recommended)" for advisory requirements — once, and not beside a title that already says
    /// so or says "(optional)" (never "(recommended) (recommended)" or "(optional) (recommended)").
    /// </summary>
    public static string Title(string title, bool blocking) =>
        blocking || title.Contains("(recommended)", StringComparison.OrdinalIgnoreCase) || title.Contains("(optional)", StringComparison.OrdinalIgnoreCase)
            ? title
            : title + " (recommended)";

    /// <summary>The waiver line, unless the explanation already names the reason.</summary>
    public static string? WaiverLine(RequirementResult r) =>
        r.WaiverReason is { } reason && !r.Explanation.Contains(reason, StringComparison.Ordinal) ? reason : null;

    public static string Number(decimal value) => value.ToString("0.##", Inv);

    /// <summary>"13 / 14 calls": the figure and the target; the explanation says what they count.</summary>
    public static string Figure(RequirementResult r) => Figure(r.Current, r.Target, r.Unit);

    /// <summary>
    /// "13 / 14 calls", "0 / 1 hour"; above the target "20 hours (1 needed)" rather than "20 / 1 hours";
    /// without a target "3 hours". The unit agrees with the number it follows.
    /// </summary>
    public static string Figure(decimal current, decimal target, string unit) =>
        target <= 0 ? Display.Quantity(current, unit)
        : current > target ? $"{Display.Quantity(current, unit)} ({Number(target)} needed)"
        : $"{Number(current)} / {Display.Quantity(target, unit)}";

    /// <summary>Progress toward the target as a whole percentage, 0–100.</summary>
    public static int Percent(RequirementResult r) =>
        r.Target <= 0 ? (r.IsSatisfied ? 100 : 0) : (int)Math.Clamp(Math.Floor(r.Current * 100 / r.Target), 0, 100);
}
