using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Profile;

/// <summary>The person's own profile: names, time zone, roster listing (opt-in) and professional licences.</summary>
[Route("profile")]
public sealed class ProfileController(AppDbContext db) : Controller
{
    // Compiled once: no expression tree built, walked for parameters and looked up in EF's cache per request.
    private static readonly Func<AppDbContext, string, Task<ProfileRead?>> ShowQuery =
        EF.CompileAsyncQuery((AppDbContext db, string id) => db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new ProfileRead(u.DisplayName, u.CertificateName, u.TimeZoneId, u.City, u.State, u.ListedOnRoster,
                u.Licences.Select(l => new LicenceRead(l.Type, l.Number, l.IssuedBy)).ToList()))
            .FirstOrDefault());

    private sealed record ProfileRead(string DisplayName, string CertificateName, string TimeZoneId, string? City, string? State, bool ListedOnRoster,
        List<LicenceRead> Licences);

    private sealed record LicenceRead(LicenceType Type, string? Number, string? IssuedBy);

    [HttpGet("")]
    public async Task<IActionResult> Edit()
    {
        // Reads only what the form shows, untracked: one query (the person and their licences), a fraction of the
        // columns of the whole user row (Identity's hashes, stamps, lockout fields are not needed to show a form).
        if (UserId is not { } id || await ShowQuery(db, id) is not { } user)
        {
            return Challenge();
        }
        var form = new ProfileForm
        {
            DisplayName = user.DisplayName,
            CertificateName = user.CertificateName,
            TimeZoneId = user.TimeZoneId,
            City = user.City,
            State = user.State,
            ListedOnRoster = user.ListedOnRoster,
            Licences = [.. Enum.GetValues<LicenceType>().Select(type =>
            {
                var held = user.Licences.FirstOrDefault(l => l.Type == type);
                return new LicenceRow { Type = type, Held = held is not null, Number = held?.Number, IssuedBy = held?.IssuedBy };
            })],
        };
        return View(form);
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit(ProfileForm form)
    {
        var user = await LoadUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        user.DisplayName = form.DisplayName.Trim();
        user.CertificateName = form.CertificateName.Trim();
        user.TimeZoneId = form.TimeZoneId;
        user.City = Blank(form.City);
        user.State = Blank(form.State);
        user.ListedOnRoster = form.ListedOnRoster;
        foreach (var row in form.Licences.Where(r => Enum.IsDefined(r.Type)).DistinctBy(r => r.Type))
        {
            var existing = user.Licences.FirstOrDefault(l => l.Type == row.Type);
            if (!row.Held)
            {
                if (existing is not null)
                {
                    user.Licences.Remove(existing);
                }
                continue;
            }
            existing ??= AddLicence(user, row.Type);
            existing.Number = Blank(row.Number);
            existing.IssuedBy = Blank(row.IssuedBy);
        }
        await db.SaveChangesAsync();
        TempData["Notice"] = "Your profile has been saved.";
        return RedirectToAction(nameof(Edit));
    }

    private static ProfessionalLicence AddLicence(AppUser user, LicenceType type)
    {
        var licence = new ProfessionalLicence { UserId = user.Id, Type = type };
        user.Licences.Add(licence);
        return licence;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The signed-in person's id, as UserManager.GetUserId reads it (the default user-id claim), without building a
    // UserManager on every request.
    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private Task<AppUser?> LoadUserAsync()
    {
        var id = UserId;
        return db.Users.Include(u => u.Licences).SingleOrDefaultAsync(u => u.Id == id);
    }
}
