using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class EndorsementTests
{
    private const string L3v1 = "imh-endorsement-l3@1";
    private const string L3v2 = "imh-endorsement-l3@2";
    private const string L4 = "imh-endorsement-l4@1";

    /// <summary>Meets every Level III (version 1) requirement as of <see cref="Build.Today"/>.</summary>
    internal static Evidence EligibleL3() => new()
    {
        Degrees = [new Degree(DegreeKind.MSW, D("2018-05-15"), TranscriptVerified: true)],
        TrainingHours = [new TrainingHoursEntry(D("2023-03-01"), 30m, RelationshipBased: true, Verified: true)],
        WorkExperience = [new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2018-06-01"), D("2020-05-31"))],
        ReflectiveSupervision = [.. Enumerable.Range(0, 25).Select(i => Rsc(D("2023-01-10").AddMonths(i / 2), 2m))],
        References =
        [
            new ReferenceRating(ReferenceSource.Supervisor, EndorsementLevel.None, Received: true),
            new ReferenceRating(ReferenceSource.RscProvider, EndorsementLevel.LevelIII, Received: true),
            new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, Received: true),
        ],
        EthicsAgreementSignedOn = D("2025-01-10"),
        PortfolioApprovedOn = D("2025-05-01"),
        ExamResults = [new ExamResult(D("2025-04-01"), Passed: true)],
        Memberships = [new Membership(D("2025-01-01"), D("2025-12-31"))],
    };

    internal static RscEntry Rsc(DateOnly date, decimal hours, EndorsementLevel level = EndorsementLevel.LevelIII, bool approved = true) =>
        new(date, hours, approved, level);

    [Theory]
    [InlineData(L3v1)]
    [InlineData(L3v2)]
    public void Complete_Level_III_evidence_is_eligible(string id)
    {
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(id)!, EligibleL3(), Today);

        Assert.Equal(OverallStatus.Eligible, verdict.Status);
    }

    [Theory]
    [InlineData(L3v1, OverallStatus.NotYetEligible)]
    [InlineData(L3v2, OverallStatus.Eligible)]
    public void Level_III_exam_is_required_under_version_1_only(string id, OverallStatus expected)
    {
        var evidence = EligibleL3() with { ExamResults = [new ExamResult(D("2025-04-01"), Passed: false)] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(id)!, evidence, Today);

        Assert.Equal(expected, verdict.Status);
        Assert.Equal(id == L3v1, verdict["exam"] is not null);
    }

    [Theory]
    [InlineData("2024-12-31", OverallStatus.NotYetEligible)]
    [InlineData("2025-01-01", OverallStatus.Eligible)]
    public void Application_started_on_2025_01_01_is_evaluated_without_the_exam(string started, OverallStatus expected)
    {
        var ruleSet = RuleSetCatalog.Default.Current("imh-endorsement-l3", D(started))!;

        var verdict = RuleEvaluator.Evaluate(ruleSet, EligibleL3() with { ExamResults = [] }, Today);

        Assert.Equal(expected, verdict.Status);
    }

    [Theory]
    [InlineData(DegreeKind.MSW, true, RequirementStatus.Met)]
    [InlineData(DegreeKind.MSW, false, RequirementStatus.NotMet)] // transcript not verified
    [InlineData(DegreeKind.BA, true, RequirementStatus.NotMet)]   // not a graduate degree
    public void Level_III_education_needs_a_verified_graduate_degree(DegreeKind kind, bool verified, RequirementStatus expected)
    {
        var evidence = EligibleL3() with { Degrees = [new Degree(kind, D("2018-05-15"), verified)] };

        Assert.Equal(expected, Evaluate(L3v1, evidence, "education").Status);
    }

    [Theory]
    [InlineData(29.75, RequirementStatus.NotMet)]
    [InlineData(30, RequirementStatus.Met)]
    public void Thirty_verified_relationship_based_hours_are_required(double hours, RequirementStatus expected)
    {
        var evidence = EligibleL3() with
        {
            TrainingHours =
            [
                new TrainingHoursEntry(D("2023-03-01"), (decimal)hours, RelationshipBased: true, Verified: true),
                new TrainingHoursEntry(D("2023-03-02"), 10m, RelationshipBased: true, Verified: false),
                new TrainingHoursEntry(D("2023-03-03"), 10m, RelationshipBased: false, Verified: true),
            ],
        };

        var r = Evaluate(L3v1, evidence, "training-hours");

        Assert.Equal(expected, r.Status);
        Assert.Equal((decimal)hours, r.Current);
        Assert.Equal(2, r.Findings.Count);
    }

    [Theory]
    [InlineData("2018-06-01", "2020-05-29", RequirementStatus.NotMet)] // 729 days
    [InlineData("2018-06-01", "2020-05-30", RequirementStatus.Met)]    // 730 days (a leap day inside gives one day of slack)
    [InlineData("2021-01-01", "2022-12-31", RequirementStatus.Met)]    // exactly 730 days
    [InlineData("2021-01-01", "2022-12-30", RequirementStatus.NotMet)]
    public void Two_years_of_work_are_730_covered_days(string start, string end, RequirementStatus expected)
    {
        var evidence = EligibleL3() with { WorkExperience = [new WorkPeriod(WorkKind.SupervisedDyadicImh, D(start), D(end))] };

        Assert.Equal(expected, Evaluate(L3v1, evidence, "work-experience").Status);
    }

    [Fact]
    public void Overlapping_work_periods_are_counted_once()
    {
        // Two jobs over the same 18 months plus 6 more months: 24 months only if overlaps were double-counted.
        var evidence = EligibleL3() with
        {
            WorkExperience =
            [
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2019-01-01"), D("2020-06-30")),
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2019-01-01"), D("2020-06-30")),
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2020-03-01"), D("2020-06-30")),
            ],
        };

        var r = Evaluate(L3v1, evidence, "work-experience");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(17.9m, r.Current); // 547 days
    }

    [Fact]
    public void Adjacent_and_overlapping_periods_merge_into_two_years()
    {
        var evidence = EligibleL3() with
        {
            WorkExperience =
            [
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2021-01-01"), D("2021-12-31")),
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2021-10-01"), D("2022-06-30")),
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2022-07-01"), D("2022-12-31")),
            ],
        };

        Assert.Equal(RequirementStatus.Met, Evaluate(L3v1, evidence, "work-experience").Status);
    }

    [Fact]
    public void Work_before_the_degree_does_not_count()
    {
        // Two full years, but the master's was awarded half-way through.
        var evidence = EligibleL3() with
        {
            Degrees = [new Degree(DegreeKind.MSW, D("2021-12-31"), true)],
            WorkExperience = [new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2021-01-01"), D("2022-12-31"))],
        };

        var r = Evaluate(L3v1, evidence, "work-experience");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains(r.Findings, f => f.Problem.Contains("after the degree", StringComparison.Ordinal));
    }

    [Fact]
    public void Work_of_another_kind_does_not_count()
    {
        var evidence = EligibleL3() with { WorkExperience = [new WorkPeriod(WorkKind.InfantFamilyPaid, D("2018-01-01"), D("2021-05-31"))] };

        var r = Evaluate(L3v1, evidence, "work-experience");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(0m, r.Current);
        Assert.DoesNotContain(r.Findings, f => f.Problem.Contains("after your degree", StringComparison.Ordinal));
    }

    [Fact]
    public void Ongoing_work_counts_up_to_the_evaluation_date()
    {
        var evidence = EligibleL3() with { WorkExperience = [new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2023-07-01"), null)] };

        // 2023-07-01 .. 2025-06-28 = 729 days; .. 2025-06-29 = 730 days.
        Assert.Equal(RequirementStatus.NotMet, Evaluate(L3v1, evidence, "work-experience", D("2025-06-28")).Status);
        Assert.Equal(RequirementStatus.Met, Evaluate(L3v1, evidence, "work-experience", D("2025-06-29")).Status);
    }

    [Theory]
    [InlineData(49.5, RequirementStatus.NotMet)]
    [InlineData(50, RequirementStatus.Met)]
    public void Fifty_RSC_hours_are_required(double lastHours, RequirementStatus expected)
    {
        var evidence = EligibleL3() with
        {
            ReflectiveSupervision = [Rsc(D("2024-01-10"), 40m), Rsc(D("2024-06-10"), (decimal)lastHours - 40m)],
        };

        var r = Evaluate(L3v1, evidence, "reflective-supervision");

        Assert.Equal(expected, r.Status);
        Assert.Equal((decimal)lastHours, r.Current);
    }

    [Theory]
    [InlineData("2024-01-09", RequirementStatus.Met)]    // last day of the 24-month window starting 2022-01-10
    [InlineData("2024-01-10", RequirementStatus.NotMet)] // one day too late
    public void RSC_hours_must_fall_within_24_consecutive_months(string second, RequirementStatus expected)
    {
        var evidence = EligibleL3() with { ReflectiveSupervision = [Rsc(D("2022-01-10"), 25m), Rsc(D(second), 25m)] };

        Assert.Equal(expected, Evaluate(L3v1, evidence, "reflective-supervision").Status);
    }

    [Fact]
    public void RSC_window_arithmetic_uses_calendar_months()
    {
        // 2023-08-31 + 24 months = 2025-08-31; a window starting 2022-02-28 ends 2024-02-27.
        var evidence = EligibleL3() with { ReflectiveSupervision = [Rsc(D("2022-02-28"), 25m), Rsc(D("2024-02-28"), 25m)] };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(L3v1, evidence, "reflective-supervision").Status);
    }

    [Fact]
    public void Best_RSC_window_slides_over_the_entries()
    {
        // 20 h in 2020 (too old to combine), then 30 h + 20 h within 24 months later.
        var evidence = EligibleL3() with
        {
            ReflectiveSupervision = [Rsc(D("2020-01-01"), 20m), Rsc(D("2022-06-01"), 30m), Rsc(D("2024-05-31"), 20m)],
        };

        var r = Evaluate(L3v1, evidence, "reflective-supervision");

        Assert.Equal(RequirementStatus.Met, r.Status);
        Assert.Equal(50m, r.Current);
    }

    [Theory]
    [InlineData(EndorsementLevel.LevelII, true)]          // wrong level for Level III
    [InlineData(EndorsementLevel.LevelIVPolicy, true)]    // Level III needs III or IV-Clinical
    [InlineData(EndorsementLevel.LevelIVClinical, false)] // right level, but not an approved provider
    public void RSC_from_a_wrong_level_or_unapproved_provider_does_not_count(EndorsementLevel level, bool approved)
    {
        var evidence = EligibleL3() with { ReflectiveSupervision = [Rsc(D("2024-01-10"), 45m), Rsc(D("2024-03-10"), 5m, level, approved)] };

        var r = Evaluate(L3v1, evidence, "reflective-supervision");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(45m, r.Current);
        Assert.Single(r.Findings);
    }

    [Fact]
    public void Training_a_reviewer_did_not_accept_is_named_so_and_one_still_pending_is_not_verified_yet()
    {
        var evidence = EligibleL3() with
        {
            TrainingHours =
            [
                new TrainingHoursEntry(D("2024-01-10"), 30m, RelationshipBased: true, Verified: true),
                new TrainingHoursEntry(D("2024-02-10"), 3m, RelationshipBased: true, Verified: false, Title: "Pending course"),
                new TrainingHoursEntry(D("2024-03-10"), 3m, RelationshipBased: true, Verified: false, Title: "Refused course", NotAccepted: true),
            ],
        };

        var r = Evaluate(L3v1, evidence, "training-hours");

        Assert.Equal(30m, r.Current);
        Assert.Equal([("Pending course", "not verified yet"), ("Refused course", "not accepted by the reviewer")], r.Findings.Select(f => (f.Item, f.Problem)));
    }

    [Fact]
    public void RSC_with_a_provider_not_verified_yet_is_named_pending_and_one_a_reviewer_refused_is_named_not_accepted()
    {
        var evidence = EligibleL3() with
        {
            ReflectiveSupervision =
            [
                Rsc(D("2024-01-10"), 45m),
                Rsc(D("2024-03-10"), 5m, EndorsementLevel.LevelIVClinical, false),
                new RscEntry(D("2024-04-10"), 3m, false, EndorsementLevel.LevelIVClinical, NotAccepted: true),
            ],
        };

        var r = Evaluate(L3v1, evidence, "reflective-supervision");

        Assert.Equal(45m, r.Current);
        Assert.Equal(["pending verification of the provider", "not accepted by the reviewer"], r.Findings.Select(f => f.Problem));
        Assert.DoesNotContain(r.Findings, f => f.Problem.Contains("not an approved", StringComparison.Ordinal));
    }

    [Fact]
    public void Peer_supervision_does_not_count()
    {
        var evidence = EligibleL3() with
        {
            ReflectiveSupervision = [Rsc(D("2024-01-10"), 45m), new RscEntry(D("2024-03-10"), 5m, true, EndorsementLevel.LevelIII, Peer: true)],
        };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(L3v1, evidence, "reflective-supervision").Status);
    }

    [Fact]
    public void RSC_forecast_gives_hours_still_needed_and_when_the_oldest_hours_fall_out()
    {
        var evidence = EligibleL3() with
        {
            ReflectiveSupervision = [Rsc(D("2023-07-15"), 10m), Rsc(D("2024-02-01"), 20m), Rsc(D("2025-06-01"), 12m)],
        };

        var r = Evaluate(L3v1, evidence, "reflective-supervision");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(42m, r.Current);
        Assert.NotNull(r.Forecast);
        Assert.Equal(8m, r.Forecast.StillNeeded);
        Assert.Equal(D("2025-07-15"), r.Forecast.OldestCountedExpiresOn);
        Assert.Contains("2025-07-15", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void References_without_an_endorsed_rater_are_not_met()
    {
        var evidence = EligibleL3() with
        {
            References =
            [
                new ReferenceRating(ReferenceSource.Supervisor, EndorsementLevel.LevelI, true),
                new ReferenceRating(ReferenceSource.RscProvider, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
            ],
        };

        var r = Evaluate(L3v1, evidence, "references");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(2, r.Current); // three ratings in, but only two can count until an endorsed rater gives one
        Assert.Contains("2 of 3 reference ratings qualify", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("endorsed at Level II or above", r.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EndorsementLevel.LevelII, RequirementStatus.Met)]
    [InlineData(EndorsementLevel.LevelIVResearchFaculty, RequirementStatus.Met)]
    [InlineData(EndorsementLevel.LevelI, RequirementStatus.NotMet)]
    public void One_rater_endorsed_at_Level_II_or_above_is_enough(EndorsementLevel level, RequirementStatus expected)
    {
        var evidence = EligibleL3() with
        {
            References =
            [
                new ReferenceRating(ReferenceSource.Supervisor, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.RscProvider, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, level, true),
            ],
        };

        Assert.Equal(expected, Evaluate(L3v1, evidence, "references").Status);
    }

    [Fact]
    public void References_must_fill_each_category_and_be_received()
    {
        var evidence = EligibleL3() with
        {
            References =
            [
                new ReferenceRating(ReferenceSource.Supervisor, EndorsementLevel.LevelIII, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.RscProvider, EndorsementLevel.None, Received: false),
            ],
        };

        var r = Evaluate(L3v1, evidence, "references");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Equal(2, r.Current);
        Assert.Contains(r.Findings, f => f.Item.Contains("reflective supervision", StringComparison.Ordinal));
        Assert.Contains("1 requested rating is not yet received", r.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-06-29", RequirementStatus.NotMet)] // expired the day before
    [InlineData("2025-06-30", RequirementStatus.Met)]    // last day
    public void Membership_must_be_current_on_the_evaluation_date(string to, RequirementStatus expected)
    {
        var evidence = EligibleL3() with { Memberships = [new Membership(D("2024-07-01"), D(to))] };

        var r = Evaluate(L3v1, evidence, "membership");

        Assert.Equal(expected, r.Status);
        if (expected == RequirementStatus.NotMet)
        {
            Assert.Contains("ended on 2025-06-29", r.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Organisational_membership_does_not_count()
    {
        var evidence = EligibleL3() with { Memberships = [new Membership(D("2025-01-01"), null, Individual: false)] };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(L3v1, evidence, "membership").Status);
    }

    [Fact]
    public void Unsigned_ethics_agreement_and_unapproved_portfolio_are_not_met()
    {
        var evidence = EligibleL3() with { EthicsAgreementSignedOn = null, PortfolioApprovedOn = Today.AddDays(1) };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(L3v1)!, evidence, Today);

        Assert.Equal(RequirementStatus.NotMet, verdict["ethics-agreement"]!.Status);
        Assert.Equal(RequirementStatus.NotMet, verdict["portfolio"]!.Status);
        Assert.Equal("ethics-agreement", verdict.NextStep!.RequirementKey);
    }

    // ---- Level IV categories --------------------------------------------------------------

    internal static Evidence EligibleL4(string category) => EligibleL3() with
    {
        Category = category,
        WorkExperience =
        [
            new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2018-06-01"), D("2020-05-31")),
            new WorkPeriod(WorkKind.ProvidingReflectiveSupervision, D("2020-06-01"), D("2023-05-31")),
            new WorkPeriod(WorkKind.PolicyLeadership, D("2020-06-01"), D("2023-05-31")),
            new WorkPeriod(WorkKind.UniversityTeachingOrResearch, D("2020-06-01"), D("2023-05-31")),
        ],
        LeadershipActivities = [new LeadershipActivity("Leadership in local/state IMH association")],
        References = category switch
        {
            "clinical" =>
            [
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.RscProvider, EndorsementLevel.LevelIVClinical, true),
                new ReferenceRating(ReferenceSource.RscRecipient, EndorsementLevel.None, true),
            ],
            "policy" =>
            [
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.LevelII, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
            ],
            _ =>
            [
                new ReferenceRating(ReferenceSource.DepartmentChair, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.LevelIII, true),
                new ReferenceRating(ReferenceSource.Student, EndorsementLevel.None, true),
            ],
        },
    };

    [Theory]
    [InlineData("clinical")]
    [InlineData("policy")]
    [InlineData("research-faculty")]
    public void Complete_Level_IV_evidence_is_eligible_in_each_category(string category)
    {
        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(L4)!, EligibleL4(category), Today);

        Assert.Equal(OverallStatus.Eligible, verdict.Status);
        Assert.Equal(category, verdict.Category);
    }

    [Theory]
    [InlineData("clinical", OverallStatus.NotYetEligible, true)]
    [InlineData("policy", OverallStatus.Eligible, false)]
    [InlineData("research-faculty", OverallStatus.Eligible, false)]
    public void Level_IV_RSC_blocks_only_for_Clinical(string category, OverallStatus expected, bool blocking)
    {
        var evidence = EligibleL4(category) with { ReflectiveSupervision = [] };

        var verdict = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Find(L4)!, evidence, Today);

        Assert.Equal(expected, verdict.Status);
        var rsc = verdict["reflective-supervision"]!;
        Assert.Equal(RequirementStatus.NotMet, rsc.Status);
        Assert.Equal(blocking, rsc.Blocking);
    }

    [Fact]
    public void Level_IV_Clinical_needs_three_years_of_providing_RSC_besides_the_Level_III_work()
    {
        var evidence = EligibleL4("clinical") with
        {
            WorkExperience =
            [
                new WorkPeriod(WorkKind.SupervisedDyadicImh, D("2018-06-01"), D("2020-05-31")),
                new WorkPeriod(WorkKind.ProvidingReflectiveSupervision, D("2020-06-01"), D("2023-05-30")),
            ],
        };

        var r = Evaluate(L4, evidence, "work-experience");

        Assert.Equal(RequirementStatus.NotMet, r.Status);
        Assert.Contains("providing IMH reflective supervision/consultation", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Level_IV_Research_references_need_a_student()
    {
        var evidence = EligibleL4("research-faculty") with
        {
            References =
            [
                new ReferenceRating(ReferenceSource.DepartmentChair, EndorsementLevel.None, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.LevelIII, true),
                new ReferenceRating(ReferenceSource.Colleague, EndorsementLevel.None, true),
            ],
        };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(L4, evidence, "references").Status);
    }

    [Fact]
    public void Level_IV_needs_a_leadership_activity()
    {
        var evidence = EligibleL4("policy") with { LeadershipActivities = [] };

        Assert.Equal(RequirementStatus.NotMet, Evaluate(L4, evidence, "leadership").Status);
    }

    // ---- Levels I and II -------------------------------------------------------------------

    [Theory]
    [InlineData(true, false, RequirementStatus.Met)]   // CDA
    [InlineData(false, true, RequirementStatus.Met)]   // two years of paid work instead
    [InlineData(false, false, RequirementStatus.NotMet)]
    public void Level_I_education_is_a_CDA_or_two_years_of_paid_work(bool cda, bool work, RequirementStatus expected)
    {
        var evidence = new Evidence
        {
            Degrees = cda ? [new Degree(DegreeKind.Cda, D("2020-01-01"), true)] : [],
            WorkExperience = work ? [new WorkPeriod(WorkKind.InfantFamilyPaid, D("2021-01-01"), D("2022-12-31"))] : [],
        };

        var r = Evaluate("imh-endorsement-l1@1", evidence, "education");

        Assert.Equal(expected, r.Status);
        Assert.Equal("AnyOf", r.Kind);
    }

    [Theory]
    [InlineData(10, RequirementStatus.Met)]
    [InlineData(9, RequirementStatus.NotMet)]
    public void Level_II_work_needs_ten_families(int families, RequirementStatus expected)
    {
        var evidence = new Evidence
        {
            Degrees = [new Degree(DegreeKind.BSW, D("2019-05-01"), true)],
            WorkExperience = [new WorkPeriod(WorkKind.InfantFamilyPaid, D("2021-01-01"), D("2022-12-31"), FamiliesServed: families)],
        };

        Assert.Equal(expected, Evaluate("imh-endorsement-l2@1", evidence, "work-experience").Status);
    }

    [Theory]
    [InlineData(EndorsementLevel.LevelIVPolicy, RequirementStatus.Met)] // Level II accepts any Level IV provider
    [InlineData(EndorsementLevel.LevelII, RequirementStatus.NotMet)]
    public void Level_II_needs_24_RSC_hours_from_a_Level_III_or_IV_provider(EndorsementLevel level, RequirementStatus expected)
    {
        var evidence = new Evidence { ReflectiveSupervision = [Rsc(D("2024-01-10"), 24m, level)] };

        Assert.Equal(expected, Evaluate("imh-endorsement-l2@1", evidence, "reflective-supervision").Status);
    }
}
