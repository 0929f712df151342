using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The names of the form fields (input, select, textarea) in the order a page renders them, recorded
/// by <see cref="FormFieldOrderTagHelper"/> while the view runs.
/// </summary>
public static class FormFieldOrder
{
    private static readonly object ItemKey = new();

    public static void Record(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[ItemKey] is not List<string> names)
        {
            http.Items[ItemKey] = names = [];
        }
        names.Add(name);
    }

    /// <summary>Field names in page order (first occurrence), compared without regard to case as model binding does.</summary>
    public static IReadOnlyList<string> Of(HttpContext http) =>
        http.Items[ItemKey] is List<string> names ? names : [];
}

/// <summary>
/// Records every model-bound field's position on the page (runs after the framework has set the name).
/// Only fields written with <c>asp-for</c>: targeting every input would forbid C# in plain inputs' attributes.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FormFieldOrderTagHelper : TagHelper
{
    [Microsoft.AspNetCore.Mvc.ViewFeatures.ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override int Order => 200;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (AriaInvalidTagHelper.TextOf(output.Attributes["name"]) is { Length: > 0 } name)
        {
            FormFieldOrder.Record(ViewContext.HttpContext, name);
        }
    }
}

/// <summary>
/// The error summary at the top of a form (WCAG 3.3.1): every error, each linked to its field, listed in
/// the order the fields appear on the page (ModelState's own order puts values that could not be read
/// before the rules' messages, whatever the form's order). It is rendered when the page is written out,
/// after the rest of the view has run, so it knows where every field is even though it stands above them.
/// Errors not tied to a field come first.
/// </summary>
public sealed class ErrorSummary(ViewContext viewContext, string? heading) : IHtmlContent
{
    public IReadOnlyList<(string Key, string Message)> Errors()
    {
        var errors = viewContext.ViewData.ModelState
            .Where(e => e.Value!.Errors.Count > 0)
            .SelectMany(e => e.Value!.Errors.Select(err => (e.Key, Message: string.IsNullOrEmpty(err.ErrorMessage) ? "This value is not valid." : err.ErrorMessage)))
            .ToList();
        var fields = FormFieldOrder.Of(viewContext.HttpContext);
        int Position(string key)
        {
            if (key.Length == 0)
            {
                return -1;
            }
            for (var i = 0; i < fields.Count; i++)
            {
                if (string.Equals(fields[i], key, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
            return -1; // not a field on this page: with the form-level messages, at the top
        }
        return [.. errors.Select((e, index) => (e, index)).OrderBy(x => Position(x.e.Key)).ThenBy(x => x.index).Select(x => x.e)];
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var errors = Errors();
        if (errors.Count == 0)
        {
            return;
        }
        writer.Write("<div class=\"alert alert-danger error-summary\" role=\"alert\" tabindex=\"-1\" data-testid=\"error-summary\">");
        writer.Write("<h2 class=\"h6 mb-2\">");
        encoder.Encode(writer, heading ?? (errors.Count == 1 ? "Please correct this:" : "Please correct these:"));
        writer.Write("</h2><ul class=\"mb-0\">");
        foreach (var (key, message) in errors)
        {
            writer.Write("<li>");
            if (key.Length == 0)
            {
                encoder.Encode(writer, message);
            }
            else
            {
                writer.Write("<a href=\"#");
                encoder.Encode(writer, TagBuilder.CreateSanitizedId(key, "_"));
                writer.Write("\" class=\"alert-link\">");
                encoder.Encode(writer, message);
                writer.Write("</a>");
            }
            writer.Write("</li>");
        }
        writer.Write("</ul></div>");
    }
}
