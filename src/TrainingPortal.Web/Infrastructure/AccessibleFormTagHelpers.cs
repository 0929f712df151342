using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>How an invalid field and its message are marked, shared by the tag helpers below and <see cref="PlainField"/>.</summary>
public static class FieldErrorMarkup
{
    /// <summary>Bootstrap's class for an invalid field.</summary>
    public const string InvalidClass = "is-invalid";

    /// <summary>The classes every validation message carries.</summary>
    public const string MessageClass = "invalid-feedback d-block";

    /// <summary>The id of field <paramref name="fieldId"/>'s message, which the field's <c>aria-describedby</c> names.</summary>
    public static string MessageId(string fieldId) => fieldId + "-error";
}

/// <summary>
/// Links a field to its error message for screen readers: an invalid field gets
/// <c>aria-invalid="true"</c>, <c>aria-describedby="{id}-error"</c> and Bootstrap's <c>is-invalid</c>.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override int Order => 100; // after the framework's tag helpers have set id and name

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }
        var id = TextOf(output.Attributes["id"]) ?? TagBuilder.CreateSanitizedId(name, "_");
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = TextOf(output.Attributes["aria-describedby"]);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? FieldErrorMarkup.MessageId(id) : $"{describedBy} {FieldErrorMarkup.MessageId(id)}");
        var css = TextOf(output.Attributes["class"]);
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(css) ? FieldErrorMarkup.InvalidClass : css + " " + FieldErrorMarkup.InvalidClass);
    }

    /// <summary>
    /// An attribute's text. The framework's tag helpers may leave an <see cref="Microsoft.AspNetCore.Html.IHtmlContent"/>
    /// (e.g. a select's class after it adds <c>input-validation-error</c>), whose ToString() is its type name.
    /// </summary>
    internal static string? TextOf(TagHelperAttribute? attribute)
    {
        switch (attribute?.Value)
        {
            case null:
                return null;
            case string text:
                return text;
            case Microsoft.AspNetCore.Html.IHtmlContent html:
                using (var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
                {
                    html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                    return System.Net.WebUtility.HtmlDecode(writer.ToString());
                }
            case var other:
                return other.ToString();
        }
    }
}

/// <summary>Gives every validation message the id <c>{field id}-error</c> that the field points to.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", FieldErrorMarkup.MessageId(TagBuilder.CreateSanitizedId(name, "_")));
        var css = AriaInvalidTagHelper.TextOf(output.Attributes["class"]);
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(css) ? FieldErrorMarkup.MessageClass : css + " " + FieldErrorMarkup.MessageClass);
    }
}
