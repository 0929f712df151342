using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainingPortal.Web.Features.Credentials;
using TrainingPortal.Web.Tests.Features.Api;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>
/// Keeps docs/examples/open-badge-credential.json honest: it is the decoded header and payload of a credential
/// the issuer makes for the input below (only the key id and the signing time, <c>iat</c>, differ per run).
/// After an intended change, regenerate it with <c>UPDATE_CREDENTIAL_EXAMPLE=1 dotnet test --filter CredentialExampleTests</c>.
/// </summary>
public sealed class CredentialExampleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly BadgeCredentialInput Example = new(
        "7KQM2X9HTP", 1, "Jordan Avery Lee", "Infant Family Specialist (IMH Endorsement Level II)",
        "IMH Endorsement Level II — Infant Family Specialist", "imh-endorsement-l2", null,
        new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 20), new DateOnly(2027, 11, 30),
        "Center for Infant Mental Health", "https://portal.example.org", "https://portal.example.org/verify/7KQM2X9HTP")
    {
        StatusIndex = 4711,
    };

    private static string ExamplePath => Path.Combine(ApiExamplesTests.DocsFolder, "examples", "open-badge-credential.json");

    [Fact]
    public async Task The_documented_example_is_what_the_issuer_makes()
    {
        var jwt = await factory.IssueAsync(Example);
        var issued = new JsonObject { ["header"] = Badges.Part(jwt, 0), ["payload"] = Badges.Part(jwt, 1) };
        if (Environment.GetEnvironmentVariable("UPDATE_CREDENTIAL_EXAMPLE") == "1")
        {
            await File.WriteAllTextAsync(ExamplePath, issued.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var documented = JsonNode.Parse(await File.ReadAllTextAsync(ExamplePath))!.AsObject();
        issued["header"]!["kid"] = (string)documented["header"]!["kid"]!;
        issued["payload"]!["iat"] = (long)documented["payload"]!["iat"]!;
        Assert.True(JsonNode.DeepEquals(documented, issued), $"docs/examples/open-badge-credential.json differs from what the issuer makes:{Environment.NewLine}{issued}");
        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
    }
}
