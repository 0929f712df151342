using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// A form field for markup written without tag helpers, on pages that repeat a field many times (the profile's licence
/// rows): the name, id, kept value, error flags and message that <c>asp-for</c> and <c>asp-validation-for</c> (with
/// <see cref="AriaInvalidTagHelper"/> and <see cref="ValidationMessageIdTagHelper"/>) would write, read from model state
/// and the model directly instead of through a model expression and a tag helper per element. The view writes the
/// attributes in the order the tag helpers do, so the HTML is the same (ProfileTests pins it).
/// </summary>
public sealed record PlainField(string Name, string Id, string Value, string? Error)
{
    /// <summary>The field <paramref name="name"/> (its full name, e.g. <c>Licences[2].Number</c>) showing <paramref name="model"/>.</summary>
    public static PlainField For(ModelStateDictionary modelState, string name, object? model)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        string? value = null, error = null;
        if (modelState.TryGetValue(name, out var entry))
        {
            // What was typed wins over the model, as with the tag helpers (the first value if the field came twice).
            value = entry.RawValue switch
            {
                string text => text,
                string[] texts => texts.Length > 0 ? texts[0] : null,
                null => null,
                var other => Convert.ToString(other, System.Globalization.CultureInfo.CurrentCulture),
            };
            if (entry.Errors.Count > 0)
            {
                error = (entry.Errors.FirstOrDefault(e => !string.IsNullOrEmpty(e.ErrorMessage)) ?? entry.Errors[0]).ErrorMessage ?? "";
            }
        }
        value ??= Convert.ToString(model, System.Globalization.CultureInfo.CurrentCulture) ?? "";
        return new PlainField(name, TagBuilder.CreateSanitizedId(name, "_"), value, error);
    }

    public bool Invalid => Error is not null;

    /// <summary>The input's classes: <paramref name="css"/>, and the error classes when the field is invalid.</summary>
    public string? InputClass(string? css) =>
        !Invalid ? css : string.IsNullOrEmpty(css) ? ErrorClasses : css + " " + ErrorClasses;

    // MVC's own class for an invalid input (HtmlHelper.ValidationInputCssClassName), then ours.
    private const string ErrorClasses = "input-validation-error " + FieldErrorMarkup.InvalidClass;

    /// <summary><c>aria-invalid</c>: "true" or no attribute.</summary>
    public string? AriaInvalid => Invalid ? "true" : null;

    /// <summary><c>aria-describedby</c>: the message's id when invalid, or no attribute.</summary>
    public string? DescribedBy => Invalid ? MessageId : null;

    public string MessageId => FieldErrorMarkup.MessageId(Id);

    // MVC's own classes for a message (HtmlHelper.ValidationMessageCssClassName / ValidationMessageValidCssClassName), then ours.
    public string MessageClass => (Invalid ? "field-validation-error " : "field-validation-valid ") + FieldErrorMarkup.MessageClass;
}
