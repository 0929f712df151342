using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Groups;

/// <summary>
/// A group's attendance as a CSV file: one row per member per meeting, with any logged make-up.
/// The group's trainer or an administrator only (any other id answers 404). Two queries whatever
/// the group's size: the group (with the access check), then every meeting × member with its mark
/// and make-up.
/// </summary>
[Authorize(Policy = Policies.Trainer)]
[Route("groups/{id:int}/attendance.csv")]
public sealed class AttendanceExportController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public static readonly string[] Header =
        ["Meeting", "Date", "Start", "Time zone", "Cancelled", "Member", "Mark", "Minutes present", "Made up", "Make-up logged on", "Make-up note"];

    /// <summary>
    /// CSV/formula injection: a field starting with =, +, -, @, tab or carriage return is prefixed with
    /// an apostrophe (and quoted), so a spreadsheet shows it as text instead of running it.
    /// </summary>
    internal static CsvWriterOptions Options => new()
    {
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        WriteByteOrderMark = true, // so Excel reads the names as UTF-8
    };

    [HttpGet("")]
    public async Task<IActionResult> Download(int id, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        var group = await db.Managed(User, me).AsNoTracking()
            .Where(g => g.Id == id)
            .Select(g => new { g.Name, g.TimeZoneId })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return NotFound();
        }

        // Members: the active enrollments, and anyone marked or made up at one of the group's meetings (a member who left keeps their history).
        var people = db.Enrollments
            .Where(e => (e.GroupId == id || e.ClassroomGroupId == id) && e.Status == EnrollmentStatus.Active).Select(e => e.PersonId)
            .Union(db.Attendance.Where(a => a.Meeting!.GroupId == id).Select(a => a.PersonId))
            .Union(db.SessionMakeUps.Where(s => s.Meeting!.GroupId == id).Select(s => s.PersonId));
        var rows = await (
                from m in db.Meetings.Where(m => m.GroupId == id)
                from u in db.Users.Where(u => people.Contains(u.Id))
                join a in db.Attendance on new { MeetingId = m.Id, PersonId = u.Id } equals new { a.MeetingId, a.PersonId } into marks
                from a in marks.DefaultIfEmpty()
                join s in db.SessionMakeUps on new { MeetingId = m.Id, PersonId = u.Id } equals new { s.MeetingId, s.PersonId } into makeUps
                from s in makeUps.DefaultIfEmpty()
                orderby m.StartsUtc, m.Id, u.DisplayName, u.Id
                select new Row(m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, u.DisplayName,
                    a == null ? null : a.Mark, a == null ? 0 : a.MinutesPresent,
                    s == null ? null : s.LoggedOn, s == null ? null : s.Note, s != null))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var zone = GroupSchedule.Zone(group.TimeZoneId);
        var numbers = rows.Select(r => r.MeetingId).Distinct().Select((meetingId, i) => (meetingId, i)).ToDictionary(x => x.meetingId, x => x.i + 1);
        var inv = CultureInfo.InvariantCulture;

        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(Header, cancellationToken);
            foreach (var r in rows)
            {
                var local = PortalClock.ToLocal(r.StartsUtc, zone);
                await csv.WriteRecordAsync(
                [
                    numbers[r.MeetingId].ToString(inv),
                    local.ToString("yyyy-MM-dd", inv),
                    local.ToString("HH:mm", inv),
                    group.TimeZoneId,
                    r.Cancelled ? "yes" : "no",
                    r.Member,
                    r.Mark?.ToString() ?? "",
                    Minutes(r)?.ToString(inv) ?? "",
                    r.MadeUp ? "yes" : "no",
                    r.MakeUpOn?.ToString("yyyy-MM-dd", inv) ?? "",
                    r.MakeUpNote ?? "",
                ], cancellationToken);
            }
        }

        Response.Headers.CacheControl = "no-store";
        var today = clock.Today.ToString("yyyy-MM-dd", inv);
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"{FileNamePart(group.Name)}-attendance-{today}.csv");
    }

    private static int? Minutes(Row r) => MinutesPresent(r.Mark, r.DurationMinutes, r.MinutesPresent);

    /// <summary>Minutes present: the whole meeting when present, the recorded minutes when partial, none when absent or excused; blank when not marked.</summary>
    internal static int? MinutesPresent(AttendanceMark? mark, int durationMinutes, int minutesPresent) => mark switch
    {
        null => null,
        AttendanceMark.Present => durationMinutes,
        AttendanceMark.Partial => minutesPresent,
        _ => 0,
    };

    /// <summary>"Monday group (Renée)" → "monday-group-renée": letters and digits, the rest folded into single hyphens.</summary>
    internal static string FileNamePart(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        var part = sb.ToString().Trim('-');
        return part.Length == 0 ? "group" : part.Length > 60 ? part[..60].TrimEnd('-') : part;
    }

    private sealed record Row(int MeetingId, DateTime StartsUtc, int DurationMinutes, bool Cancelled, string Member,
        AttendanceMark? Mark, int MinutesPresent, DateOnly? MakeUpOn, string? MakeUpNote, bool MadeUp);
}
