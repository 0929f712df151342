using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>
/// Keeps docs/eligibility-api.md honest: every example request under docs/examples/ is listed in the
/// doc with its overall status, is posted to the API, and must answer 200 with that status and exactly
/// the verdict stored beside it (<c>NAME.response.json</c>). Examples shown inline in the doc must be
/// the files' content. After an intended change to the rules' wording, regenerate the stored verdicts
/// with <c>UPDATE_API_EXAMPLES=1 dotnet test --filter ApiExamplesTests</c> and review the diff.
/// </summary>
public sealed partial class ApiExamplesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex(@"\(examples/(?<name>[a-z0-9-]+)\.request\.json\)[^\n]*\(examples/\k<name>\.response\.json\)[^\n]*?\|\s*`(?<status>\w+)`\s*\|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"<!-- example-(?<kind>request|response): (?<name>[a-z0-9-]+) -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex InlineBlock();

    [GeneratedRegex(@"<!-- error-example-(?<kind>request|response) -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ErrorBlock();

    private static readonly string Docs = FindDocs();

    /// <summary>The repository's docs folder.</summary>
    public static string DocsFolder => Docs;

    private static string FindDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingPortal.sln")))
            {
                return Path.Combine(dir.FullName, "docs");
            }
        }
        throw new InvalidOperationException("The repository root (TrainingPortal.sln) was not found.");
    }

    private static string Doc => File.ReadAllText(Path.Combine(Docs, "eligibility-api.md"));

    private static string ExamplePath(string name, string kind) => Path.Combine(Docs, "examples", $"{name}.{kind}.json");

    private static List<string> ExampleNames() =>
        [.. Directory.GetFiles(Path.Combine(FindDocs(), "examples"), "*.request.json")
            .Select(file => Path.GetFileName(file)[..^".request.json".Length])
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Examples() => [.. ExampleNames()];

    private static Dictionary<string, string> ExpectedStatuses() =>
        TableRow().Matches(Doc).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["status"].Value, StringComparer.Ordinal);

    [Fact]
    public void Every_example_file_is_in_the_doc_and_every_program_has_one()
    {
        var files = ExampleNames().ToHashSet();
        var listed = ExpectedStatuses();

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        var programs = files.Select(name => JsonNode.Parse(File.ReadAllText(ExamplePath(name, "request")))!["ruleSet"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(Domain.Eligibility.RuleSetCatalog.Default.ProgramKeys.Order(StringComparer.Ordinal), programs.Order(StringComparer.Ordinal));
        // Level III under both versions, Level IV under every category.
        var l3Versions = files.Select(name => JsonNode.Parse(File.ReadAllText(ExamplePath(name, "request")))!)
            .Where(d => d["ruleSet"]!.GetValue<string>() == "imh-endorsement-l3").Select(d => d["version"]!.ToJsonString()).ToHashSet();
        Assert.Equal(["\"current\"", "1"], l3Versions.Order(StringComparer.Ordinal));
        var l4Categories = files.Select(name => JsonNode.Parse(File.ReadAllText(ExamplePath(name, "request")))!)
            .Where(d => d["ruleSet"]!.GetValue<string>() == "imh-endorsement-l4").Select(d => d["category"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(["clinical", "policy", "research-faculty"], l4Categories.Order(StringComparer.Ordinal));
        // The examples show every overall status.
        Assert.Equal(["CannotBecomeEligible", "Eligible", "NotYetEligible"], listed.Values.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_returns_the_documented_verdict(string name)
    {
        var key = await factory.CreateKeyAsync();
        var request = await File.ReadAllTextAsync(ExamplePath(name, "request"));

        var response = await factory.KeyClient(key).EvaluateAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");
        var actual = JsonNode.Parse(body)!;
        var responsePath = ExamplePath(name, "response");
        if (Environment.GetEnvironmentVariable("UPDATE_API_EXAMPLES") == "1")
        {
            await File.WriteAllTextAsync(responsePath, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
        Assert.True(ExpectedStatuses().TryGetValue(name, out var status), $"{name} is not listed in docs/eligibility-api.md");
        Assert.Equal(status, actual["status"]!.GetValue<string>());
        Assert.True(File.Exists(responsePath), $"{responsePath} is missing");
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(responsePath));
        Assert.True(JsonNode.DeepEquals(stored, actual), $"{name}: the verdict differs from {responsePath}:\n{body}");
    }

    [Fact]
    public void Examples_shown_inline_in_the_doc_are_the_files()
    {
        var blocks = InlineBlock().Matches(Doc);

        Assert.Contains(blocks, b => b.Groups["kind"].Value == "request");
        Assert.Contains(blocks, b => b.Groups["kind"].Value == "response");
        foreach (Match block in blocks)
        {
            var file = ExamplePath(block.Groups["name"].Value, block.Groups["kind"].Value);
            Assert.True(File.Exists(file), $"{file} is missing");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(file)), JsonNode.Parse(block.Groups["json"].Value)),
                $"the {block.Groups["kind"].Value} of {block.Groups["name"].Value} shown in the doc differs from {file}");
        }
    }

    [Fact]
    public async Task The_error_example_in_the_doc_is_the_answer_the_api_gives()
    {
        var blocks = ErrorBlock().Matches(Doc).ToDictionary(m => m.Groups["kind"].Value, m => m.Groups["json"].Value, StringComparer.Ordinal);
        Assert.Equal(2, blocks.Count);
        var key = await factory.CreateKeyAsync();

        var response = await factory.KeyClient(key).EvaluateAsync(blocks["request"]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var actual = JsonNode.Parse(body)!.AsObject();
        var documented = JsonNode.Parse(blocks["response"])!.AsObject();
        actual.Remove("traceId");
        documented.Remove("traceId");
        Assert.True(JsonNode.DeepEquals(documented, actual), $"the error example in the doc differs from the answer:\n{body}");
    }
}
