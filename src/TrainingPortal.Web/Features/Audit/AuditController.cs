using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Audit;

/// <summary>
/// The audit log, newest first, for administrators: filter by person (as the one who acted or the one
/// the record is about), entity type and id, and days in the viewer's own time zone. Keyset paging by
/// id, so a page costs the same over millions of rows: at most three queries (the viewer's zone, the
/// people a person filter matches, one page of entries).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/audit")]
public sealed class AuditController(AppDbContext db, UserManager<AppUser> users) : Controller
{
    public const int PageSize = 50;

    /// <summary>A name filter matching more people than this asks for more of the name.</summary>
    public const int MaxMatchedPeople = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var me = users.GetUserId(User);
        var zoneId = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
        var types = EntityTypes(db.Model);
        var entityType = filter.EntityType?.Trim();
        if (!string.IsNullOrEmpty(entityType) && !types.Contains(entityType, StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(AuditFilter.EntityType), "Choose an entity type from the list.");
        }

        IReadOnlyList<MatchedPerson> matched = [];
        var person = filter.Person?.Trim();
        if (ModelState.IsValid && !string.IsNullOrEmpty(person))
        {
            matched = await MatchPeopleAsync(person, cancellationToken);
            if (matched.Count == 0)
            {
                ModelState.AddModelError(nameof(AuditFilter.Person), "No account has this e-mail address or a name containing this text.");
            }
            else if (matched.Count > MaxMatchedPeople)
            {
                ModelState.AddModelError(nameof(AuditFilter.Person),
                    $"More than {MaxMatchedPeople} people match. Type more of the name, or the whole e-mail address.");
            }
        }

        var page = new AuditPage { Filter = filter, EntityTypes = types, Matched = matched, TimeZoneId = zoneId };
        if (!ModelState.IsValid)
        {
            return View(page);
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (matched.Count > 0)
        {
            var ids = matched.Select(m => m.Id).ToList();
            entries = filter.Role switch
            {
                PersonRoles.Concerned => entries.Where(a => EF.Parameter(ids).Contains(a.PersonId!)),
                PersonRoles.Actor => entries.Where(a => EF.Parameter(ids).Contains(a.ActorId!)),
                _ => entries.Where(a => EF.Parameter(ids).Contains(a.PersonId!) || EF.Parameter(ids).Contains(a.ActorId!)),
            };
        }
        if (!string.IsNullOrEmpty(entityType))
        {
            entries = entries.Where(a => a.EntityType == entityType);
        }
        if (filter.EntityId?.Trim() is { Length: > 0 } entityId)
        {
            entries = entries.Where(a => a.EntityId == entityId);
        }
        var zone = GroupSchedule.Zone(zoneId);
        if (AuditDates.TryParse(filter.From, out var from))
        {
            var fromUtc = GroupSchedule.ToUtc(from, TimeOnly.MinValue, zone);
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }
        if (AuditDates.TryParse(filter.To, out var to))
        {
            var untilUtc = GroupSchedule.ToUtc(to.AddDays(1), TimeOnly.MinValue, zone);
            entries = entries.Where(a => a.AtUtc < untilUtc);
        }

        // Keyset paging: newest first; "before" = older page, "after" = newer page (read upwards, then turned round).
        var newerPage = filter.After is not null && filter.Before is null;
        if (newerPage)
        {
            entries = entries.Where(a => a.Id > filter.After!.Value).OrderBy(a => a.Id);
        }
        else
        {
            if (filter.Before is { } before)
            {
                entries = entries.Where(a => a.Id < before);
            }
            entries = entries.OrderByDescending(a => a.Id);
        }

        var rows = await (
                from a in entries.Take(PageSize + 1)
                join actor in db.Users on a.ActorId equals actor.Id into actors
                from actor in actors.DefaultIfEmpty()
                join concerned in db.Users on a.PersonId equals concerned.Id into people
                from concerned in people.DefaultIfEmpty()
                select new AuditRow(a.Id, a.AtUtc, a.ActorId, actor == null ? null : actor.DisplayName, a.Action, a.EntityType, a.EntityId,
                    a.PersonId, concerned == null ? null : concerned.DisplayName, a.Changes))
            .ToListAsync(cancellationToken);

        // Read one more than a page to know whether another page follows in the reading direction.
        var more = rows.Count > PageSize;
        // (The joins may return the page in any order: sort it here.)
        rows = newerPage
            ? [.. rows.OrderBy(r => r.Id).Take(PageSize).OrderByDescending(r => r.Id)]
            : [.. rows.OrderByDescending(r => r.Id).Take(PageSize)];
        return View(new AuditPage
        {
            Filter = filter,
            EntityTypes = types,
            Matched = matched,
            TimeZoneId = zoneId,
            Rows = rows,
            OlderThan = rows.Count > 0 && (newerPage || more) ? rows[^1].Id : null,
            NewerThan = rows.Count > 0 && (newerPage ? more : filter.Before is not null) ? rows[0].Id : null,
        });
    }

    /// <summary>An exact e-mail address, else every account whose name contains the text (one more than the limit, to tell).</summary>
    private async Task<IReadOnlyList<MatchedPerson>> MatchPeopleAsync(string text, CancellationToken cancellationToken)
    {
        var accounts = db.Users.AsNoTracking();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var normalized = text.ToUpperInvariant();
            accounts = accounts.Where(u => u.NormalizedEmail == normalized);
        }
        else
        {
            var pattern = TextSearch.Anywhere(text);
            accounts = accounts.Where(u => EF.Functions.Like(TextSearch.Lower(u.DisplayName), pattern, TextSearch.Escape) || EF.Functions.Like(TextSearch.Lower(u.CertificateName), pattern, TextSearch.Escape));
        }
        return await accounts.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(MaxMatchedPeople + 1)
            .Select(u => new MatchedPerson(u.Id, u.DisplayName, u.Email))
            .ToListAsync(cancellationToken);
    }

    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(DataProtectionKey), typeof(IdentityUserToken<string>)];

    /// <summary>The entity types the audit can name: every mapped type the interceptor audits, by CLR name (as stored).</summary>
    internal static IReadOnlyList<string> EntityTypes(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        [.. model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !t.HasSharedClrType && !NotAudited.Contains(t.ClrType))
            .Select(t => t.ClrType.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
