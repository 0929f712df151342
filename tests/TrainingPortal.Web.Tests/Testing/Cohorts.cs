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

    /// <summary>
    /// An IMH course cohort (11 weekly sessions) that began 30 days before today in the portal's zone, led by a new
    /// trainer, with one member (a trainee who can sign in with <see cref="TestUsers.Password"/>) enrolled before it began.
    /// </summary>
    public static async Task<OneMemberCohort> ImhCourseCohortAsync(this PortalFactory factory)
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var member = await factory.CreateAsync(Roles.Trainee);
        await using var db = factory.NewContext();
        var start = factory.PortalToday().AddDays(-30);
        var group = CourseCohort(start);
        group.TrainerId = trainer.Id;
        var enrollment = Enroll(member, DefaultRuleSets.Keys.ImhCourse, start.AddDays(-5), group);
        db.AddRange(group, enrollment);
        await db.SaveChangesAsync();
        return new OneMemberCohort(trainer, group, member, enrollment);
    }

    /// <summary>Another trainee enrolled in <paramref name="group"/> (an IMH course cohort).</summary>
    public static async Task<(AppUser Member, Enrollment Enrollment)> AddCourseMemberAsync(this PortalFactory factory, TrainingGroup group)
    {
        var member = await factory.CreateAsync(Roles.Trainee);
        await using var db = factory.NewContext();
        var enrollment = Enroll(member, DefaultRuleSets.Keys.ImhCourse, group.StartDate.AddDays(-5));
        enrollment.GroupId = group.Id;
        db.Add(enrollment);
        await db.SaveChangesAsync();
        return (member, enrollment);
    }
}
