using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.TrainingCases;

/// <summary>
/// A trainee's own MIO training cases: registered by a pseudonymous code, with the consent date and
/// every session. The person is always the signed-in user; another person's case answers 404.
/// </summary>
[Authorize]
[Route("my/training-cases")]
public sealed class TrainingCasesController(AppDbContext db, UserManager<AppUser> users) : Controller
{
    private string Me => users.GetUserId(User) ?? "";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new CasesPage(await MyCasesAsync(cancellationToken), new CaseForm()));

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = "Form")] CaseForm form, CancellationToken cancellationToken)
    {
        var code = (form.Code ?? "").Trim().ToUpperInvariant();
        if (ModelState.IsValid && await db.TrainingCases.AnyAsync(c => c.PersonId == Me && c.Code == code, cancellationToken))
        {
            ModelState.AddModelError("Form.Code", $"You already have a training case {code}. Choose another code.");
        }
        if (!ModelState.IsValid)
        {
            return View(new CasesPage(await MyCasesAsync(cancellationToken), form));
        }
        var record = new TrainingCaseRecord { PersonId = Me, Code = code, ConsentDate = form.ConsentDate };
        db.TrainingCases.Add(record);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            // The same code registered a moment ago (another tab, a double submit): the same message as above.
            ModelState.AddModelError("Form.Code", $"You already have a training case {code}. Choose another code.");
            return View(new CasesPage(await MyCasesAsync(cancellationToken), form));
        }
        TempData["Notice"] = $"Training case {code} registered. Log its sessions below.";
        return Redirect($"/my/training-cases/{record.Id}");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await CasePageAsync(id, new SessionForm { Recorded = true }, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/sessions")]
    public async Task<IActionResult> AddSession(int id, [Bind(Prefix = "Form")] SessionForm form, CancellationToken cancellationToken)
    {
        var record = await db.TrainingCases.SingleOrDefaultAsync(c => c.Id == id && c.PersonId == Me, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid && await db.CaseSessions.AnyAsync(s => s.TrainingCaseId == id && s.Date == form.Date!.Value, cancellationToken))
        {
            // One session a day per case: a second entry for the same date would count the session twice.
            ModelState.AddModelError("Form.Date",
                $"A session of {DateDisplay.Date(form.Date!.Value)} is already logged for {record.Code}. Log each session once; to change whether it was recorded, remove it and log it again.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Show), await CasePageAsync(id, form, cancellationToken));
        }
        db.CaseSessions.Add(new CaseSessionRecord { TrainingCaseId = id, Date = form.Date!.Value, Recorded = form.Recorded });
        var wasVerified = Unverify(record);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Session of {DateDisplay.Date(form.Date.Value)} logged for {record.Code}." + (wasVerified ? ReverifyNote : "");
        return Redirect($"/my/training-cases/{id}");
    }

    /// <summary>Asks before a session is removed (no script needed): what it is, and what removing it changes.</summary>
    [HttpGet("{id:int}/sessions/{sessionId:int}/delete")]
    public async Task<IActionResult> DeleteSession(int id, int sessionId, CancellationToken cancellationToken)
    {
        var me = Me;
        var session = await db.CaseSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.TrainingCaseId == id && s.TrainingCase!.PersonId == me)
            .Select(s => new RemoveSessionPage(id, s.Id, s.TrainingCase!.Code, s.Date, s.Recorded, s.TrainingCase.Verified))
            .SingleOrDefaultAsync(cancellationToken);
        return session is null ? NotFound() : View("RemoveSession", session);
    }

    [HttpPost("{id:int}/sessions/{sessionId:int}/delete")]
    public async Task<IActionResult> DeleteSession(int id, int sessionId, RemoveSessionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var session = await db.CaseSessions.Include(s => s.TrainingCase)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.TrainingCaseId == id && s.TrainingCase!.PersonId == Me, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }
        if (!form.Confirm)
        {
            // Not from the confirmation page (e.g. an old page's one-click button): ask first.
            return Redirect($"/my/training-cases/{id}/sessions/{sessionId}/delete");
        }
        db.CaseSessions.Remove(session);
        var wasVerified = Unverify(session.TrainingCase!);
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = $"Session of {DateDisplay.Date(session.Date)} removed." + (wasVerified ? ReverifyNote : "");
        TempData[UndoKey] = string.Create(CultureInfo.InvariantCulture, $"{session.Date:yyyy-MM-dd}|{(session.Recorded ? "true" : "false")}");
        return Redirect($"/my/training-cases/{id}");
    }

    /// <summary>The session just removed ("yyyy-MM-dd|recorded"), offered back once as "Undo" on the case page: it logs the session again.</summary>
    public const string UndoKey = "UndoSession";

    private const string ReverifyNote = " The case's session log changed, so your trainer needs to verify it again.";

    /// <summary>A change to a verified case's log withdraws the verification: the trainer checked a different log.</summary>
    private static bool Unverify(TrainingCaseRecord record)
    {
        if (!record.Verified)
        {
            return false;
        }
        record.Verified = false;
        record.VerifiedUtc = null;
        record.VerifiedById = null;
        return true;
    }

    private Task<List<CaseSummary>> MyCasesAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        return db.TrainingCases.AsNoTracking()
            .Where(c => c.PersonId == me)
            .OrderBy(c => c.Code)
            .Select(c => new CaseSummary(c.Id, c.Code, c.ConsentDate, c.Sessions.Count, c.Sessions.Count(s => s.Recorded),
                c.Sessions.Min(s => (DateOnly?)s.Date), c.Verified))
            .ToListAsync(cancellationToken);
    }

    private async Task<CasePage?> CasePageAsync(int id, SessionForm form, CancellationToken cancellationToken)
    {
        var me = Me;
        var record = await db.TrainingCases.AsNoTracking()
            .Where(c => c.Id == id && c.PersonId == me)
            .Select(c => new { c.Id, c.Code, c.ConsentDate, c.Verified, c.VerifiedUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }
        var sessions = await db.CaseSessions.AsNoTracking()
            .Where(s => s.TrainingCaseId == id)
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Date, s.Recorded))
            .ToListAsync(cancellationToken);
        return new CasePage(record.Id, record.Code, record.ConsentDate, record.Verified, record.VerifiedUtc, sessions, form);
    }
}

public sealed record CaseSummary(int Id, string Code, DateOnly? ConsentDate, int Sessions, int Recorded, DateOnly? FirstSession, bool Verified)
{
    /// <summary>A session took place before the consent date (or there is no consent date yet).</summary>
    public bool SessionBeforeConsent => FirstSession is { } first && (ConsentDate is null || first < ConsentDate);
}

public sealed record CasesPage(IReadOnlyList<CaseSummary> Cases, CaseForm Form);

public sealed record SessionRow(int Id, DateOnly Date, bool Recorded);

public sealed record CasePage(int Id, string Code, DateOnly? ConsentDate, bool Verified, DateTime? VerifiedUtc, IReadOnlyList<SessionRow> Sessions, SessionForm Form);

public sealed record RemoveSessionPage(int CaseId, int SessionId, string Code, DateOnly Date, bool Recorded, bool Verified);
