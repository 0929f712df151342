using TrainingPortal.Web.Features.Clips;
using TrainingPortal.Web.Features.TrainingCases;
using TrainingPortal.Web.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Clips;

/// <summary>Audio clips recorded per consultation meeting by the group's trainer.</summary>
public sealed class ClipTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Present, AppUser Absent, Enrollment PresentEnrollment, Meeting Past, Meeting Future);

    private async Task<Setup> SetupAsync()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: 20, trainerId: trainer.Id, name: "Clips group");
        var present = Person("present");
        var absent = Person("absent");
        var enrollment = Enroll(present, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group);
        db.AddRange(group, present, absent, enrollment, Enroll(absent, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group));
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var past = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        var future = group.Meetings.Where(m => m.StartsUtc > now).OrderBy(m => m.StartsUtc).First();
        db.Attendance.Add(new Attendance { Meeting = past, PersonId = present.Id, Mark = AttendanceMark.Present });
        db.Attendance.Add(new Attendance { Meeting = past, PersonId = absent.Id, Mark = AttendanceMark.Absent });
        await db.SaveChangesAsync();
        return new Setup(trainer, group, present, absent, enrollment, past, future);
    }

    private static string Url(Setup s, Meeting m) => $"/groups/{s.Group.Id}/meetings/{m.Id}/clips";

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, Setup s, Meeting m, string personId, string code, bool deIdentified = true, string feedback = "Noticed the caregiver's pause.")
    {
        var fields = new List<KeyValuePair<string, string>> { new("Form.PersonId", personId), new("Form.ClipCode", code), new("Form.Feedback", feedback) };
        if (deIdentified)
        {
            fields.Add(new("Form.DeIdentified", "true"));
        }
        return client.PostFormAsync(Url(s, m), Url(s, m), fields);
    }

    private Task<decimal> ClipsCountedAsync(Setup s) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.PresentEnrollment.Id])).Single().Verdict["audio-clips"]!.Current);

    [Fact]
    public async Task A_clip_for_a_present_member_is_recorded_and_counts_toward_the_verdict()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var before = await ClipsCountedAsync(s);

        var response = await AddAsync(client, s, s.Past, s.Present.Id, "TC-1-03");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, await ClipsCountedAsync(s));
        var stored = await factory.WithDbAsync(db => db.ClipPresentations.AsNoTracking().SingleAsync(c => c.MeetingId == s.Past.Id));
        Assert.True(stored.DeIdentified);
        Assert.Equal("TC-1-03", stored.ClipCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ClipPresentationRecord) && a.ActorId == s.Trainer.Id)));
        var page = await client.GetStringAsync(Url(s, s.Past));
        Assert.Contains("TC-1-03", page);
        Assert.DoesNotContain("data-testid=\"not-present-warning\"", page);

        var clipId = stored.Id;
        var delete = await client.PostFormAsync(Url(s, s.Past), $"{Url(s, s.Past)}/{clipId}/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(before, await ClipsCountedAsync(s));
    }

    [Fact]
    public async Task A_clip_for_a_member_not_marked_present_is_saved_with_a_warning()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await AddAsync(client, s, s.Past, s.Absent.Id, "C-9");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(Url(s, s.Past));
        Assert.Contains("will not count", page);
        Assert.Contains("data-testid=\"not-present-warning\"", page);
    }

    [Fact]
    public async Task Missing_confirmation_feedback_or_member_is_refused_with_what_was_typed_kept()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await AddAsync(client, s, s.Past, s.Present.Id, "KEEP-ME-7", deIdentified: false, feedback: "");
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Confirm the clip was de-identified", html);
        Assert.Contains("Enter the feedback given", html);
        Assert.Contains("value=\"KEEP-ME-7\"", html);

        var stranger = Person("stranger");
        await using (var db = factory.NewContext())
        {
            db.Add(stranger);
            await db.SaveChangesAsync();
        }
        var outsider = await AddAsync(client, s, s.Past, stranger.Id, "X-1");
        Assert.Contains("Choose a member of this group", PortalClient.Decode(await outsider.Content.ReadAsStringAsync()));
        var future = await AddAsync(client, s, s.Future, s.Present.Id, "X-2");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("has not taken place yet", await future.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.ClipPresentations.AnyAsync(c => c.Meeting!.GroupId == s.Group.Id)));
    }

    [Fact]
    public async Task A_name_or_a_long_string_is_refused_as_a_clip_code_by_the_training_case_code_rule()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var name = await AddAsync(client, s, s.Past, s.Present.Id, "Jane Doe");
        Assert.Equal(HttpStatusCode.OK, name.StatusCode);
        var html = PortalClient.Decode(await name.Content.ReadAsStringAsync());
        Assert.Contains($"id=\"Form_ClipCode-error\">{PseudonymousCode.Message(CodeKind.Clip)}", html);
        Assert.Contains("value=\"Jane Doe\"", html);

        var long500 = new string('A', 500);
        var tooLong = PortalClient.Decode(await (await AddAsync(client, s, s.Past, s.Present.Id, long500)).Content.ReadAsStringAsync());
        Assert.Contains("id=\"Form_ClipCode-error\">Keep the code to 16 characters (you typed 500).", tooLong);
        Assert.Contains($"value=\"{long500}\"", tooLong);
        Assert.False(await factory.WithDbAsync(db => db.ClipPresentations.AnyAsync(c => c.MeetingId == s.Past.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, s, s.Past, s.Present.Id, " tc-2-04 ")).StatusCode);
        Assert.Equal("TC-2-04", await factory.WithDbAsync(db => db.ClipPresentations.Where(c => c.MeetingId == s.Past.Id).Select(c => c.ClipCode).SingleAsync()));
    }

    /// <summary>Training cases and clips share one rule: a clip code is a case code, optionally with the clip's number.</summary>
    [Theory]
    [InlineData("TC-1", true, true)]
    [InlineData("a7", true, true)]
    [InlineData("CASE-1234", true, true)]
    [InlineData("TC-1-03", false, true)]
    [InlineData("Jane Doe", false, false)]
    [InlineData("JD 1990-04-02", false, false)]
    [InlineData("555-1234", false, false)]
    [InlineData("jane.doe@example.org", false, false)]
    [InlineData("TC-1-03-04", false, false)]
    [InlineData("TOOLONG-1", false, false)]
    [InlineData("", false, false)]
    public void Case_and_clip_validators_apply_the_same_pseudonymous_code_rule(string code, bool caseCode, bool clipCode)
    {
        var caseErrors = new CaseFormValidator(new Web.Time.PortalClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new PortalOptions()))).Validate(new CaseForm { Code = code }).Errors.Where(e => e.PropertyName == nameof(CaseForm.Code));
        var clipErrors = new ClipFormValidator().Validate(new ClipForm { ClipCode = code }).Errors.Where(e => e.PropertyName == nameof(ClipForm.ClipCode));

        Assert.Equal(caseCode, !caseErrors.Any());
        Assert.Equal(clipCode, !clipErrors.Any());
        Assert.Equal(caseCode, PseudonymousCode.IsValid(code, CodeKind.TrainingCase));
        Assert.Equal(clipCode, PseudonymousCode.IsValid(code, CodeKind.Clip));
    }

    [Fact]
    public async Task Another_trainers_group_answers_404()
    {
        var s = await SetupAsync();
        var stranger = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(stranger.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s, s.Past))).StatusCode);
        var token = await client.GetTokenAsync("/profile");
        var post = await client.PostAsync(Url(s, s.Past), new FormUrlEncodedContent([
            new("Form.PersonId", s.Present.Id), new("Form.ClipCode", "X-1"), new("Form.DeIdentified", "true"), new("Form.Feedback", "f"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ClipPresentations.AnyAsync(c => c.MeetingId == s.Past.Id)));
    }
}
