using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Approvals;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// Guard: internal names never reach a person. Every demo account walks every page it can reach by links
/// from its home page (over the Development demo data), and the visible text — including accessible names —
/// is searched for enum member names (<c>LevelIVClinical</c>), rule-set ids (<c>mio-rostering@1</c>), program
/// keys, entity type names (<c>IdentityRoleClaim</c>) and doubled words. Pages that trainers and administrators
/// read about a trainee do not speak to the trainee ("you").
/// </summary>
public sealed partial class VisibleWordsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Pages per address pattern (digits replaced) and per account: enough to reach every screen.</summary>
    private const int PerPattern = 2;
    private const int MaxPages = 120;

    /// <summary>
    /// The administrators' rule-set reference (<c>/admin/rule-sets</c>) deliberately shows program keys, requirement
    /// keys, kinds and parameter names: it documents what the JSON API takes. Downloads are not pages.
    /// </summary>
    private static bool Skip(string path) =>
        path.StartsWith("/admin/rule-sets", StringComparison.Ordinal)
        || path.StartsWith("/api/", StringComparison.Ordinal)
        || path.StartsWith("/openapi", StringComparison.Ordinal)
        || path.StartsWith("/.well-known", StringComparison.Ordinal)
        || path.Contains("logout", StringComparison.OrdinalIgnoreCase)
        || path.Contains("sign-out", StringComparison.OrdinalIgnoreCase)
        || Download().IsMatch(path);

    public static TheoryData<string> Accounts() =>
    [
        "admin@demo.local", "trainer@demo.local", "trainer2@demo.local", "trainee@demo.local", "trainee2@demo.local",
        "trainee3@demo.local", "trainee4@demo.local", "trainee5@demo.local", "trainee6@demo.local",
    ];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task No_page_shows_an_internal_name(string email)
    {
        var client = await factory.SignedInAsync(email);
        var tokens = InternalTokens();
        var problems = new List<string>();
        var visited = 0;

        await foreach (var (path, html) in CrawlAsync(client))
        {
            visited++;
            var text = VisibleText(html);
            foreach (Match m in Words().Matches(text))
            {
                if (tokens.Contains(m.Value))
                {
                    problems.Add($"{path}: internal name '{m.Value}' in \"{Around(text, m.Index)}\"");
                }
            }
            foreach (var pattern in new[] { RuleSetId(), IdentityType(), DoubledParenthesis() })
            {
                foreach (Match m in pattern.Matches(text))
                {
                    problems.Add($"{path}: '{m.Value}' in \"{Around(text, m.Index)}\"");
                }
            }
            // A program key is fine where it is a value to type (the CSV import's column), set as code.
            var withoutCode = VisibleText(Code().Replace(html, " "));
            foreach (var key in RuleSetCatalog.Default.ProgramKeys)
            {
                var at = withoutCode.IndexOf(key, StringComparison.Ordinal);
                if (at >= 0)
                {
                    problems.Add($"{path}: program key '{key}' in \"{Around(withoutCode, at)}\"");
                }
            }
        }

        Assert.True(visited >= 3, $"only {visited} pages reached");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Theory]
    [InlineData("trainer@demo.local")]
    [InlineData("trainer2@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Pages_about_a_trainee_do_not_speak_to_the_trainee(string email)
    {
        var client = await factory.SignedInAsync(email);
        var problems = new List<string>();
        var standings = 0;

        await foreach (var (path, html) in CrawlAsync(client))
        {
            foreach (Match block in AboutSomeone().Matches(html))
            {
                standings++;
                var text = VisibleText(block.Value);
                foreach (Match m in SecondPerson().Matches(text))
                {
                    problems.Add($"{path}: '{m.Value}' in \"{Around(text, m.Index)}\"");
                }
            }
        }

        Assert.True(standings > 0, "no standing of a trainee was reached");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public async Task After_approval_no_page_says_an_administrator_reviews_it_next()
    {
        var priya = await factory.FindAsync("trainee2@demo.local");
        var enrollment = await factory.WithDbAsync(db => db.Enrollments.AsNoTracking()
            .SingleAsync(e => e.PersonId == priya!.Id && e.ProgramKey == DefaultRuleSets.Keys.MioRostering));
        var result = await factory.WithScopeAsync(async sp =>
            await sp.GetRequiredService<ApprovalService>().ApproveAsync(enrollment.Id, sp.GetRequiredService<EligibilityService>().Today(), enrollment.Version));
        Assert.IsType<ApprovalResult.Approved>(result);

        var admin = await factory.SignedInAsync("admin@demo.local");
        var review = VisibleText(await admin.GetStringAsync($"/admin/approvals/{enrollment.Id}"));
        var trainee = await factory.SignedInAsync("trainee2@demo.local");
        var home = VisibleText(await trainee.GetStringAsync("/"));

        foreach (var page in new[] { review, home })
        {
            Assert.DoesNotContain("reviews and approves it next", page, StringComparison.Ordinal);
        }
        Assert.Contains("Approved by an administrator on", review, StringComparison.Ordinal);
    }

    /// <summary>Every reachable page once per address pattern (at most <see cref="PerPattern"/>), breadth first from the home page.</summary>
    private static async IAsyncEnumerable<(string Path, string Html)> CrawlAsync(HttpClient client)
    {
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var perPattern = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = 0;
        while (queue.Count > 0 && pages < MaxPages)
        {
            var path = queue.Dequeue();
            using var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK
                || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, path + " answered 500");
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            pages++;
            yield return (path, html);
            foreach (Match m in Link().Matches(html))
            {
                var href = WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0];
                if (href.Length == 0 || !href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal) || Skip(href) || !seen.Add(href))
                {
                    continue;
                }
                var pattern = Digits().Replace(href.Split('?')[0], "N") + (href.Contains('?', StringComparison.Ordinal) ? "?" : "");
                if (perPattern.GetValueOrDefault(pattern) >= PerPattern)
                {
                    continue;
                }
                perPattern[pattern] = perPattern.GetValueOrDefault(pattern) + 1;
                queue.Enqueue(href);
            }
        }
    }

    /// <summary>Enum member names of the app and the engine, and entity type names, that read as one glued word.</summary>
    private HashSet<string> InternalTokens()
    {
        var names = new[] { typeof(Evidence).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsEnum)
            .SelectMany(Enum.GetNames)
            .ToList();
        names.AddRange(factory.Services.CreateScope().ServiceProvider.GetRequiredService<Web.Data.AppDbContext>()
            .Model.GetEntityTypes().Select(t => t.ClrType.Name.Split('`')[0]));
        var tokens = names
            .Where(n => Glued().IsMatch(n) && n is not ("MEd" or "EdD" or "PsyD" or "PhD")) // degrees as people write them
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("LevelIVClinical", tokens);
        Assert.Contains("MioConsultation", tokens);
        Assert.Contains("TrainingCaseRecord", tokens);
        return tokens;
    }

    /// <summary>The text a person sees or hears: element text, and the accessible names and hints in attributes.</summary>
    private static string VisibleText(string html)
    {
        var withoutCode = Hidden().Replace(html, " ");
        var attributes = string.Join(" ", SpokenAttribute().Matches(withoutCode).Select(m => m.Groups[2].Value));
        var text = Tag().Replace(withoutCode, " ");
        return Space().Replace(WebUtility.HtmlDecode(text + " " + attributes), " ");
    }

    private static string Around(string text, int index) =>
        text.Substring(Math.Max(0, index - 60), Math.Min(text.Length - Math.Max(0, index - 60), 140));

    [GeneratedRegex(@"href=""([^""]*)""")]
    private static partial Regex Link();

    [GeneratedRegex(@"\.(csv|pdf|ics|json|png|svg|jpg|css|js|zip)(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Download();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("^[A-Z][a-z]+[A-Z][A-Za-z]*$")]
    private static partial Regex Glued();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b[a-z]+(-[a-z0-9]+)*@[0-9]+\b")]
    private static partial Regex RuleSetId();

    [GeneratedRegex(@"\bIdentity[A-Z][A-Za-z]*")]
    private static partial Regex IdentityType();

    [GeneratedRegex(@"(\([a-z ]+\))\s*\1")]
    private static partial Regex DoubledParenthesis();

    [GeneratedRegex(@"<(script|style|head)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"\s(aria-label|title|alt|placeholder)=""([^""]*)""")]
    private static partial Regex SpokenAttribute();

    [GeneratedRegex("<code>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>A trainee's standing as others read it: the shared standing card and a row of a group's members.</summary>
    [GeneratedRegex(@"<section class=""card[^""]*\bstanding\b.*?</section>|<tr data-testid=""member"".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex AboutSomeone();

    [GeneratedRegex(@"\b(you|your|yours|yourself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPerson();
}
