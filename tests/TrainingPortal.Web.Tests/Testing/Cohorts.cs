using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>A trainer, their group and one enrolled member, as the trainer screens' tests need them.</summary>
public sealed record OneMemberCohort(AppUser Trainer, TrainingGroup Group, AppUser Member, Enrollment Enrollment);

public static class Cohorts
{
    /// <summary>
    /// A Train-the-Trainer cohort that began 30 days before today in the portal's zone (90 days long, 120-minute
    /// sessions), led by a new trainer, with one member enrolled five days before it began.
    /// </summary>
    public static async Task<OneMemberCohort> TrainTheTrainerCohortAsync(this PortalFactory factory, string name, string memberTag,
        string timeZoneId = "America/New_York")
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = factory.PortalToday().AddDays(-30);
        var group = new TrainingGroup
        {
            Kind = GroupKind.TrainTheTrainerCohort,
            ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer,
            Name = name,
            TrainerId = trainer.Id,
            StartDate = start,
            EndDate = start.AddDays(90),
            TimeZoneId = timeZoneId,
            DurationMinutes = 120,
        };
        var member = Person(memberTag);
        var enrollment = Enroll(member, DefaultRuleSets.Keys.MioTrainTheTrainer, start.AddDays(-5), group);
        db.AddRange(group, member, enrollment);
        await db.SaveChangesAsync();
        return new OneMemberCohort(trainer, group, member, enrollment);
    }
}
