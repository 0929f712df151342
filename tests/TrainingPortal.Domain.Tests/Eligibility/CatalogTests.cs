using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class CatalogTests
{
    private static readonly RuleSetCatalog Catalog = RuleSetCatalog.Default;

    [Fact]
    public void Catalog_lists_every_shipped_rule_set()
    {
        Assert.Equal(
        [
            "imh-course@1", "imh-endorsement-l1@1", "imh-endorsement-l2@1", "imh-endorsement-l3@1", "imh-endorsement-l3@2",
            "imh-endorsement-l4@1", "imh-renewal@1", "mi-practice@1", "mio-rostering@1", "mio-ttt@1",
        ], Catalog.All.Select(r => r.Id));
    }

    [Theory]
    [InlineData("mio-rostering@1", "classroom-hours,consultation-attendance,training-cases-begun,training-case-dose,consent-and-recording,audio-clips")]
    [InlineData("mio-ttt@1", "rostered,fidelity,live-sessions,homework")]
    [InlineData("imh-course@1", "sessions,independent-learning")]
    [InlineData("imh-endorsement-l1@1", "education,training-hours,references,ethics-agreement,portfolio,membership")]
    [InlineData("imh-endorsement-l2@1", "education,training-hours,work-experience,reflective-supervision,references,ethics-agreement,portfolio,membership")]
    [InlineData("imh-endorsement-l3@1", "education,training-hours,work-experience,reflective-supervision,references,ethics-agreement,portfolio,exam,membership")]
    [InlineData("imh-endorsement-l3@2", "education,training-hours,work-experience,reflective-supervision,references,ethics-agreement,portfolio,membership")]
    [InlineData("imh-renewal@1", "annual-training,rsc-training,membership-renewed,reflective-supervision-recommended")]
    [InlineData("mi-practice@1", "intro-course")]
    public void Rule_sets_use_the_spec_requirement_keys(string id, string keys)
    {
        Assert.Equal(keys.Split(','), Catalog.Find(id)!.Requirements.Select(r => r.Key));
    }

    [Theory]
    [InlineData("clinical")]
    [InlineData("policy")]
    [InlineData("research-faculty")]
    public void Level_IV_has_the_spec_keys_in_every_category(string category)
    {
        var l4 = Catalog.Get("imh-endorsement-l4", 1);

        Assert.Equal(["clinical", "policy", "research-faculty"], l4.Categories);
        Assert.Equal(
            ["education", "training-hours", "work-experience", "leadership", "reflective-supervision", "references", "ethics-agreement", "portfolio", "exam", "membership"],
            l4.RequirementsFor(category).Select(r => r.Key));
    }

    [Theory]
    [InlineData("2024-12-31", 1)]
    [InlineData("2025-01-01", 2)]
    [InlineData("2030-06-01", 2)]
    [InlineData("2001-01-01", 1)]
    public void Current_Level_III_version_changes_on_2025_01_01(string date, int expectedVersion)
    {
        Assert.Equal(expectedVersion, Catalog.Current("imh-endorsement-l3", D(date))!.Version);
    }

    [Fact]
    public void Current_returns_null_for_an_unknown_program_or_a_date_before_version_1()
    {
        Assert.Null(Catalog.Current("no-such-program", D("2025-01-01")));
        Assert.Null(Catalog.Current("mio-rostering", D("1999-12-31")));
        Assert.Null(Catalog.Find("mio-rostering", 2));
        Assert.Null(Catalog.Find("mio-rostering@x"));
        Assert.Throws<KeyNotFoundException>(() => Catalog.Get("mio-rostering", 9));
    }

    [Fact]
    public void Every_requirement_is_listable_with_key_title_kind_and_parameters()
    {
        foreach (var rs in Catalog.All)
        {
            foreach (var r in rs.Requirements)
            {
                Assert.False(string.IsNullOrWhiteSpace(r.Key));
                Assert.False(string.IsNullOrWhiteSpace(r.Title));
                Assert.False(string.IsNullOrWhiteSpace(r.KindName));
                Assert.NotEmpty(r.Parameters);
                Assert.All(r.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), rs.Id + " " + r.Key + " " + p.Name));
            }
        }
    }

    [Fact]
    public void Thresholds_are_visible_as_parameters()
    {
        var mio = Catalog.Get("mio-rostering", 1);

        Assert.Contains(new RuleParameter("MinimumHours", "16"), mio.Requirements[0].Parameters);
        Assert.Contains(new RuleParameter("MinimumSharePercent", "70%"), mio.Requirements[1].Parameters);
        Assert.Contains(new RuleParameter("MinimumClips", "6"), mio.Requirements[5].Parameters);
        var l3 = Catalog.Get("imh-endorsement-l3", 1);
        Assert.Contains(new RuleParameter("WindowMonths", "24"), l3.Requirements.Single(r => r.Key == "reflective-supervision").Parameters);
    }

    [Fact]
    public void Advisory_requirements_never_block()
    {
        var renewal = Catalog.Get("imh-renewal", 1);
        Assert.False(renewal.Requirements.Single(r => r.Key == "rsc-training").Blocking);
        Assert.False(renewal.Requirements.Single(r => r.Key == "reflective-supervision-recommended").Blocking);
        Assert.True(renewal.Requirements.Single(r => r.Key == "annual-training").Blocking);

        var l4 = Catalog.Get("imh-endorsement-l4", 1);
        Assert.True(l4.RequirementsFor("clinical").Single(r => r.Key == "reflective-supervision").Blocking);
        Assert.False(l4.RequirementsFor("policy").Single(r => r.Key == "reflective-supervision").Blocking);
        Assert.False(l4.RequirementsFor("research-faculty").Single(r => r.Key == "reflective-supervision").Blocking);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("astronaut")]
    public void Level_IV_without_a_valid_category_cannot_be_evaluated(string? category)
    {
        Assert.Throws<ArgumentException>(() =>
            RuleEvaluator.Evaluate(Catalog.Get("imh-endorsement-l4", 1), new Evidence { Category = category }, Today));
    }

    [Fact]
    public void Rule_set_description_lists_kinds_and_parameters_for_the_admin_page()
    {
        var d = Catalog.Get("imh-endorsement-l4", 1).Describe();

        Assert.Equal("imh-endorsement-l4@1", d.Id);
        var policyRsc = d.Requirements.Single(r => r.Key == "reflective-supervision" && r.Category == "policy");
        Assert.Equal("HoursWithinWindow", policyRsc.Kind);
        Assert.False(policyRsc.Blocking);
        Assert.Contains(new RuleParameter("MinimumHours", "50"), policyRsc.Parameters);
        Assert.Equal(d.Requirements.Count, Catalog.Get("imh-endorsement-l4", 1).Requirements.Count);
    }

    [Fact]
    public void Course_rule_set_shows_its_CE_licences_as_a_setting()
    {
        var course = Catalog.Get("imh-course", 1);

        Assert.Contains(new RuleParameter("CeEligibleLicences", "LMSW, LCSW, LMHC, LCAT"), course.Settings);
        Assert.Equal(["LMSW", "LCSW", "LMHC", "LCAT"], course.ContinuingEducation!.EligibleLicences);
    }

    [Fact]
    public void Rule_set_rejects_duplicate_requirement_keys()
    {
        var r = new global::TrainingPortal.Domain.Eligibility.Requirements.ExamRequirement("exam", "Exam");

        Assert.Throws<ArgumentException>(() => new RuleSet("x", 1, "X", D("2020-01-01"), [r, r]));
    }
}
