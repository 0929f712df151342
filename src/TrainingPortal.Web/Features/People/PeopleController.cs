using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.People;

/// <summary>
/// Administrators find people, grant and remove roles (confirmed), make a Train-the-Trainer graduate a
/// trainer, and disable or enable accounts with a reason. Disabling takes effect at the person's very
/// next request (<see cref="DisabledAccounts"/>, and the security stamp for other instances). Role and
/// account changes are audited by the interceptor, plus an event entry that carries the reason.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/people")]
public sealed class PeopleController(AppDbContext db, UserManager<AppUser> users, DisabledAccounts disabledAccounts, PortalClock clock,
    IOptions<PortalOptions> options) : Controller
{
    public static readonly IReadOnlyList<string> AccountActions = ["AccountDisabled", "AccountEnabled", "RoleGranted", "RoleRemoved"];

    private string Me => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q = null, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var page = pageNumber;
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var query = db.Users.AsNoTracking();
        if (q is not null)
        {
            var pattern = TextSearch.Anywhere(q);
            query = query.Where(u => EF.Functions.Like(TextSearch.Lower(u.DisplayName), pattern, TextSearch.Escape) || EF.Functions.Like(TextSearch.Lower(u.Email!), pattern, TextSearch.Escape));
        }
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PeopleListView.PageSize - 1) / PeopleListView.PageSize);
        page = Math.Clamp(page, 1, pages);
        var people = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip((page - 1) * PeopleListView.PageSize).Take(PeopleListView.PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.DisabledUtc })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToArray();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where EF.Parameter(ids).Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!, StringComparer.Ordinal);
        return View(new PeopleListView
        {
            Query = q,
            Page = page,
            Total = total,
            Rows = [.. people.Select(p => new PersonRow(p.Id, p.DisplayName, p.Email, p.DisabledUtc, Ordered(roles[p.Id])))],
        });
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Show(string id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, null, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> SetRoles(string id, [Bind(Prefix = nameof(PersonPage.RolesForm))] RolesForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var current = await users.GetRolesAsync(user);
        var wanted = (form.Roles ?? []).Where(r => Roles.All.Contains(r)).Distinct(StringComparer.Ordinal).ToList();
        if (user.Id == Me && current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator))
        {
            ModelState.AddModelError("RolesForm.Roles", "You cannot remove your own Administrator role: ask another administrator to do it.");
        }
        if (!ModelState.IsValid)
        {
            return await ShowViewAsync(id, form, null, cancellationToken);
        }

        var grant = wanted.Except(current, StringComparer.Ordinal).ToList();
        var remove = current.Where(r => Roles.All.Contains(r)).Except(wanted, StringComparer.Ordinal).ToList();
        if (grant.Count == 0 && remove.Count == 0)
        {
            TempData["Notice"] = "Nothing changed: those are already the person's roles.";
            return Redirect(PersonUrl(id));
        }
        // The event rows ride along with Identity's own save (one transaction per call).
        if (grant.Count > 0)
        {
            Audit(user.Id, "RoleGranted", new { Roles = string.Join(", ", grant) });
            if (!await ChangedAsync(() => users.AddToRolesAsync(user, grant)))
            {
                return await ConflictAsync(id, form, null, cancellationToken);
            }
        }
        if (remove.Count > 0)
        {
            Audit(user.Id, "RoleRemoved", new { Roles = string.Join(", ", remove) });
            if (!await ChangedAsync(() => users.RemoveFromRolesAsync(user, remove)))
            {
                return await ConflictAsync(id, form, null, cancellationToken);
            }
        }
        TempData["Notice"] = string.Join(" ", new[]
        {
            grant.Count > 0 ? $"Granted: {string.Join(", ", grant)}." : null,
            remove.Count > 0 ? $"Removed: {string.Join(", ", remove)}." : null,
            "The change reaches the person's open session within a minute.",
        }.OfType<string>());
        return Redirect(PersonUrl(id));
    }

    [HttpPost("{id}/make-trainer")]
    public async Task<IActionResult> MakeTrainer(string id, string? returnTo = null, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var completedOn = await TrainTheTrainerCompletedOnAsync(id, cancellationToken);
        var back = returnTo is not null && Url.IsLocalUrl(returnTo) && returnTo.StartsWith("/admin/", StringComparison.Ordinal) ? returnTo : PersonUrl(id);
        if (completedOn is null)
        {
            ModelState.AddModelError("", "No Train-the-Trainer completion is on record for this person. To grant the Trainer role anyway, tick it in the roles form below.");
            return await ShowViewAsync(id, null, null, cancellationToken);
        }
        if (await users.IsInRoleAsync(user, Roles.Trainer))
        {
            TempData["Notice"] = $"{user.DisplayName} is already a trainer.";
            return Redirect(back);
        }
        Audit(user.Id, "RoleGranted", new { Roles = Roles.Trainer, Basis = $"Train-the-Trainer completed on {completedOn:yyyy-MM-dd}" });
        if (!await ChangedAsync(() => users.AddToRoleAsync(user, Roles.Trainer)))
        {
            return await ConflictAsync(id, null, null, cancellationToken);
        }
        TempData["Notice"] = $"{user.DisplayName} is now a trainer. The role reaches their open session within a minute.";
        return Redirect(back);
    }

    [HttpPost("{id}/disable")]
    public async Task<IActionResult> Disable(string id, [Bind(Prefix = nameof(PersonPage.Account))] AccountStatusForm form,
        [FromServices] ServerSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == Me)
        {
            ModelState.AddModelError("", "You cannot disable your own account: ask another administrator to do it.");
        }
        if (!ModelState.IsValid)
        {
            return await ShowViewAsync(id, null, form, cancellationToken);
        }
        if (user.DisabledUtc is not null)
        {
            TempData["Notice"] = $"{user.DisplayName}'s account was already disabled.";
            return Redirect(PersonUrl(id));
        }

        user.DisabledUtc = clock.UtcNow;
        Audit(user.Id, "AccountDisabled", new { Reason = form.Reason.Trim() });
        // One save: the disabled flag, a new security stamp (ends sessions on every instance within a
        // minute) and the audit event with the reason.
        if (!await ChangedAsync(() => users.UpdateSecurityStampAsync(user)))
        {
            return await ConflictAsync(id, null, form, cancellationToken);
        }
        disabledAccounts.Add(user.Id); // …and on this instance at the person's next request
        await sessions.EndAllAsync(user.Id, cancellationToken); // …and on every instance at once
        TempData["Notice"] = $"{user.DisplayName}'s account is disabled: they are signed out and cannot sign in.";
        return Redirect(PersonUrl(id));
    }

    [HttpPost("{id}/enable")]
    public async Task<IActionResult> Enable(string id, [Bind(Prefix = nameof(PersonPage.Account))] AccountStatusForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return await ShowViewAsync(id, null, form, cancellationToken);
        }
        if (user.DisabledUtc is null)
        {
            TempData["Notice"] = $"{user.DisplayName}'s account is already enabled.";
            return Redirect(PersonUrl(id));
        }
        user.DisabledUtc = null;
        Audit(user.Id, "AccountEnabled", new { Reason = form.Reason.Trim() });
        if (!await ChangedAsync(() => users.UpdateAsync(user)))
        {
            return await ConflictAsync(id, null, form, cancellationToken);
        }
        disabledAccounts.Remove(user.Id);
        TempData["Notice"] = $"{user.DisplayName}'s account is enabled again: they can sign in.";
        return Redirect(PersonUrl(id));
    }

    private static string PersonUrl(string id) => "/admin/people/" + Uri.EscapeDataString(id);

    private static IReadOnlyList<string> Ordered(IEnumerable<string> roles) =>
        [.. Roles.All.Where(roles.Contains), .. roles.Where(r => !Roles.All.Contains(r)).Order(StringComparer.Ordinal)];

    public const string ConflictMessage = "Someone changed this account while you were looking at it. Check it below and try again.";

    /// <summary>
    /// Applies an Identity change; false when another request changed the account first (Identity's
    /// concurrency stamp, or a unique index such as the person's role row) — nothing of this change is saved.
    /// </summary>
    private async Task<bool> ChangedAsync(Func<Task<IdentityResult>> change)
    {
        IdentityResult result;
        try
        {
            result = await change();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            db.ChangeTracker.Clear();
            return false;
        }
        Check(result);
        return true;
    }

    private async Task<IActionResult> ConflictAsync(string id, RolesForm? roles, AccountStatusForm? account, CancellationToken ct)
    {
        ModelState.AddModelError("", ConflictMessage);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowViewAsync(id, roles, account, ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    /// <summary>An audit event about the person, saved with the next save of the context (Identity's).</summary>
    private void Audit(string personId, string action, object details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.UtcNow,
            ActorId = Me,
            Action = action,
            EntityType = nameof(AppUser),
            EntityId = personId,
            PersonId = personId,
            Changes = JsonSerializer.Serialize(details),
        });

    /// <summary>When the person last completed a program that qualifies trainers (Train-the-Trainer), if ever.</summary>
    private Task<DateOnly?> TrainTheTrainerCompletedOnAsync(string personId, CancellationToken ct)
    {
        var qualifying = ProgramCatalog.Default.All.Where(p => p.QualifiesTrainer).Select(p => p.Key).ToList();
        return db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && qualifying.Contains(e.ProgramKey) && e.Status == EnrollmentStatus.Completed)
            .OrderByDescending(e => e.CompletedOn)
            .Select(e => e.CompletedOn ?? e.CreatedOn)
            .Cast<DateOnly?>()
            .FirstOrDefaultAsync(ct);
    }

    private async Task<IActionResult> ShowViewAsync(string id, RolesForm? roles, AccountStatusForm? account, CancellationToken ct)
    {
        var page = await PageAsync(id, roles, account, ct);
        return page is null ? NotFound() : View(nameof(Show), page);
    }

    private async Task<PersonPage?> PageAsync(string id, RolesForm? rolesForm, AccountStatusForm? account, CancellationToken ct)
    {
        var person = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.CreatedUtc, u.DisabledUtc })
            .SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }
        var roles = Ordered(await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                   where ur.UserId == id select r.Name!).ToListAsync(ct));
        var enrollments = await (from e in db.Enrollments.AsNoTracking()
                                 where e.PersonId == id
                                 join p in db.Programs on e.ProgramKey equals p.Key
                                 orderby e.CreatedOn descending, e.Id descending
                                 select new PersonEnrollment(e.Id, p.Title, e.Status, e.CreatedOn, e.CompletedOn)).ToListAsync(ct);
        var tttCompleted = await TrainTheTrainerCompletedOnAsync(id, ct);
        var events = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == id && AccountActions.Contains(a.Action))
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Take(20)
            .Select(a => new AccountEvent(a.AtUtc, a.Action, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault(), a.Changes))
            .ToListAsync(ct);
        return new PersonPage
        {
            Id = person.Id,
            Name = person.DisplayName,
            Email = person.Email,
            CreatedUtc = person.CreatedUtc,
            DisabledUtc = person.DisabledUtc,
            Roles = roles,
            Enrollments = enrollments,
            Events = events,
            TrainTheTrainerCompletedOn = tttCompleted,
            IsSelf = person.Id == Me,
            TimeZoneId = options.Value.DefaultTimeZone,
            RolesForm = rolesForm ?? new RolesForm { Roles = [.. roles] },
            Account = account ?? new AccountStatusForm(),
        };
    }
}
