using TrainingPortal.Web.Features.Approvals;
using static TrainingPortal.Web.Tests.Testing.TrainingData;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>An enrollment made for a test, with its person and group.</summary>
public sealed record Seeded(AppUser Person, int EnrollmentId, int GroupId, int ClassroomId);

/// <summary>Builds enrollments the queue can list, and helpers shared by the approval tests.</summary>
public static class QueueData
{
    /// <summary>20 weekly calls from 1 Dec 2025: the consultation period ended in April 2026.</summary>
    public static readonly DateOnly GroupStart = new(2025, 12, 1);

    public static DateOnly TodayInNewYork(this PortalFactory factory) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    /// <summary>
    /// An MIO clinician with an account (password <see cref="TestUsers.Password"/>): both classroom days,
    /// <paramref name="attended"/> of 20 calls (14 = eligible, 13 = one short), two cases, six clips.
    /// </summary>
    public static async Task<Seeded> MioClinicianAsync(this PortalFactory factory, int attended = 14, string? groupName = null,
        DateOnly? groupStart = null, int weeks = 20, DateOnly? markedBefore = null)
    {
        var user = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var person = await db.Users.SingleAsync(u => u.Id == user.Id);
        var start = groupStart ?? GroupStart;
        var group = ConsultationGroup(start, weeks, name: groupName ?? "Group " + Guid.NewGuid().ToString("N")[..8]);
        var classroom = Classroom(start.AddDays(-14));
        var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group, classroom);
        db.AddRange(group, classroom, enrollment);
        AddMioRecords(db, person, group, classroom, attended, markedBefore: markedBefore);
        await db.SaveChangesAsync();
        return new Seeded(user, enrollment.Id, group.Id, classroom.Id);
    }

    /// <summary>Marks an enrollment approved (completed) directly in the database.</summary>
    public static async Task CompleteAsync(this PortalFactory factory, int enrollmentId, DateOnly on)
    {
        await using var db = factory.NewContext();
        var e = await db.Enrollments.SingleAsync(x => x.Id == enrollmentId);
        e.Status = EnrollmentStatus.Completed;
        e.CompletedOn = on;
        e.ApprovedUtc = on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        await db.SaveChangesAsync();
    }

    public static Task<int> RefreshDueAsync(this PortalFactory factory) =>
        factory.WithScopeAsync(services => services.GetRequiredService<StandingRefresher>().RefreshDueAsync());

    public static Task<CachedStanding?> StandingAsync(this PortalFactory factory, int enrollmentId) =>
        factory.WithDbAsync(db => db.Standings.AsNoTracking().SingleOrDefaultAsync(s => s.EnrollmentId == enrollmentId));

    public static Task<Enrollment> EnrollmentAsync(this PortalFactory factory, int enrollmentId) =>
        factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == enrollmentId));

    public static async Task<(AppUser Admin, HttpClient Client)> AdminAsync(this PortalFactory factory)
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return (admin, await factory.SignedInAsync(admin.Email!, TestUsers.Password));
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    public static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of the queue page (enrollment ids).</summary>
    public static IReadOnlyList<int> QueueIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr data-enrollment=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
}
