using System.Text.Json;
using System.Text.Json.Nodes;
using TrainingPortal.Web.Features.Api;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>
/// The rules engine under the edge values the API accepts: every number in every documented example
/// set to 0 and to the largest allowed values, every date to the earliest and latest allowed dates,
/// every boolean flipped. Each answer is a verdict or a 400 problem — never a 500.
/// </summary>
public sealed class ApiBoundaryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(ApiExamplesTests.DocsFolder, "examples"), "*.request.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Edge_values_in_every_field_never_produce_a_500(string file)
    {
        var client = factory.KeyClient(await factory.CreateKeyAsync());
        var original = await File.ReadAllTextAsync(Path.Combine(ApiExamplesTests.DocsFolder, "examples", file));
        var root = JsonNode.Parse(original)!;
        var (posted, verdicts) = (0, 0);

        foreach (var (parent, key) in Leaves(root))
        {
            var value = parent is JsonArray a ? a[(int)key] : parent[(string)key];
            string[] replacements = value?.GetValueKind() switch
            {
                JsonValueKind.Number => ["0", "1440", "10000"],
                JsonValueKind.True => ["false"],
                JsonValueKind.False => ["true"],
                JsonValueKind.String when DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", out _) =>
                    [$"\"{EvaluateRequestReader.MinDate:yyyy-MM-dd}\"", $"\"{EvaluateRequestReader.MaxDate:yyyy-MM-dd}\""],
                _ => [],
            };
            foreach (var replacement in replacements)
            {
                var json = Replaced(root, parent, key, replacement);
                var response = await client.EvaluateAsync(json);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{file}: {replacement} at {parent.GetPath()}/{key}: {(int)response.StatusCode} {body}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    verdicts++;
                }
                else
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
                posted++;
            }
        }

        // MI Champions' course has one requirement over a list of flags: its example's 8 edge values are every leaf it has.
        var minimum = file == "mi-practice.request.json" ? 8 : 20;
        Assert.True(posted >= minimum, $"{file}: only {posted} edge values");
        Assert.True(verdicts * 2 > posted, $"{file}: only {verdicts} of {posted} edge documents were evaluated; the sweep should mostly reach the rules");
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Leaves(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonObject or JsonArray)
                    {
                        foreach (var leaf in Leaves(child))
                        {
                            yield return leaf;
                        }
                    }
                    else
                    {
                        yield return (obj, name);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject or JsonArray)
                    {
                        foreach (var leaf in Leaves(array[i]!))
                        {
                            yield return leaf;
                        }
                    }
                    else
                    {
                        yield return (array, i);
                    }
                }
                break;
        }
    }

    private static string Replaced(JsonNode root, JsonNode parent, object key, string replacement)
    {
        var replacementNode = JsonNode.Parse(replacement);
        if (parent is JsonArray array)
        {
            var old = array[(int)key];
            array[(int)key] = replacementNode;
            var json = root.ToJsonString();
            array[(int)key] = old?.DeepClone();
            return json;
        }
        var previous = parent[(string)key];
        parent[(string)key] = replacementNode;
        var result = root.ToJsonString();
        parent[(string)key] = previous?.DeepClone();
        return result;
    }
}
