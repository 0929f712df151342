using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Eligibility;

/// <summary>The service evaluates as of today in the portal's time zone, under each enrollment's own rule set.</summary>
public sealed class EligibilityServiceTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public EligibilityServiceTests(PortalFactory factory)
    {
        _factory = factory;
        // 03:30 UTC on 2 March is still 1 March in New York (the portal's default time zone). The fake clock only moves forward.
        _factory.Time.SetUtcNow(new DateTimeOffset(2027, 3, 2, 3, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Today_is_the_portal_time_zones_date_and_each_enrollment_keeps_its_rule_set()
    {
        string personId;
        await using (var db = _factory.NewContext())
        {
            var person = Person("service");
            var oldL3 = Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL3, new DateOnly(2024, 12, 31));
            oldL3.Withdraw(new DateOnly(2025, 2, 1), "restarted under the new rules");
            db.AddRange(person, oldL3, Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL3, new DateOnly(2025, 1, 1)),
                Enroll(person, DefaultRuleSets.Keys.ImhCourse, new DateOnly(2026, 1, 5)));
            await db.SaveChangesAsync();
            personId = person.Id;
        }

        var (today, active, all) = await _factory.WithScopeAsync(async services =>
        {
            var service = services.GetRequiredService<EligibilityService>();
            return (service.Today(), await service.ForPersonAsync(personId), await service.ForPersonAsync(personId, includeInactive: true));
        });

        Assert.Equal(new DateOnly(2027, 3, 1), today);
        Assert.Equal(["imh-endorsement-l3@2", "imh-course@1"], active.Select(v => v.RuleSet.Id));
        Assert.All(active, v => Assert.Equal(today, v.Verdict.AsOf));
        Assert.Equal(["imh-endorsement-l3@1", "imh-endorsement-l3@2", "imh-course@1"], all.Select(v => v.Verdict.RuleSetId));
        Assert.Contains(all[0].Verdict.Requirements, r => r.Key == "exam"); // version 1 still asks for the exam
        Assert.DoesNotContain(all[1].Verdict.Requirements, r => r.Key == "exam");
    }
}
