using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>
/// Text the JSON reader cannot turn into a string (a lone UTF-16 surrogate, <c>"\ud800"</c>) is a 400
/// naming its path, wherever it is; and in Production every API error — an unhandled exception, an
/// unknown address — is problem+json, never the HTML error page.
/// </summary>
public sealed class ApiInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Marker = "__lone_surrogate__";

    [Theory]
    [MemberData(nameof(ApiBoundaryTests.Examples), MemberType = typeof(ApiBoundaryTests))]
    public async Task A_lone_surrogate_in_any_string_is_a_400_naming_its_path(string file)
    {
        var client = factory.KeyClient(await factory.CreateKeyAsync());
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ApiExamplesTests.DocsFolder, "examples", file)))!;
        var count = Strings(root).Count();

        for (var i = 0; i < count; i++)
        {
            var node = Strings(root).ElementAt(i);
            var original = node.GetValue<string>();
            var marker = JsonValue.Create(Marker);
            node.ReplaceWith(marker);
            var path = ApiPath(marker);
            var json = root.ToJsonString().Replace('"' + Marker + '"', "\"\\ud800\"", StringComparison.Ordinal);
            marker.ReplaceWith(JsonValue.Create(original));

            var response = await client.EvaluateAsync(json);

            var errors = await response.AssertErrorsAsync(path);
            Assert.Contains("lone UTF-16 surrogate", errors[path][0], StringComparison.Ordinal);
        }
        Assert.True(count >= 3, $"{file}: only {count} strings");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_property_name_is_a_400_for_its_object()
    {
        var client = factory.KeyClient(await factory.CreateKeyAsync());

        var root = await client.EvaluateAsync("""{ "ruleSet": "mio-rostering", "asOf": "2026-11-23", "evidence": { "\udc00x": 1 } }""");
        var top = await client.EvaluateAsync("""{ "\ud800": 1, "ruleSet": "mio-rostering", "asOf": "2026-11-23", "evidence": {} }""");

        await root.AssertErrorsAsync("evidence");
        await top.AssertErrorsAsync("$");
    }

    private static IEnumerable<JsonNode> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [value],
        _ => [],
    };

    /// <summary><c>$.evidence.trainingCases[0].code</c> → <c>evidence.trainingCases[0].code</c>, the API's path form.</summary>
    private static string ApiPath(JsonNode node) => node.GetPath() is var p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : p;
}

/// <summary>Production with an evidence validator that fails unexpectedly (an unhandled exception inside the API).</summary>
public sealed class BrokenApiProductionFactory : ProductionPortalFactory
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IValidator<Evidence>>(new ThrowingValidator());

    private sealed class ThrowingValidator : AbstractValidator<Evidence>
    {
        public override Task<ValidationResult> ValidateAsync(ValidationContext<Evidence> context, CancellationToken cancellation = default) =>
            throw new InvalidOperationException("simulated failure");
    }
}

public sealed class ApiProductionErrorTests(BrokenApiProductionFactory factory) : IClassFixture<BrokenApiProductionFactory>
{
    private async Task<HttpClient> KeyClientAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var (prefix, key) = ApiKeyFormat.Create();
        await factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "test key " + prefix, Prefix = prefix, KeyHash = ApiKeyFormat.Hash(key),
                CreatedUtc = factory.Time.GetUtcNow().UtcDateTime, CreatedById = admin.Id,
            });
            return await db.SaveChangesAsync();
        });
        return factory.KeyClient(key);
    }

    [Fact]
    public async Task An_unhandled_exception_under_the_api_answers_problem_json_not_the_html_page()
    {
        var client = await KeyClientAsync();

        var response = await client.EvaluateAsync(Api.MinimalDocument);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("simulated failure", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing")]
    [InlineData("GET", "/api/v1/eligibility/evaluate")]
    [InlineData("POST", "/api/v1/eligibility/no-such-thing")]
    public async Task Any_other_api_answer_is_problem_json_too(string method, string path)
    {
        var client = await KeyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True((int)response.StatusCode >= 400, $"answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lone_surrogate_in_production_is_a_400_problem()
    {
        var client = await KeyClientAsync();

        var response = await client.EvaluateAsync("""{ "ruleSet": "\ud800", "asOf": "2026-11-23", "evidence": {} }""");

        await response.AssertErrorsAsync("ruleSet");
    }

    [Fact]
    public async Task Pages_outside_the_api_still_get_the_html_error_page()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var client = await factory.SignedInAsync(admin.Email!, TestUsers.Password);

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
