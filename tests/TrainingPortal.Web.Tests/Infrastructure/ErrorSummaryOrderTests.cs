using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>Issue 9: the error summary lists the fields in the order the form shows them.</summary>
public sealed partial class ErrorSummaryOrderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex("data-testid=\"error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex SummaryPattern();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<(?:input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"")]
    private static partial Regex FieldPattern();

    /// <summary>The fields the summary links to, in its order; and the same fields in the page's order.</summary>
    private static (List<string> Summary, List<string> Page) Orders(string html)
    {
        var summary = SummaryPattern().Match(html);
        Assert.True(summary.Success, "no error summary on the page");
        var linked = LinkPattern().Matches(summary.Value).Select(m => m.Groups[1].Value).ToList();
        var page = FieldPattern().Matches(html).Select(m => m.Groups[1].Value).Where(linked.Contains).Distinct().ToList();
        return (linked, page);
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_is_listed_where_its_field_is_not_before_the_fields_above_it()
    {
        // The code (first field) breaks a rule (a name is refused); the consent date (second field) cannot be
        // read as a date. Model binding records the unreadable date before the rules run, so ModelState lists it first.
        var client = await factory.SignedInAsync("trainee@demo.local", PortalClient.DemoPassword);

        var response = await client.PostFormAsync("/my/training-cases", ("Form.Code", "Jane Doe"), ("Form.ConsentDate", "31/31/2026"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (summary, page) = Orders(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Form_Code", "Form_ConsentDate"], summary);
        Assert.Equal(page, summary);
    }

    [Fact]
    public async Task Registration_lists_its_errors_in_the_order_of_its_fields()
    {
        var client = factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/register", ("DisplayName", ""), ("Email", "not an address"), ("Password", "short"), ("ConfirmPassword", "other"));

        var (summary, page) = Orders(await response.Content.ReadAsStringAsync());
        Assert.True(summary.Count >= 2, string.Join(", ", summary));
        Assert.Equal(page, summary);
    }
}
