using System.Text.RegularExpressions;

namespace TrainingPortal.Domain.Tests.Programs;

/// <summary>
/// Program knowledge lives in the program definitions: the source of the portal (domain and web, views included)
/// has no switch over program keys or group kinds with a default arm, and no comparison with one program's key or
/// one kind of group. The scan is textual: a switch counts as "over program keys or group kinds" when one of its
/// patterns or case labels names a key (<c>Keys.X</c>, <c>"mio-…"</c>, <c>"imh-…"</c>) or a kind (<c>GroupKind.X</c>).
/// </summary>
public sealed partial class ProgramSwitchGuardTests
{
    /// <summary>Files that may name programs and kinds: the definitions, the rule sets, and the demo and scale seeds (data).</summary>
    private static readonly string[] Allowed =
    [
        "src/TrainingPortal.Domain/Programs/",
        "src/TrainingPortal.Domain/Eligibility/DefaultRuleSets.cs",
        "src/TrainingPortal.Web/Infrastructure/DemoPrograms.cs",
        "src/TrainingPortal.Web/Infrastructure/ScaleSeedCommand.cs",
    ];

    [Fact]
    public void No_switch_over_program_keys_or_group_kinds_has_a_default_arm()
    {
        var found = Sources().SelectMany(f => DefaultArms(f.Path, f.Text)).ToList();
        Assert.Empty(found);
    }

    [Fact]
    public void No_code_compares_with_one_program_key_or_one_kind_of_group()
    {
        var found = Sources()
            .Where(f => !Allowed.Any(a => f.Path.StartsWith(a, StringComparison.Ordinal)))
            .SelectMany(f => Comparison().Matches(f.Text).Select(m => $"{f.Path}:{Line(f.Text, m.Index)}: {m.Value}"))
            .ToList();
        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_finds_a_default_arm_and_a_comparison()
    {
        // The guards must be able to fail.
        const string expression = "var x = kind switch { GroupKind.MioClassroom => 1, _ => 2 };";
        const string statement = "switch (key) { case DefaultRuleSets.Keys.ImhCourse: break; default: return; }";
        const string overInt = "var y = (p % 20) switch { 4 => Keys.ImhCourse, _ => null };";
        Assert.Single(DefaultArms("a.cs", expression));
        Assert.Single(DefaultArms("b.cs", statement));
        Assert.Empty(DefaultArms("c.cs", overInt));
        Assert.Single(Comparison().Matches("if (g.Kind == GroupKind.MioClassroom) { }"));
        Assert.Single(Comparison().Matches("programKey is Keys.ImhEndorsementL1 or Keys.ImhEndorsementL2"));
        Assert.Single(Comparison().Matches("key.StartsWith(\"imh-endorsement\", StringComparison.Ordinal)"));
        Assert.NotEmpty(Sources());
    }

    /// <summary>The default arms (<c>_ =></c>, <c>_ when</c>, <c>default:</c>) of the switches over program keys or group kinds.</summary>
    private static IEnumerable<string> DefaultArms(string path, string text)
    {
        foreach (Match m in SwitchKeyword().Matches(text))
        {
            var open = text.IndexOf('{', m.Index);
            if (open < 0)
            {
                continue;
            }
            var close = Matching(text, open);
            var body = text[(open + 1)..close];
            var patterns = Patterns(body).ToList();
            if (patterns.Any(p => ProgramOrKind().IsMatch(p)) && patterns.Any(p => Discard().IsMatch(p)))
            {
                yield return $"{path}:{Line(text, m.Index)}: a switch over program keys or group kinds with a default arm";
            }
        }
    }

    /// <summary>The patterns of a switch body: what precedes each top-level <c>=></c> of an expression, and each <c>case …:</c> / <c>default:</c> of a statement.</summary>
    private static IEnumerable<string> Patterns(string body)
    {
        foreach (Match c in CaseLabel().Matches(body))
        {
            yield return c.Value;
        }
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    start = i + 1;
                    break;
                case '=' when depth == 0 && i + 1 < body.Length && body[i + 1] == '>':
                    yield return body[start..i];
                    start = i + 2;
                    // Skip the arm's result up to the next top-level comma.
                    var d = 0;
                    for (i += 2; i < body.Length; i++)
                    {
                        if (body[i] is '(' or '[' or '{') { d++; }
                        else if (body[i] is ')' or ']' or '}') { d--; }
                        else if (body[i] == ',' && d == 0) { break; }
                    }
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }
    }

    private static int Matching(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }
        return text.Length;
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static List<(string Path, string Text)> Sources()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TrainingPortal.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var src = Path.Combine(root.FullName, "src");
        return [.. Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root.FullName, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, StripComments(File.ReadAllText(Path.Combine(root.FullName, f)))))];
    }

    private static string StripComments(string text) => LineComment().Replace(text, "");

    [GeneratedRegex(@"\bswitch\b")]
    private static partial Regex SwitchKeyword();

    [GeneratedRegex(@"\b(case\s[^:;]*|default\s*):")]
    private static partial Regex CaseLabel();

    [GeneratedRegex(@"\bGroupKind\.[A-Z]\w*|\bKeys\.[A-Z]\w*|""(mio|imh)-[a-z0-9-]*""")]
    private static partial Regex ProgramOrKind();

    [GeneratedRegex(@"^\s*(_\s*(when\b.*)?|default\s*:?)\s*$", RegexOptions.Singleline)]
    private static partial Regex Discard();

    [GeneratedRegex(@"(==|!=|\bis)\s*(\(\s*)?(\w+\.)*(GroupKind|Keys)\.[A-Z]\w*|(StartsWith|EndsWith|Contains)\(\s*""(mio|imh)-")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?m)^\s*//.*$")]
    private static partial Regex LineComment();
}
