using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// How form values become model values, for every form at once (issue 9, "no 500 for anything a user
/// can send"):
/// <list type="bullet">
/// <item>a value that does not fit its field's type gets a plain message that names the field
/// (<see cref="PlainBindingMessages"/>), never MVC's "The value 'x' is not valid for Y";</item>
/// <item>a check box given something other than true/false (<c>0</c>, <c>on</c>, <c>abc</c>) is an error
/// next to the box, and the re-rendered form does not crash (<see cref="CheckBoxBinder"/>);</item>
/// <item>a date is <c>YYYY-MM-DD</c> within <see cref="PortalDates.Earliest"/>–<see cref="PortalDates.Latest"/>
/// (<see cref="DateOnlyBinder"/>), so no date arithmetic downstream can overflow;</item>
/// <item>a text field declared non-nullable is never bound as null (<see cref="NonNullableStrings"/>).</item>
/// </list>
/// </summary>
public static class PortalModelBinding
{
    public static void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PlainBindingMessages.SetDefaults(options.ModelBindingMessageProvider, "this field");
        options.ModelMetadataDetailsProviders.Add(new PlainBindingMessages());
        options.ModelMetadataDetailsProviders.Add(new NonNullableStrings());
        options.ModelBinderProviders.Insert(0, new PortalBinderProvider());
    }
}

/// <summary>The portal's calendar-date rules for anything a person types: ISO format and a sane range.</summary>
public static class PortalDates
{
    /// <summary>The earliest and latest dates accepted from a form or a filter (as the JSON API: 1900–2199).</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2199, 12, 31);

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>Parses <c>YYYY-MM-DD</c> (surrounding spaces ignored), whatever the range.</summary>
    public static bool TryParseAnyRange(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Parses <c>YYYY-MM-DD</c> and succeeds only within <see cref="Earliest"/>–<see cref="Latest"/>.</summary>
    public static bool TryParse(string? text, out DateOnly date) => TryParseAnyRange(text, out date) && InRange(date);

    /// <summary>Whether the text is a well-formed date outside the accepted range (for its own message).</summary>
    public static bool IsOutOfRange(string? text) => TryParseAnyRange(text, out var date) && !InRange(date);

    public static readonly string RangeMessage =
        $"Enter a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.";
}

/// <summary>
/// Plain messages for values that cannot be bound, per kind of field, naming the field by its display
/// name: "Enter a real date for Award date, like 2026-03-14." The typed value is not repeated (it may be
/// anything, of any length); the field keeps it.
/// </summary>
public sealed class PlainBindingMessages : IBindingMetadataProvider
{
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.BindingMetadata.ModelBindingMessageProvider is not DefaultModelBindingMessageProvider provider)
        {
            return;
        }
        var name = context.Key.MetadataKind switch
        {
            ModelMetadataKind.Property => DisplayName(context.Attributes, context.Key.Name),
            ModelMetadataKind.Parameter => DisplayName(context.Attributes, context.Key.ParameterInfo?.Name),
            _ => null,
        };
        SetDefaults(provider, name ?? "this field", context.Key.ModelType);
    }

    internal static void SetDefaults(DefaultModelBindingMessageProvider provider, string fallbackName, Type? type = null)
    {
        var kind = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        string Invalid(string name) => Message(kind, name);
        provider.SetAttemptedValueIsInvalidAccessor((_, name) => Invalid(name ?? fallbackName));
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Invalid(fallbackName));
        provider.SetUnknownValueIsInvalidAccessor(name => Invalid(name ?? fallbackName));
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => Invalid(fallbackName));
        provider.SetValueIsInvalidAccessor(_ => Invalid(fallbackName));
        provider.SetValueMustBeANumberAccessor(name => $"Enter a number for {name ?? fallbackName}.");
        provider.SetNonPropertyValueMustBeANumberAccessor(() => $"Enter a number for {fallbackName}.");
        provider.SetValueMustNotBeNullAccessor(_ => kind == typeof(bool) ? Invalid(fallbackName) : $"Enter {fallbackName}.");
        provider.SetMissingBindRequiredValueAccessor(name => $"Enter {name ?? fallbackName}.");
        provider.SetMissingKeyOrValueAccessor(() => $"Enter {fallbackName}.");
        provider.SetMissingRequestBodyRequiredValueAccessor(() => "The form arrived empty. Fill it in and send it again.");
    }

    /// <summary>The message for a value that does not fit a field of this type.</summary>
    public static string Message(Type? kind, string name)
    {
        if (kind == typeof(DateOnly) || kind == typeof(DateTime) || kind == typeof(DateTimeOffset))
        {
            return $"Enter a real date for {name}, like 2026-03-14.";
        }
        if (kind == typeof(TimeOnly) || kind == typeof(TimeSpan))
        {
            return $"Enter a time for {name} on the 24-hour clock, like 18:30.";
        }
        if (kind == typeof(bool))
        {
            return $"Tick the box “{name}” or leave it clear.";
        }
        if (kind is { IsEnum: true })
        {
            return $"Choose one of the options offered for {name}.";
        }
        if (kind == typeof(Guid))
        {
            return "This form is out of date. Reload the page and try again.";
        }
        if (kind == typeof(decimal) || kind == typeof(double) || kind == typeof(float))
        {
            return $"Enter a number for {name}, like 1.5.";
        }
        if (kind is { IsPrimitive: true })
        {
            return $"Enter a whole number for {name}, like 12.";
        }
        return $"Check {name}: this value cannot be used.";
    }

    private static string? DisplayName(IReadOnlyList<object> attributes, string? propertyName) =>
        attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName() is { Length: > 0 } display ? display
        : propertyName is null ? null : Words(propertyName);

    /// <summary><c>ConsentDate</c> → "Consent date"; <c>verified</c> → "Verified".</summary>
    public static string Words(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0)
            {
                text.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// A text property declared non-nullable (<c>string PersonId = ""</c>) keeps an empty value as "" instead
/// of MVC's default null, so code that trusts the declaration cannot meet a null (an attendance row
/// posted with an empty person id answered 500).
/// </summary>
public sealed class NonNullableStrings : IDisplayMetadataProvider
{
    private readonly NullabilityInfoContext _nullability = new();

    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Key.MetadataKind != ModelMetadataKind.Property || context.Key.ModelType != typeof(string)
            || context.Key.PropertyInfo is not { } property)
        {
            return;
        }
        NullabilityState state;
        lock (_nullability)
        {
            state = _nullability.Create(property).WriteState;
        }
        if (state == NullabilityState.NotNull)
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}

