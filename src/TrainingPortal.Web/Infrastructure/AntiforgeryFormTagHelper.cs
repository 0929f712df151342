using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Antiforgery on every POST form by default. The framework's form tag helper adds the token to a
/// <c>&lt;form method="post"&gt;</c> only when it builds the address itself: a form written with a literal
/// <c>action="/..."</c> gets none unless it says <c>asp-antiforgery="true"</c>, and forgetting that turns
/// every submission into a 400 page. This adds the token to every form whose method is not GET, unless
/// the form opts out explicitly with <c>asp-antiforgery="false"</c>. It runs after the framework's
/// helper; the generator hands out one token per form, so no form gets two.
/// </summary>
[HtmlTargetElement("form")]
public sealed class AntiforgeryFormTagHelper(IHtmlGenerator generator) : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override int Order => 100; // after Microsoft.AspNetCore.Mvc.TagHelpers.FormTagHelper

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (context.AllAttributes.ContainsName("asp-antiforgery"))
        {
            return; // an explicit choice, honoured by the framework's helper
        }
        var method = AriaInvalidTagHelper.TextOf(output.Attributes["method"]);
        if (string.IsNullOrEmpty(method) || string.Equals(method, "get", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "dialog", StringComparison.OrdinalIgnoreCase))
        {
            return; // GET forms change nothing and must not leak the token into addresses
        }
        var token = generator.GenerateAntiforgery(ViewContext);
        if (token is not null)
        {
            output.PostContent.AppendHtml(token);
        }
    }
}
