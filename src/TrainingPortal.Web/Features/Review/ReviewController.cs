using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Applications;
using TrainingPortal.Web.Features.Endorsement;
using TrainingPortal.Web.Features.Home;
using TrainingPortal.Web.Features.References;

namespace TrainingPortal.Web.Features.Review;

/// <summary>
/// The reviewer's side of the endorsement application (reviewers and administrators): the queue of submitted
/// applications, and one application's review page — every typed entry per section with a verify / not-accepted
/// decision, the raters' answers, a comment per section, return to the applicant, the examination result, the portfolio
/// approval, and (administrators) the approval that issues the certificate through <see cref="ApprovalService"/>.
/// A reviewer never opens their own application, nor anyone's entries through it (404). Decisions are open while the
/// enrollment is active — submitted or not, so an administrator can verify a renewal's yearly hours without a submit —
/// and "return" only from a submitted application. Every change is audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Reviewer)]
[Route("reviews")]
public sealed class ReviewController(AppDbContext db, UserManager<AppUser> users, ReviewService reviews, EligibilityService eligibility,
    ApprovalService approvals, PortalClock clock, Web.Files.EvidenceFiles evidenceFiles) : Controller
{
    private string Me => users.GetUserId(User) ?? "";

    private static string Page(int id) => string.Create(CultureInfo.InvariantCulture, $"/reviews/{id}");

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = Me;
        var queue = await reviews.QueueAsync(me, cancellationToken);
        return View(new ReviewQueuePage(queue, await ZoneAsync(me, cancellationToken)));
    }

    [HttpGet("{enrollmentId:int}")]
    public async Task<IActionResult> Show(int enrollmentId, CancellationToken cancellationToken)
    {
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        return target is null ? NotFound() : View(await PageAsync(target, cancellationToken));
    }

    [HttpPost("{enrollmentId:int}/entries/{kind}/{entryId:int}/verify")]
    public async Task<IActionResult> Verify(int enrollmentId, string kind, int entryId, CancellationToken cancellationToken)
    {
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null || !EntryKinds.TryParse(kind, out var k) || !EntryKinds.Read(target.Requirements).Contains(k))
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        if (!await reviews.DecideAsync(target, k, entryId, null, cancellationToken))
        {
            return NotFound();
        }
        TempData["Notice"] = $"Verified: the {ReviewWords.KindName(k)} now counts toward the application.";
        return Redirect(Page(enrollmentId) + "#" + Anchor(k, entryId));
    }

    [HttpPost("{enrollmentId:int}/entries/{kind}/{entryId:int}/not-accepted")]
    public async Task<IActionResult> NotAccepted(int enrollmentId, string kind, int entryId, [Bind(Prefix = "NotAccepted")] NotAcceptedForm form,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null || !EntryKinds.TryParse(kind, out var k) || !EntryKinds.Read(target.Requirements).Contains(k))
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        if (!ModelState.IsValid)
        {
            var page = await PageAsync(target, cancellationToken, notAccepted: form, failed: (k, entryId));
            // Only the applicant's own entries are on the page: any other id is not found, whatever was typed.
            return page.EntriesOf(k).Any(e => e.Id == entryId) ? View(nameof(Show), page) : NotFound();
        }
        if (!await reviews.DecideAsync(target, k, entryId, form.Reason!, cancellationToken))
        {
            return NotFound();
        }
        TempData["Notice"] = $"Not accepted: the {ReviewWords.KindName(k)} does not count, and the applicant sees your reason.";
        return Redirect(Page(enrollmentId) + "#" + Anchor(k, entryId));
    }

    [HttpPost("{enrollmentId:int}/comments")]
    public async Task<IActionResult> Comment(int enrollmentId, [Bind(Prefix = "Comment")] ReviewCommentForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        if (!string.IsNullOrEmpty(form.Section) && !target.Requirements.Any(r => r.Key == form.Section))
        {
            ModelState.AddModelError("", "That section is not part of this application: comment on one of the sections below.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Show), await PageAsync(target, cancellationToken, comment: form));
        }
        await reviews.AddCommentAsync(target, form.Section!, form.Text!, Me, cancellationToken);
        TempData["Notice"] = "Comment saved: the applicant sees it with the section.";
        return Redirect(Page(enrollmentId) + "#req-" + form.Section);
    }

    [HttpPost("{enrollmentId:int}/return")]
    public async Task<IActionResult> Return(int enrollmentId, [Bind(Prefix = "Return")] ReturnApplicationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        if (ModelState.IsValid)
        {
            switch (await reviews.ReturnAsync(target, form.Round, form.Note!, Me, cancellationToken))
            {
                case ReturnOutcome.Returned:
                    TempData["Notice"] = "Returned to the applicant with your note. The application comes back to the queue when they submit again.";
                    return Redirect(Page(enrollmentId));
                case ReturnOutcome.NotSubmitted:
                    ModelState.AddModelError("", "Only a submitted application can be returned: this one is not waiting for review (see its state at the top).");
                    break;
                case ReturnOutcome.Changed:
                    ModelState.AddModelError("", "The applicant submitted the application again while you were writing: check what they submitted, then return it if it still needs changes.");
                    break;
            }
        }
        return View(nameof(Show), await PageAsync(target, cancellationToken, @return: form));
    }

    [HttpPost("{enrollmentId:int}/exam")]
    public async Task<IActionResult> Exam(int enrollmentId, [Bind(Prefix = "Exam")] ExamResultForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null || !EntryKinds.HasExam(target.Requirements))
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Show), await PageAsync(target, cancellationToken, exam: form));
        }
        await reviews.AddExamAsync(target, form.Date!.Value, form.Passed!.Value, cancellationToken);
        TempData["Notice"] = $"Examination of {DateDisplay.Date(form.Date.Value)} recorded as {(form.Passed.Value ? "passed" : "not passed")}.";
        return Redirect(Page(enrollmentId) + "#req-exam");
    }

    [HttpPost("{enrollmentId:int}/portfolio")]
    public async Task<IActionResult> Portfolio(int enrollmentId, [Bind(Prefix = "Portfolio")] PortfolioDecisionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null || !EntryKinds.HasPortfolio(target.Requirements))
        {
            return NotFound();
        }
        if (!target.Open)
        {
            return Closed(target);
        }
        var (saved, on) = await reviews.SetPortfolioAsync(target, form.Approved, cancellationToken);
        TempData["Notice"] = !saved
            ? "Someone changed this application at the same moment, so nothing was saved: check the portfolio below and decide again if needed."
            : on is { } d ? $"Portfolio approved on {DateDisplay.Date(d)}." : "The portfolio approval is withdrawn.";
        return Redirect(Page(enrollmentId) + "#req-portfolio");
    }

    /// <summary>Approves the application through the one approval flow (<see cref="ApprovalService"/>), which issues the certificate.</summary>
    [HttpPost("{enrollmentId:int}/approve")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Approve(int enrollmentId, [Bind(Prefix = "Approve")] ReviewApproveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var target = await reviews.FindAsync(enrollmentId, Me, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        switch (await approvals.ApproveAsync(enrollmentId, clock.Today, form.Version, cancellationToken))
        {
            case ApprovalResult.Approved approved:
                TempData["Notice"] = $"Approved on {DateDisplay.Date(approved.AwardedOn)}. {approved.Certificate.Message}";
                return Redirect(Page(enrollmentId));
            case ApprovalResult.AlreadyApproved:
                TempData["Notice"] = "This application was already approved: nothing was changed.";
                return Redirect(Page(enrollmentId));
            case ApprovalResult.NotFound:
                return NotFound();
            case ApprovalResult.NotEligible:
                ModelState.AddModelError("", "Not every requirement is met today (see the sections below): approve once they are.");
                break;
            case ApprovalResult.Conflict:
                ModelState.AddModelError("", Approvals.ApprovalsController.ConflictMessage);
                break;
            case ApprovalResult.NotActive:
                return Closed(target);
            case ApprovalResult.AwardDateInFuture or ApprovalResult.AwardDateBeforeEnrollment:
                ModelState.AddModelError("", "The application cannot be approved today: it began after today's date.");
                break;
        }
        return View(nameof(Show), await PageAsync(target, cancellationToken));
    }

    private RedirectResult Closed(ReviewTarget target)
    {
        TempData["Notice"] = target.Status == EnrollmentStatus.Completed
            ? "This application is approved: its entries and decisions stay as they were when it was approved."
            : "This application is closed: nothing was changed.";
        return Redirect(Page(target.EnrollmentId));
    }

    public static string Anchor(EntryKind kind, int id) => string.Create(CultureInfo.InvariantCulture, $"entry-{EntryKinds.Slug(kind)}-{id}");

    private async Task<string> ZoneAsync(string me, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct) ?? clock.ZoneId;

    /// <summary>The entries a snapshot holds, by kind and id.</summary>
    private static HashSet<(EntryKind, int)> SubmittedEntries(ApplicationSnapshot s) =>
    [
        .. s.Training.Select(e => (EntryKind.Training, e.Id)), .. s.Degrees.Select(e => (EntryKind.Degree, e.Id)),
        .. s.Work.Select(e => (EntryKind.Work, e.Id)), .. s.Leadership.Select(e => (EntryKind.Leadership, e.Id)),
        .. s.Rsc.Select(e => (EntryKind.Rsc, e.Id)), .. s.Memberships.Select(e => (EntryKind.Membership, e.Id)),
    ];

    private static string Hours(decimal h) => StandingText.Number(h) + (h == 1m ? " hour" : " hours");

    private static string Period(DateOnly from, DateOnly? to) => DateDisplay.Date(from) + " – " + (to is { } t ? DateDisplay.Date(t) : "now");

    /// <summary>The page: the live verdict (evaluated once), the applicant's entries of the kinds the application reads, references, comments.</summary>
    private async Task<ReviewPage> PageAsync(ReviewTarget target, CancellationToken ct, NotAcceptedForm? notAccepted = null,
        (EntryKind, int)? failed = null, ReviewCommentForm? comment = null, ReturnApplicationForm? @return = null, ExamResultForm? exam = null)
    {
        var id = target.EnrollmentId;
        var person = target.PersonId;
        var me = Me;
        var (enrollment, ruleSet, verdict, _) = (await eligibility.ForEnrollmentsAsync([id], ct)).Single();
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == person).Select(u => u.DisplayName).SingleAsync(ct);
        var application = await db.EndorsementApplications.AsNoTracking().Where(a => a.EnrollmentId == id)
            .Select(a => new { a.Status, a.Round, a.SubmittedUtc, a.ReturnedUtc, a.ReturnNote, a.ReturnedById, a.Snapshot })
            .SingleOrDefaultAsync(ct);
        var zone = await ZoneAsync(me, ct);
        var requirements = ruleSet.RequirementsFor(verdict.Category).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var kinds = EntryKinds.Read(requirements.Values);

        var entries = new Dictionary<EntryKind, IReadOnlyList<EntryView>>();
        if (kinds.Contains(EntryKind.Training))
        {
            var rows = await db.TrainingHours.AsNoTracking().Where(t => t.PersonId == person)
                .OrderByDescending(t => t.Date).ThenByDescending(t => t.Id)
                .Select(t => new { t.Id, t.Date, t.Title, t.Provider, t.Hours, t.RelationshipBased, t.AboutReflectiveSupervision, t.CompetencyAreas, t.Verified, t.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Training] = [.. rows.Select(t => new EntryView(EntryKind.Training, t.Id, DateDisplay.Date(t.Date),
                $"{t.Title}{(t.Provider is null ? "" : " — " + t.Provider)}: {Hours(t.Hours)}, {(t.RelationshipBased ? "relationship-based" : "not relationship-based")}"
                + (t.AboutReflectiveSupervision ? ", about reflective supervision/consultation" : "")
                + (t.CompetencyAreas == CompetencyAreas.None ? "" : "; areas: " + CompetencyAreaNames.List(t.CompetencyAreas)),
                EntryStates.Of(t.Verified, t.NotAcceptedReason), t.NotAcceptedReason))];
        }
        if (kinds.Contains(EntryKind.Degree))
        {
            var rows = await db.Degrees.AsNoTracking().Where(d => d.PersonId == person)
                .OrderByDescending(d => d.AwardedOn).ThenByDescending(d => d.Id)
                .Select(d => new { d.Id, d.Kind, d.Institution, d.Field, d.AwardedOn, d.TranscriptVerified, d.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Degree] = [.. rows.Select(d => new EntryView(EntryKind.Degree, d.Id, DateDisplay.Date(d.AwardedOn),
                DisplayNames.Of(d.Kind) + (d.Field is null ? "" : " in " + d.Field) + (d.Institution is null ? "" : ", " + d.Institution),
                EntryStates.Of(d.TranscriptVerified, d.NotAcceptedReason), d.NotAcceptedReason))];
        }
        if (kinds.Contains(EntryKind.Work))
        {
            var rows = await db.WorkExperience.AsNoTracking().Where(w => w.PersonId == person)
                .OrderByDescending(w => w.Start).ThenByDescending(w => w.Id)
                .Select(w => new { w.Id, w.Kind, w.Start, w.End, w.Employer, w.FamiliesServed, w.Verified, w.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Work] = [.. rows.Select(w => new EntryView(EntryKind.Work, w.Id, Period(w.Start, w.End),
                DisplayNames.Of(w.Kind) + (w.Employer is null ? "" : ", " + w.Employer) + (w.FamiliesServed > 0 ? $" ({w.FamiliesServed} families)" : ""),
                EntryStates.Of(w.Verified, w.NotAcceptedReason), w.NotAcceptedReason))];
        }
        if (kinds.Contains(EntryKind.Leadership))
        {
            var rows = await db.LeadershipActivities.AsNoTracking().Where(l => l.PersonId == person).OrderBy(l => l.Id)
                .Select(l => new { l.Id, l.Kind, l.Description, l.Verified, l.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Leadership] = [.. rows.Select(l => new EntryView(EntryKind.Leadership, l.Id, "—",
                l.Kind + (l.Description is null ? "" : ": " + l.Description), EntryStates.Of(l.Verified, l.NotAcceptedReason), l.NotAcceptedReason))];
        }
        if (kinds.Contains(EntryKind.Rsc))
        {
            var rows = await db.RscLog.AsNoTracking().Where(r => r.PersonId == person)
                .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)
                .Select(r => new { r.Id, r.Date, r.Hours, r.Group, r.ProviderName, r.ProviderLevel, r.ProviderApproved, r.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Rsc] = [.. rows.Select(r => new EntryView(EntryKind.Rsc, r.Id, DateDisplay.Date(r.Date),
                $"{Hours(r.Hours)}, {(r.Group ? "group" : "individual")}, provided by {r.ProviderName ?? "(no name)"} ({(r.ProviderLevel == EndorsementLevel.None ? "not endorsed" : DisplayNames.Of(r.ProviderLevel))})",
                EntryStates.Of(r.ProviderApproved, r.NotAcceptedReason), r.NotAcceptedReason))];
        }
        if (kinds.Contains(EntryKind.Membership))
        {
            var rows = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person)
                .OrderByDescending(m => m.From).ThenByDescending(m => m.Id)
                .Select(m => new { m.Id, m.Association, m.From, m.To, m.Individual, m.Verified, m.NotAcceptedReason })
                .ToListAsync(ct);
            entries[EntryKind.Membership] = [.. rows.Select(m => new EntryView(EntryKind.Membership, m.Id, Period(m.From, m.To),
                m.Association + (m.Individual ? " (individual)" : " (through an organisation)"), EntryStates.Of(m.Verified, m.NotAcceptedReason), m.NotAcceptedReason))];
        }

        // The evidence files (one query) beside their entries, and what the applicant submitted (the frozen snapshot).
        var files = await evidenceFiles.ListForPersonAsync(person, ct);
        var snapshot = application?.Snapshot is { } json ? ApplicationSnapshot.Parse(json) : null;
        var submitted = snapshot is null ? null : SubmittedEntries(snapshot);
        foreach (var kind in entries.Keys.ToList())
        {
            entries[kind] = [.. entries[kind].Select(e => e with
            {
                Files = [.. files.Where(f => f.EntryId == e.Id && (kind == EntryKind.Degree ? f.DegreeId is not null : kind == EntryKind.Training && f.TrainingHoursId is not null))],
                Submitted = submitted?.Contains((kind, e.Id)),
            })];
        }

        var now = clock.UtcNow;
        var references = await db.References.AsNoTracking().Where(r => r.EnrollmentId == id).OrderBy(r => r.Id)
            .Select(r => new { r.RaterName, r.Source, r.LinkExpiresUtc, r.OpenedUtc, r.ReceivedOn, r.RaterLevel, r.Recommendation, r.Comments })
            .ToListAsync(ct);
        var comments = (await (from c in db.ApplicationComments.AsNoTracking()
                               where c.EnrollmentId == id
                               join u in db.Users on c.AuthorId equals u.Id
                               orderby c.CreatedUtc, c.Id
                               select new { c.Section, u.DisplayName, c.CreatedUtc, c.Text }).ToListAsync(ct))
            .ToLookup(c => c.Section, c => new CommentView(c.DisplayName, c.CreatedUtc, c.Text), StringComparer.Ordinal);
        var exams = requirements.Values.Any(r => r is Domain.Eligibility.Requirements.ExamRequirement)
            ? await db.ExamResults.AsNoTracking().Where(x => x.EnrollmentId == id).OrderBy(x => x.Date).ThenBy(x => x.Id)
                .Select(x => new { x.Date, x.Passed }).ToListAsync(ct)
            : [];
        var returnedById = application?.ReturnedById;
        var extra = await db.Enrollments.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new
            {
                e.Version, e.PortfolioApprovedOn,
                ReturnedBy = db.Users.Where(u => u.Id == returnedById).Select(u => u.DisplayName).FirstOrDefault(),
                Certificate = db.Certificates.Where(c => c.EnrollmentId == e.Id && c.Code != null).Select(c => c.Code).FirstOrDefault(),
            })
            .SingleAsync(ct);

        var sections = verdict.Requirements.Select(r =>
        {
            requirements.TryGetValue(r.Key, out var requirement);
            return new SectionView(r, requirement is null ? [] : EntryKinds.For(requirement), [.. comments[r.Key]])
            {
                IsExam = requirement is Domain.Eligibility.Requirements.ExamRequirement,
                IsPortfolio = requirement is Domain.Eligibility.Requirements.RecordedDateRequirement { Item: Domain.Eligibility.Requirements.RecordedItem.PortfolioApproval },
                IsReferences = requirement is Domain.Eligibility.Requirements.ReferencesRequirement,
            };
        }).ToList();

        return new ReviewPage
        {
            EnrollmentId = id,
            ApplicantName = applicant,
            Title = ruleSet.Title,
            Standing = new ProgramProgressView(id, ruleSet.Title, ruleSet.Id, null, enrollment.CreatedOn, enrollment.Status.ToString(), verdict)
            {
                AboutPerson = applicant,
                ApprovedOn = enrollment.CompletedOn,
            },
            EnrollmentStatus = enrollment.Status,
            Version = extra.Version,
            CompletedOn = enrollment.CompletedOn,
            CertificateCode = extra.Certificate,
            ApplicationStatus = application?.Status,
            Round = application?.Round ?? 0,
            SubmittedUtc = application?.SubmittedUtc,
            ReturnedUtc = application?.ReturnedUtc,
            ReturnedBy = extra.ReturnedBy,
            ReturnNote = application?.ReturnNote,
            PortfolioApprovedOn = extra.PortfolioApprovedOn,
            Exams = [.. exams.Select(x => (x.Date, x.Passed))],
            References = [.. references.Select(r => new ReferenceView(r.RaterName, ReferenceWords.Relationship(r.Source),
                r.ReceivedOn is { } on ? "Rating received on " + DateDisplay.Date(on)
                    : r.LinkExpiresUtc is { } x && x <= now ? "The link expired before the rater answered"
                    : r.OpenedUtc is not null ? "Opened by the rater, not yet answered"
                    : "Link sent, not yet opened",
                r.ReceivedOn is null ? null : r.RaterLevel == EndorsementLevel.None ? "Not endorsed" : DisplayNames.Of(r.RaterLevel),
                r.ReceivedOn is null || r.Recommendation is not { } rec ? null : ReviewWords.Recommendation(rec),
                r.ReceivedOn is null ? null : r.Comments))],
            Sections = sections,
            Entries = entries,
            PortfolioFiles = [.. files.Where(f => f.Purpose == FilePurpose.Portfolio)],
            Snapshot = snapshot,
            TimeZoneId = zone,
            Today = verdict.AsOf,
            ViewerIsAdministrator = User.IsInRole(Roles.Administrator),
            NotAccepted = notAccepted ?? new NotAcceptedForm(),
            FailedEntry = failed,
            Comment = comment ?? new ReviewCommentForm(),
            Return = @return ?? new ReturnApplicationForm { Round = application?.Round ?? 0 },
            Exam = exam ?? new ExamResultForm(),
        };
    }
}
