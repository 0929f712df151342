using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Enrollments;

/// <summary>Administrators list, create and withdraw enrollments. Every change is audited by the interceptor.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/enrollments")]
public sealed class EnrollmentsController(AppDbContext db, UserManager<AppUser> users, EligibilityService eligibility, TimeProvider time,
    IOptions<PortalOptions> options, Renewals.RenewalService renewals, TrainingPortal.Web.Notifications.Notifier notifier) : Controller
{
    /// <summary>The most rows the list shows at once.</summary>
    public const int ListLimit = 500;

    private string PortalTimeZone => options.Value.DefaultTimeZone;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? program = null, EnrollmentStatus? status = null)
    {
        var programs = await ProgramsAsync();
        if (!string.IsNullOrEmpty(program) && programs.All(p => p.Key != program))
        {
            program = null; // an unknown filter value shows everything rather than failing
        }
        var query = db.Enrollments.AsNoTracking();
        if (!string.IsNullOrEmpty(program))
        {
            query = query.Where(e => e.ProgramKey == program);
        }
        if (status is { } s && Enum.IsDefined(s))
        {
            query = query.Where(e => e.Status == s);
        }
        var total = await query.CountAsync();
        var rows = await Rows(query.OrderByDescending(e => e.CreatedOn).ThenByDescending(e => e.Id).Take(ListLimit)).ToListAsync();
        return View(new EnrollmentListView
        {
            Program = program,
            Status = status is { } st && Enum.IsDefined(st) ? st : null,
            Programs = programs,
            Rows = rows,
            Total = total,
            Limit = ListLimit,
            TimeZoneId = PortalTimeZone,
        });
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(string? program = null, int? request = null)
    {
        // From a request to join: the form filled with the person, program, group and category asked for.
        var asked = request is { } id
            ? await db.JoinRequests.AsNoTracking().Where(r => r.Id == id && r.Status == JoinRequestStatus.Open)
                .Select(r => new EnrollForm
                {
                    JoinRequestId = r.Id, ProgramKey = r.ProgramKey, GroupId = r.GroupId, Category = r.Category,
                    PersonEmail = db.Users.Where(u => u.Id == r.PersonId).Select(u => u.Email).FirstOrDefault() ?? "",
                })
                .SingleOrDefaultAsync()
            : null;
        return View(await PageAsync(asked ?? new EnrollForm { ProgramKey = program ?? "" }));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] EnrollForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        AppUser? person = null;
        if (ModelState.IsValid)
        {
            person = await users.FindByEmailAsync(form.PersonEmail.Trim());
            if (person is null)
            {
                ModelState.AddModelError("Form.PersonEmail", $"No account has the e-mail address {form.PersonEmail.Trim()}. The person must register first.");
            }
            await CheckGroupAsync(form.GroupId, "Form.GroupId", form.ProgramKey, ProgramGroups.GroupKindFor(form.ProgramKey),
                "Choose a group or cohort of this program, or none.");
            await CheckLateJoinAsync(form);
            await CheckPlacesAsync(form.GroupId, "Form.GroupId");
            await CheckPlacesAsync(form.ClassroomGroupId, "Form.ClassroomGroupId");
            await CheckGroupAsync(form.ClassroomGroupId, "Form.ClassroomGroupId", form.ProgramKey,
                ProgramGroups.ClassroomKindFor(form.ProgramKey),
                "Choose an MIO classroom training, or none (only MIO rostering has one).");
        }
        if (person is not null && ModelState.IsValid && await ActiveEnrollmentAsync(person.Id, form.ProgramKey) is { } existing)
        {
            ModelState.AddModelError("Form.ProgramKey",
                $"{person.DisplayName} is already enrolled in this program (active since {existing:yyyy-MM-dd}). Withdraw that enrollment first.");
        }
        // Answering a request to join: it must still be open, and be this person's request for this program.
        JoinRequest? request = null;
        if (person is not null && ModelState.IsValid && form.JoinRequestId is { } requestId)
        {
            request = await db.JoinRequests.SingleOrDefaultAsync(r => r.Id == requestId);
            if (request is null || request.PersonId != person.Id || request.ProgramKey != form.ProgramKey)
            {
                ModelState.AddModelError("", "The request to join this answers is not this person's request for this program. Enroll from the requests list.");
            }
            else if (request.Status != JoinRequestStatus.Open)
            {
                ModelState.AddModelError("", "The request to join was answered or withdrawn meanwhile (see the requests list): nothing was saved.");
            }
        }
        // A renewal renews the endorsement the person holds (derived from their certificates, never typed).
        Renewals.HeldEndorsement? held = null;
        if (person is not null && ModelState.IsValid && Renewals.RenewalService.IsRenewal(form.ProgramKey)
            && (held = await renewals.HeldAsync(person.Id)) is null)
        {
            ModelState.AddModelError("Form.ProgramKey", Renewals.RenewalService.NothingToRenew);
        }
        if (!ModelState.IsValid || person is null)
        {
            return View(await PageAsync(form));
        }

        var today = eligibility.Today();
        var ruleSet = EnrollmentRules.RuleSetFor(form.ProgramKey, today)!;
        var enrollment = EnrollmentRules.New(person.Id, ruleSet, form.Category, form.GroupId, form.ClassroomGroupId,
            today, time.GetUtcNow().UtcDateTime, users.GetUserId(User));
        if (form.GroupId is { } placedIn && await MetBeforeAsync(placedIn, JoinDate(form, today)) > 0)
        {
            enrollment.JoinedOn = JoinDate(form, today);
            enrollment.PastMeetingsNotApplicable = form.PastMeetings == EnrollForm.PastMeetingsNotApplicable;
        }
        if (held is not null)
        {
            enrollment.HeldEndorsement = held.Level;
            enrollment.ProvidesReflectiveSupervision = held.ProvidesReflectiveSupervision;
        }
        db.Enrollments.Add(enrollment);
        if (request is not null)
        {
            request.Decide(JoinRequestStatus.Accepted, time.GetUtcNow().UtcDateTime, users.GetUserId(User));
            request.Enrollment = enrollment;
            notifier.JoinRequestAnswered(request);
        }
        else
        {
            notifier.Enrolled(person.Id, form.ProgramKey);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // The person withdrew the request, or another administrator answered it, a moment ago.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "The request to join was answered or withdrawn a moment ago (see the requests list): nothing was saved.");
            return View(await PageAsync(form));
        }
        catch (DbUpdateException)
        {
            // Another administrator may have enrolled the same person a moment ago (the unique index catches it).
            db.ChangeTracker.Clear();
            if (await ActiveEnrollmentAsync(person.Id, form.ProgramKey) is null)
            {
                throw;
            }
            ModelState.AddModelError("Form.ProgramKey", $"{person.DisplayName} has just been enrolled in this program by someone else.");
            return View(await PageAsync(form));
        }
        TempData["Notice"] = $"{person.DisplayName} is enrolled in {ruleSet.Title} (rules version {ruleSet.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}).";
        return request is not null ? Redirect("/admin/join-requests") : RedirectToAction(nameof(Index), new { program = form.ProgramKey });
    }

    [HttpGet("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id)
    {
        var row = await Rows(db.Enrollments.AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync();
        if (row is null)
        {
            return NotFound();
        }
        var version = await db.Enrollments.Where(e => e.Id == id).Select(e => e.Version).SingleAsync();
        return View(new WithdrawPage { Enrollment = row, Form = new WithdrawForm { Version = version } });
    }

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, [Bind(Prefix = "Form")] WithdrawForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == id);
        if (enrollment is null)
        {
            return NotFound();
        }
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            ModelState.AddModelError("", $"This enrollment is already {enrollment.Status.ToString().ToLowerInvariant()}.");
        }
        if (!ModelState.IsValid)
        {
            return await WithdrawViewAsync(id, form);
        }

        db.Entry(enrollment).Property(e => e.Version).OriginalValue = form.Version;
        enrollment.Withdraw(eligibility.Today(), form.Reason.Trim());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "Someone changed this enrollment while you were looking at it. Check it below and withdraw again if you still want to.");
            var fresh = await db.Enrollments.AsNoTracking().Where(e => e.Id == id).Select(e => e.Version).SingleAsync();
            return await WithdrawViewAsync(id, new WithdrawForm { Reason = form.Reason, Version = fresh });
        }
        TempData["Notice"] = "The enrollment has been withdrawn.";
        return RedirectToAction(nameof(Index), new { program = enrollment.ProgramKey });
    }

    private async Task<IActionResult> WithdrawViewAsync(int id, WithdrawForm form)
    {
        var row = await Rows(db.Enrollments.AsNoTracking().Where(e => e.Id == id)).SingleAsync();
        return View(nameof(Withdraw), new WithdrawPage { Enrollment = row, Form = form });
    }

    private Task<DateOnly?> ActiveEnrollmentAsync(string personId, string programKey) =>
        db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && e.ProgramKey == programKey && e.Status == EnrollmentStatus.Active)
            .Select(e => (DateOnly?)e.CreatedOn)
            .FirstOrDefaultAsync();

    private static DateOnly JoinDate(EnrollForm form, DateOnly today) => EnrollForm.ParseDate(form.JoinedOn) ?? today;

    /// <summary>How many of the group's meetings (not cancelled) were held before <paramref name="joinedOn"/>, in the group's zone.</summary>
    private async Task<int> MetBeforeAsync(int groupId, DateOnly joinedOn)
    {
        var zone = await db.Groups.Where(g => g.Id == groupId).Select(g => g.TimeZoneId).SingleOrDefaultAsync();
        if (zone is null)
        {
            return 0;
        }
        var before = GroupSchedule.ToUtc(joinedOn, TimeOnly.MinValue, GroupSchedule.Zone(zone));
        return await db.Meetings.CountAsync(m => m.GroupId == groupId && !m.Cancelled && m.StartsUtc < before);
    }

    /// <summary>
    /// Joining late: a group or cohort that has ended is refused; one that has already met needs the answer "missed" or "do not
    /// apply" for the meetings before the join date, which lies between the group's start and today.
    /// </summary>
    private async Task CheckLateJoinAsync(EnrollForm form)
    {
        if (form.GroupId is not { } id || !ModelState.IsValid)
        {
            return;
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Name, g.StartDate, g.EndDate }).SingleOrDefaultAsync();
        if (group is null)
        {
            return; // CheckGroupAsync names it
        }
        var today = eligibility.Today();
        if (group.EndDate < today)
        {
            ModelState.AddModelError("Form.GroupId",
                $"{group.Name} ended on {DateDisplay.Date(group.EndDate)}: choose a group or cohort that has not ended.");
            return;
        }
        if (group.StartDate > today)
        {
            return; // not started yet: nothing has been missed
        }
        var joined = JoinDate(form, today);
        if (joined > today || joined < group.StartDate)
        {
            ModelState.AddModelError("Form.JoinedOn",
                $"The join date must be between the group's start ({group.StartDate:yyyy-MM-dd}) and today ({today:yyyy-MM-dd}).");
            return;
        }
        var met = await MetBeforeAsync(id, joined);
        if (met > 0 && string.IsNullOrEmpty(form.PastMeetings))
        {
            ModelState.AddModelError("Form.PastMeetings",
                $"{group.Name} met {met} time{(met == 1 ? "" : "s")} before {DateDisplay.Date(joined)}: choose whether those meetings count as missed or do not apply.");
        }
    }

    private async Task CheckPlacesAsync(int? groupId, string field)
    {
        if (groupId is { } id && ModelState[field] is not { Errors.Count: > 0 } && await GroupCapacity.FullAsync(db, id) is { } full)
        {
            ModelState.AddModelError(field, full);
        }
    }

    private async Task CheckGroupAsync(int? groupId, string field, string programKey, GroupKind? kind, string message)
    {
        if (groupId is not { } id)
        {
            return;
        }
        var fits = kind is { } k && await db.Groups.AnyAsync(g => g.Id == id && g.ProgramKey == programKey && g.Kind == k);
        if (!fits)
        {
            ModelState.AddModelError(field, message);
        }
    }

    private IQueryable<EnrollmentRow> Rows(IQueryable<Enrollment> enrollments) =>
        from e in enrollments
        join u in db.Users on e.PersonId equals u.Id
        join p in db.Programs on e.ProgramKey equals p.Key
        select new EnrollmentRow(e.Id, u.DisplayName, u.Email, e.ProgramKey, p.Title, e.RuleSetId, e.Category,
            e.Group != null ? e.Group.Name : null, e.Status, e.CreatedOn, e.WithdrawnOn, e.WithdrawalReason);

    private async Task<IReadOnlyList<ProgramOption>> ProgramsAsync() =>
        await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => new ProgramOption(p.Key, p.Title)).ToListAsync();

    private async Task<EnrollPage> PageAsync(EnrollForm form) => new()
    {
        Form = form,
        Programs = await ProgramsAsync(),
        Groups = await db.Groups.AsNoTracking()
            .OrderBy(g => g.ProgramKey).ThenByDescending(g => g.StartDate)
            .Select(g => new GroupOption(g.Id, g.Name, g.ProgramKey, g.Kind, g.StartDate, g.TimeZoneId))
            .ToListAsync(),
        People = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).Take(ListLimit)
            .Select(u => new PersonOption(u.Email!, u.DisplayName))
            .ToListAsync(),
        TimeZoneId = PortalTimeZone,
    };
}
