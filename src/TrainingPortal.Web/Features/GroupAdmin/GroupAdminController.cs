using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.GroupAdmin;

/// <summary>
/// Administrators list every group and create new ones; the meetings are generated from the weekly
/// schedule (<see cref="GroupSchedule.Generate"/>). Every change is audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/groups")]
public sealed class GroupAdminController(AppDbContext db, UserManager<AppUser> users, IOptions<PortalOptions> options) : Controller
{
    /// <summary>The most rows the list shows at once.</summary>
    public const int ListLimit = 500;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var query = db.Groups.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(g => g.StartDate).ThenByDescending(g => g.Id)
            .Take(ListLimit)
            .Select(g => new GroupRow(g.Id, g.Name, g.Kind, g.ProgramKey,
                db.Programs.Where(p => p.Key == g.ProgramKey).Select(p => p.Title).FirstOrDefault(),
                db.Users.Where(u => u.Id == g.TrainerId).Select(u => u.DisplayName).FirstOrDefault(),
                g.StartDate, g.EndDate, g.TimeZoneId,
                db.Enrollments.Count(e => (e.GroupId == g.Id || e.ClassroomGroupId == g.Id) && e.Status == EnrollmentStatus.Active),
                g.Meetings.Count(m => !m.Cancelled)))
            .ToListAsync(cancellationToken);
        return View(new GroupListView { Rows = rows, Total = total });
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(GroupKind? kind = null)
    {
        ModelState.Clear(); // an unknown ?kind= just leaves the choice open; a fresh form shows no errors
        return View(await PageAsync(new GroupForm { Kind = kind is { } k && ProgramCatalog.Default.IsKnown(k) ? k : null, TimeZoneId = options.Value.DefaultTimeZone }));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] GroupForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var trainers = await TrainersAsync();
        var trainer = trainers.FirstOrDefault(t => t.Id == form.TrainerId);
        if (!string.IsNullOrEmpty(form.TrainerId) && trainer is null)
        {
            ModelState.AddModelError("Form.TrainerId", "That person is not a trainer: choose a trainer from the list.");
        }
        if (!ModelState.IsValid || trainer is null)
        {
            return View(await PageAsync(form, trainers));
        }

        var kind = form.Kind!.Value;
        var start = GroupKinds.ParseDate(form.StartDate)!.Value;
        var time = GroupKinds.ParseTime(form.MeetingTime)!.Value;
        var day = GroupKinds.Day(form, start);
        var weeks = GroupKinds.Weeks(form);
        var group = new TrainingGroup
        {
            Kind = kind,
            ProgramKey = GroupKinds.ProgramKey(kind),
            Name = string.IsNullOrWhiteSpace(form.Name)
                ? GroupKinds.SuggestedName(kind, start, day, time, form.Term, form.Year, trainer.Name)
                : form.Name.Trim(),
            TrainerId = trainer.Id,
            StartDate = start,
            MeetingDay = day,
            MeetingTime = time,
            TimeZoneId = form.TimeZoneId,
            Weeks = weeks,
            DurationMinutes = GroupKinds.Minutes(form),
            Capacity = form.Capacity,
            Term = ProgramCatalog.Default.Kind(kind).HasTerm ? form.Term : null,
            Year = ProgramCatalog.Default.Kind(kind).HasTerm ? form.Year : null,
        };
        group.SkipDates.AddRange(GroupKinds.SkipLines(form.SkipDates)
            .Select(l => GroupKinds.ParseDate(l.Text)!.Value).Distinct().Order()
            .Select(d => new GroupSkipDate { Date = d }));
        group.Meetings.AddRange(GroupSchedule.Generate(group));
        // The period ends with its last scheduled week, also when that week is skipped (a skipped week is not made up).
        var lastWeek = GroupKinds.FirstMeeting(start, day).AddDays(7 * (weeks - 1));
        var zone = GroupSchedule.Zone(group.TimeZoneId);
        var lastMeeting = group.Meetings.Count == 0 ? lastWeek : GroupSchedule.LocalDate(group.Meetings.Max(m => m.StartsUtc), zone);
        group.EndDate = lastMeeting > lastWeek ? lastMeeting : lastWeek;

        db.Groups.Add(group);
        await db.SaveChangesAsync();
        TempData["Notice"] = $"{group.Name} is created with {group.Meetings.Count} meetings.";
        return Redirect($"/groups/{group.Id}");
    }

    private async Task<IReadOnlyList<TrainerOption>> TrainersAsync() =>
        [.. (await users.GetUsersInRoleAsync(Roles.Trainer))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new TrainerOption(u.Id, u.DisplayName, u.Email))];

    private async Task<GroupCreatePage> PageAsync(GroupForm form, IReadOnlyList<TrainerOption>? trainers = null) => new()
    {
        Form = form,
        Trainers = trainers ?? await TrainersAsync(),
    };
}
