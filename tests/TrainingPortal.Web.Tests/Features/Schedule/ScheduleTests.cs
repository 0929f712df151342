using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.Schedule;

/// <summary>"My schedule": a trainee's meetings across groups, in their zone, with their own marks; nobody else's.</summary>
public sealed class ScheduleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_trainee_sees_their_groups_upcoming_and_past_meetings_with_their_own_marks_and_nobody_elses_groups()
    {
        var today = factory.TodayInNewYork();
        var mine = await factory.MioClinicianAsync(attended: 2, groupName: "Tuesday reflective group", groupStart: today.AddDays(-35), weeks: 20);
        var other = await factory.MioClinicianAsync(attended: 2, groupName: "Someone else's group", groupStart: today.AddDays(-35), weeks: 20);
        var client = await factory.SignedInAsync(mine.Person.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync("/schedule"));

        var (upcoming, past, meetings) = await factory.WithDbAsync(async db =>
        {
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var all = await db.Meetings.AsNoTracking().Where(m => m.GroupId == mine.GroupId).ToListAsync();
            return (all.Count(m => m.StartsUtc.AddMinutes(m.DurationMinutes) > now),
                    all.Count(m => m.StartsUtc.AddMinutes(m.DurationMinutes) <= now && m.StartsUtc >= now.AddDays(-90)),
                    all.Count);
        });
        Assert.True(upcoming > 0 && past > 0, $"{upcoming} upcoming, {past} past of {meetings}");
        Assert.Equal(upcoming, Regex.Count(Table(html, "upcoming"), "Tuesday reflective group"));
        var pastTable = Table(html, "past");
        Assert.Equal(past, Regex.Count(pastTable, "Tuesday reflective group"));
        var groupRows = Regex.Matches(pastTable, "<tr data-testid=\"schedule-meeting\".*?</tr>", RegexOptions.Singleline)
            .Select(m => m.Value).Where(r => r.Contains("Tuesday reflective group", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, groupRows.Count(r => r.Contains(">Present<", StringComparison.Ordinal))); // the two calls marked present
        Assert.Equal(past - 2, groupRows.Count(r => r.Contains(">Absent<", StringComparison.Ordinal) || r.Contains(">Not marked yet<", StringComparison.Ordinal)));
        Assert.Contains("Classroom", pastTable, StringComparison.OrdinalIgnoreCase); // the classroom days are theirs too
        Assert.DoesNotContain("Someone else's group", html);
        Assert.Contains(DateDisplayZone(), html); // times carry their zone

        var otherHtml = PortalClient.Decode(await (await factory.SignedInAsync(other.Person.Email!, TestUsers.Password)).GetStringAsync("/schedule"));
        Assert.DoesNotContain("Tuesday reflective group", otherHtml);
    }

    [Fact]
    public async Task Someone_in_no_group_is_told_so_and_anonymous_visitors_are_sent_to_sign_in()
    {
        var person = await factory.CreateAsync();
        var html = PortalClient.Decode(await (await factory.SignedInAsync(person.Email!, TestUsers.Password)).GetStringAsync("/schedule"));
        Assert.Contains("No meeting is scheduled.", html);

        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/schedule");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static string DateDisplayZone() => Web.Infrastructure.DateDisplay.ZoneName("America/New_York");

    private static string Table(string html, string testId) =>
        Regex.Match(html, $"data-testid=\"{testId}\".*?</table>", RegexOptions.Singleline).Value;
}
