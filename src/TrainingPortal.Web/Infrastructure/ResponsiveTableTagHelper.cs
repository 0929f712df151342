using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// No page scrolls sideways (issue 9: a phone is 390 px wide): every table is placed in Bootstrap's
/// <c>table-responsive</c> box, so a table wider than the screen scrolls inside its box instead of widening
/// the page. A table already in such a box gets a second one, which never scrolls.
/// </summary>
[HtmlTargetElement("table")]
public sealed class ResponsiveTableTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.PreElement.AppendHtml("<div class=\"table-responsive\">");
        output.PostElement.AppendHtml("</div>");
    }
}
