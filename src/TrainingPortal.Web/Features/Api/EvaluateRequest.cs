using System.ComponentModel;
using System.Text.Json;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Api;

/// <summary>
/// The body of <c>POST /api/v1/eligibility/evaluate</c>: a self-contained evidence document. The
/// action reads the body itself (<see cref="EvaluateRequestReader"/>) so that every wrong field is
/// reported at once; this type describes the document for the OpenAPI description and the docs.
/// </summary>
/// <param name="RuleSet">Program key, e.g. <c>mio-rostering</c>.</param>
/// <param name="AsOf">The evaluation date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Evidence">The evidence snapshot; lists may be left out.</param>
/// <param name="Version">A version number (<c>1</c>, <c>2</c>, ...) or <c>"current"</c> (the default): the version in effect on <paramref name="AsOf"/>.</param>
/// <param name="Category">Level IV only: <c>clinical</c>, <c>policy</c> or <c>research-faculty</c>.</param>
[Description("A self-contained evidence document to evaluate under one rule set on one date.")]
public sealed record EvaluateRequest(
    [property: Description("Program key: mio-rostering, mio-ttt, imh-course, imh-endorsement-l1 … l4, imh-renewal.")]
    string RuleSet,
    [property: Description("The evaluation date (yyyy-MM-dd).")]
    DateOnly AsOf,
    [property: Description("The evidence snapshot; every list may be left out (read as empty).")]
    Evidence Evidence,
    [property: Description("A version number (1, 2, …) or \"current\" (the default): the version in effect on asOf.")]
    JsonElement? Version = null,
    [property: Description("imh-endorsement-l4 only: clinical, policy or research-faculty.")]
    string? Category = null);

/// <summary>A request that passed every check: the rule set resolved, the evidence deserialized.</summary>
public sealed record EvaluationInput(RuleSet RuleSet, DateOnly AsOf, string? Category, Evidence Evidence);

/// <summary>The verdict as the API returns it.</summary>
/// <param name="RuleSet">Program key.</param>
/// <param name="Version">The rule set version evaluated (resolved when the request said <c>current</c>).</param>
/// <param name="RuleSetId"><c>key@version</c>.</param>
/// <param name="Category">The Level IV category evaluated, else <c>null</c>.</param>
/// <param name="AsOf">The evaluation date.</param>
/// <param name="Status">Overall status.</param>
/// <param name="AtRisk">Whether any requirement's forecast is flagged at risk.</param>
/// <param name="NextStep">The single most useful next action, or <c>null</c> when nothing is left to do.</param>
/// <param name="Requirements">Every requirement that applies, in rule-set order.</param>
public sealed record EvaluateResponse(
    string RuleSet, int Version, string RuleSetId, string? Category, DateOnly AsOf, OverallStatus Status, bool AtRisk,
    NextStepResponse? NextStep, IReadOnlyList<RequirementResponse> Requirements)
{
    public static EvaluateResponse From(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new(verdict.RuleSetKey, verdict.Version, verdict.RuleSetId, verdict.Category, verdict.AsOf, verdict.Status,
            verdict.AtRisk,
            verdict.NextStep is { } next ? new NextStepResponse(next.RequirementKey, next.Action) : null,
            [.. verdict.Requirements.Select(RequirementResponse.From)]);
    }
}

/// <summary>The most useful next action.</summary>
public sealed record NextStepResponse(string RequirementKey, string Action);

/// <summary>The result for one requirement.</summary>
/// <param name="Key">Stable key, e.g. <c>consultation-attendance</c>.</param>
/// <param name="Title">Plain-language title.</param>
/// <param name="Kind">The requirement kind.</param>
/// <param name="Status">Met, NotMet, NotYetDecidable, Waived or NotApplicable.</param>
/// <param name="Blocking">Whether it must be met for eligibility (advisory requirements never block).</param>
/// <param name="CanStillBeMet"><c>false</c> when it can no longer be met under this rule set.</param>
/// <param name="Current">The current figure, in <paramref name="Unit"/>.</param>
/// <param name="Target">The target figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">hours, calls, sessions, cases, ...</param>
/// <param name="Explanation">Plain language; when not met it says what would make it met.</param>
/// <param name="WaiverReason">The administrator's reason when waived.</param>
/// <param name="Forecast">A look ahead, for requirements where the future matters.</param>
/// <param name="Findings">Items that break the requirement or do not count, with reasons.</param>
public sealed record RequirementResponse(
    string Key, string Title, string Kind, RequirementStatus Status, bool Blocking, bool CanStillBeMet,
    decimal Current, decimal Target, string Unit, string Explanation, string? WaiverReason,
    ForecastResponse? Forecast, IReadOnlyList<FindingResponse> Findings)
{
    public static RequirementResponse From(RequirementResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Key, r.Title, r.Kind, r.Status, r.Blocking, r.CanStillBeMet, r.Current, r.Target, r.Unit,
            r.Explanation, r.WaiverReason,
            r.Forecast is { } f
                ? new ForecastResponse(f.Summary, f.Reachable, f.AtRisk, f.RemainingScheduled, f.MayStillMiss, f.StillNeeded, f.OldestCountedExpiresOn)
                : null,
            [.. r.Findings.Select(x => new FindingResponse(x.Item, x.Problem, x.Date))]);
    }
}

/// <summary>A forecast.</summary>
/// <param name="Summary">Plain-language forecast.</param>
/// <param name="Reachable">Whether the requirement can still be met with what is scheduled.</param>
/// <param name="AtRisk">The person will not meet it without intervention.</param>
/// <param name="RemainingScheduled">Consultation: scheduled calls not yet held.</param>
/// <param name="MayStillMiss">Consultation: how many remaining calls may still be missed (negative when out of reach).</param>
/// <param name="StillNeeded">Hours (or other units) still needed.</param>
/// <param name="OldestCountedExpiresOn">RSC: the first day the oldest counted hours fall out of the window.</param>
public sealed record ForecastResponse(string Summary, bool Reachable, bool AtRisk, int? RemainingScheduled,
    int? MayStillMiss, decimal? StillNeeded, DateOnly? OldestCountedExpiresOn);

/// <summary>One item behind a requirement's result.</summary>
public sealed record FindingResponse(string Item, string Problem, DateOnly? Date);
