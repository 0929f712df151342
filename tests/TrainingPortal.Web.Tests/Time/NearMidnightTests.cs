using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Tests.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Time;

/// <summary>
/// A host whose clock stands at 23:30 in the portal's zone (America/New_York), when UTC is already the next day, and whose
/// rule-set catalog has one more Rostering version that takes effect tomorrow (portal zone).
/// </summary>
public sealed class NearMidnightFactory : PortalFactory
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Today in the portal's zone while the host runs (computed by hand, not by the code under test).</summary>
    public DateOnly PortalToday { get; private set; }

    /// <summary>The rule-set version that takes effect tomorrow.</summary>
    public RuleSet Tomorrows { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        // The next 23:30 in New York from where the clock stands (it only moves forward).
        var now = Time.GetUtcNow().UtcDateTime;
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, NewYork);
        var day = new DateOnly(local.Year, local.Month, local.Day);
        var target = Web.Data.Training.GroupSchedule.ToUtc(day, new TimeOnly(23, 30), NewYork);
        if (target < now)
        {
            day = day.AddDays(1);
            target = Web.Data.Training.GroupSchedule.ToUtc(day, new TimeOnly(23, 30), NewYork);
        }
        Time.SetUtcNow(new DateTimeOffset(target, TimeSpan.Zero));
        PortalToday = day;
        Assert.Equal(day.AddDays(1), new DateOnly(target.Year, target.Month, target.Day)); // UTC is on the next day

        var current = RuleSetCatalog.Default.Versions(DefaultRuleSets.Keys.MioRostering)[^1];
        Tomorrows = new RuleSet(current.Key, current.Version + 1, current.Title, day.AddDays(1), current.Requirements, current.Categories, current.Settings);
        services.AddSingleton(new RuleSetCatalog([.. RuleSetCatalog.Default.All, Tomorrows]));
    }
}

/// <summary>
/// At 23:30 in the portal's zone, with UTC already on the next day, every former "today" (rule-set pages, fidelity, homework,
/// training-case forms, attendance export, make-ups, the eligibility as-of date) is the portal's date. Before PortalClock,
/// all but eligibility used the UTC date (or, for make-ups, the group's zone) and answered the next day.
/// </summary>
public sealed class NearMidnightTests(NearMidnightFactory factory) : IClassFixture<NearMidnightFactory>
{
    private DateOnly Today => factory.PortalToday;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<OneMemberCohort> CohortAsync(string timeZoneId = "America/New_York") =>
        factory.TrainTheTrainerCohortAsync("Late cohort", "late", timeZoneId);

