using System.Text.RegularExpressions;
using TrainingPortal.Web.IntroCourse;

namespace TrainingPortal.Web.Tests.IntroCourse;

/// <summary>The course's Markdown never renders script or raw HTML: the usual XSS payloads, each through both walls.</summary>
public sealed partial class SafeMarkdownTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "Hello <script src=\"https://evil.example/x.js\"></script> world",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "[click][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/track.png)",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{display:none}</style>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "[x](https://ok.example \"t\" onmouseover=\"alert(1)\")",
        "<object data=\"javascript:alert(1)\"></object>",
        "`<script>alert(1)</script>`",
        "    <script>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
        "[click](//evil.example/path)",
        "<details open ontoggle=alert(1)>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_renders_as_harmless_text(string payload)
    {
        var html = SafeMarkdown.ToHtml(payload);

        // No element that can run or load anything, no event handler, no script-bearing address.
        Assert.DoesNotMatch(DangerousElement(), html);
        Assert.DoesNotMatch(EventHandler(), html);
        // (Typed HTML stays visible as escaped text, e.g. "&lt;a href=&quot;javascript:…": harmless, so only real attributes are checked.)
        Assert.DoesNotMatch(ScriptAddress(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
        // Every link that keeps an address points to http, https or mailto, and carries rel="noopener nofollow".
        foreach (Match link in Anchor().Matches(html))
        {
            Assert.Contains("rel=\"noopener nofollow\"", link.Value, StringComparison.Ordinal);
            var href = Href().Match(link.Value);
            if (href.Success)
            {
                Assert.Matches("^(https?://[^/]|mailto:)", href.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void Ordinary_markdown_still_renders_and_good_links_keep_their_address()
    {
        var html = SafeMarkdown.ToHtml("## Open questions\n\nAsk **what** and *how*.\n\n- one\n- two\n\n[MINT](https://motivationalinterviewing.org) or <mailto:team@example.org>\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<strong>what</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>how</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://motivationalinterviewing.org\" rel=\"noopener nofollow\">MINT</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:team@example.org\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_html_shows_as_text_and_is_not_dropped_silently()
    {
        var html = SafeMarkdown.ToHtml("Use <b>bold</b> sparingly");
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.org/video", true)]
    [InlineData("http://example.org/reading", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("ftp://example.org/file", false)]
    [InlineData("//example.org/x", false)]
    [InlineData("/relative", false)]
    [InlineData("mailto:a@example.org", false)]
    [InlineData("https://", false)]
    public void A_modules_link_is_an_http_or_https_address(string address, bool allowed) =>
        Assert.Equal(allowed, SafeMarkdown.IsWebAddress(address));

    [GeneratedRegex("<\\s*(script|img|svg|iframe|object|embed|style|form|input|div|details|link|meta|base)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousElement();

    [GeneratedRegex("<[^>]*\\son\\w+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("<[^>]*\\s(href|src|action|formaction|data|xlink:href)\\s*=\\s*\"?\\s*(javascript|vbscript|data):", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptAddress();

    [GeneratedRegex("<[^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("<a\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Anchor();

    [GeneratedRegex("href=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
