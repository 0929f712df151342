using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Eligibility;

/// <summary>
/// The portal evaluates "as of today" in the portal's zone, and as of D means the end of day D (spec): a call
/// dated today is held — its attendance counts — even in the morning before it starts, as a clip played today does.
/// Own fixture: the test moves the clock.
/// </summary>
public sealed class AsOfDateTests(AsOfDateTests.Fixture factory) : IClassFixture<AsOfDateTests.Fixture>
{
    public sealed class Fixture : PortalFactory;

    /// <summary>Mondays from 1 February 2027, 12:00 New York; ten calls.</summary>
    private static readonly DateOnly Start = new(2027, 2, 1);

    [Fact]
    public async Task A_call_dated_today_counts_on_the_home_page_and_one_dated_tomorrow_does_not()
    {
        var user = await factory.CreateAsync();
        int enrollmentId;
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == user.Id);
            var group = ConsultationGroup(Start, weeks: 10);
            var classroom = Classroom(Start.AddDays(-14));
            var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, Start.AddDays(-20), group, classroom);
            db.AddRange(group, classroom, enrollment);
            foreach (var meeting in group.Meetings.OrderBy(m => m.StartsUtc).Take(5))
            {
                db.Attendance.Add(new Attendance { Meeting = meeting, PersonId = person.Id, Mark = AttendanceMark.Present });
            }
            await db.SaveChangesAsync();
            enrollmentId = enrollment.Id;
        }

        // Sunday 28 February, 23:00 in New York: the fifth call (Monday 1 March) is tomorrow.
        factory.Time.SetUtcNow(new DateTimeOffset(2027, 3, 1, 4, 0, 0, TimeSpan.Zero));
        var evening = await AttendanceAsync(enrollmentId);
        Assert.Equal((4m, 6), (evening.Current, evening.Forecast!.RemainingScheduled!.Value));

        // Monday 1 March, 09:00 in New York, three hours before the call: as of today it is held.
        factory.Time.SetUtcNow(new DateTimeOffset(2027, 3, 1, 14, 0, 0, TimeSpan.Zero));
        var morning = await AttendanceAsync(enrollmentId);
        Assert.Equal((5m, 5), (morning.Current, morning.Forecast!.RemainingScheduled!.Value));

        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var html = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("So far you attended 5 of 5 held calls.", html, StringComparison.Ordinal);
        Assert.Contains("standing on 1 March 2027", html, StringComparison.Ordinal);
    }

    private async Task<RequirementResult> AttendanceAsync(int enrollmentId)
    {
        var verdicts = await factory.WithScopeAsync(sp => sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollmentId]));
        return Assert.Single(verdicts).Verdict["consultation-attendance"]!;
    }
}
