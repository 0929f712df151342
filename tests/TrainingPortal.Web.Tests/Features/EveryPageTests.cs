using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// Guards over every page each role reaches (<see cref="CrawledSite"/>): issue 9's forms that failed with
/// the 400 page (no antiforgery token), and date hints that contradicted the date picker.
/// </summary>
public sealed partial class EveryPageTests(CrawledSite site, ITestOutputHelper output) : IClassFixture<CrawledSite>
{
    [GeneratedRegex("<input\\b[^>]*\\btype=\"date\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex DateInputPattern();

    [GeneratedRegex("\\baria-describedby=\"([^\"]*)\"")]
    private static partial Regex DescribedByPattern();

    /// <summary>A written date format: YYYY-MM-DD, MM/DD/YYYY, dd.mm.yyyy and the like.</summary>
    [GeneratedRegex("\\b(yyyy|yy|mm|dd)[-/. ](mm|dd|yyyy|yy)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex FormatPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenPattern();

    /// <summary>The POST forms of one page that lack exactly one token: "method action (n tokens)".</summary>
    internal static IEnumerable<string> FormsWithoutOneToken(string html)
    {
        foreach (Match form in CrawledSite.FormPattern().Matches(html))
        {
            var method = CrawledSite.MethodOf(form);
            if (method == "get")
            {
                continue;
            }
            var tokens = TokenPattern().Count(form.Groups[2].Value);
            if (tokens != 1)
            {
                var action = CrawledSite.ActionPattern().Match(form.Groups[1].Value) is { Success: true } a ? a.Groups[1].Value : "(this page)";
                yield return $"{method} {WebUtility.HtmlDecode(action)} ({tokens} tokens)";
            }
        }
    }

    [Fact]
    public void The_check_finds_a_post_form_without_a_token_and_one_with_two()
    {
        const string html = """
            <form method="get" action="/verify"><input name="code"></form>
            <form method="post" action="/admin/certificates/1/revoke"><textarea name="reason"></textarea></form>
            <form method="POST" action="/ok"><input name="__RequestVerificationToken" type="hidden" value="x"></form>
            <form method="post" action="/twice"><input name="__RequestVerificationToken" type="hidden" value="x"><input name="__RequestVerificationToken" type="hidden" value="x"></form>
            """;

        Assert.Equal(["post /admin/certificates/1/revoke (0 tokens)", "post /twice (2 tokens)"], FormsWithoutOneToken(html));
    }

    [Fact]
    public void The_crawl_reaches_every_page_of_the_app()
    {
        output.WriteLine($"{site.Pages.Count} pages; {site.Routes.Count - site.UnreachedRoutes.Count - CrawledSite.NotPages.Count} of {site.Routes.Count} GET routes reached, {CrawledSite.NotPages.Count} not pages");
        Assert.True(site.Routes.Count > 20, $"only {site.Routes.Count} GET routes found");
        Assert.True(site.UnreachedRoutes.Count == 0,
            "These GET routes were reached by no role, so the guards over every page did not check them: link them from a page the demo data reaches, "
            + "add them to CrawledSite's start pages, or list them in CrawledSite.NotPages with the reason: " + string.Join(", ", site.UnreachedRoutes));
    }

    [Fact]
    public void Every_post_form_on_every_page_each_role_reaches_carries_one_antiforgery_token()
    {
        var problems = site.Pages.SelectMany(p => FormsWithoutOneToken(p.Html).Select(f => $"{p.Role} GET {p.Address}: {f}")).Distinct().ToList();
        var postForms = site.Pages.Sum(p => CrawledSite.FormPattern().Matches(p.Html).Count(f => CrawledSite.MethodOf(f) != "get"));
        output.WriteLine($"{site.Pages.Count} pages, {postForms} POST forms");

        Assert.True(problems.Count == 0, "POST forms without exactly one antiforgery token (they fail with the 400 page):\n" + string.Join("\n", problems));
        Assert.True(postForms > 20, $"only {postForms} POST forms seen");
        Assert.Contains(site.Pages, p => p.Html.Contains("/revoke\"", StringComparison.Ordinal) && p.Address.StartsWith("/admin/certificates/", StringComparison.Ordinal));
    }

    /// <summary>
    /// A date picker (<c>input type="date"</c>) shows the date in the format of the browser's language
    /// (mm/dd/yyyy in US English, dd/mm/yyyy in British English): a hint that names one format contradicts it
    /// for someone. The hints of date pickers say what the date means, never how to write it.
    /// </summary>
    [Fact]
    public void No_date_picker_is_described_by_a_hint_that_names_a_date_format()
    {
        var problems = new List<string>();
        var pickers = 0;
        foreach (var page in site.Pages)
        {
            foreach (Match input in DateInputPattern().Matches(page.Html))
            {
                pickers++;
                if (DescribedByPattern().Match(input.Value) is not { Success: true } describedBy)
                {
                    continue;
                }
                foreach (var id in describedBy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var hint = Regex.Match(page.Html, $"<(\\w+)\\b[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
                    if (hint.Success && FormatPattern().Match(hint.Groups[2].Value) is { Success: true } format)
                    {
                        problems.Add($"{page.Address}: #{id} says \"{format.Value}\"");
                    }
                }
            }
        }

        Assert.True(pickers >= 5, $"only {pickers} date pickers seen");
        Assert.True(problems.Count == 0, "Date pickers described by a hint naming a date format the picker may not show:\n" + string.Join("\n", problems.Distinct()));
    }
}
