using System.Text.RegularExpressions;

using TrainingPortal.Web.Tests.Infrastructure;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// A tag helper bound to an indexed path (<c>asp-for="Rows[i].Name"</c>) compiles two expression trees per field on every
/// render: MVC caches the text and the accessor of plain member paths only. On the profile page's nine licence rows that
/// was about 75% of the page's CPU (docs/performance.md, "Request pipeline"). Views give each row a partial with the
/// field prefix instead (Features/MiCourseAdmin/_Question.cshtml), or write the rows as plain markup (Features/Profile/Edit.cshtml,
/// Infrastructure/PlainField.cs).
/// </summary>
public sealed partial class ViewExpressionTests
{
    [GeneratedRegex("""\b(asp-for|asp-validation-for|asp-items|for)\s*=\s*"[^"]*\[""", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedBinding();

    [Fact]
    public void No_view_binds_a_tag_helper_to_an_indexed_expression()
    {
        var features = Path.Combine(NoAbsoluteUrlFromRequestTests.RepoRoot(), "src", "TrainingPortal.Web", "Features");
        var offenders = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => IndexedBinding().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(features, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Tag helpers bound to indexed expressions (compiled on every render):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_an_indexed_binding()
    {
        Assert.Matches(IndexedBinding(), """<input asp-for="Licences[i].Number" class="form-control" />""");
        Assert.Matches(IndexedBinding(), """<span asp-validation-for="Rows[0].Name"></span>""");
        Assert.DoesNotMatch(IndexedBinding(), """<input asp-for="Number" class="form-control" />""");
        Assert.DoesNotMatch(IndexedBinding(), """<input type="checkbox" name="Licences[@i].Held" />""");
    }
}
