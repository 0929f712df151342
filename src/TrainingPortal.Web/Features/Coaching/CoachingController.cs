using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Coaching;

/// <summary>
/// Coaching requests, both sides: the practitioner who sent one and the trainer it is addressed to read its status
/// and thread; the trainer accepts, declines (optional reason) or replies; the practitioner replies or withdraws.
/// Nobody else reads a request — not another trainer, not an administrator (they manage listings only): it answers
/// 404 as if it did not exist. Contact details (the other's e-mail address; the trainer's website and phone) are shown
/// to the two only once the request is accepted. Answers carry the request's version: one given on an older screen
/// (the practitioner withdrew meanwhile) is refused with the newer state. The list reads a constant number of times.
/// </summary>
[Route("mi/coaching")]
public sealed class CoachingController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const int Limit = 200;
    private const string ShowView = "Show";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var head = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { u.TimeZoneId, ProfileId = db.MiTrainerProfiles.Where(p => p.UserId == me).Select(p => (int?)p.Id).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var sent = await db.CoachingRequests.AsNoTracking().Where(r => r.PersonId == me)
            .OrderBy(r => r.ActiveSlot == null).ThenByDescending(r => r.SentUtc).ThenByDescending(r => r.Id).Take(Limit)
            .Select(r => new CoachingRow(r.Id, db.Users.Where(u => u.Id == r.TrainerProfile!.UserId).Select(u => u.DisplayName).First(), r.Status, r.Format, r.SentUtc,
                r.Messages.Max(m => (DateTime?)m.SentUtc) ?? r.SentUtc))
            .ToListAsync(cancellationToken);
        IReadOnlyList<CoachingRow> received = [];
        if (head.ProfileId is { } profileId)
        {
            received = await db.CoachingRequests.AsNoTracking().Where(r => r.TrainerProfileId == profileId)
                .OrderBy(r => r.ActiveSlot == null).ThenByDescending(r => r.SentUtc).ThenByDescending(r => r.Id).Take(Limit)
                .Select(r => new CoachingRow(r.Id, db.Users.Where(u => u.Id == r.PersonId).Select(u => u.DisplayName).First(), r.Status, r.Format, r.SentUtc,
                    r.Messages.Max(m => (DateTime?)m.SentUtc) ?? r.SentUtc))
                .ToListAsync(cancellationToken);
        }
        return View(new CoachingListPage(sent, received, head.ProfileId is not null, head.TimeZoneId ?? clock.ZoneId));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await PageAsync(id, null, null, cancellationToken) is { } page ? View(ShowView, page) : NotFound();

    [HttpPost("{id:int}/accept")]
    public Task<IActionResult> Accept(int id, [Bind(Prefix = "Answer")] CoachingAnswerForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, form, CoachingStatus.Accepted, cancellationToken);

    [HttpPost("{id:int}/decline")]
    public Task<IActionResult> Decline(int id, [Bind(Prefix = "Answer")] CoachingAnswerForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, form, CoachingStatus.Declined, cancellationToken);

    [HttpPost("{id:int}/withdraw")]
    public Task<IActionResult> Withdraw(int id, [Bind(Prefix = "Answer")] CoachingAnswerForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, form, CoachingStatus.Withdrawn, cancellationToken);

    [HttpPost("{id:int}/reply")]
    public async Task<IActionResult> Reply(int id, [Bind(Prefix = "Reply")] CoachingReplyForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (request, side) = await FindAsync(id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        if (request.ActiveSlot is null)
        {
            ModelState.AddModelError("Reply.Body", $"This request is {MiDirectoryWords.Status(request.Status).ToLowerInvariant()}: no more messages can be sent. Your text is kept below.");
        }
        if (!ModelState.IsValid)
        {
            return View(ShowView, await PageAsync(id, form, null, cancellationToken));
        }
        db.CoachingMessages.Add(new CoachingMessage { RequestId = id, AuthorId = users.GetUserId(User)!, Body = form.Body!.Trim(), SentUtc = clock.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = side == Side.Trainer ? "Your message was sent to the practitioner." : "Your message was sent to the trainer.";
        return Redirect($"/mi/coaching/{id}#thread");
    }

    private async Task<IActionResult> AnswerAsync(int id, CoachingAnswerForm form, CoachingStatus answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (request, side) = await FindAsync(id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        var mine = answer switch
        {
            CoachingStatus.Accepted or CoachingStatus.Declined => side == Side.Trainer && request.Status == CoachingStatus.Waiting,
            CoachingStatus.Withdrawn => side == Side.Practitioner && request.Status is CoachingStatus.Waiting or CoachingStatus.Accepted,
            CoachingStatus.Waiting => false,
        };
        var rightSide = answer == CoachingStatus.Withdrawn ? side == Side.Practitioner : side == Side.Trainer;
        if (!rightSide)
        {
            return Forbid();
        }
        if (form.Version != request.Version || !mine)
        {
            TempData["Notice"] = $"This request changed since you opened it — it is now: {MiDirectoryWords.Status(request.Status).ToLowerInvariant()}. Nothing was changed.";
            return Redirect($"/mi/coaching/{id}");
        }
        if (!ModelState.IsValid)
        {
            return View(ShowView, await PageAsync(id, null, form, cancellationToken));
        }
        request.Close(answer, clock.UtcNow);
        if (answer == CoachingStatus.Declined)
        {
            request.DeclineReason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "This request changed while you answered: nothing was changed. Here is its current state.";
            return Redirect($"/mi/coaching/{id}");
        }
        TempData["Notice"] = answer switch
        {
            CoachingStatus.Accepted => "You accepted the request: you now both see each other's contact details.",
            CoachingStatus.Declined => "You declined the request; the practitioner sees it.",
            CoachingStatus.Withdrawn => "You withdrew your request; the trainer sees it.",
            CoachingStatus.Waiting => "",
        };
        return Redirect($"/mi/coaching/{id}");
    }

    private enum Side
    {
        None,
        Practitioner,
        Trainer,
    }

    /// <summary>The request (tracked) if the signed-in person is one of its two sides; null otherwise (as if it did not exist).</summary>
    private async Task<(CoachingRequest? Request, Side Side)> FindAsync(int id, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var found = await db.CoachingRequests.Where(r => r.Id == id)
            .Select(r => new { Request = r, TrainerId = r.TrainerProfile!.UserId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (null, Side.None);
        }
        var side = found.TrainerId == me ? Side.Trainer : found.Request.PersonId == me ? Side.Practitioner : Side.None;
        return side == Side.None ? (null, Side.None) : (found.Request, side);
    }

    private async Task<CoachingPage?> PageAsync(int id, CoachingReplyForm? reply, CoachingAnswerForm? answer, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var h = await db.CoachingRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                r.Id, r.PersonId, TrainerId = r.TrainerProfile!.UserId, r.TrainerProfileId, r.Goals, r.Format, r.Status, r.DeclineReason, r.SentUtc, r.AnsweredUtc, r.Version,
                r.TrainerProfile.Website, r.TrainerProfile.Phone,
                Practitioner = db.Users.Where(u => u.Id == r.PersonId).Select(u => new { u.DisplayName, u.Email }).First(),
                Trainer = db.Users.Where(u => u.Id == r.TrainerProfile.UserId).Select(u => new { u.DisplayName, u.Email }).First(),
                Zone = db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (h is null || (h.PersonId != me && h.TrainerId != me))
        {
            return null;
        }
        var messages = await db.CoachingMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.SentUtc).ThenBy(m => m.Id)
            .Select(m => new ThreadMessage(m.AuthorId == h.TrainerId ? h.Trainer.DisplayName : h.Practitioner.DisplayName, m.AuthorId == me, m.Body, m.SentUtc))
            .ToListAsync(cancellationToken);
        var isTrainer = h.TrainerId == me;
        Contact? contact = null;
        if (h.Status == CoachingStatus.Accepted)
        {
            contact = isTrainer
                ? new Contact(h.Practitioner.DisplayName, h.Practitioner.Email ?? "", null, null)
                : new Contact(h.Trainer.DisplayName, h.Trainer.Email ?? "", h.Website, h.Phone);
        }
        return new CoachingPage(h.Id, isTrainer, h.Practitioner.DisplayName, h.Trainer.DisplayName, h.TrainerProfileId, h.Goals, h.Format, h.Status, h.DeclineReason,
            h.SentUtc, h.AnsweredUtc, h.Version, messages, contact, h.Zone ?? clock.ZoneId, reply ?? new CoachingReplyForm(), answer ?? new CoachingAnswerForm());
    }
}

public sealed record CoachingRow(int Id, string Other, CoachingStatus Status, CoachingFormat Format, DateTime SentUtc, DateTime LastUtc);

public sealed record CoachingListPage(IReadOnlyList<CoachingRow> Sent, IReadOnlyList<CoachingRow> Received, bool IsTrainer, string TimeZoneId);

public sealed record ThreadMessage(string Author, bool Mine, string Body, DateTime SentUtc);

/// <summary>The other side's contact details: shown only once a request is accepted.</summary>
public sealed record Contact(string Name, string Email, string? Website, string? Phone);

public sealed record CoachingPage(int Id, bool IsTrainer, string Practitioner, string Trainer, int TrainerProfileId, string Goals, CoachingFormat Format,
    CoachingStatus Status, string? DeclineReason, DateTime SentUtc, DateTime? AnsweredUtc, Guid Version, IReadOnlyList<ThreadMessage> Messages,
    Contact? Contact, string TimeZoneId, CoachingReplyForm Reply, CoachingAnswerForm Answer)
{
    public bool Open => Status is CoachingStatus.Waiting or CoachingStatus.Accepted;
}
