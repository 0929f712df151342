namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// Evaluates evidence against a rule set. Pure and thread-safe: the verdict depends only on the
/// rule set, the evidence and the date.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>Evaluates <paramref name="evidence"/> under <paramref name="ruleSet"/> as of <paramref name="asOf"/>.</summary>
    /// <param name="ruleSet">The rule set (the version the enrollment was created under).</param>
    /// <param name="evidence">The person's evidence snapshot.</param>
    /// <param name="asOf">The evaluation date. Events dated on or after it are in the future, except where a requirement says otherwise (see docs/rules.md).</param>
    /// <exception cref="ArgumentException">The rule set has categories and <see cref="Evidence.Category"/> is missing or unknown.</exception>
    public static Verdict Evaluate(RuleSet ruleSet, Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(evidence);

        string? category = null;
        IReadOnlyList<Requirement> requirements = ruleSet.Requirements;
        if (ruleSet.Categories.Count > 0)
        {
            category = FindCategory(ruleSet, evidence.Category)
                ?? throw new ArgumentException(
                    $"{ruleSet.Id} needs a category ({string.Join(", ", ruleSet.Categories)}); got '{evidence.Category}'.",
                    nameof(evidence));
            requirements = ruleSet.RequirementsFor(category);
        }

        var results = new RequirementResult[requirements.Count];
        var allSatisfied = true;
        var unreachable = false;
        for (var i = 0; i < results.Length; i++)
        {
            var result = requirements[i].Evaluate(evidence, asOf);
            if (evidence.Waivers.Count > 0)
            {
                result = ApplyWaiver(result, evidence.Waivers, asOf);
            }
            results[i] = result;
            if (result.Blocking && !result.IsSatisfied)
            {
                allSatisfied = false;
                unreachable |= !result.CanStillBeMet;
            }
        }

        var status = allSatisfied ? OverallStatus.Eligible
            : unreachable ? OverallStatus.CannotBecomeEligible
            : OverallStatus.NotYetEligible;
        return new Verdict(ruleSet.Key, ruleSet.Version, category, asOf, status, results);
    }

    private static string? FindCategory(RuleSet ruleSet, string? wanted)
    {
        if (wanted is null)
        {
            return null;
        }
        foreach (var c in ruleSet.Categories)
        {
            if (string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }
        return null;
    }

    private static RequirementResult ApplyWaiver(RequirementResult result, IReadOnlyList<Waiver> waivers, DateOnly asOf)
    {
        foreach (var w in waivers)
        {
            if (w.GrantedOn <= asOf && string.Equals(w.RequirementKey, result.Key, StringComparison.Ordinal))
            {
                return result with
                {
                    Status = RequirementStatus.Waived,
                    WaiverReason = w.Reason,
                    CanStillBeMet = true,
                    Explanation = "Waived by an administrator: " + w.Reason,
                    ExplanationTemplate = "Waived by an administrator: " + Voice.Literal(w.Reason),
                };
            }
        }
        return result;
    }
}
