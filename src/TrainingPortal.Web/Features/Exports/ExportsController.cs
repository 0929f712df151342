using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Features.Exports;

/// <summary>
/// CSV exports for administrators: enrollments with their status, certificates with their state today,
/// and attendance over a date range. Each file is ONE query, streamed row by row to the response,
/// whatever its size. Dates are ISO 8601 (calendar dates yyyy-MM-dd; instants in UTC with a Z;
/// meeting starts in their group's zone with the offset, and the zone's id beside them).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/exports")]
public sealed class ExportsController(AppDbContext db, EligibilityService eligibility, IOptions<PortalOptions> options) : Controller
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly string[] EnrollmentHeader =
    [
        "Person", "E-mail", "Program", "Rule set", "Category", "Group or cohort", "Status", "Enrolled on", "Withdrawn on", "Completed on",
        "Approved by", "Approved at (UTC)", "Stored eligibility", "Eligibility as of", "Evidence changed since",
    ];

    public static readonly string[] CertificateHeader =
    [
        "Code", "Holder (as printed)", "Program", "Rule set", "Awarded on", "Issued on", "Current version", "State today",
        "Revoked on", "Revocation reason", "Expires on", "Valid through",
    ];

    public static readonly string[] AttendanceHeader =
    [
        "Group", "Program", "Meeting date", "Meeting start", "Time zone", "Cancelled", "Person", "E-mail", "Mark", "Minutes present",
    ];

    public static readonly string[] FeeHeader =
    [
        "Person", "E-mail", "Program", "Cohort", "Enrollment status", "Fee status", "Amount (USD)", "Set by an administrator", "Last changed (UTC)",
    ];

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await PageAsync(null, cancellationToken));

    [HttpGet("enrollments.csv")]
    public async Task<IActionResult> Enrollments(EnrollmentExportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync("enrollments", new() { Enrollments = filter }, cancellationToken);
        }
        var program = ExportValues.Program(filter.Program);
        var status = ExportValues.Status(filter.Status);
        var enrollments = db.Enrollments.AsNoTracking();
        if (program is not null)
        {
            enrollments = enrollments.Where(e => e.ProgramKey == program);
        }
        if (status is { } s)
        {
            enrollments = enrollments.Where(e => e.Status == s);
        }
        var rows =
            from e in enrollments
            join u in db.Users on e.PersonId equals u.Id
            join p in db.Programs on e.ProgramKey equals p.Key
            join a in db.Users on e.ApprovedById equals a.Id into approvers
            from a in approvers.DefaultIfEmpty()
            join st in db.Standings on e.Id equals st.EnrollmentId into standings
            from st in standings.DefaultIfEmpty()
            orderby p.Id, u.DisplayName, e.Id
            select new
            {
                u.DisplayName, u.Email, ProgramTitle = p.Title, e.RuleSetId, e.Category, GroupName = e.Group != null ? e.Group!.Name : null,
                e.Status, e.CreatedOn, e.WithdrawnOn, e.CompletedOn, ApprovedBy = a != null ? a.DisplayName : null, e.ApprovedUtc,
                Standing = st != null ? (OverallStatus?)st.Status : null, EvaluatedOn = st != null ? (DateOnly?)st.EvaluatedOn : null,
                Stale = st != null && st.Stale,
            };

        return new CsvDownload(FileName("enrollments"), EnrollmentHeader, async (csv, ct) =>
        {
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                await csv.WriteRecordAsync(
                [
                    r.DisplayName, r.Email, r.ProgramTitle, r.RuleSetId, r.Category, r.GroupName, r.Status.ToString(),
                    Date(r.CreatedOn), Date(r.WithdrawnOn), Date(r.CompletedOn), r.ApprovedBy, Instant(r.ApprovedUtc),
                    r.Standing is { } standing ? Standing(standing) : null, Date(r.EvaluatedOn), r.Standing is null ? null : r.Stale ? "yes" : "no",
                ], ct);
            }
        });
    }

    [HttpGet("certificates.csv")]
    public async Task<IActionResult> Certificates(CertificateExportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync("certificates", new() { Certificates = filter }, cancellationToken);
        }
        var program = ExportValues.Program(filter.Program);
        var wanted = ExportValues.State(filter.State);
        var today = eligibility.Today();
        var certificates = db.Certificates.AsNoTracking();
        if (program is not null)
        {
            certificates = certificates.Where(c => c.ProgramKey == program);
        }
        var rows =
            from c in certificates
            join u in db.Users on c.PersonId equals u.Id
            join p in db.Programs on c.ProgramKey equals p.Key
            join v in db.CertificateVersions on new { CertificateId = c.Id, Number = c.CurrentVersion } equals new { v.CertificateId, v.Number } into versions
            from v in versions.DefaultIfEmpty()
            orderby c.IssuedOn, c.Id
            select new
            {
                c.Code, Printed = v != null ? v.RecipientName : u.CertificateName != "" ? u.CertificateName : u.DisplayName,
                ProgramTitle = p.Title, c.RuleSetId, c.AwardedOn, c.IssuedOn, c.CurrentVersion,
                c.RevokedOn, c.RevocationReason, c.ExpiresOn, c.ValidThrough,
            };

        return new CsvDownload(FileName("certificates"), CertificateHeader, async (csv, ct) =>
        {
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var state = CertificateStates.On(today, r.RevokedOn, r.ExpiresOn, r.ValidThrough);
                if (wanted is { } w && state != w)
                {
                    continue;
                }
                await csv.WriteRecordAsync(
                [
                    r.Code is null ? null : CertificateCodes.Format(r.Code), r.Printed, r.ProgramTitle, r.RuleSetId, Date(r.AwardedOn), Date(r.IssuedOn), r.CurrentVersion.ToString(Inv),
                    state.Label(), Date(r.RevokedOn), r.RevocationReason, Date(r.ExpiresOn), Date(r.ValidThrough),
                ], ct);
            }
        });
    }

    [HttpGet("attendance.csv")]
    public async Task<IActionResult> Attendance(AttendanceExportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync("attendance", new() { Attendance = filter }, cancellationToken);
        }
        DateOnly? from = ExportValues.TryDate(filter.From, out var f) ? f : null;
        DateOnly? to = ExportValues.TryDate(filter.To, out var t) ? t : null;
        var program = ExportValues.Program(filter.Program);

        // Meetings whose UTC start may fall on the range's local days in some zone (UTC−12 … UTC+14);
        // each row's own local date is checked exactly while writing.
        var meetings = db.Meetings.AsNoTracking();
        if (from is { } lo)
        {
            var earliest = lo.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-14);
            meetings = meetings.Where(m => m.StartsUtc >= earliest);
        }
        if (to is { } hi)
        {
            var latest = hi.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(12);
            meetings = meetings.Where(m => m.StartsUtc < latest);
        }
        if (program is not null)
        {
            meetings = meetings.Where(m => m.Group!.ProgramKey == program);
        }
        if (filter.Group is { } groupId)
        {
            meetings = meetings.Where(m => m.GroupId == groupId);
        }

        // A group's members: its active enrollments (group or classroom) and anyone marked at one of these meetings,
        // so a member who left keeps their history (as in the group's own attendance file).
        var members = db.Enrollments.Where(e => e.GroupId != null && e.Status == EnrollmentStatus.Active)
                .Select(e => new { GroupId = e.GroupId!.Value, e.PersonId })
            .Union(db.Enrollments.Where(e => e.ClassroomGroupId != null && e.Status == EnrollmentStatus.Active)
                .Select(e => new { GroupId = e.ClassroomGroupId!.Value, e.PersonId }))
            .Union(db.Attendance.Where(a => meetings.Select(m => m.Id).Contains(a.MeetingId))
                .Select(a => new { a.Meeting!.GroupId, a.PersonId }));

        var rows =
            from m in meetings
            join g in db.Groups on m.GroupId equals g.Id
            join p in db.Programs on g.ProgramKey equals p.Key
            join member in members on m.GroupId equals member.GroupId
            join u in db.Users on member.PersonId equals u.Id
            join a in db.Attendance on new { MeetingId = m.Id, PersonId = u.Id } equals new { a.MeetingId, a.PersonId } into marks
            from a in marks.DefaultIfEmpty()
            orderby g.Name, g.Id, m.StartsUtc, m.Id, u.DisplayName, u.Id
            select new
            {
                GroupName = g.Name, ProgramTitle = p.Title, g.TimeZoneId, m.StartsUtc, m.DurationMinutes, m.Cancelled, u.DisplayName, u.Email,
                Mark = a != null ? (AttendanceMark?)a.Mark : null, MinutesPresent = a != null ? a.MinutesPresent : 0,
            };

        return new CsvDownload(FileName("attendance"), AttendanceHeader, async (csv, ct) =>
        {
            var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (!zones.TryGetValue(r.TimeZoneId, out var zone))
                {
                    zones[r.TimeZoneId] = zone = GroupSchedule.Zone(r.TimeZoneId);
                }
                var utc = DateTime.SpecifyKind(r.StartsUtc, DateTimeKind.Utc);
                var local = new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc));
                var day = Time.PortalClock.DateOf(local.DateTime);
                if (day < from || day > to)
                {
                    continue;
                }
                await csv.WriteRecordAsync(
                [
                    r.GroupName, r.ProgramTitle, day.ToString("yyyy-MM-dd", Inv), local.ToString("yyyy-MM-ddTHH:mm:sszzz", Inv), r.TimeZoneId,
                    r.Cancelled ? "yes" : "no", r.DisplayName, r.Email, r.Mark?.ToString(),
                    AttendanceExportController.MinutesPresent(r.Mark, r.DurationMinutes, r.MinutesPresent)?.ToString(Inv),
                ], ct);
            }
        });
    }

    /// <summary>The course participants' fees (<c>Features/Fees</c>), optionally of one fee status: ONE query, streamed.</summary>
    [HttpGet("fees.csv")]
    public async Task<IActionResult> Fees(Fees.FeeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync("fees", new() { Fees = filter }, cancellationToken);
        }
        var rows = Features.Fees.FeeRows.Query(db, Features.Fees.FeeFilter.Parse(filter.Status));
        return new CsvDownload(FileName("fees"), FeeHeader, async (csv, ct) =>
        {
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var amount = Features.Fees.FeeRows.AmountOf(r);
                await csv.WriteRecordAsync(
                [
                    r.Person, r.Email, ProgramCatalog.Default.Get(r.ProgramKey).Title, r.Cohort, r.EnrollmentStatus.ToString(),
                    Features.Fees.FeeText.Label(r.Status),
                    Features.Fees.FeeText.HasAmount(r.Status) && amount is { } a ? a.ToString("0.00", Inv) : null,
                    r.Set ? "yes" : "no", Instant(r.UpdatedUtc),
                ], ct);
            }
        });
    }

    private string FileName(string what) => $"{what}-{eligibility.Today().ToString("yyyy-MM-dd", Inv)}.csv";

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Inv);

    private static string? Instant(DateTime? utc) => utc?.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv);

    private static string Standing(OverallStatus status) => status switch
    {
        OverallStatus.Eligible => "Eligible",
        OverallStatus.NotYetEligible => "Not yet eligible",
        OverallStatus.CannotBecomeEligible => "Cannot become eligible",
        _ => status.ToString(),
    };

    /// <summary>The exports page again, with the refused form's messages next to its fields (400).</summary>
    private async Task<IActionResult> RefusedAsync(string form, ExportsPage filters, CancellationToken cancellationToken)
    {
        var page = await PageAsync(form, cancellationToken);
        var view = View(nameof(Index), new ExportsPage
        {
            Programs = page.Programs,
            Groups = page.Groups,
            TimeZoneId = page.TimeZoneId,
            Failed = form,
            Enrollments = filters.Enrollments,
            Certificates = filters.Certificates,
            Attendance = filters.Attendance,
            Fees = filters.Fees,
        });
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    private async Task<ExportsPage> PageAsync(string? failed, CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Key, p.Title }).ToListAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.ProgramKey).ThenByDescending(g => g.StartDate).ThenBy(g => g.Name)
            .Select(g => new ExportGroupOption(g.Id, g.Name, g.ProgramKey, g.StartDate))
            .ToListAsync(cancellationToken);
        return new ExportsPage
        {
            Programs = [.. programs.Select(p => (p.Key, p.Title))],
            Groups = groups,
            TimeZoneId = options.Value.DefaultTimeZone,
            Failed = failed,
        };
    }
}
