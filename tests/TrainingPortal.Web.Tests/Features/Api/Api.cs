using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.Api;

/// <summary>Helpers for calling the eligibility API the way a client does.</summary>
public static class Api
{
    public const string EvaluatePath = "/api/v1/eligibility/evaluate";

    /// <summary>A small valid document (mio-rostering, nothing done yet).</summary>
    public const string MinimalDocument = """{ "ruleSet": "mio-rostering", "version": "current", "asOf": "2026-11-23", "evidence": {} }""";

    /// <summary>Stores a key the way the key screen does and returns the whole key string.</summary>
    public static async Task<string> CreateKeyAsync(this PortalFactory factory, bool revoked = false)
    {
        var (prefix, key) = ApiKeyFormat.Create();
        await factory.WithDbAsync(async db =>
        {
            var creator = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
            db.ApiKeys.Add(new ApiKey
            {
                Name = "test key " + prefix,
                Prefix = prefix,
                KeyHash = ApiKeyFormat.Hash(key),
                CreatedUtc = factory.Time.GetUtcNow().UtcDateTime,
                CreatedById = creator,
                RevokedUtc = revoked ? factory.Time.GetUtcNow().UtcDateTime : null,
            });
            return await db.SaveChangesAsync();
        });
        return key;
    }

    public static HttpClient KeyClient(this PortalFactory factory, string key)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static Task<HttpResponseMessage> EvaluateAsync(this HttpClient client, string json, string contentType = "application/json") =>
        client.EvaluateAsync(Encoding.UTF8.GetBytes(json), contentType);

    public static Task<HttpResponseMessage> EvaluateAsync(this HttpClient client, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return client.PostAsync(EvaluatePath, content);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with the status and returns the problem.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 whose errors name exactly <paramref name="paths"/>; returns the errors by path.</summary>
    public static async Task<Dictionary<string, string[]>> AssertErrorsAsync(this HttpResponseMessage response, params string[] paths)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
        Assert.Equal(paths.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
        return errors;
    }

    /// <summary>Row counts of every table in the portal's database.</summary>
    public static Task<Dictionary<string, long>> RowCountsAsync(this PortalFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = (long)(await count.ExecuteScalarAsync())!;
            }
            return counts;
        });
}
