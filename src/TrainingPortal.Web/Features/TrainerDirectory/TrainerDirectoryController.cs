using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.TrainerDirectory;

/// <summary>
/// The directory of professional MI trainers (MINT-affiliated; seed 002): any signed-in person searches the listed
/// profiles (confirmed by an administrator and not paused), opens one and sends a coaching request; a trainer writes
/// their own profile, sees the state of its confirmation and pauses or resumes the listing. The search reads a
/// constant number of times (the count and the page) whatever the size of the directory.
/// </summary>
[Route("mi/trainers")]
public sealed class TrainerDirectoryController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int PageSize = 20;
    public const int MaxSearch = 200;
    [HttpGet("")]
    public async Task<IActionResult> Index(DirectorySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var text = Clean(search.Q);
        var language = Clean(search.Language);
        var region = Clean(search.Region);
        var format = search.Format is "online" or "in-person" ? search.Format : null;
        var model = new DirectoryPage { Q = text, Language = language, Region = region, Format = format };
        foreach (var (key, value, what) in new[] { ("q", text, "the search"), ("language", language, "the language"), ("region", region, "the region") })
        {
            if (value is { Length: > MaxSearch })
            {
                ModelState.AddModelError(key, TextRules.TooLong(MaxSearch, value.Length, what));
            }
        }
        if (ModelState.ErrorCount > 0)
        {
            model.Refused = true;
            return View(model);
        }

        var listed = db.MiTrainerProfiles.AsNoTracking().Where(p => p.State == AffiliationState.Confirmed && !p.Paused);
        if (text is not null)
        {
            var pattern = TextSearch.Anywhere(text);
            listed = listed.Where(p => EF.Functions.Like(TextSearch.Lower(p.Bio), pattern, TextSearch.Escape)
                || db.Users.Any(u => u.Id == p.UserId && EF.Functions.Like(TextSearch.Lower(u.DisplayName), pattern, TextSearch.Escape)));
        }
        if (language is not null)
        {
            var pattern = TextSearch.Anywhere(language);
            listed = listed.Where(p => EF.Functions.Like(TextSearch.Lower(p.Languages), pattern, TextSearch.Escape));
        }
        if (region is not null)
        {
            var pattern = TextSearch.Anywhere(region);
            listed = listed.Where(p => EF.Functions.Like(TextSearch.Lower(p.Regions), pattern, TextSearch.Escape));
        }
        if (format == "online")
        {
            listed = listed.Where(p => p.Online);
        }
        else if (format == "in-person")
        {
            listed = listed.Where(p => p.InPerson);
        }

        model.Total = await listed.CountAsync(cancellationToken);
        model.Pages = Math.Max(1, (model.Total + PageSize - 1) / PageSize);
        model.Page = Math.Clamp(search.Page ?? 1, 1, model.Pages);
        model.Rows = await listed
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Id, u.DisplayName, p.Bio, p.Languages, p.Regions, p.Online, p.InPerson })
            .OrderBy(r => r.DisplayName).ThenBy(r => r.Id)
            .Skip((model.Page - 1) * PageSize).Take(PageSize)
            .Select(r => new DirectoryRow(r.Id, r.DisplayName, r.Bio, r.Languages, r.Regions, r.Online, r.InPerson))
            .ToListAsync(cancellationToken);
        return View(model);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await ProfilePageAsync(id, new CoachingRequestForm { Format = nameof(CoachingFormat.Either) }, cancellationToken) is { } page ? View(page) : NotFound();

    /// <summary>Sends a coaching request: refused with a clear answer when the trainer is not listed (paused, not confirmed) or when this person already has a waiting or accepted request to them.</summary>
    [HttpPost("{id:int}/request")]
    public async Task<IActionResult> Send(int id, [Bind(Prefix = "Request")] CoachingRequestForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var page = await ProfilePageAsync(id, form, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (page.Refusal is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return View(nameof(Show), page);
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Show), page);
        }
        var now = clock.UtcNow;
        var me = users.GetUserId(User)!;
        var request = new CoachingRequest
        {
            TrainerProfileId = id,
            PersonId = me,
            Goals = form.Goals!.Trim(),
            Format = form.ParsedFormat!.Value,
            Status = CoachingStatus.Waiting,
            SentUtc = now,
        };
        request.Messages.Add(new CoachingMessage { AuthorId = me, Body = form.Message!.Trim(), SentUtc = now });
        db.CoachingRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same request sent twice at once: the first one stands.
            db.ChangeTracker.Clear();
            page = (await ProfilePageAsync(id, form, cancellationToken))!;
            ModelState.AddModelError("", page.Refusal ?? "You already have an open request to this trainer.");
            return View(nameof(Show), page);
        }
        TempData["Notice"] = $"Your coaching request was sent to {page.Name}. You will see the answer here.";
        return Redirect($"/mi/coaching/{request.Id}");
    }

    [HttpGet("profile")]
    public async Task<IActionResult> Profile(CancellationToken cancellationToken)
    {
        var profile = await MineAsync(tracked: false, cancellationToken);
        var form = profile is null ? new TrainerProfileForm { Online = true } : new TrainerProfileForm
        {
            Bio = profile.Bio, Languages = profile.Languages, Regions = profile.Regions, Online = profile.Online, InPerson = profile.InPerson,
            Fees = profile.Fees, Website = profile.Website, Phone = profile.Phone,
            MintSince = profile.MintSince.ToString(System.Globalization.CultureInfo.InvariantCulture), MintProfileUrl = profile.MintProfileUrl,
        };
        return View(new OwnProfilePage(profile, form));
    }

    /// <summary>
    /// Saves the trainer's profile. A new profile waits for an administrator. Changing the MINT affiliation (year or
    /// profile address) of a confirmed, declined or withdrawn profile asks for confirmation again (not listed until
    /// then); other changes keep the confirmation.
    /// </summary>
    [HttpPost("profile")]
    public async Task<IActionResult> Profile([Bind(Prefix = "Profile")] TrainerProfileForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var profile = await MineAsync(tracked: true, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(new OwnProfilePage(profile, form));
        }
        var now = clock.UtcNow;
        var created = profile is null;
        if (profile is null)
        {
            profile = new MiTrainerProfile { UserId = users.GetUserId(User)!, CreatedUtc = now, State = AffiliationState.Waiting };
            db.MiTrainerProfiles.Add(profile);
        }
        var mintUrl = Optional(form.MintProfileUrl);
        var affiliationChanged = !created && (profile.MintSince != form.MintYear!.Value || profile.MintProfileUrl != mintUrl);
        profile.Bio = form.Bio!.Trim();
        profile.Languages = form.Languages!.Trim();
        profile.Regions = form.Regions!.Trim();
        profile.Online = form.Online;
        profile.InPerson = form.InPerson;
        profile.Fees = Optional(form.Fees);
        profile.Website = Optional(form.Website);
        profile.Phone = Optional(form.Phone);
        profile.MintSince = form.MintYear!.Value;
        profile.MintProfileUrl = mintUrl;
        profile.UpdatedUtc = now;
        profile.Version = Guid.NewGuid();
        if (affiliationChanged && profile.State != AffiliationState.Waiting)
        {
            profile.State = AffiliationState.Waiting;
            profile.StateReason = null;
            profile.StateChangedUtc = now;
            profile.StateChangedById = profile.UserId;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The first profile saved twice at once (two tabs): the first stands.
            TempData["Notice"] = "Your profile was already saved from another window: here it is. Nothing else was changed.";
            return Redirect("/mi/trainers/profile");
        }
        TempData["Notice"] = created || affiliationChanged
            ? "Your profile is saved. It is listed once an administrator has confirmed your MINT affiliation."
            : "Your profile is saved.";
        return Redirect("/mi/trainers/profile");
    }

    [HttpPost("profile/pause")]
    public Task<IActionResult> Pause(CancellationToken cancellationToken) => SetPausedAsync(true, cancellationToken);

    [HttpPost("profile/resume")]
    public Task<IActionResult> Resume(CancellationToken cancellationToken) => SetPausedAsync(false, cancellationToken);

    private async Task<IActionResult> SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        var profile = await MineAsync(tracked: true, cancellationToken);
        if (profile is null)
        {
            TempData["Notice"] = "You have no directory profile yet: write it first.";
            return Redirect("/mi/trainers/profile");
        }
        if (profile.Paused != paused)
        {
            profile.Paused = paused;
            profile.UpdatedUtc = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        TempData["Notice"] = paused
            ? "Your listing is paused: practitioners do not find you and cannot send new requests. Requests you have keep going."
            : profile.State == AffiliationState.Confirmed ? "Your listing is back in the directory." : "Your listing is no longer paused; it is listed once your MINT affiliation is confirmed.";
        return Redirect("/mi/trainers/profile");
    }

    private Task<MiTrainerProfile?> MineAsync(bool tracked, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var query = tracked ? db.MiTrainerProfiles : db.MiTrainerProfiles.AsNoTracking();
        return query.SingleOrDefaultAsync(p => p.UserId == me, cancellationToken);
    }

    /// <summary>A profile page: null when there is no such profile. Details are shown only for a listed profile (or to its owner).</summary>
    private async Task<TrainerPage?> ProfilePageAsync(int id, CoachingRequestForm form, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var p = await db.MiTrainerProfiles.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new
            {
                Profile = p,
                Name = db.Users.Where(u => u.Id == p.UserId).Select(u => u.DisplayName).First(),
                Existing = db.CoachingRequests.Where(r => r.TrainerProfileId == p.Id && r.PersonId == me && r.ActiveSlot == true)
                    .Select(r => (int?)r.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (p is null)
        {
            return null;
        }
        var own = p.Profile.UserId == me;
        string? refusal = null;
        if (own)
        {
            refusal = "This is your own profile: you cannot send yourself a coaching request.";
        }
        else if (!p.Profile.Listed)
        {
            refusal = p.Profile.Paused && p.Profile.State == AffiliationState.Confirmed
                ? "This trainer has paused their listing and is not taking new coaching requests at the moment. Please choose another trainer in the directory."
                : "This trainer is not listed in the directory, so they cannot receive coaching requests. Please choose another trainer in the directory.";
        }
        else if (p.Existing is not null)
        {
            refusal = "You already have an open coaching request to this trainer. Continue it instead of sending another.";
        }
        // Administrators see an unlisted profile to decide on it; others only a listed one (or their own).
        var shown = own || p.Profile.Listed || User.IsInRole(Roles.Administrator);
        return new TrainerPage(id, shown ? p.Name : "", shown ? p.Profile : null, own, p.Existing, refusal, form);
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
