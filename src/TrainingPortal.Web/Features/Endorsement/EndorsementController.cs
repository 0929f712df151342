using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using TrainingPortal.Web.Features.Home;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Endorsement;

/// <summary>
/// The applicant's endorsement application: one section per requirement of the live verdict, each with what is
/// missing and the form to add evidence. Only the signed-in person's own active endorsement (or renewal)
/// enrollment opens; anyone else's answers 404, whatever their role.
/// </summary>
[Authorize]
[Route("endorsement/{enrollmentId:int}")]
public sealed partial class EndorsementController(AppDbContext db, UserManager<AppUser> users, EligibilityService eligibility) : Controller
{
    private string Me => users.GetUserId(User) ?? "";

    [HttpGet("")]
    public async Task<IActionResult> Index(int enrollmentId, CancellationToken cancellationToken)
    {
        var page = await PageAsync(enrollmentId, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("training")]
    [UploadLimits] // files: the optional certificate (EndorsementController.Files.cs)
    public async Task<IActionResult> AddTraining(int enrollmentId, [Bind(Prefix = "Training")] TrainingEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var certificate = await CheckOptionalFileAsync(form.Certificate, "Training.Certificate", cancellationToken); // files
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, training: form));
        }
        var areas = form.Areas.Where(a => CompetencyAreaNames.All.Contains(a)).Aggregate(CompetencyAreas.None, (all, a) => all | a);
        var addedTraining = db.TrainingHours.Add(new TrainingHoursRecord
        {
            PersonId = Me,
            Date = form.Date!.Value,
            Title = form.Title!.Trim(),
            Provider = form.Provider!.Trim(),
            Hours = form.Hours!.Value,
            RelationshipBased = form.RelationshipBased,
            AboutReflectiveSupervision = form.AboutReflectiveSupervision,
            CompetencyAreas = areas,
            // Typed by the applicant: it counts once a reviewer verifies it, and is shown as pending until then.
            Verified = false,
            FaceToFace = true,
        }).Entity;
        AttachCertificate(addedTraining, certificate); // files
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Training of {DateDisplay.Date(form.Date.Value)} added to your log. It counts once a reviewer verifies it.";
        return Redirect($"/endorsement/{enrollmentId}#training-log");
    }

    [HttpPost("rsc")]
    public async Task<IActionResult> AddRsc(int enrollmentId, [Bind(Prefix = "Rsc")] RscEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var requirements = await RequirementsAsync(enrollmentId, cancellationToken);
        var known = await ChosenProviderAsync(form, requirements, cancellationToken);
        var me = await users.GetUserAsync(User);
        if (known is null && RscEntryForm.TypedProvider(form) && me is not null && IsSelf(form.ProviderName, me))
        {
            ModelState.AddModelError("Rsc.ProviderName",
                "Reflective supervision/consultation is received from someone else: enter the name of the person who provided it, not your own.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, rsc: form));
        }
        db.RscLog.Add(new RscLogEntry
        {
            PersonId = Me,
            Date = form.Date!.Value,
            Hours = form.Hours!.Value,
            Group = form.Group,
            ProviderName = known?.Name ?? form.ProviderName!.Trim(),
            ProviderLevel = known?.Level ?? form.ProviderLevel!.Value,
            // A provider known to the portal counts at once with their endorsement; one named by the applicant only when a reviewer verifies them.
            ProviderApproved = known is not null,
            ProviderId = known?.Id,
            Peer = false,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = known is not null
            ? $"Reflective supervision/consultation of {DateDisplay.Date(form.Date.Value)} with {known.Name} added. It counts now: they are known to the portal as an endorsed provider."
            : $"Reflective supervision/consultation of {DateDisplay.Date(form.Date.Value)} added. It counts once a reviewer verifies the provider.";
        return Redirect($"/endorsement/{enrollmentId}#rsc-log");
    }

    [HttpPost("work")]
    public async Task<IActionResult> AddWork(int enrollmentId, [Bind(Prefix = "Work")] WorkPeriodForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var kinds = await KindsAsync(enrollmentId, cancellationToken);
        if (kinds is null)
        {
            return NotFound();
        }
        if (form.Kind is { } kind && Enum.IsDefined(kind) && !kinds.Work.Contains(kind))
        {
            ModelState.AddModelError("Work.Kind", "This application does not count that kind of work. Choose one from the list.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, work: form));
        }
        db.WorkExperience.Add(new WorkExperienceRecord
        {
            PersonId = Me,
            Kind = form.Kind!.Value,
            Start = form.Start!.Value,
            End = form.End,
            Employer = form.Employer!.Trim(),
            FamiliesServed = form.FamiliesServed ?? 0,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Work from {DateDisplay.Date(form.Start.Value)} added.";
        return Redirect($"/endorsement/{enrollmentId}#work-log");
    }

    [HttpPost("degrees")]
    [UploadLimits] // files: the transcript (EndorsementController.Files.cs)
    public async Task<IActionResult> AddDegree(int enrollmentId, [Bind(Prefix = "Degree")] DegreeForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var kinds = await KindsAsync(enrollmentId, cancellationToken);
        if (kinds is null)
        {
            return NotFound();
        }
        if (form.Kind is { } kind && Enum.IsDefined(kind) && !kinds.Degrees.Contains(kind))
        {
            ModelState.AddModelError("Degree.Kind", "This level does not accept that degree. Choose one from the list.");
        }
        var transcript = await CheckOptionalFileAsync(form.Transcript, "Degree.Transcript", cancellationToken); // files
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, degree: form));
        }
        var addedDegree = db.Degrees.Add(new DegreeRecord
        {
            PersonId = Me,
            Kind = form.Kind!.Value,
            Institution = form.Institution!.Trim(),
            Field = string.IsNullOrWhiteSpace(form.Field) ? null : form.Field.Trim(),
            AwardedOn = form.AwardedOn!.Value,
            // Counts once a reviewer has checked the official transcript.
            TranscriptVerified = false,
        }).Entity;
        AttachTranscript(addedDegree, transcript); // files
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = transcript is null
            ? "Degree added. Upload its official transcript: the degree counts once a reviewer has checked it."
            : "Degree and transcript added. The degree counts once a reviewer has checked your transcript.";
        return Redirect($"/endorsement/{enrollmentId}#degrees");
    }

    [HttpPost("work/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteWork(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.WorkExperience.SingleOrDefaultAsync(w => w.Id == entryId && w.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.Verified)
        {
            TempData["Notice"] = "That work period was verified by a reviewer, so it stays. Ask the reviewer if it is wrong.";
        }
        else if (form.Confirm)
        {
            db.WorkExperience.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = $"Work from {DateDisplay.Date(entry.Start)} removed.";
        }
        return Redirect($"/endorsement/{enrollmentId}#work-log");
    }

    [HttpPost("degrees/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteDegree(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.Degrees.SingleOrDefaultAsync(d => d.Id == entryId && d.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.TranscriptVerified)
        {
            TempData["Notice"] = "That degree's transcript was verified by a reviewer, so it stays. Ask the reviewer if it is wrong.";
        }
        else if (form.Confirm)
        {
            await LoadFilesOfAsync(degreeId: entry.Id, trainingId: null, cancellationToken); // files: removed (and audited) with it
            db.Degrees.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = "Degree removed.";
        }
        return Redirect($"/endorsement/{enrollmentId}#degrees");
    }

    [HttpPost("leadership")]
    public async Task<IActionResult> AddLeadership(int enrollmentId, [Bind(Prefix = "Leadership")] LeadershipForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var kinds = await KindsAsync(enrollmentId, cancellationToken);
        if (kinds is null)
        {
            return NotFound();
        }
        if (!string.IsNullOrEmpty(form.Kind) && form.Kind != LeadershipForm.Other && !kinds.Leadership.Contains(form.Kind, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Leadership.Kind", "Choose the activity from the list, or \"Other\".");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, leadership: form));
        }
        db.LeadershipActivities.Add(new LeadershipActivityRecord
        {
            PersonId = Me,
            Kind = form.Kind!,
            Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Leadership activity added.";
        return Redirect($"/endorsement/{enrollmentId}#leadership");
    }

    [HttpPost("memberships")]
    public async Task<IActionResult> AddMembership(int enrollmentId, [Bind(Prefix = "Membership")] MembershipForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(enrollmentId, cancellationToken, membership: form));
        }
        db.Memberships.Add(new MembershipRecord
        {
            PersonId = Me,
            Association = form.Association!.Trim(),
            From = form.From!.Value,
            To = form.To,
            Individual = form.Individual,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "Membership recorded.";
        return Redirect($"/endorsement/{enrollmentId}#memberships");
    }

    [HttpPost("leadership/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteLeadership(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.LeadershipActivities.SingleOrDefaultAsync(l => l.Id == entryId && l.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.Verified)
        {
            TempData["Notice"] = "That activity was verified by a reviewer, so it stays. Ask the reviewer if it is wrong.";
        }
        else if (form.Confirm)
        {
            db.LeadershipActivities.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = "Leadership activity removed.";
        }
        return Redirect($"/endorsement/{enrollmentId}#leadership");
    }

    [HttpPost("memberships/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteMembership(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.Memberships.SingleOrDefaultAsync(m => m.Id == entryId && m.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.Verified)
        {
            TempData["Notice"] = "That membership was verified by a reviewer, so it stays. Ask the reviewer if it is wrong.";
        }
        else if (form.Confirm)
        {
            db.Memberships.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = "Membership removed.";
        }
        return Redirect($"/endorsement/{enrollmentId}#memberships");
    }

    [HttpPost("training/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteTraining(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.TrainingHours.SingleOrDefaultAsync(t => t.Id == entryId && t.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.Verified)
        {
            TempData["Notice"] = "That training was verified by a reviewer, so it stays in your log. Ask the reviewer if it is wrong.";
            return Redirect($"/endorsement/{enrollmentId}#training-log");
        }
        if (form.Confirm)
        {
            await LoadFilesOfAsync(degreeId: null, trainingId: entry.Id, cancellationToken); // files: removed (and audited) with it
            db.TrainingHours.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = $"Training \"{entry.Title}\" of {DateDisplay.Date(entry.Date)} removed from your log.";
        }
        return Redirect($"/endorsement/{enrollmentId}#training-log");
    }

    [HttpPost("rsc/{entryId:int}/delete")]
    public async Task<IActionResult> DeleteRsc(int enrollmentId, int entryId, RemoveEntryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return NotFound();
        }
        var me = Me;
        var entry = await db.RscLog.SingleOrDefaultAsync(r => r.Id == entryId && r.PersonId == me, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.ProviderApproved && !await KnownProviderRemovableAsync(enrollmentId, entry, cancellationToken))
        {
            TempData["Notice"] = "That session's provider was verified by a reviewer, so it stays in your log. Ask the reviewer if it is wrong.";
            return Redirect($"/endorsement/{enrollmentId}#rsc-log");
        }
        if (form.Confirm)
        {
            db.RscLog.Remove(entry);
            await db.SaveRemovalAsync(cancellationToken);
            TempData["Notice"] = $"Reflective supervision/consultation of {DateDisplay.Date(entry.Date)} removed from your log.";
        }
        return Redirect($"/endorsement/{enrollmentId}#rsc-log");
    }

    /// <summary>The applicant named as their own RSC provider: by display name, certificate name or e-mail, ignoring case and spacing.</summary>
    private static bool IsSelf(string? typed, AppUser me)
    {
        var t = Normal(typed);
        return t.Length > 0 && (t == Normal(me.DisplayName) || t == Normal(me.CertificateName) || t == Normal(me.Email));
    }

    private static string Normal(string? s) =>
        string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Programs whose application this page serves: the endorsement levels, and the renewal (its training log).</summary>
    public static bool Serves(string programKey) =>
        ProgramCatalog.Default.TryGet(programKey, out var p) && (p.Endorses.Count > 0 || p.Validity == ValidityPolicy.Renewal);

    private async Task<bool> IsMineAsync(int enrollmentId, CancellationToken cancellationToken)
    {
        var me = Me;
        var key = await db.Enrollments.AsNoTracking()
            .Where(e => e.Id == enrollmentId && e.PersonId == me && e.Status == EnrollmentStatus.Active)
            .Select(e => e.ProgramKey)
            .SingleOrDefaultAsync(cancellationToken);
        return key is not null && Serves(key);
    }

    /// <summary>The degree and work kinds this enrollment's rules accept, or null when it is not the signed-in person's application.</summary>
    private async Task<AcceptedKinds?> KindsAsync(int enrollmentId, CancellationToken cancellationToken)
    {
        var me = Me;
        var row = await db.Enrollments.AsNoTracking()
            .Where(e => e.Id == enrollmentId && e.PersonId == me && e.Status == EnrollmentStatus.Active)
            .Select(e => new { e.ProgramKey, e.RuleSetId, e.Category })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || !Serves(row.ProgramKey) || RuleSetCatalog.Default.Find(row.RuleSetId) is not { } ruleSet)
        {
            return null;
        }
        return Accepted(ruleSet.RequirementsFor(row.Category));
    }

    private static AcceptedKinds Accepted(IEnumerable<Requirement> requirements)
    {
        var degrees = new HashSet<DegreeKind>();
        var work = new HashSet<WorkKind>();
        var families = false;
        var leadership = new List<string>();
        void Visit(Requirement r)
        {
            switch (r)
            {
                case DegreeRequirement d:
                    degrees.UnionWith(d.AcceptedKinds);
                    break;
                case WorkExperienceRequirement w:
                    work.UnionWith(w.Components.SelectMany(c => c.Kinds));
                    families |= w.MinimumFamilies > 0;
                    break;
                case LeadershipRequirement l:
                    leadership.AddRange(l.SuggestedActivities.Where(a => !leadership.Contains(a, StringComparer.Ordinal)));
                    break;
                case AnyOfRequirement any:
                    foreach (var alternative in any.Alternatives)
                    {
                        Visit(alternative);
                    }
                    break;
            }
        }
        foreach (var r in requirements)
        {
            Visit(r);
        }
        return new AcceptedKinds([.. Enum.GetValues<DegreeKind>().Where(degrees.Contains)], [.. Enum.GetValues<WorkKind>().Where(work.Contains)], families)
        {
            Leadership = leadership,
        };
    }

    private async Task<ApplicationPage?> PageAsync(int enrollmentId, CancellationToken cancellationToken,
        TrainingEntryForm? training = null, RscEntryForm? rsc = null, WorkPeriodForm? work = null, DegreeForm? degree = null,
        LeadershipForm? leadership = null, MembershipForm? membership = null)
    {
        if (!await IsMineAsync(enrollmentId, cancellationToken))
        {
            return null;
        }
        var verdicts = await eligibility.ForEnrollmentsAsync([enrollmentId], cancellationToken);
        if (verdicts.Count == 0)
        {
            return null;
        }
        var (enrollment, ruleSet, verdict, evidence) = verdicts[0];
        var me = enrollment.PersonId;

        var trainingRows = await db.TrainingHours.AsNoTracking()
            .Where(t => t.PersonId == me)
            .OrderByDescending(t => t.Date).ThenByDescending(t => t.Id)
            .Select(t => new TrainingRow(t.Id, t.Date, t.Title, t.Provider, t.Hours, t.RelationshipBased, t.CompetencyAreas, t.Verified) { NotAcceptedReason = t.NotAcceptedReason })
            .ToListAsync(cancellationToken);
        var rscRows = await db.RscLog.AsNoTracking()
            .Where(r => r.PersonId == me)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id)
            .Select(r => new RscRow(r.Id, r.Date, r.Hours, r.Group, r.ProviderName, r.ProviderLevel, r.ProviderApproved, r.Peer) { NotAcceptedReason = r.NotAcceptedReason, ProviderId = r.ProviderId })
            .ToListAsync(cancellationToken);

        var workRows = await db.WorkExperience.AsNoTracking()
            .Where(w => w.PersonId == me)
            .OrderByDescending(w => w.Start).ThenByDescending(w => w.Id)
            .Select(w => new WorkRow(w.Id, w.Kind, w.Start, w.End, w.Employer, w.FamiliesServed) { Verified = w.Verified, NotAcceptedReason = w.NotAcceptedReason })
            .ToListAsync(cancellationToken);
        var degreeRows = await db.Degrees.AsNoTracking()
            .Where(d => d.PersonId == me)
            .OrderByDescending(d => d.AwardedOn).ThenByDescending(d => d.Id)
            .Select(d => new DegreeRow(d.Id, d.Kind, d.Institution, d.Field, d.AwardedOn, d.TranscriptVerified) { NotAcceptedReason = d.NotAcceptedReason })
            .ToListAsync(cancellationToken);

        var leadershipRows = await db.LeadershipActivities.AsNoTracking()
            .Where(l => l.PersonId == me)
            .OrderBy(l => l.Id)
            .Select(l => new LeadershipRow(l.Id, l.Kind, l.Description) { Verified = l.Verified, NotAcceptedReason = l.NotAcceptedReason })
            .ToListAsync(cancellationToken);
        var membershipRows = await db.Memberships.AsNoTracking()
            .Where(m => m.PersonId == me)
            .OrderByDescending(m => m.From).ThenByDescending(m => m.Id)
            .Select(m => new MembershipRow(m.Id, m.Association, m.From, m.To, m.Individual) { Verified = m.Verified, NotAcceptedReason = m.NotAcceptedReason })
            .ToListAsync(cancellationToken);

        // The portal's own course sessions are in the evidence but not in the typed log: what the loader added beyond the typed rows.
        var typed = trainingRows.Select(t => (t.Date, t.Hours, t.Title)).ToList();
        var fromPortal = new List<TrainingHoursEntry>();
        foreach (var e in evidence.TrainingHours)
        {
            var i = typed.FindIndex(t => t.Date == e.Date && t.Hours == e.Hours && t.Title == e.Title);
            if (i >= 0)
            {
                typed.RemoveAt(i);
            }
            else
            {
                fromPortal.Add(e);
            }
        }

        var sections = new List<ApplicationSection>(verdict.Requirements.Count);
        var requirements = ruleSet.RequirementsFor(verdict.Category).ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var result in verdict.Requirements)
        {
            sections.Add(new ApplicationSection(result,
                requirements.TryGetValue(result.Key, out var requirement) ? FormsFor(requirement) : EvidenceForms.None));
        }

        var view = new ProgramProgressView(enrollment.Id, ruleSet.Title, ruleSet.Id, null, enrollment.CreatedOn, enrollment.Status.ToString(), verdict);
        return new ApplicationPage(view, sections, trainingRows, [.. fromPortal.OrderByDescending(e => e.Date)], rscRows,
            training ?? new TrainingEntryForm(), rsc ?? new RscEntryForm(), eligibility.Today())
        {
            WorkLog = workRows,
            Degrees = degreeRows,
            Work = work ?? new WorkPeriodForm(),
            Degree = degree ?? new DegreeForm(),
            LeadershipLog = leadershipRows,
            Memberships = membershipRows,
            Leadership = leadership ?? new LeadershipForm(),
            Membership = membership ?? new MembershipForm(),
            Kinds = Accepted(ruleSet.RequirementsFor(verdict.Category)),
            // The applicant's side of submitting (EndorsementController.Submit.cs).
            Submission = await SubmissionAsync(enrollment.Id, me, cancellationToken),
            KnownProviders = await KnownProvidersAsync(ruleSet.RequirementsFor(verdict.Category), cancellationToken),
            // files
            Files = await EvidenceFileService.ListForPersonAsync(me, cancellationToken),
            PortfolioApproved = evidence.PortfolioApprovedOn is not null,
            MaxFileSize = EvidenceFileService.MaxSize,
        };
    }

    /// <summary>Which evidence forms a requirement's section offers, by the kind of requirement (a choice of two offers both).</summary>
    private static EvidenceForms FormsFor(Requirement requirement) => requirement switch
    {
        TrainingHoursRequirement => EvidenceForms.Training,
        ReflectiveSupervisionRequirement or RscInPeriodRequirement => EvidenceForms.Rsc,
        ReferencesRequirement => EvidenceForms.References,
        DegreeRequirement => EvidenceForms.Degree,
        WorkExperienceRequirement => EvidenceForms.Work,
        LeadershipRequirement => EvidenceForms.Leadership,
        MembershipRequirement => EvidenceForms.Membership,
        RecordedDateRequirement { Item: RecordedItem.PortfolioApproval } => EvidenceForms.Portfolio,
        AnyOfRequirement any => any.Alternatives.Aggregate(EvidenceForms.None, (all, r) => all | FormsFor(r)),
        _ => EvidenceForms.None,
    };
}

/// <summary>The evidence forms a section offers.</summary>
[Flags]
public enum EvidenceForms
{
    None = 0,
    Training = 1,
    Rsc = 2,
    References = 4,
    Work = 8,
    Degree = 16,
    Leadership = 32,
    Membership = 64,

    /// <summary>Portfolio documents (files): the "portfolio" requirement.</summary>
    Portfolio = 512,
}

public sealed record LeadershipRow(int Id, string Kind, string? Description) : ReviewedRow;

public sealed record MembershipRow(int Id, string Association, DateOnly From, DateOnly? To, bool Individual) : ReviewedRow;

/// <summary>What the rules of an application accept: degree kinds, work kinds, and whether families served are asked for.</summary>
public sealed record AcceptedKinds(IReadOnlyList<DegreeKind> Degrees, IReadOnlyList<WorkKind> Work, bool AsksFamilies)
{
    /// <summary>The leadership activities the level suggests (plus "Other" on the form).</summary>
    public IReadOnlyList<string> Leadership { get; init; } = [];
}

public sealed record WorkRow(int Id, WorkKind Kind, DateOnly Start, DateOnly? End, string? Employer, int FamiliesServed) : ReviewedRow;

public sealed record DegreeRow(int Id, DegreeKind Kind, string? Institution, string? Field, DateOnly AwardedOn, bool TranscriptVerified)
{
    public string? NotAcceptedReason { get; init; }
}

public sealed record ApplicationSection(RequirementResult Result, EvidenceForms Forms);

public sealed record TrainingRow(int Id, DateOnly Date, string Title, string? Provider, decimal Hours, bool RelationshipBased, CompetencyAreas Areas, bool Verified)
{
    public string? NotAcceptedReason { get; init; }
}

public sealed record RscRow(int Id, DateOnly Date, decimal Hours, bool Group, string? ProviderName, EndorsementLevel ProviderLevel, bool ProviderApproved, bool Peer)
{
    public string? NotAcceptedReason { get; init; }

    /// <summary>Set when the applicant chose a provider known to the portal.</summary>
    public string? ProviderId { get; init; }
}

/// <summary>The application page; the forms are named as their posts' prefixes (Training., Rsc.), so typed values come back on error.</summary>
public sealed partial record ApplicationPage(ProgramProgressView Standing, IReadOnlyList<ApplicationSection> Sections,
    IReadOnlyList<TrainingRow> TrainingLog, IReadOnlyList<TrainingHoursEntry> FromPortal, IReadOnlyList<RscRow> RscLog,
    TrainingEntryForm Training, RscEntryForm Rsc, DateOnly Today)
{
    public IReadOnlyList<WorkRow> WorkLog { get; init; } = [];
    public IReadOnlyList<DegreeRow> Degrees { get; init; } = [];
    public WorkPeriodForm Work { get; init; } = new();
    public DegreeForm Degree { get; init; } = new();
    public IReadOnlyList<LeadershipRow> LeadershipLog { get; init; } = [];
    public IReadOnlyList<MembershipRow> Memberships { get; init; } = [];
    public LeadershipForm Leadership { get; init; } = new();
    public MembershipForm Membership { get; init; } = new();
    public AcceptedKinds Kinds { get; init; } = new([], [], false);

    // The applicant's side of submitting (EndorsementController.Submit.cs, _Ethics, _Submit, _EntryState).
    public Submission Submission { get; init; } = Submission.Draft(null, "");
    public EthicsForm Ethics { get; init; } = new();
    public SubmitForm Submit { get; init; } = new();
    public IReadOnlyList<Applications.KnownRscProvider> KnownProviders { get; init; } = [];
}
