using System.Text.Json;
using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class WaiverTimeAndJsonTests
{
    private static readonly RuleSet Mio = RuleSetCatalog.Default.Get("mio-rostering", 1);

    [Fact]
    public void Waived_requirement_shows_the_reason_and_no_longer_blocks()
    {
        var evidence = EligibleMio() with
        {
            Classroom = [new(D("2024-12-02"), 480, AttendanceMark.Present)],
            Waivers = [new Waiver("classroom-hours", "Completed the equivalent MIO classroom at Yale in 2023", D("2025-06-01"))],
        };

        var verdict = RuleEvaluator.Evaluate(Mio, evidence, Today);
        var r = verdict["classroom-hours"]!;

        Assert.Equal(RequirementStatus.Waived, r.Status);
        Assert.Equal("Completed the equivalent MIO classroom at Yale in 2023", r.WaiverReason);
        Assert.Equal(8m, r.Current); // the figure is still shown
        Assert.Contains("Yale", r.Explanation, StringComparison.Ordinal);
        Assert.Equal(OverallStatus.Eligible, verdict.Status);
    }

    [Fact]
    public void Waiver_granted_after_the_evaluation_date_does_not_apply_yet()
    {
        var evidence = EligibleMio() with
        {
            Classroom = [],
            Waivers = [new Waiver("classroom-hours", "Equivalent training", Today.AddDays(1))],
        };

        Assert.Equal(RequirementStatus.NotMet, RuleEvaluator.Evaluate(Mio, evidence, Today)["classroom-hours"]!.Status);
    }

    [Fact]
    public void Waiver_lifts_an_out_of_reach_requirement()
    {
        var evidence = EligibleMio() with
        {
            ConsultationAttendance = Attendance(24, 10),
            Waivers = [new Waiver("consultation-attendance", "Medical leave; trainer confirmed competence", D("2025-06-25"))],
        };

        Assert.Equal(OverallStatus.Eligible, RuleEvaluator.Evaluate(Mio, evidence, Today).Status);
    }

    /// <summary>
    /// The engine never reads a clock: the as-of date is passed in (the web app passes <c>PortalClock.Today</c>, the date
    /// in the portal's zone; PortalClockTests turn the instants these dates came from into them).
    /// </summary>
    [Theory]
    [InlineData("2025-06-19", RequirementStatus.NotYetDecidable)] // period ends 2025-06-20
    [InlineData("2025-06-20", RequirementStatus.Met)] // as of its end date the period is over (end of day)
    public void Evaluation_date_is_the_as_of_date_passed_in(string expectedDate, RequirementStatus expected)
    {
        var verdict = RuleEvaluator.Evaluate(Mio, EligibleMio(), D(expectedDate));

        Assert.Equal(D(expectedDate), verdict.AsOf);
        Assert.Equal(expected, verdict["consultation-attendance"]!.Status);
    }

    [Fact]
    public void Evaluation_is_pure_for_the_same_inputs()
    {
        var evidence = EligibleMio() with { Clips = Clips(3) };

        var a = RuleEvaluator.Evaluate(Mio, evidence, Today);
        var b = RuleEvaluator.Evaluate(Mio, evidence, Today);

        Assert.Equal(JsonSerializer.Serialize(a), JsonSerializer.Serialize(b));
    }

    [Fact]
    public void Evidence_round_trips_through_System_Text_Json_with_enums_as_strings()
    {
        var evidence = EndorsementTests.EligibleL4("clinical") with
        {
            Waivers = [new Waiver("exam", "Passed in another state", D("2025-01-01"))],
            ConsultationGroup = EligibleMio().ConsultationGroup,
            ConsultationAttendance = [new MeetingAttendance(1, AttendanceMark.Excused)],
        };

        var json = JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<Evidence>(json, JsonSerializerOptions.Web)!;

        Assert.Contains("\"kind\":\"MSW\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mark\":\"Excused\"", json, StringComparison.Ordinal);
        Assert.Contains("\"2018-05-15\"", json, StringComparison.Ordinal);
        var l4 = RuleSetCatalog.Default.Get("imh-endorsement-l4", 1);
        Assert.Equal(JsonSerializer.Serialize(RuleEvaluator.Evaluate(l4, evidence, Today)), JsonSerializer.Serialize(RuleEvaluator.Evaluate(l4, back, Today)));
    }

    [Fact]
    public void Json_evidence_with_missing_or_null_lists_is_read_as_empty()
    {
        const string json = """{"category":null,"classroom":null,"trainingCases":[{"code":"TC-1","consentDate":"2025-01-01","sessions":null}]}""";

        var evidence = JsonSerializer.Deserialize<Evidence>(json, JsonSerializerOptions.Web)!;
        var verdict = RuleEvaluator.Evaluate(Mio, evidence, Today);

        Assert.Empty(evidence.Classroom);
        Assert.Empty(evidence.TrainingCases[0].Sessions);
        Assert.Equal(OverallStatus.NotYetEligible, verdict.Status);
    }

    [Fact]
    public void Verdict_serializes_statuses_as_strings()
    {
        var json = JsonSerializer.Serialize(RuleEvaluator.Evaluate(Mio, EligibleMio() with { Clips = Clips(5) }, Today), JsonSerializerOptions.Web);

        Assert.Contains("\"status\":\"NotYetEligible\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"NotMet\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nextStep\":{\"requirementKey\":\"audio-clips\"", json, StringComparison.Ordinal);
    }
}

public class DocumentedJsonTests
{
    [Fact]
    public void The_evidence_example_in_docs_rules_md_deserializes()
    {
        var doc = File.ReadAllText(Path.Combine(FindRepoRoot(), "docs", "rules.md"));
        var start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var evidence = JsonSerializer.Deserialize<Evidence>(json, JsonSerializerOptions.Web)!;

        Assert.Equal(AttendanceMark.Partial, evidence.Classroom[1].Mark);
        Assert.Equal(AttendanceMark.Excused, evidence.ConsultationAttendance[0].Mark);
        Assert.Equal("TC-1", evidence.TrainingCases[0].Code);
        Assert.Equal("classroom-hours", evidence.Waivers[0].RequirementKey);
        Assert.Equal(15.5m, RuleEvaluator.Evaluate(RuleSetCatalog.Default.Get("mio-rostering", 1), evidence, Today)["classroom-hours"]!.Current);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrainingPortal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
