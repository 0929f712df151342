using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Catalog;

/// <summary>
/// The public program catalog: each program with what it is (its definition's summary), what it takes (the requirements
/// of today's rule set, as the rule set states them) and its groups and cohorts that have not ended. One query (the
/// groups, and the places taken in those that have a limit); no personal data: no trainer, no member.
/// </summary>
[AllowAnonymous]
[Route("programs")]
public sealed class CatalogController(AppDbContext db, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var groups = await db.Groups.AsNoTracking()
            .Where(g => g.EndDate >= today)
            .OrderBy(g => g.StartDate).ThenBy(g => g.Name)
            .Select(g => new CatalogGroup(g.Id, g.ProgramKey, g.Name, g.Kind, g.StartDate, g.EndDate, g.MeetingDay, g.MeetingTime, g.TimeZoneId, g.DurationMinutes,
                g.Meetings.Count(m => !m.Cancelled), g.Capacity))
            .ToListAsync(cancellationToken);
        var taken = await GroupCapacity.TakenInLimitedAsync(db, groups, g => g.Id, g => g.Capacity, cancellationToken);
        groups = [.. groups.Select(g => g with { Taken = taken.GetValueOrDefault(g.Id) })];
        var programs = ProgramCatalog.Default.All
            .OrderBy(p => p.Number)
            .Select(p =>
            {
                var rules = RuleSetCatalog.Default.Current(p.Key, today) ?? RuleSetCatalog.Default.Versions(p.Key)[^1];
                return new CatalogProgram(p, rules.Describe().Requirements, rules.Categories, [.. groups.Where(g => g.ProgramKey == p.Key)]);
            })
            .ToList();
        return View(new CatalogPage(programs, today));
    }
}

public sealed record CatalogGroup(int Id, string ProgramKey, string Name, GroupKind Kind, DateOnly StartDate, DateOnly EndDate, DayOfWeek? MeetingDay, TimeOnly? MeetingTime,
    string TimeZoneId, int DurationMinutes, int Meetings, int? Capacity)
{
    /// <summary>The places taken (active enrollments in it).</summary>
    public int Taken { get; init; }
    public bool Full => GroupCapacity.IsFull(Capacity, Taken);
    public string Places => GroupCapacity.Words(Capacity, Taken);
}

public sealed record CatalogProgram(ProgramDefinition Definition, IReadOnlyList<RequirementDescription> Requirements, IReadOnlyList<string> Categories,
    IReadOnlyList<CatalogGroup> Groups);

public sealed record CatalogPage(IReadOnlyList<CatalogProgram> Programs, DateOnly Today);
