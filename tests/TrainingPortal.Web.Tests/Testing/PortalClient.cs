using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>Form posts the way a browser makes them: GET the page, take its antiforgery token, POST.</summary>
public static partial class PortalClient
{
    public const string DemoPassword = "Demo-Portal-2026";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The antiforgery token of a page's form (empty when it has none).</summary>
    public static string TokenIn(string html) => TokenPattern().Match(html).Groups[1].Value;

    public static async Task<string> GetTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {path}");
        return match.Groups[1].Value;
    }

    /// <summary>GETs <paramref name="formPage"/> for its token and POSTs the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await client.GetTokenAsync(formPage);
        var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await client.PostAsync(action, content);
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(path, path, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = DemoPassword) =>
        client.PostFormAsync("/account/login", ("Email", email), ("Password", password));

    /// <summary>
    /// A client signed in as <paramref name="email"/>. Administrators sign in with two steps: one who has not set it up
    /// (the demo admin, test admins) gets it turned on first, and the second step is answered with the current code.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(this PortalFactory factory, string email, string password = DemoPassword)
    {
        await factory.EnsureAdministratorTwoFactorAsync(email);
        var client = factory.CreatePortalClient();
        var response = await client.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.IsSecondStep())
        {
            response = await client.CompleteSecondStepAsync(factory, email);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The second sign-in step answered {(int)response.StatusCode}");
        }
        return client;
    }

    public static string Decode(string html) => WebUtility.HtmlDecode(html);
}
