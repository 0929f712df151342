using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Infrastructure;

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

    [HttpPost("{id:int}/sessions/{sessionId:int}/delete")]
    public async Task<IActionResult> DeleteSession(int id, int sessionId, CancellationToken cancellationToken)
    {
        var session = await db.CaseSessions.Include(s => s.TrainingCase)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.TrainingCaseId == id && s.TrainingCase!.PersonId == Me, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }
        db.CaseSessions.Remove(session);
        var wasVerified = Unverify(session.TrainingCase!);
        await db.SaveRemovalAsync(cancellationToken);
        TempData["Notice"] = $"Session of {DateDisplay.Date(session.Date)} removed." + (wasVerified ? ReverifyNote : "");
        return Redirect($"/my/training-cases/{id}");
    }

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
