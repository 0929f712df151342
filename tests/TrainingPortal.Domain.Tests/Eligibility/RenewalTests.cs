using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class RenewalTests
{
    private const string Rs = "imh-renewal@1";
    private static readonly DateOnly RenewalDay = D("2026-01-31");

    private static Evidence Renewal(decimal hours, decimal rscTopicHours = 0) => new()
    {
        HeldEndorsement = EndorsementLevel.LevelIII,
        TrainingHours =
        [
            new TrainingHoursEntry(D("2025-03-01"), hours - rscTopicHours, RelationshipBased: true, Verified: true),
            new TrainingHoursEntry(D("2025-09-01"), rscTopicHours, RelationshipBased: true, Verified: true, AboutReflectiveSupervision: true),
            new TrainingHoursEntry(D("2024-12-31"), 10m, RelationshipBased: true, Verified: true), // previous year
        ],
        Memberships = [new Membership(D("2025-02-01"), D("2026-01-31"))],
        ReflectiveSupervision = [new RscEntry(D("2025-05-01"), 1.5m, true, EndorsementLevel.LevelIVClinical)],
    };

    [Theory]
    [InlineData(14.5, RequirementStatus.NotMet, OverallStatus.NotYetEligible)]
    [InlineData(15, RequirementStatus.Met, OverallStatus.Eligible)]
    public void Renewal_needs_15_hours_in_the_endorsement_year(double hours, RequirementStatus expected, OverallStatus overall)
    {
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, Renewal((decimal)hours), RenewalDay);

        Assert.Equal(expected, verdict["annual-training"]!.Status);
        Assert.Equal((decimal)hours, verdict["annual-training"]!.Current);
        Assert.Equal(overall, verdict.Status);
    }

    [Theory]
    [InlineData("2026-01-31", "2025-01-01", "2025-12-31", "2026-01-31")]
    [InlineData("2026-02-01", "2026-01-01", "2026-12-31", "2027-01-31")]
    [InlineData("2025-12-31", "2025-01-01", "2025-12-31", "2026-01-31")]
    public void Renewal_period_is_the_previous_calendar_year_until_the_due_date(string asOf, string start, string end, string due)
    {
        Assert.Equal(new RenewalPeriod(D(start), D(end), D(due)), DefaultRuleSets.YearlyRenewal.PeriodFor(D(asOf)));
    }

    [Theory]
    [InlineData("2026-01-30", RequirementStatus.NotMet)] // expired the day before
    [InlineData("2026-01-31", RequirementStatus.Met)]
    public void Membership_must_be_current_on_the_renewal_date(string to, RequirementStatus expected)
    {
        var evidence = Renewal(15m) with { Memberships = [new Membership(D("2025-02-01"), D(to))] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, RenewalDay);

        Assert.Equal(expected, verdict["membership-renewed"]!.Status);
    }

    [Theory]
    [InlineData(EndorsementLevel.LevelIVClinical, true, 2, RequirementStatus.NotMet)]
    [InlineData(EndorsementLevel.LevelIVClinical, true, 3, RequirementStatus.Met)]
    [InlineData(EndorsementLevel.LevelIVClinical, false, 0, RequirementStatus.NotApplicable)]
    [InlineData(EndorsementLevel.LevelIII, true, 0, RequirementStatus.NotApplicable)]
    public void RSC_training_is_recommended_for_Level_IV_Clinical_providers_and_never_blocks(EndorsementLevel level, bool provides,
        int rscHours, RequirementStatus expected)
    {
        var evidence = Renewal(15m, rscHours) with { HeldEndorsement = level, ProvidesReflectiveSupervision = provides };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, RenewalDay);

        Assert.Equal(expected, verdict["rsc-training"]!.Status);
        Assert.False(verdict["rsc-training"]!.Blocking);
        Assert.Equal(OverallStatus.Eligible, verdict.Status);
    }

    [Fact]
    public void Receiving_no_RSC_is_advisory_only()
    {
        var evidence = Renewal(15m) with { ReflectiveSupervision = [] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(Rs)!, evidence, RenewalDay);

        Assert.Equal(RequirementStatus.NotMet, verdict["reflective-supervision-recommended"]!.Status);
        Assert.Equal(OverallStatus.Eligible, verdict.Status);
        Assert.Equal("reflective-supervision-recommended", verdict.NextStep?.RequirementKey);
    }
}
