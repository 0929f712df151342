using System.Text.Json;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>The OpenAPI description is public and shows the evaluate operation's request and response schemas.</summary>
public sealed class OpenApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await factory.CreatePortalClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable("OPENAPI_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllTextAsync(dump, text);
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;

    [Fact]
    public async Task The_document_is_public_and_lists_only_the_api()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/eligibility/evaluate"], paths);
        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_evaluate_operation_shows_request_and_response_schemas()
    {
        var document = await DocumentAsync();
        var post = document.GetProperty("paths").GetProperty("/api/v1/eligibility/evaluate").GetProperty("post");

        var request = Resolve(document, post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var requestProperties = request.GetProperty("properties");
        foreach (var name in new[] { "ruleSet", "version", "asOf", "category", "evidence" })
        {
            Assert.True(requestProperties.TryGetProperty(name, out _), $"request schema lacks {name}");
        }
        Assert.Equal(2, requestProperties.GetProperty("version").GetProperty("oneOf").GetArrayLength());
        var evidence = Resolve(document, requestProperties.GetProperty("evidence")).GetProperty("properties");
        Assert.True(evidence.TryGetProperty("consultationAttendance", out _));
        Assert.True(evidence.TryGetProperty("reflectiveSupervision", out _));

        var responses = post.GetProperty("responses");
        var ok = Resolve(document, responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        foreach (var name in new[] { "ruleSet", "version", "asOf", "status", "nextStep", "requirements" })
        {
            Assert.True(ok.GetProperty("properties").TryGetProperty(name, out _), $"response schema lacks {name}");
        }
        var requirement = Resolve(document, ok.GetProperty("properties").GetProperty("requirements").GetProperty("items")).GetProperty("properties");
        foreach (var name in new[] { "key", "title", "status", "current", "target", "unit", "explanation", "blocking", "forecast", "findings", "waiverReason" })
        {
            Assert.True(requirement.TryGetProperty(name, out _), $"requirement schema lacks {name}");
        }
        foreach (var status in new[] { "400", "401", "403", "413", "415" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{status} is not problem+json");
        }
    }
}
