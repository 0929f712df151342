using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.ApiKeys;

/// <summary>
/// Administrators create and revoke keys for the eligibility API. A key is shown once, when it is
/// created; only its SHA-256 hash is stored.
/// </summary>
[Route("admin/api-keys")]
[Authorize(Policy = Policies.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ApiKeysController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await ListAsync());

    [HttpGet("new")]
    public IActionResult Create() => View(new ApiKeyForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(ApiKeyForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var (prefix, key) = ApiKeyFormat.Create();
        while (await db.ApiKeys.AnyAsync(k => k.Prefix == prefix))
        {
            (prefix, key) = ApiKeyFormat.Create(); // 36^8 prefixes: a clash is rare, but the prefix is unique
        }
        var entity = new ApiKey
        {
            Name = form.Name.Trim(),
            Prefix = prefix,
            KeyHash = ApiKeyFormat.Hash(key),
            CreatedUtc = clock.UtcNow,
            CreatedById = users.GetUserId(User)!,
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync();
        // Rendered from the POST, never redirected or put in TempData: the key exists only in this response.
        return View("Created", new CreatedApiKey(entity.Name, prefix, key));
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id);
        if (key is null)
        {
            return NotFound();
        }
        if (key.RevokedUtc is null)
        {
            key.RevokedUtc = clock.UtcNow;
            await db.SaveChangesAsync();
            TempData["Notice"] = $"The key \"{key.Name}\" (tp_{key.Prefix}_…) has been revoked. It no longer works.";
        }
        return RedirectToAction(nameof(Index));
    }

    private Task<List<ApiKeyRow>> ListAsync() =>
        (from k in db.ApiKeys.AsNoTracking()
         join u in db.Users on k.CreatedById equals u.Id into creators
         from u in creators.DefaultIfEmpty()
         orderby k.RevokedUtc != null, k.CreatedUtc descending
         select new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedUtc, u != null ? u.DisplayName : "", k.LastUsedUtc, k.RevokedUtc))
        .ToListAsync();
}
