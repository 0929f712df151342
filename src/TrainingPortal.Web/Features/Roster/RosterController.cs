using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Features.Roster;

/// <summary>
/// The public roster (no login): people who opted in on their profile and hold a currently valid
/// Rostered MIO Clinician certificate or IMH endorsement. Shows name as printed, credential(s), city
/// and state — nothing else. Three queries whatever the size: the count, the page of people, and the
/// page's credentials.
/// </summary>
[AllowAnonymous]
[Route("roster")]
public sealed class RosterController(AppDbContext db, EligibilityService eligibility) : Controller
{
    public const int PageSize = 25;

    /// <summary>The longest search text accepted per field (the longest stored name); longer input is refused next to the field, never cut.</summary>
    public const int MaxSearch = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(RosterSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var name = Clean(search.Name);
        var city = Clean(search.City);
        var state = Clean(search.State);
        foreach (var (key, value, what) in new[] { ("name", name, "the name"), ("city", city, "the city"), ("state", state, "the state") })
        {
            if (value is { Length: > MaxSearch })
            {
                ModelState.AddModelError(key, TextRules.TooLong(MaxSearch, value.Length, what));
            }
        }
        if (ModelState.ErrorCount > 0)
        {
            // Nothing is searched with a cut version of what was typed: the page says so, with the text kept.
            return View(new RosterPage { Name = name, City = city, State = state, Credential = RosterCredentials.Find(search.Credential)?.ProgramKey, Page = 1, Pages = 1, Refused = true });
        }
        var credential = RosterCredentials.Find(search.Credential)?.ProgramKey;
        var page = Math.Max(1, search.Page ?? 1);

        var today = eligibility.Today();
        var keys = credential is null ? RosterCredentials.ProgramKeys : [credential];
        var valid = db.Certificates.AsNoTracking()
            .Where(CertificateValidity.ValidOn(today))
            .Where(c => keys.Contains(c.ProgramKey));

        // Opted in, not disabled (a disabled account is no longer in practice with the portal), with a valid credential.
        var people = db.Users.AsNoTracking().Where(u => u.ListedOnRoster && u.DisabledUtc == null && valid.Any(c => c.PersonId == u.Id));
        if (name is not null)
        {
            var pattern = TextSearch.Anywhere(name);
            people = people.Where(u => EF.Functions.Like(TextSearch.Lower(u.CertificateName != "" ? u.CertificateName : u.DisplayName), pattern, TextSearch.Escape));
        }
        if (city is not null)
        {
            var pattern = TextSearch.Anywhere(city);
            people = people.Where(u => EF.Functions.Like(TextSearch.Lower(u.City!), pattern, TextSearch.Escape));
        }
        if (state is not null)
        {
            var pattern = TextSearch.Anywhere(state);
            people = people.Where(u => EF.Functions.Like(TextSearch.Lower(u.State!), pattern, TextSearch.Escape));
        }

        var total = await people.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);
        var rows = await people
            .Select(u => new { u.Id, Name = u.CertificateName != "" ? u.CertificateName : u.DisplayName, u.City, u.State })
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var held = ids.Count == 0
            ? []
            : await valid.Where(c => EF.Parameter(ids).Contains(c.PersonId))
                .Select(c => new { c.PersonId, c.ProgramKey })
                .Distinct()
                .ToListAsync(cancellationToken);
        var byPerson = held.ToLookup(h => h.PersonId, h => h.ProgramKey);

        return View(new RosterPage
        {
            Name = name,
            City = city,
            State = state,
            Credential = credential,
            Page = page,
            Pages = pages,
            Total = total,
            Rows = [.. rows.Select(r => new RosterRow(r.Name, RosterCredentials.TitlesOf(byPerson[r.Id]), r.City ?? "", r.State ?? ""))],
        });
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>"%text%" with LIKE's wildcards in the text taken literally.</summary>
}
