using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Scheduling;

namespace TrainingPortal.Web.Features.GroupEdit;

/// <summary>
/// Corrections of a group: its name and where it meets (the group's trainer or an administrator), its trainer, more weeks
/// of meetings and deleting it while nothing was recorded in it (administrators). A trainer's request for a group they do
/// not lead answers 404 (<see cref="GroupAccess.Managed(AppDbContext, System.Security.Claims.ClaimsPrincipal, string?)"/>).
/// Every change is audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{id:int}")]
public sealed class GroupEditController(AppDbContext db, UserManager<AppUser> users) : Controller
{
    private bool IsAdmin => User.IsInRole(Roles.Administrator);

    [HttpGet("edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var group = await db.Managed(User, users.GetUserId(User)).AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        var form = new GroupEditForm { Name = group.Name, TrainerId = group.TrainerId, MeetingLink = group.MeetingLink, MeetingPlace = group.MeetingPlace, Capacity = group.Capacity };
        return View(await PageAsync(group, form, new ExtendForm(), cancellationToken));
    }

    [HttpPost("edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] GroupEditForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var group = await db.Managed(User, users.GetUserId(User)).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        string? trainerId = group.TrainerId;
        if (IsAdmin && !string.Equals(form.TrainerId ?? "", group.TrainerId ?? "", StringComparison.Ordinal))
        {
            var trainers = await TrainersAsync();
            if (string.IsNullOrEmpty(form.TrainerId) || trainers.All(t => t.Id != form.TrainerId))
            {
                ModelState.AddModelError("Form.TrainerId", "That person is not a trainer: choose a trainer from the list.");
            }
            trainerId = form.TrainerId;
        }
        if (ModelState.IsValid && form.Capacity is { } places && places != group.Capacity
            && await GroupCapacity.TakenAsync(db, id, cancellationToken) is var members && members > places)
        {
            ModelState.AddModelError("Form.Capacity", $"{members} people are in this group now: it cannot take fewer than {members}.");
        }
        if (!ModelState.IsValid)
        {
            return View(await PageAsync(group, form, new ExtendForm(), cancellationToken));
        }
        group.Name = form.Name.Trim();
        group.Capacity = form.Capacity;
        group.TrainerId = trainerId;
        group.MeetingLink = string.IsNullOrWhiteSpace(form.MeetingLink) ? null : form.MeetingLink.Trim();
        group.MeetingPlace = string.IsNullOrWhiteSpace(form.MeetingPlace) ? null : form.MeetingPlace.Trim();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = "The group's details are saved.";
        return Redirect(GroupUrl(id));
    }

    [HttpPost("extend")]
    public async Task<IActionResult> Extend(int id, [Bind(Prefix = "Extend")] ExtendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!IsAdmin)
        {
            return Forbid();
        }
        var group = await db.Groups.Include(g => g.SkipDates).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        if (group.MeetingDay is null || group.MeetingTime is null)
        {
            ModelState.AddModelError("Extend.Weeks", "This group has no weekly schedule, so it cannot be extended by weeks.");
        }
        if (!ModelState.IsValid)
        {
            var edit = new GroupEditForm { Name = group.Name, TrainerId = group.TrainerId, MeetingLink = group.MeetingLink, MeetingPlace = group.MeetingPlace, Capacity = group.Capacity };
            return View(nameof(Edit), await PageAsync(group, edit, form, cancellationToken));
        }
        var weeks = form.Weeks!.Value;
        var zone = GroupSchedule.Zone(group.TimeZoneId);
        var lastStart = await db.Meetings.Where(m => m.GroupId == id).Select(m => (DateTime?)m.StartsUtc).MaxAsync(cancellationToken);
        var last = lastStart is { } utc ? GroupSchedule.LocalDate(utc, zone) : group.StartDate.AddDays(-1);
        // The weeks after the last meeting, on the schedule's weekday and time, without the skip dates (a skipped week is not made up).
        var day = group.MeetingDay!.Value;
        var added = ScheduleGenerator.Generate(new WeeklySchedule(last.AddDays(1), day, group.MeetingTime!.Value, group.TimeZoneId,
            weeks, group.DurationMinutes, [.. group.SkipDates.Select(s => s.Date)]));
        db.Meetings.AddRange(added.Select(m => new Meeting { GroupId = id, StartsUtc = m.StartUtc, DurationMinutes = m.DurationMinutes }));
        var firstWeek = last.AddDays(((int)day - (int)last.AddDays(1).DayOfWeek + 7) % 7 + 1);
        var lastWeek = firstWeek.AddDays(7 * (weeks - 1));
        if (lastWeek > group.EndDate)
        {
            group.EndDate = lastWeek;
        }
        group.Weeks = (group.Weeks ?? 0) + weeks;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = string.Create(CultureInfo.InvariantCulture,
            $"{added.Count} meeting{(added.Count == 1 ? "" : "s")} added; the group now ends on {DateDisplay.Date(group.EndDate)}.");
        return Redirect(GroupUrl(id));
    }

    [HttpGet("delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var page = await DeletePageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var page = await DeletePageAsync(id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (page.Blockers.Count > 0)
        {
            ModelState.AddModelError("", "This group cannot be deleted: " + string.Join("; ", page.Blockers) + ".");
            return View(page);
        }
        var group = await db.Groups.Include(g => g.Meetings).Include(g => g.SkipDates).SingleAsync(g => g.Id == id, cancellationToken);
        // Members are taken out of the group (each change audited); their enrollments stay.
        foreach (var e in await db.Enrollments.Where(e => e.GroupId == id || e.ClassroomGroupId == id).ToListAsync(cancellationToken))
        {
            if (e.GroupId == id)
            {
                e.GroupId = null;
                e.JoinedOn = null;
                e.PastMeetingsNotApplicable = false;
            }
            if (e.ClassroomGroupId == id)
            {
                e.ClassroomGroupId = null;
            }
            e.Version = Guid.NewGuid();
        }
        db.Meetings.RemoveRange(group.Meetings);
        db.Groups.Remove(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Something was recorded in the group a moment ago (attendance, a clip…): it stays.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "Something was recorded in this group a moment ago, so it was not deleted.");
            return View(await DeletePageAsync(id, cancellationToken));
        }
        TempData["Notice"] = $"{group.Name} is deleted.";
        return Redirect("/admin/groups");
    }

    private static string GroupUrl(int id) => string.Create(CultureInfo.InvariantCulture, $"/groups/{id}");

    private async Task<GroupDeletePage?> DeletePageAsync(int id, CancellationToken ct)
    {
        var g = await db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new
            {
                g.Id, g.Name, g.Kind, g.StartDate, g.EndDate,
                Meetings = g.Meetings.Count,
                Marks = db.Attendance.Count(a => a.Meeting!.GroupId == g.Id),
                MakeUps = db.SessionMakeUps.Count(m => m.Meeting!.GroupId == g.Id),
                Clips = db.ClipPresentations.Count(c => db.Meetings.Any(m => m.Id == c.MeetingId && m.GroupId == g.Id)),
                Assignments = db.HomeworkAssignments.Count(h => h.GroupId == g.Id),
                Items = db.LearningItems.Count(i => i.GroupId == g.Id),
                Completed = db.Enrollments.Count(e => (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status == EnrollmentStatus.Completed),
                Members = db.Enrollments.Count(e => (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status != EnrollmentStatus.Completed),
            })
            .SingleOrDefaultAsync(ct);
        if (g is null)
        {
            return null;
        }
        List<string> blockers = [];
        void Add(int count, string one, string many)
        {
            if (count > 0)
            {
                blockers.Add(count == 1 ? one : string.Create(CultureInfo.InvariantCulture, $"{count} {many}"));
            }
        }
        Add(g.Marks, "attendance is recorded for 1 person-meeting", "attendance marks are recorded");
        Add(g.MakeUps, "a make-up is logged", "make-ups are logged");
        Add(g.Clips, "a clip presentation is recorded", "clip presentations are recorded");
        Add(g.Assignments, "it has an assignment", "assignments belong to it");
        Add(g.Items, "it has a reading or exercise", "readings or exercises belong to it");
        Add(g.Completed, "a completed enrollment was approved in it", "completed enrollments were approved in it");
        return new GroupDeletePage(g.Id, g.Name, ProgramCatalog.Default.Kind(g.Kind).Name, g.StartDate, g.EndDate, g.Meetings, g.Members, blockers);
    }

    private async Task<IReadOnlyList<GroupAdmin.TrainerOption>> TrainersAsync() =>
        [.. (await users.GetUsersInRoleAsync(Roles.Trainer))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new GroupAdmin.TrainerOption(u.Id, u.DisplayName, u.Email))];

    private async Task<GroupEditPage> PageAsync(TrainingGroup group, GroupEditForm form, ExtendForm extend, CancellationToken ct)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.GroupId == group.Id).CountAsync(ct);
        return new GroupEditPage
        {
            Id = group.Id,
            Name = group.Name,
            KindName = ProgramCatalog.Default.Kind(group.Kind).Name,
            EndDate = group.EndDate,
            Meetings = meetings,
            Weekly = group.MeetingDay is not null && group.MeetingTime is not null,
            IsAdmin = IsAdmin,
            Trainers = IsAdmin ? await TrainersAsync() : [],
            Form = form,
            Extend = extend,
        };
    }
}

/// <summary>The group edit page.</summary>
public sealed class GroupEditPage
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string KindName { get; init; } = "";
    public DateOnly EndDate { get; init; }
    public int Meetings { get; init; }
    public bool Weekly { get; init; }
    public bool IsAdmin { get; init; }
    public IReadOnlyList<GroupAdmin.TrainerOption> Trainers { get; init; } = [];
    public GroupEditForm Form { get; init; } = new();
    public ExtendForm Extend { get; init; } = new();
}

/// <summary>The delete confirmation: what the group holds and, if anything, why it cannot be deleted.</summary>
public sealed record GroupDeletePage(int Id, string Name, string KindName, DateOnly StartDate, DateOnly EndDate, int Meetings, int Members,
    IReadOnlyList<string> Blockers);
