using System.Text;
using TrainingPortal.Web.Features.Api;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>
/// A malformed document gets a 400 problem that names every wrong field by its JSON path; nothing a
/// client can send produces a 500.
/// </summary>
public sealed class ApiValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private HttpClient? _client;

    private async Task<HttpClient> ClientAsync() => _client ??= factory.KeyClient(await factory.CreateKeyAsync());

    private async Task<HttpResponseMessage> PostAsync(string json) => await (await ClientAsync()).EvaluateAsync(json);

    private static string Doc(string evidence, string ruleSet = "mio-rostering", string extra = "") =>
        $$"""{ "ruleSet": "{{ruleSet}}", "version": "current", "asOf": "2026-11-23"{{extra}}, "evidence": {{evidence}} }""";

    [Fact]
    public async Task Wrong_types_everywhere_are_all_named()
    {
        var response = await PostAsync("""
            {
              "ruleSet": 5, "version": "latest", "asOf": "23/11/2026", "category": 7,
              "evidence": {
                "classroom": { "date": "2026-01-01" },
                "consultationGroup": [],
                "consultationAttendance": [
                  { "meetingId": 1, "mark": "Present" },
                  { "meetingId": 2, "mark": "Present" },
                  { "meetingId": 3, "mark": "Present" },
                  { "meetingId": "4", "mark": "Here", "minutesPresent": -5 },
                  null
                ],
                "trainingCases": [{ "code": 12, "consentDate": "2025-02-30", "sessions": [{ "date": "2025-01-01", "recorded": "yes" }] }],
                "trainingHours": [{ "date": "2025-01-01", "hours": -1, "relationshipBased": true, "verified": true }],
                "providesReflectiveSupervision": "true",
                "heldEndorsement": 3,
                "cohortMinimumSessions": 2.5,
                "unknownThing": 1
              }
            }
            """);

        var errors = await response.AssertErrorsAsync(
            "ruleSet", "version", "asOf", "category",
            "evidence.classroom", "evidence.consultationGroup",
            "evidence.consultationAttendance[3].meetingId", "evidence.consultationAttendance[3].mark",
            "evidence.consultationAttendance[3].minutesPresent", "evidence.consultationAttendance[4]",
            "evidence.trainingCases[0].code", "evidence.trainingCases[0].consentDate", "evidence.trainingCases[0].sessions[0].recorded",
            "evidence.trainingHours[0].hours", "evidence.providesReflectiveSupervision", "evidence.heldEndorsement",
            "evidence.cohortMinimumSessions", "evidence.unknownThing");
        Assert.Contains("Present", errors["evidence.consultationAttendance[3].mark"][0], StringComparison.Ordinal);
        Assert.Contains("null", errors["evidence.consultationAttendance[4]"][0], StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", errors["evidence.trainingCases[0].consentDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_named()
    {
        var response = await PostAsync("{}");

        await response.AssertErrorsAsync("ruleSet", "asOf", "evidence");
    }

    [Fact]
    public async Task Missing_fields_inside_list_items_are_named()
    {
        var response = await PostAsync(Doc("""{ "classroom": [{}], "trainingCases": [{ "code": "TC-1" }], "consultationGroup": { "meetings": [] } }"""));

        await response.AssertErrorsAsync(
            "evidence.classroom[0].date", "evidence.classroom[0].scheduledMinutes", "evidence.classroom[0].mark",
            "evidence.trainingCases[0].consentDate", "evidence.trainingCases[0].sessions",
            "evidence.consultationGroup.periodEnd");
    }

    [Theory]
    [InlineData("""{ "ruleSet": "no-such-program", "asOf": "2026-11-23", "evidence": {} }""", "ruleSet")]
    [InlineData("""{ "ruleSet": "MIO-ROSTERING", "version": 7, "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "version": 0, "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "version": "1", "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "version": 1.5, "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "version": 99999999999999999999, "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "version": "Current", "asOf": "2026-11-23", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "imh-endorsement-l3", "asOf": "1999-12-31", "evidence": {} }""", "version")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "0001-01-01", "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "9999-12-31", "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "2026-13-01", "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "2026-11-23T00:00:00Z", "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": 20261123, "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": null, "evidence": {} }""", "asOf")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "2026-11-23", "evidence": null }""", "evidence")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "2026-11-23", "evidence": [] }""", "evidence")]
    [InlineData("""{ "ruleSet": "mio-rostering", "asOf": "2026-11-23", "evidence": "{}" }""", "evidence")]
    [InlineData("""{ "ruleSet": null, "asOf": "2026-11-23", "evidence": {} }""", "ruleSet")]
    [InlineData("""{ "ruleSet": ["mio-rostering"], "asOf": "2026-11-23", "evidence": {} }""", "ruleSet")]
    [InlineData("""{ "ruleSet": "mio-rostering", "RuleSet": "mio-ttt", "asOf": "2026-11-23", "evidence": {} }""", "RuleSet")]
    [InlineData("""{ "ruleSet": "mio-rostering", "ruleSet": "mio-ttt", "asOf": "2026-11-23", "evidence": {} }""", "ruleSet")]
    public async Task Wrong_root_fields_are_named(string json, string path)
    {
        await (await PostAsync(json)).AssertErrorsAsync(path);
    }

    [Theory]
    [InlineData("""{ "ruleSet": "imh-endorsement-l4", "asOf": "2026-11-23", "evidence": {} }""")]
    [InlineData("""{ "ruleSet": "imh-endorsement-l4", "asOf": "2026-11-23", "category": "surgery", "evidence": {} }""")]
    [InlineData("""{ "ruleSet": "imh-endorsement-l4", "asOf": "2026-11-23", "category": null, "evidence": {} }""")]
    [InlineData("""{ "ruleSet": "imh-endorsement-l4", "asOf": "2026-11-23", "category": "clinical", "evidence": { "category": "policy" } }""")]
    [InlineData("""{ "ruleSet": "imh-course", "asOf": "2026-11-23", "category": "clinical", "evidence": {} }""")]
    public async Task Level_IV_needs_a_valid_category_and_other_programs_none(string json)
    {
        var errors = await (await PostAsync(json)).AssertErrorsAsync("category");
        Assert.DoesNotContain("Exception", errors["category"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clinical")]
    [InlineData("Policy")]
    [InlineData("research-faculty")]
    public async Task Level_IV_categories_are_accepted_case_insensitively(string category)
    {
        var response = await PostAsync(Doc("{}", "imh-endorsement-l4", $$""", "category": "{{category}}" """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(category.ToLowerInvariant(), (await response.JsonAsync()).GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("""{ "classroom": [{ "date": "2026-01-01", "scheduledMinutes": 480, "mark": "Present", "minutesPresent": 481 }] }""", "evidence.classroom[0].minutesPresent")]
    [InlineData("""{ "consultationGroup": { "periodEnd": "2026-06-01", "meetings": [{ "id": 1, "date": "2026-01-01" }, { "id": 1, "date": "2026-01-08" }] } }""", "evidence.consultationGroup.meetings[0].id", "evidence.consultationGroup.meetings[1].id")]
    [InlineData("""{ "consultationGroup": { "periodEnd": "2026-06-01", "meetings": [{ "id": 1, "date": "2026-01-01" }, { "id": 2, "date": "2026-01-08" }] }, "consultationAttendance": [{ "meetingId": 1, "mark": "Present" }, { "meetingId": 2, "mark": "Present" }, { "meetingId": 1, "mark": "Absent" }] }""", "evidence.consultationAttendance[0].meetingId", "evidence.consultationAttendance[2].meetingId")]
    [InlineData("""{ "workExperience": [{ "kind": "InfantFamilyPaid", "start": "2020-01-01", "end": "2019-01-01" }] }""", "evidence.workExperience[0].end")]
    [InlineData("""{ "waivers": [{ "requirementKey": " ", "reason": "", "grantedOn": "2026-01-01" }] }""", "evidence.waivers[0].requirementKey", "evidence.waivers[0].reason")]
    [InlineData("""{ "trainingCases": [{ "code": "", "consentDate": null, "sessions": [] }] }""", "evidence.trainingCases[0].code")]
    [InlineData("""{ "courseSessions": [{ "date": "2026-01-01", "mark": "Partial", "durationMinutes": 60, "minutesPresent": 90 }] }""", "evidence.courseSessions[0].minutesPresent")]
    public async Task Meaningless_combinations_are_named(string evidence, params string[] paths)
    {
        await (await PostAsync(Doc(evidence))).AssertErrorsAsync(paths);
    }

    private const string TwoMeetings = """ "consultationGroup": { "periodEnd": "2026-06-01", "meetings": [{ "id": 1, "date": "2026-01-01" }, { "id": 2, "date": "2026-01-08", "durationMinutes": 45 }] }""";

    /// <summary>Evidence the engine would silently ignore is a 400 naming its path, as the docs promise.</summary>
    [Theory]
    [InlineData("""{ "waivers": [{ "requirementKey": "audio-clip", "reason": "Lost recordings", "grantedOn": "2026-01-01" }] }""", "evidence.waivers[0].requirementKey")]
    [InlineData("""{ "waivers": [{ "requirementKey": "audio-clips", "reason": "Lost recordings", "grantedOn": "2026-01-01" }, { "requirementKey": "Audio-Clips", "reason": "Lost recordings", "grantedOn": "2026-01-01" }] }""", "evidence.waivers[1].requirementKey")]
    [InlineData("""{ "consultationAttendance": [{ "meetingId": 1, "mark": "Present" }] }""", "evidence.consultationAttendance[0].meetingId")]
    [InlineData("""{ "clips": [{ "clipCode": "c-1", "meetingId": 1, "deIdentified": true, "feedback": "Good" }] }""", "evidence.clips[0].meetingId")]
    [InlineData("""{ TWO, "consultationAttendance": [{ "meetingId": 1, "mark": "Present" }, { "meetingId": 3, "mark": "Present" }] }""", "evidence.consultationAttendance[1].meetingId")]
    [InlineData("""{ TWO, "clips": [{ "clipCode": "c-1", "meetingId": 2, "deIdentified": true, "feedback": "Good" }, { "clipCode": "c-2", "meetingId": 7, "deIdentified": true, "feedback": "Good" }] }""", "evidence.clips[1].meetingId")]
    [InlineData("""{ "trainingCases": [{ "code": "TC-1", "consentDate": null, "sessions": [] }, { "code": "TC-2", "consentDate": null, "sessions": [] }, { "code": "tc-1", "consentDate": null, "sessions": [] }] }""", "evidence.trainingCases[0].code", "evidence.trainingCases[2].code")]
    [InlineData("""{ TWO, "consultationAttendance": [{ "meetingId": 1, "mark": "Partial", "minutesPresent": 61 }] }""", "evidence.consultationAttendance[0].minutesPresent")]
    [InlineData("""{ TWO, "consultationAttendance": [{ "meetingId": 2, "mark": "Partial", "minutesPresent": 46 }] }""", "evidence.consultationAttendance[0].minutesPresent")]
    public async Task Evidence_the_rules_would_ignore_is_refused_naming_its_path(string evidence, params string[] paths)
    {
        var errors = await (await PostAsync(Doc(evidence.Replace("TWO", TwoMeetings, StringComparison.Ordinal)))).AssertErrorsAsync(paths);
        if (paths[0].EndsWith("requirementKey", StringComparison.Ordinal))
        {
            Assert.Contains("audio-clips, classroom-hours", errors[paths[0]][0], StringComparison.Ordinal); // the keys that exist
        }
    }

    [Theory]
    [InlineData("""{ TWO, "consultationAttendance": [{ "meetingId": 1, "mark": "Partial", "minutesPresent": 60 }, { "meetingId": 2, "mark": "Partial", "minutesPresent": 45 }], "clips": [{ "clipCode": "c-1", "meetingId": 2, "deIdentified": true, "feedback": "Good" }] }""")]
    [InlineData("""{ "trainingCases": [{ "code": "TC-1", "consentDate": null, "sessions": [] }, { "code": "TC-2", "consentDate": null, "sessions": [] }], "waivers": [{ "requirementKey": "audio-clips", "reason": "Lost recordings", "grantedOn": "2026-01-01" }] }""")]
    public async Task Evidence_that_fits_together_is_accepted(string evidence)
    {
        var response = await PostAsync(Doc(evidence.Replace("TWO", TwoMeetings, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("clinical", "exam", HttpStatusCode.OK)]
    [InlineData("policy", "leadership", HttpStatusCode.OK)]
    [InlineData("clinical", "classroom-hours", HttpStatusCode.BadRequest)] // a key of another program
    [InlineData("research-faculty", "exams", HttpStatusCode.BadRequest)]
    public async Task A_waiver_key_must_name_a_requirement_of_the_rule_set_evaluated(string category, string key, HttpStatusCode expected)
    {
        var response = await PostAsync(Doc($$"""{ "waivers": [{ "requirementKey": "{{key}}", "reason": "Reviewed by the board", "grantedOn": "2026-01-01" }] }""",
            "imh-endorsement-l4", $$""", "category": "{{category}}" """));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            await response.AssertErrorsAsync("evidence.waivers[0].requirementKey");
        }
    }

    [Theory]
    [InlineData("""{ "trainingHours": [{ "date": "2025-01-01", "hours": 1e400, "relationshipBased": true, "verified": true }] }""", "evidence.trainingHours[0].hours")]
    [InlineData("""{ "trainingHours": [{ "date": "2025-01-01", "hours": 10000.5, "relationshipBased": true, "verified": true }] }""", "evidence.trainingHours[0].hours")]
    [InlineData("""{ "classroom": [{ "date": "2025-01-01", "scheduledMinutes": 99999999999999999999999, "mark": "Present" }] }""", "evidence.classroom[0].scheduledMinutes")]
    [InlineData("""{ "classroom": [{ "date": "2025-01-01", "scheduledMinutes": 1441, "mark": "Present" }] }""", "evidence.classroom[0].scheduledMinutes")]
    [InlineData("""{ "classroom": [{ "date": "2025-01-01", "scheduledMinutes": -1, "mark": "Present" }] }""", "evidence.classroom[0].scheduledMinutes")]
    [InlineData("""{ "reflectiveSupervision": [{ "date": "2025-01-01", "hours": -0.5, "providerApproved": true, "providerLevel": "LevelIII" }] }""", "evidence.reflectiveSupervision[0].hours")]
    [InlineData("""{ "workExperience": [{ "kind": "InfantFamilyPaid", "start": "2020-01-01", "end": null, "familiesServed": 2147483648 }] }""", "evidence.workExperience[0].familiesServed")]
    [InlineData("""{ "memberships": [{ "from": "1899-12-31", "to": null }] }""", "evidence.memberships[0].from")]
    [InlineData("""{ "degrees": [{ "kind": 3, "awardedOn": "2010-01-01", "transcriptVerified": true }] }""", "evidence.degrees[0].kind")]
    [InlineData("""{ "degrees": [{ "kind": "3", "awardedOn": "2010-01-01", "transcriptVerified": true }] }""", "evidence.degrees[0].kind")]
    [InlineData("""{ "degrees": [{ "kind": "MSW,BA", "awardedOn": "2010-01-01", "transcriptVerified": 1 }] }""", "evidence.degrees[0].kind", "evidence.degrees[0].transcriptVerified")]
    [InlineData("""{ "classroom": [null, null] }""", "evidence.classroom[0]", "evidence.classroom[1]")]
    [InlineData("""{ "classroom": [[]] }""", "evidence.classroom[0]")]
    [InlineData("""{ "consultationGroup": { "periodEnd": "2026-01-01", "meetings": [{ "id": -1, "date": "2026-01-01" }] } }""", "evidence.consultationGroup.meetings[0].id")]
    [InlineData("""{ "fidelityReviews": [{ "date": "2026-01-01", "outcome": "Adherent", "reviewer": {} }] }""", "evidence.fidelityReviews[0].reviewer")]
    public async Task Out_of_range_and_wrongly_typed_values_are_named(string evidence, params string[] paths)
    {
        await (await PostAsync(Doc(evidence))).AssertErrorsAsync(paths);
    }

    [Fact]
    public async Task A_category_sent_only_inside_the_evidence_is_named_there()
    {
        await (await PostAsync(Doc("""{ "category": "clinical" }""", "imh-course"))).AssertErrorsAsync("evidence.category");
        await (await PostAsync(Doc("""{ "category": "surgery" }""", "imh-endorsement-l4"))).AssertErrorsAsync("evidence.category");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Doc("""{ "category": "policy" }""", "imh-endorsement-l4"))).StatusCode);
    }

    [Fact]
    public async Task The_category_is_checked_even_when_the_version_cannot_be_resolved()
    {
        await (await PostAsync("""{ "ruleSet": "imh-endorsement-l4", "asOf": "not a date", "evidence": {} }""")).AssertErrorsAsync("asOf", "category");
    }

    [Theory]
    [InlineData("classroom", 1001, """{ "date": "2026-01-01", "scheduledMinutes": 60, "mark": "Present" }""")]
    [InlineData("references", 101, """{ "source": "Colleague", "raterLevel": "None", "received": true }""")]
    public async Task Lists_longer_than_the_limit_are_named(string list, int count, string item)
    {
        var items = string.Join(",", Enumerable.Repeat(item, count));

        var errors = await (await PostAsync(Doc($$"""{ "{{list}}": [{{items}}] }"""))).AssertErrorsAsync($"evidence.{list}");
        Assert.StartsWith("At most", errors[$"evidence.{list}"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_at_every_list_limit_is_evaluated()
    {
        // The largest lists the API accepts, for the rule set that reads the most of them.
        var references = string.Join(",", Enumerable.Range(0, EvaluateRequestReader.MaxReferences)
            .Select(i => $$"""{ "source": "{{(i % 3 == 0 ? "Colleague" : i % 3 == 1 ? "RscProvider" : "Supervisor")}}", "raterLevel": "None", "received": true }"""));
        var rsc = string.Join(",", Enumerable.Range(0, EvaluateRequestReader.MaxListItems)
            .Select(i => $$"""{ "date": "{{new DateOnly(2020, 1, 1).AddDays(i * 2):yyyy-MM-dd}}", "hours": 0.04, "providerApproved": true, "providerLevel": "LevelIII" }"""));
        var work = string.Join(",", Enumerable.Range(0, EvaluateRequestReader.MaxListItems)
            .Select(i => $$"""{ "kind": "SupervisedDyadicImh", "start": "{{new DateOnly(2015, 1, 1).AddDays(i * 3):yyyy-MM-dd}}", "end": "{{new DateOnly(2015, 1, 1).AddDays(i * 3 + 1):yyyy-MM-dd}}" }"""));
        var hours = string.Join(",", Enumerable.Range(0, EvaluateRequestReader.MaxListItems)
            .Select(i => $$"""{ "date": "{{new DateOnly(2020, 1, 1).AddDays(i):yyyy-MM-dd}}", "hours": 0.01, "relationshipBased": true, "verified": true }"""));
        var degrees = """{ "kind": "MSW", "awardedOn": "2010-01-01", "transcriptVerified": true }""";

        var response = await PostAsync(Doc($$"""{ "references": [{{references}}], "reflectiveSupervision": [{{rsc}}], "workExperience": [{{work}}], "trainingHours": [{{hours}}], "degrees": [{{degrees}}] }""",
            "imh-endorsement-l3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NotYetEligible", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task At_most_a_thousand_errors_are_listed()
    {
        var nulls = string.Join(",", Enumerable.Repeat("null", EvaluateRequestReader.MaxListItems));

        var response = await PostAsync(Doc($$"""{ "classroom": [{{nulls}}], "clips": [{{nulls}}] }"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(EvaluateRequestReader.MaxErrors + 1, errors.EnumerateObject().Count());
        Assert.Contains("2,000", errors.GetProperty("$")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_lists_and_missing_lists_read_as_empty()
    {
        var response = await PostAsync(Doc("""{ "classroom": null, "waivers": null, "consultationGroup": null, "category": null }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Enum_names_are_case_insensitive()
    {
        var response = await PostAsync(Doc("""{ "classroom": [{ "date": "2026-01-01", "scheduledMinutes": 480, "mark": "present" }] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{}]")]
    [InlineData("\"evaluate\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("{")]
    [InlineData("{ \"ruleSet\": \"mio-rostering\", }")]
    [InlineData("{ 'ruleSet': 'mio-rostering' }")]
    [InlineData("{ \"ruleSet\": \"mio-rostering\" } { }")]
    [InlineData("{ \"ruleSet\": \"mio-rostering\" /* comment */ }")]
    [InlineData("{ \"asOf\": NaN }")]
    public async Task Documents_that_are_not_a_json_object_are_refused(string body)
    {
        var errors = await (await PostAsync(body)).AssertErrorsAsync("$");
        Assert.DoesNotContain("Exception", errors["$"][0], StringComparison.Ordinal);
        Assert.DoesNotContain("nested", errors["$"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_and_broken_json_is_reported_as_broken()
    {
        var errors = await (await PostAsync(new string('[', 100) + "}")).AssertErrorsAsync("$");

        Assert.Contains("not valid JSON", errors["$"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        var client = await ClientAsync();
        byte[] body = [.. "{ \"ruleSet\": \""u8, 0xC3, 0x28, .. "\" }"u8];

        await (await client.EvaluateAsync(body)).AssertErrorsAsync("$");
    }

    [Fact]
    public async Task A_byte_order_mark_is_allowed()
    {
        var client = await ClientAsync();

        var response = await client.EvaluateAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Api.MinimalDocument)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(10_000)]
    public async Task Deeply_nested_documents_are_refused(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);

        var response = await PostAsync(Doc($$"""{ "classroom": {{nested}} }"""));

        var errors = await response.AssertErrorsAsync("$");
        Assert.Contains("nested more than 64 levels", errors["$"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_within_the_limit_is_a_type_error_not_a_crash()
    {
        var nested = new string('[', 30) + new string(']', 30);

        var response = await PostAsync(Doc($$"""{ "classroom": {{nested}}, "consultationGroup": { "meetings": {{nested}}, "periodEnd": {{nested}} } }"""));

        await response.AssertErrorsAsync("evidence.classroom[0]", "evidence.consultationGroup.meetings[0]", "evidence.consultationGroup.periodEnd");
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413()
    {
        var padding = new string(' ', EligibilityApiController.MaxBodyBytes);

        var response = await PostAsync(Api.MinimalDocument + padding);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_one_megabyte_gets_413()
    {
        var client = await ClientAsync();
        using var content = new ChunkedContent(Encoding.UTF8.GetBytes(Api.MinimalDocument + new string(' ', EligibilityApiController.MaxBodyBytes)));

        var response = await client.PostAsync(Api.EvaluatePath, content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var padding = new string(' ', EligibilityApiController.MaxBodyBytes - Api.MinimalDocument.Length - 10);

        var response = await PostAsync(Api.MinimalDocument + padding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Many_errors_in_a_long_list_are_all_named()
    {
        var items = string.Join(", ", Enumerable.Range(0, 200).Select(_ => """{ "date": "2026-01-01", "scheduledMinutes": 60, "mark": "Gone" }"""));

        var response = await PostAsync(Doc($$"""{ "classroom": [{{items}}] }"""));

        await response.AssertErrorsAsync([.. Enumerable.Range(0, 200).Select(i => $"evidence.classroom[{i}].mark")]);
    }

    [Fact]
    public async Task Every_field_replaced_by_every_wrong_kind_of_value_is_a_400_never_a_500()
    {
        // Start from a document that touches every part of the evidence, replace each value in turn
        // with values of the wrong kind, and post: the answer is 200 or a 400 problem naming a field.
        var client = await ClientAsync();
        var original = System.Text.Json.Nodes.JsonNode.Parse(EverythingDocument)!;
        Assert.Equal(HttpStatusCode.OK, (await client.EvaluateAsync(EverythingDocument)).StatusCode);
        string[] replacements = ["null", "true", "\"x\"", "-1", "1e999", "0.5", "[]", "{}", "[null]", "\"9999-12-31\"", "2147483648"];
        var paths = LeafPaths(original).ToList();
        Assert.True(paths.Count > 60, $"only {paths.Count} fields");
        var posted = 0;
        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var json = Replace(EverythingDocument, path, replacement);
                var response = await client.EvaluateAsync(json);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                    $"{path} = {replacement}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
                posted++;
            }
        }
        Assert.Equal(paths.Count * replacements.Length, posted);
    }

    [Fact]
    public void The_everything_document_covers_every_evidence_field()
    {
        // So that the wrong-value sweep above reaches every field, including fields added later.
        var evidence = System.Text.Json.Nodes.JsonNode.Parse(EverythingDocument)!["evidence"]!.AsObject();
        var fields = EvaluateRequestReader.SerializerOptions.GetTypeInfo(typeof(Domain.Eligibility.Evidence)).Properties
            .Where(p => p.Set is not null)
            .Select(p => p.Name)
            .Where(name => name != "category") // sent at the top level in this document
            .ToHashSet();

        Assert.Equal(fields.Order(StringComparer.Ordinal), evidence.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string[]> LeafPaths(System.Text.Json.Nodes.JsonNode? node, string[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var p in LeafPaths(child, [.. prefix, name]))
                    {
                        yield return p;
                    }
                }
                break;
            case System.Text.Json.Nodes.JsonArray array:
                yield return prefix;
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var p in LeafPaths(array[i], [.. prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    {
                        yield return p;
                    }
                }
                break;
            default:
                yield return prefix;
                break;
        }
    }

    private static string Replace(string json, string[] path, string replacement)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var parent = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            parent = parent is System.Text.Json.Nodes.JsonArray a ? a[int.Parse(path[i], System.Globalization.CultureInfo.InvariantCulture)]! : parent[path[i]]!;
        }
        var marker = "\"__REPLACE__\"";
        if (parent is System.Text.Json.Nodes.JsonArray array)
        {
            array[int.Parse(path[^1], System.Globalization.CultureInfo.InvariantCulture)] = "__REPLACE__";
        }
        else
        {
            parent[path[^1]] = "__REPLACE__";
        }
        return root.ToJsonString().Replace(marker, replacement, StringComparison.Ordinal);
    }

    /// <summary>A document with at least one entry in every part of the evidence.</summary>
    internal const string EverythingDocument = """
        {
          "ruleSet": "imh-endorsement-l4", "version": 1, "asOf": "2026-11-23", "category": "clinical",
          "evidence": {
            "classroom": [{ "date": "2026-01-05", "scheduledMinutes": 480, "mark": "Partial", "minutesPresent": 450 }],
            "consultationGroup": { "periodEnd": "2026-06-30", "meetings": [{ "id": 1, "date": "2026-01-12", "cancelled": false, "durationMinutes": 60 }] },
            "consultationAttendance": [{ "meetingId": 1, "mark": "Present", "minutesPresent": 0 }],
            "trainingCases": [{ "code": "TC-1", "consentDate": "2026-01-10", "sessions": [{ "date": "2026-01-10", "recorded": true }] }],
            "clips": [{ "clipCode": "clip-1", "meetingId": 1, "deIdentified": true, "feedback": "Good" }],
            "certificates": [{ "programKey": "mio-rostering", "issuedOn": "2025-01-01", "revokedOn": null }],
            "fidelityReviews": [{ "date": "2026-02-01", "outcome": "Adherent", "reviewer": "R. Okafor" }],
            "liveSessions": [{ "date": "2026-03-01", "mark": "Present", "madeUp": false, "cancelled": false, "durationMinutes": 90, "minutesPresent": 0 }],
            "homework": [{ "title": "Chapter 1", "submitted": true, "accepted": true }],
            "courseSessions": [{ "date": "2026-03-01", "mark": "Partial", "madeUp": false, "cancelled": false, "durationMinutes": 90, "minutesPresent": 80 }],
            "cohortMinimumSessions": 10,
            "independentLearning": [{ "title": "Reading 1", "completed": true }],
            "introCourseModules": [{ "title": "The spirit of MI", "completed": true }],
            "licences": [{ "kind": "LCSW", "validUntil": "2027-01-01" }],
            "degrees": [{ "kind": "MSW", "awardedOn": "2010-05-01", "transcriptVerified": true, "field": "Social work" }],
            "trainingHours": [{ "date": "2025-05-01", "hours": 12.5, "relationshipBased": true, "verified": true, "faceToFace": true, "aboutReflectiveSupervision": false, "title": "Course" }],
            "workExperience": [{ "kind": "SupervisedDyadicImh", "start": "2011-01-01", "end": null, "familiesServed": 3 }],
            "leadershipActivities": [{ "kind": "other", "description": "State committee" }],
            "reflectiveSupervision": [{ "date": "2026-01-15", "hours": 1.5, "providerApproved": true, "providerLevel": "LevelIVClinical", "group": false, "peer": false }],
            "references": [{ "source": "Supervisor", "raterLevel": "LevelIII", "received": true }],
            "ethicsAgreementSignedOn": "2026-01-01",
            "portfolioApprovedOn": null,
            "examResults": [{ "date": "2026-02-01", "passed": true }],
            "memberships": [{ "from": "2026-01-01", "to": null, "individual": true, "association": "State IMH" }],
            "heldEndorsement": "None",
            "providesReflectiveSupervision": false,
            "waivers": [{ "requirementKey": "exam", "reason": "Equivalent exam", "grantedOn": "2026-01-01", "grantedBy": "Admin" }]
          }
        }
        """;

    /// <summary>Content without a length, so the body arrives chunked.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
