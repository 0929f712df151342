using Ganss.Xss;
using Markdig;

namespace TrainingPortal.Web.IntroCourse;

/// <summary>
/// Renders Markdown an administrator typed into HTML that can carry no script: two walls. Markdig renders with raw
/// HTML turned off (<c>DisableHtml</c>: a typed <c>&lt;script&gt;</c> shows as text); then HtmlSanitizer keeps only
/// the elements and attributes Markdown produces for text (no images, no style, no event handlers), and every link
/// keeps its address only when it is an absolute <c>http</c>, <c>https</c> or <c>mailto</c> address, with
/// <c>rel="noopener nofollow"</c>. Images are not shown (the content security policy allows the portal's own images
/// only; a module carries its one video or reading link instead).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "sub", "sup", "code", "pre",
                "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                // Only an absolute http, https or mailto address stays a link target; anything else (relative, protocol-relative,
                // another scheme) loses its address and stays as text.
                var href = link.GetAttribute("href");
                if (href is null || !IsAllowed(href))
                {
                    link.RemoveAttribute("href");
                }
                link.SetAttribute("rel", "noopener nofollow");
            }
        };
        return sanitizer;
    }

    /// <summary>Whether <paramref name="address"/> is an absolute http, https or mailto address.</summary>
    public static bool IsAllowed(string address) =>
        Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && Schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && (uri.Scheme == Uri.UriSchemeMailto || !string.IsNullOrEmpty(uri.Host));

    /// <summary>Whether <paramref name="address"/> is an absolute http or https address (a module's video or reading link).</summary>
    public static bool IsWebAddress(string? address) =>
        address is not null && Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The safe HTML of <paramref name="markdown"/> (empty for none).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html);
    }
}
