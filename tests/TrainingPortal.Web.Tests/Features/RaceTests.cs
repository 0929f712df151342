using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Homework;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// Contended writes, really at once: several signed-in clients (each with its own session and
/// antiforgery token) post the same change together against the test server and its SQLite file.
/// Nothing answers 500; exactly one row is written; the others are told, with the newer state.
/// </summary>
public sealed partial class RaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record Poster(HttpClient Client, string Token);

    private async Task<List<Poster>> PostersAsync(int count, string? email, string password, string tokenPage)
    {
        var posters = new List<Poster>();
        for (var i = 0; i < count; i++)
        {
            var client = email is null ? factory.CreatePortalClient() : await factory.SignedInAsync(email, password);
            var html = await client.GetStringAsync(tokenPage);
            posters.Add(new Poster(client, TokenPattern().Match(html).Groups[1].Value));
        }
        return posters;
    }

    /// <summary>Posts the same form from every poster at once; returns the answers.</summary>
    private static async Task<List<(HttpStatusCode Status, string Body)>> AllAtOnceAsync(List<Poster> posters, string path, params (string Key, string Value)[] fields)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = posters.Select(async p =>
        {
            await start.WaitAsync();
            using var response = await p.Client.PostAsync(path, new FormUrlEncodedContent(
                [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), new("__RequestVerificationToken", p.Token)]));
            return (response.StatusCode, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        }).ToList();
        start.Release(posters.Count);
        var answers = (await Task.WhenAll(tasks)).ToList();
        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"answered {(int)a.StatusCode}"));
        return answers;
    }

    [Fact]
    public async Task Ten_simultaneous_waivers_of_one_requirement_give_exactly_one_waiver()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-30), weeks: 20, name: "Waiver race");
        var person = Person("waived");
        var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-40), group);
        db.AddRange(group, person, enrollment);
        await db.SaveChangesAsync();
        var review = $"/admin/approvals/{enrollment.Id}";
        var posters = await PostersAsync(10, admin.Email, TestUsers.Password, review);

        var answers = await AllAtOnceAsync(posters, review + "/waive",
            ("Waive.RequirementKey", "consultation-attendance"), ("Waive.Reason", "Attended an equivalent group elsewhere."));

        Assert.Equal(1, await factory.WithDbAsync(d => d.Waivers.CountAsync(w => w.EnrollmentId == enrollment.Id)));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Redirect), a => Assert.Contains("is already waived", a.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simultaneous_first_saves_of_a_never_marked_meeting_save_once_and_show_the_others_the_newer_marks()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-30), weeks: 20, trainerId: trainer.Id, name: "Attendance race");
        var a = Person("a");
        var b = Person("b");
        db.AddRange(group, a, b, Enroll(a, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-40), group), Enroll(b, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-40), group));
        await db.SaveChangesAsync();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var meeting = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        var page = $"/groups/{group.Id}/meetings/{meeting.Id}/attendance";
        var posters = await PostersAsync(4, trainer.Email, TestUsers.Password, page);

        var answers = await AllAtOnceAsync(posters, page,
            ("Version", meeting.AttendanceVersion.ToString()), ("Rows[0].PersonId", a.Id), ("Rows[0].Mark", "Present"),
            ("Rows[1].PersonId", b.Id), ("Rows[1].Mark", "Absent"));

        Assert.Equal(2, await factory.WithDbAsync(d => d.Attendance.CountAsync(x => x.MeetingId == meeting.Id)));
        Assert.Single(answers, x => x.Status == HttpStatusCode.Redirect);
        Assert.All(answers.Where(x => x.Status != HttpStatusCode.Redirect), x =>
        {
            Assert.Equal(HttpStatusCode.Conflict, x.Status);
            Assert.Contains("Someone else changed this meeting or saved its attendance", x.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_address_create_one_account_and_answer_alike()
    {
        var posters = await PostersAsync(4, null, "", "/account/register");
        var address = $"race-{Guid.NewGuid():N}@test.local";

        var answers = await AllAtOnceAsync(posters, "/account/register",
            ("DisplayName", "Race Person"), ("Email", address), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password));

        var normalized = address.ToUpperInvariant();
        Assert.Equal(1, await factory.WithDbAsync(d => d.Users.CountAsync(u => u.NormalizedEmail == normalized)));
        Assert.All(answers, x => Assert.Equal(HttpStatusCode.OK, x.Status));
        Assert.Single(answers.Select(x => Regex.Replace(x.Body, "name=\"__RequestVerificationToken\"[^>]*>", "")).Distinct()); // no enumeration
    }

    [Fact]
    public async Task Simultaneous_calendar_address_requests_store_one_address()
    {
        var person = await factory.CreateAsync();
        var posters = await PostersAsync(4, person.Email, TestUsers.Password, "/profile/calendar");

        var answers = await AllAtOnceAsync(posters, "/profile/calendar");

        Assert.Equal(1, await factory.WithDbAsync(d => d.UserTokens.CountAsync(t => t.UserId == person.Id && t.Name == "CalendarFeed")));
        Assert.All(answers, x => Assert.Equal(HttpStatusCode.OK, x.Status));
    }

    [Fact]
    public async Task Simultaneous_registrations_of_one_training_case_code_store_one_case()
    {
        var trainee = await factory.CreateAsync();
        var posters = await PostersAsync(4, trainee.Email, TestUsers.Password, "/my/training-cases");

        var answers = await AllAtOnceAsync(posters, "/my/training-cases",
            ("Form.Code", "RC-1"), ("Form.ConsentDate", Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(1, await factory.WithDbAsync(d => d.TrainingCases.CountAsync(c => c.PersonId == trainee.Id)));
        Assert.Single(answers, x => x.Status == HttpStatusCode.Redirect);
        Assert.All(answers.Where(x => x.Status != HttpStatusCode.Redirect), x => Assert.Contains("You already have a training case RC-1", x.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simultaneous_homework_decisions_store_at_most_one_submission()
    {
        var (trainer, cohort, member, _) = await factory.TrainTheTrainerCohortAsync("TTT race cohort", "homework");
        await using var db = factory.NewContext();
        var assignment = new HomeworkAssignmentRecord { GroupId = cohort.Id, Title = "Reading race", DueOn = Today.AddDays(-1) };
        db.Add(assignment);
        await db.SaveChangesAsync();
        var page = $"/groups/{cohort.Id}/homework";
        var posters = await PostersAsync(4, trainer.Email, TestUsers.Password, page);

        // Four "record as handed in" clicks at once, each from a screen that showed nothing handed in.
        await AllAtOnceAsync(posters, page,
            ("Form.PersonId", member.Id), ("Form.AssignmentId", assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Form.Decision", "Received"), ("Form.Seen", HomeworkState.NotSubmitted));

        Assert.Equal(1, await factory.WithDbAsync(d => d.HomeworkSubmissions.CountAsync(h => h.AssignmentId == assignment.Id)));
    }

    [Fact]
    public async Task Simultaneous_disables_of_one_account_disable_it_without_a_server_error()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var person = await factory.CreateAsync();
        var page = $"/admin/people/{person.Id}";
        var posters = await PostersAsync(4, admin.Email, TestUsers.Password, page);

        var answers = await AllAtOnceAsync(posters, page + "/disable", ("Account.Reason", "Left the program in November."));

        Assert.NotNull((await factory.FindAsync(person.Email!))!.DisabledUtc);
        Assert.Contains(answers, x => x.Status == HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Simultaneous_removals_of_one_clip_and_of_one_case_session_answer_as_removed()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainee = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-30), weeks: 20, trainerId: trainer.Id, name: "Removal race");
        db.AddRange(group, Enroll(await db.Users.SingleAsync(u => u.Id == trainee.Id), DefaultRuleSets.Keys.MioRostering, Today.AddDays(-40), group));
        await db.SaveChangesAsync();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var meeting = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        var clip = new ClipPresentationRecord { PersonId = trainee.Id, MeetingId = meeting.Id, ClipCode = "clip-9", DeIdentified = true, Feedback = "Fine." };
        var trainingCase = new TrainingCaseRecord { PersonId = trainee.Id, Code = "RM-1", ConsentDate = Today.AddDays(-20) };
        trainingCase.Sessions.Add(new CaseSessionRecord { Date = Today.AddDays(-10), Recorded = true });
        db.AddRange(clip, trainingCase);
        await db.SaveChangesAsync();
        var clips = $"/groups/{group.Id}/meetings/{meeting.Id}/clips";
        var trainers = await PostersAsync(4, trainer.Email, TestUsers.Password, clips);
        var trainees = await PostersAsync(4, trainee.Email, TestUsers.Password, $"/my/training-cases/{trainingCase.Id}");

        var clipAnswers = await AllAtOnceAsync(trainers, $"{clips}/{clip.Id}/delete");
        var sessionAnswers = await AllAtOnceAsync(trainees, $"/my/training-cases/{trainingCase.Id}/sessions/{trainingCase.Sessions[0].Id}/delete", ("Confirm", "true"));

        Assert.Equal(0, await factory.WithDbAsync(d => d.ClipPresentations.CountAsync(c => c.Id == clip.Id)));
        Assert.Equal(0, await factory.WithDbAsync(d => d.CaseSessions.CountAsync(c => c.TrainingCaseId == trainingCase.Id)));
        Assert.Contains(clipAnswers, x => x.Status == HttpStatusCode.Redirect);
        Assert.Contains(sessionAnswers, x => x.Status == HttpStatusCode.Redirect);
    }
}
