using TrainingPortal.Web.Features.Groups;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Access;

/// <summary>
/// MIO content belongs to MIO groups (issue 9): a trainer of an IMH course cohort cannot open training cases or record
/// fidelity for its members — 404 for GET and POST, as for a group they do not lead; and every kind of group answers
/// each content screen as <see cref="GroupContent"/> says.
/// </summary>
public sealed class GroupContentKindTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static TrainingGroup Group(GroupKind kind, DateOnly start, string trainerId)
    {
        var group = kind switch
        {
            GroupKind.MioConsultation => ConsultationGroup(start, weeks: 20),
            GroupKind.MioClassroom => Classroom(start),
            GroupKind.ImhCourseCohort => CourseCohort(start),
            _ => new TrainingGroup
            {
                Kind = GroupKind.TrainTheTrainerCohort, ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer, Name = "TTT cohort",
                StartDate = start, EndDate = start.AddDays(90), TimeZoneId = "America/New_York", DurationMinutes = 120,
            },
        };
        group.TrainerId = trainerId;
        return group;
    }

    private static string ProgramOf(GroupKind kind) => kind switch
    {
        GroupKind.ImhCourseCohort => DefaultRuleSets.Keys.ImhCourse,
        GroupKind.TrainTheTrainerCohort => DefaultRuleSets.Keys.MioTrainTheTrainer,
        _ => DefaultRuleSets.Keys.MioRostering,
    };

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Member, int CaseId);

    /// <summary>A group of <paramref name="kind"/> led by a new trainer, with one active member who has a training case.</summary>
    private async Task<Setup> SetupAsync(GroupKind kind)
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-30);
        var group = Group(kind, start, trainer.Id);
        var member = Person("member");
        var enrollment = kind == GroupKind.MioClassroom
            ? Enroll(member, DefaultRuleSets.Keys.MioRostering, start.AddDays(-5), classroom: group)
            : Enroll(member, ProgramOf(kind), start.AddDays(-5), group);
        var trainingCase = new TrainingCaseRecord { PersonId = member.Id, Code = "TC-7", ConsentDate = start };
        db.AddRange(group, member, enrollment, trainingCase);
        await db.SaveChangesAsync();
        return new Setup(trainer, group, member, trainingCase.Id);
    }

    [Fact]
    public async Task A_course_cohort_trainer_cannot_open_or_verify_its_members_training_cases()
    {
        var s = await SetupAsync(GroupKind.ImhCourseCohort);
        var trainer = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var url = $"/groups/{s.Group.Id}/training-cases";

        var page = await trainer.GetAsync(url);
        var verify = await trainer.PostFormAsync("/", $"{url}/{s.CaseId}/verify", [new("verified", "true")]);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.TrainingCases.Where(c => c.Id == s.CaseId).Select(c => c.Verified).SingleAsync()));
    }

    [Fact]
    public async Task A_course_cohort_trainer_cannot_open_or_record_fidelity_for_its_members()
    {
        var s = await SetupAsync(GroupKind.ImhCourseCohort);
        var trainer = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var url = $"/groups/{s.Group.Id}/fidelity";

        var page = await trainer.GetAsync(url);
        var record = await trainer.PostFormAsync("/", url,
            [new("Form.PersonId", s.Member.Id), new("Form.Date", Iso(Today.AddDays(-1))), new("Form.Outcome", nameof(FidelityOutcome.Adherent)), new("Form.Notes", "x")]);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.FidelityReviews.AnyAsync(r => r.PersonId == s.Member.Id)));
    }

    /// <summary>Guard: every kind of group, for an administrator (who sees every group), against the table in <see cref="GroupContent"/>.</summary>
    [Theory]
    [InlineData(GroupKind.MioConsultation)]
    [InlineData(GroupKind.MioClassroom)]
    [InlineData(GroupKind.ImhCourseCohort)]
    [InlineData(GroupKind.TrainTheTrainerCohort)]
    public async Task Each_content_screen_answers_only_for_the_kinds_of_group_it_belongs_to(GroupKind kind)
    {
        var s = await SetupAsync(kind);
        var admin = await factory.SignedInAsync("admin@demo.local");
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var meetingId = await factory.WithDbAsync(db => db.Meetings.Where(m => m.GroupId == s.Group.Id && m.StartsUtc < now)
            .OrderBy(m => m.StartsUtc).Select(m => (int?)m.Id).FirstOrDefaultAsync());

        static HttpStatusCode Expected(IReadOnlyCollection<GroupKind> kinds, GroupKind kind) => kinds.Contains(kind) ? HttpStatusCode.OK : HttpStatusCode.NotFound;

        Assert.Equal(Expected(GroupContent.TrainingCases, kind), (await admin.GetAsync($"/groups/{s.Group.Id}/training-cases")).StatusCode);
        Assert.Equal(Expected(GroupContent.Fidelity, kind), (await admin.GetAsync($"/groups/{s.Group.Id}/fidelity")).StatusCode);
        if (meetingId is { } id)
        {
            Assert.Equal(Expected(GroupContent.Clips, kind), (await admin.GetAsync($"/groups/{s.Group.Id}/meetings/{id}/clips")).StatusCode);
        }
        Assert.DoesNotContain(GroupKind.ImhCourseCohort, GroupContent.TrainingCases.Concat(GroupContent.Fidelity).Concat(GroupContent.Clips));
    }
}