/// <summary>Binders for check boxes and dates (bool, bool?, DateOnly, DateOnly?).</summary>
public sealed class PortalBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.ModelType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(bool))
        {
            var loggers = context.Services.GetRequiredService<ILoggerFactory>();
            return new CheckBoxBinder(new SimpleTypeModelBinder(type, loggers));
        }
        return underlying == typeof(DateOnly) ? new DateOnlyBinder() : null;
    }
}

/// <summary>
/// A check box posted with anything but true/false gets the field's message, and its raw value is
/// dropped from model state (the typed text stays as the attempted value). The framework's check-box
/// tag helper converts the raw value to bool when the form is shown again, and threw on "abc".
/// </summary>
public sealed class CheckBoxBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        await inner.BindModelAsync(bindingContext);
        if (!bindingContext.Result.IsModelSet
            && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry)
            && entry.Errors.Count > 0)
        {
            entry.RawValue = null;
        }
    }
}

/// <summary>
/// A calendar date typed as <c>YYYY-MM-DD</c> (what a date input sends), between
/// <see cref="PortalDates.Earliest"/> and <see cref="PortalDates.Latest"/>; anything else is an error
/// next to the field, which keeps what was typed.
/// </summary>
public sealed class DateOnlyBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
        var metadata = bindingContext.ModelMetadata;
        var name = metadata.DisplayName ?? PlainBindingMessages.Words(metadata.Name ?? metadata.ParameterName ?? "the date");
        var text = values.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (metadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(""));
            }
            return Task.CompletedTask;
        }
        if (!PortalDates.TryParseAnyRange(text, out var date))
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, PlainBindingMessages.Message(typeof(DateOnly), name));
        }
        else if (!PortalDates.InRange(date))
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                $"Enter a date for {name} between {PortalDates.Earliest:yyyy-MM-dd} and {PortalDates.Latest:yyyy-MM-dd}.");
        }
        else
        {
            bindingContext.Result = ModelBindingResult.Success(date);
        }
        return Task.CompletedTask;
    }
}