    [Fact]
    public async Task The_eligibility_as_of_date_is_the_portal_date()
    {
        var (_, _, _, enrollment) = await CohortAsync();
        var verdict = await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollment.Id])).Single().Verdict);
        Assert.Equal(Today, verdict.AsOf);
    }

    [Fact]
    public async Task The_fidelity_form_offers_the_portal_date_and_refuses_the_day_after_tomorrow()
    {
        var (trainer, group, member, _) = await CohortAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var url = $"/groups/{group.Id}/fidelity";

        var page = await client.GetStringAsync(url);
        var input = Regex.Match(page, "<input[^>]*name=\"Form.Date\"[^>]*>").Value;
        Assert.Contains($"value=\"{Iso(Today)}\"", input);

        // One day of slack for a reviewer ahead of the portal's zone: tomorrow is taken, the day after is the future.
        var late = await client.PostFormAsync(url, url, [new("Form.PersonId", member.Id), new("Form.Date", Iso(Today.AddDays(2))),
            new("Form.Outcome", nameof(FidelityOutcome.Adherent)), new("Form.Notes", "Late review.")]);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("The review date cannot be in the future.", PortalClient.Decode(await late.Content.ReadAsStringAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.FidelityReviews.CountAsync(r => r.PersonId == member.Id)));

        var today = await client.PostFormAsync(url, url, [new("Form.PersonId", member.Id), new("Form.Date", Iso(Today)),
            new("Form.Outcome", nameof(FidelityOutcome.Adherent)), new("Form.Notes", "Late review.")]);
        Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        Assert.Equal(Today, await factory.WithDbAsync(db => db.FidelityReviews.Where(r => r.PersonId == member.Id).Select(r => r.Date).SingleAsync()));
    }

    [Fact]
    public async Task Training_case_dates_are_judged_against_the_portal_date()
    {
        var trainee = await factory.CreateAsync(Roles.Trainee);
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);

        var future = await client.PostFormAsync("/my/training-cases", ("Form.Code", "tc-7"), ("Form.ConsentDate", Iso(Today.AddDays(2))));
        Assert.NotEqual(HttpStatusCode.Redirect, future.StatusCode);
        Assert.Contains("The consent date cannot be in the future.", PortalClient.Decode(await future.Content.ReadAsStringAsync()));

        var registered = await client.PostFormAsync("/my/training-cases", ("Form.Code", "tc-7"), ("Form.ConsentDate", Iso(Today)));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var caseId = registered.Headers.Location!.OriginalString.Split('/').Last();

        var session = await client.PostFormAsync($"/my/training-cases/{caseId}", $"/my/training-cases/{caseId}/sessions",
            [new("Form.Date", Iso(Today.AddDays(2))), new("Form.Recorded", "true")]);
        Assert.NotEqual(HttpStatusCode.Redirect, session.StatusCode);
        Assert.Contains("the date cannot be in the future", PortalClient.Decode(await session.Content.ReadAsStringAsync()));

        // Five years back counts from the portal's today: the first day allowed is taken, the day before it is not.
        var earliest = Today.AddYears(-5);
        var oldest = await client.PostFormAsync($"/my/training-cases/{caseId}", $"/my/training-cases/{caseId}/sessions",
            [new("Form.Date", Iso(earliest)), new("Form.Recorded", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, oldest.StatusCode);
        var tooOld = await client.PostFormAsync($"/my/training-cases/{caseId}", $"/my/training-cases/{caseId}/sessions",
            [new("Form.Date", Iso(earliest.AddDays(-1))), new("Form.Recorded", "true")]);
        Assert.NotEqual(HttpStatusCode.Redirect, tooOld.StatusCode);
    }

    [Fact]
    public async Task Homework_is_recorded_as_handed_in_on_the_portal_date()
    {
        var (trainer, group, member, _) = await CohortAsync();
        int assignmentId;
        await using (var db = factory.NewContext())
        {
            var assignment = new HomeworkAssignmentRecord { GroupId = group.Id, Title = "Late chapter", DueOn = Today };
            db.Add(assignment);
            await db.SaveChangesAsync();
            assignmentId = assignment.Id;
        }
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var url = $"/groups/{group.Id}/homework";
        var page = await client.GetStringAsync(url);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var id = assignmentId.ToString(CultureInfo.InvariantCulture);
        var seen = Regex.Match(page, $"name=\"Form.AssignmentId\" value=\"{id}\" />\\s*<input type=\"hidden\" name=\"Form.PersonId\" value=\"{Regex.Escape(member.Id)}\" />\\s*<input type=\"hidden\" name=\"Form.Seen\" value=\"([^\"]*)\"");
        Assert.True(seen.Success);

        var response = await client.PostAsync(url, new FormUrlEncodedContent([
            new("Form.AssignmentId", id), new("Form.PersonId", member.Id),
            new("Form.Decision", "Received"), new("Form.Comments", ""), new("Form.Seen", seen.Groups[1].Value), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Today, await factory.WithDbAsync(db => db.HomeworkSubmissions.Where(h => h.AssignmentId == assignmentId).Select(h => h.SubmittedOn).SingleAsync()));
    }

    [Fact]
    public async Task The_attendance_export_is_named_for_the_portal_date()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using (var db = factory.NewContext())
        {
            db.Add(ConsultationGroup(Today.AddDays(-30), weeks: 20, trainerId: trainer.Id, name: "Late group"));
            await db.SaveChangesAsync();
        }
        var groupId = await factory.WithDbAsync(db => db.Groups.Where(g => g.TrainerId == trainer.Id).Select(g => g.Id).SingleAsync());
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var response = await client.GetAsync($"/groups/{groupId}/attendance.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"late-group-attendance-{Iso(Today)}.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task A_make_up_in_a_group_ahead_of_the_portal_is_logged_on_the_portal_date()
    {
        // A London cohort: at 23:30 in New York it is 04:30 the next day in London.
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var member = Person("mk");
        int groupId, meetingId;
        await using (var db = factory.NewContext())
        {
            var group = CourseCohort(Today.AddDays(-7 * 6 + 1));
            group.TrainerId = trainer.Id;
            group.TimeZoneId = "Europe/London";
            db.AddRange(group, member, Enroll(member, DefaultRuleSets.Keys.ImhCourse, Today.AddDays(-50), group));
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var past = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
            db.Attendance.Add(new Attendance { Meeting = past, PersonId = member.Id, Mark = AttendanceMark.Absent });
            await db.SaveChangesAsync();
            (groupId, meetingId) = (group.Id, past.Id);
        }
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var url = $"/groups/{groupId}/meetings/{meetingId}/make-ups";

        var response = await client.PostFormAsync(url, url, [new("PersonId", member.Id), new("Note", "Watched the recording")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Today, await factory.WithDbAsync(db => db.SessionMakeUps.Where(s => s.MeetingId == meetingId).Select(s => s.LoggedOn).SingleAsync()));
    }

    [Fact]
    public async Task The_rule_set_taking_effect_tomorrow_is_not_current_yet()
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        var current = RuleSetCatalog.Default.Versions(DefaultRuleSets.Keys.MioRostering)[^1];

        var tomorrows = PortalClient.Decode(await client.GetStringAsync($"/admin/rule-sets/{factory.Tomorrows.Key}/{factory.Tomorrows.Version}"));
        var todays = PortalClient.Decode(await client.GetStringAsync($"/admin/rule-sets/{current.Key}/{current.Version}"));

        Assert.DoesNotContain("current version", tomorrows);
        Assert.Contains("current version", todays);
        // The same date decides which version a new enrollment gets (EligibilityService.Today): the pages agree with it.
        var asOf = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<EligibilityService>().Today()));
        Assert.Equal(Today, asOf);
    }
}
