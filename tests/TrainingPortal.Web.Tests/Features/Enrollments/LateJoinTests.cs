using System.Globalization;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Enrollments;

/// <summary>
/// Joining a group or cohort that has already met: the enroll form asks whether the earlier meetings count as missed or do
/// not apply, and the verdict follows the answer; a cohort that has ended is refused; the attendance screen of a meeting
/// before someone joined does not ask for their mark.
/// </summary>
public sealed class LateJoinTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPage = "/admin/enrollments/new";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), NewYork).DateTime);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static Task<HttpResponseMessage> EnrollAsync(HttpClient client, string email, string program, string group, string joinedOn = "", string past = "") =>
        client.PostFormAsync(NewPage,
            ("Form.PersonEmail", email), ("Form.ProgramKey", program), ("Form.GroupId", group), ("Form.ClassroomGroupId", ""), ("Form.Category", ""),
            ("Form.JoinedOn", joinedOn), ("Form.PastMeetings", past));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    private static DateOnly LocalDate(Meeting m) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.StartsUtc, DateTimeKind.Utc), NewYork));

    /// <summary>A consultation group that has held exactly 10 of its 20 calls today.</summary>
    private async Task<TrainingGroup> GroupWithTenHeldCallsAsync()
    {
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-69), name: "Late group " + Guid.NewGuid().ToString("N")[..6]);
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        Assert.Equal(10, group.Meetings.Count(m => LocalDate(m) <= Today));
        return group;
    }

    /// <summary>Present at calls 4 to 10 (the seven held since they joined).</summary>
    private async Task MarkPresentFromFourthAsync(TrainingGroup group, string personId)
    {
        await using var db = factory.NewContext();
        foreach (var m in group.Meetings.OrderBy(m => m.StartsUtc).Skip(3).Take(7))
        {
            db.Attendance.Add(new Attendance { MeetingId = m.Id, PersonId = personId, Mark = AttendanceMark.Present });
        }
        await db.SaveChangesAsync();
    }

    private Task<RequirementResult> ConsultationAsync(string personId) => factory.WithScopeAsync(async sp =>
    {
        var verdict = Assert.Single(await sp.GetRequiredService<EligibilityService>().ForPersonAsync(personId));
        return verdict.Verdict["consultation-attendance"]!;
    });

    [Theory]
    [InlineData("not-applicable", 7)]
    [InlineData("missed", 10)]
    public async Task A_member_who_joined_after_3_of_10_calls_is_counted_against_the_calls_the_answer_says(string past, int held)
    {
        var client = await AdminAsync();
        var group = await GroupWithTenHeldCallsAsync();
        var person = await factory.CreateAsync();
        var fourth = LocalDate(group.Meetings.OrderBy(m => m.StartsUtc).ElementAt(3));

        var response = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, group.Id.ToString(Inv), fourth.ToString("yyyy-MM-dd", Inv), past);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == person.Id));
        Assert.Equal(fourth, stored.JoinedOn);
        Assert.Equal(past == "not-applicable", stored.PastMeetingsNotApplicable);
        await MarkPresentFromFourthAsync(group, person.Id);
        var result = await ConsultationAsync(person.Id);
        Assert.Equal(7, result.Current);
        Assert.Contains(string.Create(Inv, $"attended 7 of {held} held calls"), result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Joining_a_group_that_has_met_without_an_answer_is_asked_next_to_the_field_and_the_typed_values_are_kept()
    {
        var client = await AdminAsync();
        var group = await GroupWithTenHeldCallsAsync();
        var person = await factory.CreateAsync();

        var response = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, group.Id.ToString(Inv), "not a date");
        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Form_JoinedOn-error\">“not a date” is not a date", html);
        Assert.Contains("value=\"not a date\"", html);

        response = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, group.Id.ToString(Inv));
        html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Form_PastMeetings-error\">", html);
        Assert.Contains(" times before", html);
        Assert.Contains(person.Email!, html);
        Assert.False(await factory.WithDbAsync(db => db.Enrollments.AnyAsync(e => e.PersonId == person.Id)));
    }

    [Fact]
    public async Task Enrolling_into_a_cohort_that_has_ended_is_refused_next_to_the_field()
    {
        var client = await AdminAsync();
        var cohort = CourseCohort(Today.AddDays(-120));
        await factory.WithDbAsync(async db => { db.Groups.Add(cohort); return await db.SaveChangesAsync(); });
        var person = await factory.CreateAsync();

        var response = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhCourse, cohort.Id.ToString(Inv), past: "missed");

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Form_GroupId-error\">" + cohort.Name + " ended on", html);
        Assert.False(await factory.WithDbAsync(db => db.Enrollments.AnyAsync(e => e.PersonId == person.Id)));
    }

    [Fact]
    public async Task The_attendance_of_a_meeting_before_someone_joined_neither_lists_nor_requires_them()
    {
        var client = await AdminAsync();
        var group = await GroupWithTenHeldCallsAsync();
        var early = Person("earlybird");
        var late = Person("latecomer");
        var meetings = group.Meetings.OrderBy(m => m.StartsUtc).ToList();
        await factory.WithDbAsync(async db =>
        {
            db.Users.AddRange(early, late);
            var first = Enroll(early, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-80));
            first.GroupId = group.Id;
            var second = Enroll(late, DefaultRuleSets.Keys.MioRostering, Today);
            second.GroupId = group.Id;
            second.JoinedOn = LocalDate(meetings[3]);
            second.PastMeetingsNotApplicable = true;
            db.Enrollments.AddRange(first, second);
            return await db.SaveChangesAsync();
        });
        var second = string.Create(Inv, $"/groups/{group.Id}/meetings/{meetings[1].Id}/attendance");
        var fifth = string.Create(Inv, $"/groups/{group.Id}/meetings/{meetings[4].Id}/attendance");

        var earlier = PortalClient.Decode(await client.GetStringAsync(second));
        Assert.Contains(early.DisplayName, earlier);
        Assert.DoesNotContain(late.DisplayName, earlier);
        Assert.Contains(late.DisplayName, PortalClient.Decode(await client.GetStringAsync(fifth)));

        var version = await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetings[1].Id).Select(m => m.AttendanceVersion).SingleAsync());
        var saved = await client.PostFormAsync(second, ("Version", version.ToString()), ("Rows[0].PersonId", early.Id), ("Rows[0].Mark", "Present"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
