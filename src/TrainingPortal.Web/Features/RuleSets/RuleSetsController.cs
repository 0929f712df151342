using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.RuleSets;

/// <summary>Administrators read every program's rule sets: versions and each requirement's parameters.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/rule-sets")]
public sealed class RuleSetsController(RuleSetCatalog catalog, PortalClock clock) : Controller
{
    [HttpGet("")]
    public IActionResult Index()
    {
        var today = clock.Today;
        var programs = catalog.ProgramKeys
            .Select(key =>
            {
                var versions = catalog.Versions(key);
                var current = catalog.Current(key, today);
                return new ProgramRuleSets(key, versions[^1].Title,
                    [.. versions.Select(v => new RuleSetVersionRow(v.Id, v.Version, v.EffectiveFrom, v.Requirements.Count, v == current))]);
            })
            .ToList();
        return View(programs);
    }

    [HttpGet("{key}/{version:int}")]
    public IActionResult Details(string key, int version)
    {
        var ruleSet = catalog.Find(key, version);
        if (ruleSet is null)
        {
            return NotFound();
        }
        var today = clock.Today;
        return View(new RuleSetDetails(ruleSet.Describe(), catalog.Current(key, today) == ruleSet, catalog.Versions(key).Select(v => v.Version).ToList()));
    }
}

public sealed record ProgramRuleSets(string Key, string Title, IReadOnlyList<RuleSetVersionRow> Versions);

public sealed record RuleSetVersionRow(string Id, int Version, DateOnly EffectiveFrom, int RequirementCount, bool IsCurrent);

public sealed record RuleSetDetails(RuleSetDescription RuleSet, bool IsCurrent, IReadOnlyList<int> AllVersions);
