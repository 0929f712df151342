using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Features.Eligibility;
using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Tests.Infrastructure;
using static TrainingPortal.Web.Tests.Infrastructure.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Content;

/// <summary>Train-the-Trainer homework accepted or returned with comments by the cohort's faculty.</summary>
public sealed class HomeworkTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Member, Enrollment Enrollment, HomeworkAssignmentRecord Assignment);

    private async Task<Setup> SetupAsync()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-30);
        var group = new TrainingGroup
        {
            Kind = GroupKind.TrainTheTrainerCohort,
            ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer,
            Name = "TTT homework cohort",
            TrainerId = trainer.Id,
            StartDate = start,
            EndDate = start.AddDays(90),
            TimeZoneId = "America/New_York",
            DurationMinutes = 120,
        };
        var member = Person("hw");
        var enrollment = Enroll(member, DefaultRuleSets.Keys.MioTrainTheTrainer, start.AddDays(-5), group);
        db.AddRange(group, member, enrollment);
        await db.SaveChangesAsync();
        var assignment = new HomeworkAssignmentRecord { GroupId = group.Id, Title = "Handbook chapter 1", DueOn = Today.AddDays(-2) };
        db.Add(assignment);
        db.Add(new HomeworkSubmission { Assignment = assignment, PersonId = member.Id, SubmittedOn = Today.AddDays(-3) });
        await db.SaveChangesAsync();
        return new Setup(trainer, group, member, enrollment, assignment);
    }

    private static string Url(Setup s) => $"/groups/{s.Group.Id}/homework";

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Setup s, string decision, string comments = "", string? personId = null) =>
        client.PostFormAsync(Url(s), Url(s), [
            new("Form.AssignmentId", s.Assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.PersonId", personId ?? s.Member.Id), new("Form.Decision", decision), new("Form.Comments", comments)]);

    private Task<RequirementResult> HomeworkAsync(Setup s) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.Enrollment.Id])).Single().Verdict["homework"]!);

    private Task<HomeworkSubmission> StoredAsync(Setup s) =>
        factory.WithDbAsync(db => db.HomeworkSubmissions.AsNoTracking().SingleAsync(h => h.AssignmentId == s.Assignment.Id && h.PersonId == s.Member.Id));

    [Fact]
    public async Task Faculty_return_with_comments_then_accept_and_the_verdict_follows()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Contains("Handbook chapter 1", await client.GetStringAsync(Url(s)));
        Assert.NotEqual(RequirementStatus.Met, (await HomeworkAsync(s)).Status);

        var returned = await DecideAsync(client, s, "Return", "Add the reflection section.");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var stored = await StoredAsync(s);
        Assert.NotNull(stored.ReturnedOn);
        Assert.Null(stored.AcceptedOn);
        Assert.Equal("Add the reflection section.", stored.Comments);
        Assert.NotEqual(RequirementStatus.Met, (await HomeworkAsync(s)).Status);
        Assert.Contains("Returned", await client.GetStringAsync(Url(s)));

        var accepted = await DecideAsync(client, s, "Accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        stored = await StoredAsync(s);
        Assert.NotNull(stored.AcceptedOn);
        Assert.Null(stored.ReturnedOn);
        Assert.Equal(RequirementStatus.Met, (await HomeworkAsync(s)).Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(HomeworkSubmission) && a.ActorId == s.Trainer.Id)));
    }

    [Fact]
    public async Task Returning_without_comments_is_refused_next_to_the_field()
    {
        var s = await SetupAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var response = await DecideAsync(client, s, "Return", "   ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Say what the member should change", html);
        Assert.Contains("id=\"Form_Comments-error\"", html);
        Assert.Null((await StoredAsync(s)).ReturnedOn);
        var bogus = await DecideAsync(client, s, "7");
        Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
        Assert.Contains("Choose accept or return", PortalClient.Decode(await bogus.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Another_trainers_cohort_or_a_non_member_answers_404()
    {
        var s = await SetupAsync();
        var own = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(own, s, "Accept", personId: "not-a-member")).StatusCode);

        var stranger = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(stranger.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s))).StatusCode);
        var token = await client.GetTokenAsync("/profile");
        var post = await client.PostAsync(Url(s), new FormUrlEncodedContent([
            new("Form.AssignmentId", s.Assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.PersonId", s.Member.Id), new("Form.Decision", "Accept"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null((await StoredAsync(s)).AcceptedOn);
    }
}
