using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.TrainingRequests;

/// <summary>Administrators read organisations' requests for MIO training, open ones first, and mark each answered with a note.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/training-requests")]
public sealed class AdminTrainingRequestsController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;

    /// <summary>The list's view, kept with the public form in this screen's folder.</summary>
    private const string ListView = "/Features/TrainingRequests/Admin.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(ListView, await PageAsync(null, null, cancellationToken));

    [HttpPost("{id:int}/answered")]
    public async Task<IActionResult> Answered(int id, [Bind(Prefix = "Answer")] AnswerForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = await db.TrainingRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.AnsweredUtc is not null)
        {
            TempData["Notice"] = "This request was already marked answered: nothing was changed.";
            return Redirect("/admin/training-requests");
        }
        if (!ModelState.IsValid)
        {
            return View(ListView, await PageAsync(id, form, cancellationToken));
        }
        request.AnsweredUtc = clock.UtcNow;
        request.AnsweredById = users.GetUserId(User);
        request.AnswerNote = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"The request of {request.Organisation} is marked answered.";
        return Redirect("/admin/training-requests");
    }

    private async Task<TrainingRequestsPage> PageAsync(int? formFor, AnswerForm? form, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? clock.ZoneId;
        var rows = await db.TrainingRequests.AsNoTracking()
            .OrderBy(r => r.AnsweredUtc != null).ThenByDescending(r => r.ReceivedUtc).ThenByDescending(r => r.Id)
            .Take(Limit)
            .Select(r => new TrainingRequestRow(r.Id, r.Organisation, r.ContactName, r.ContactEmail, r.Clinicians, r.Region, r.Message, r.ReceivedUtc,
                r.AnsweredUtc, db.Users.Where(u => u.Id == r.AnsweredById).Select(u => u.DisplayName).FirstOrDefault(), r.AnswerNote))
            .ToListAsync(cancellationToken);
        return new TrainingRequestsPage(rows, zone, formFor, form ?? new AnswerForm());
    }
}

public sealed record TrainingRequestRow(int Id, string Organisation, string ContactName, string ContactEmail, int Clinicians, string Region, string? Message,
    DateTime ReceivedUtc, DateTime? AnsweredUtc, string? AnsweredBy, string? AnswerNote);

/// <summary>The list; <see cref="FormFor"/> is the request whose answer form came back with a message.</summary>
public sealed record TrainingRequestsPage(IReadOnlyList<TrainingRequestRow> Rows, string TimeZoneId, int? FormFor, AnswerForm Answer);
