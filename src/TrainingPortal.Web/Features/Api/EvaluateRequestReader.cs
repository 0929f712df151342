using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Api;

/// <summary>
/// Reads an evaluation request from raw bytes and collects <em>every</em> problem with its JSON path
/// (<c>evidence.consultationAttendance[3].mark</c>) instead of stopping at the first, as
/// System.Text.Json would. Three passes:
/// <list type="number">
/// <item>syntax (<see cref="JsonDocument"/>, depth ≤ 64);</item>
/// <item>shape: walks the document against the evidence types' System.Text.Json contract — JSON
/// types, required fields, unknown fields, null items in lists, enum names, dates, number ranges —
/// and resolves the rule set, version and category;</item>
/// <item>meaning: <see cref="EvidenceValidator"/> (FluentValidation) for rules that relate fields,
/// run once the evidence has the right shape.</item>
/// </list>
/// Only a document that passes all three is deserialized, so deserialization cannot fail.
/// </summary>
public sealed class EvaluateRequestReader(IValidator<Evidence> evidenceValidator)
{
    public const string Current = "current";
    public const string DocumentPath = "$";

    /// <summary>The earliest and latest dates accepted anywhere in a request.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1), MaxDate = new(2199, 12, 31);

    private const decimal MaxMinutes = 1440, MaxHours = 10_000;

    /// <summary>Upper bounds by JSON field name; every number in the evidence must also be ≥ 0.</summary>
    private static readonly Dictionary<string, (decimal Max, string Unit)> Limits = new(StringComparer.Ordinal)
    {
        ["scheduledMinutes"] = (MaxMinutes, "minutes"),
        ["durationMinutes"] = (MaxMinutes, "minutes"),
        ["minutesPresent"] = (MaxMinutes, "minutes"),
        ["hours"] = (MaxHours, "hours"),
        ["familiesServed"] = (100_000, "families"),
        ["cohortMinimumSessions"] = (1_000, "sessions"),
        ["id"] = (int.MaxValue, ""),
        ["meetingId"] = (int.MaxValue, ""),
    };

    /// <summary>
    /// The most items a list may hold (a generous bound for one person's record that keeps the
    /// rules' work per request small); <c>references</c> fewer, because finding the best assignment
    /// of ratings to slots grows with the cube of their number.
    /// </summary>
    public const int MaxListItems = 1000, MaxReferences = 100;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most errors listed in one answer.</summary>
    public const int MaxErrors = 1000;

    private static readonly string[] RootFields = ["ruleSet", "version", "asOf", "category", "evidence"];

    /// <summary>How requests are read: camelCase, enums by name, no number strings, no unknown fields.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    public sealed record Result(EvaluationInput? Input, IDictionary<string, string[]> Errors);

    public async Task<Result> ReadAsync(ReadOnlyMemory<byte> body, RuleSetCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new Errors();
        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            errors.Add(DocumentPath, "The body is not valid UTF-8.");
            return errors.ToResult();
        }
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(DocumentPath, "The request body is empty; send a JSON object.");
            return errors.ToResult();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            errors.Add(DocumentPath, IsValidJsonAtAnyDepth(body.Span)
                ? string.Create(CultureInfo.InvariantCulture, $"The document is nested more than {MaxDepth} levels deep.")
                : string.Create(CultureInfo.InvariantCulture, $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})."));
            return errors.ToResult();
        }

        using (document)
        {
            // A string whose escapes decode to invalid UTF-16 (a lone surrogate, "\ud800") parses, but
            // reading it throws: refuse it here, by path, before anything reads a string.
            foreach (var path in InvalidStrings(body.Span))
            {
                errors.Add(path, "Contains a broken character escape (a lone UTF-16 surrogate such as \\ud800): send valid Unicode text.");
            }
            if (errors.Count > 0)
            {
                return errors.ToResult();
            }
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(DocumentPath, $"The body must be a JSON object, not {Describe(root.ValueKind)}.");
                return errors.ToResult();
            }

            var fields = ReadFields(root, "", errors, name => Array.IndexOf(RootFields, name) >= 0);
            var ruleSetKey = ReadRuleSetKey(fields, catalog, errors);
            DateOnly? asOf = fields.TryGetValue("asOf", out var asOfElement)
                ? ReadDate(asOfElement, "asOf", errors)
                : errors.Add("asOf", "Required: the evaluation date (yyyy-MM-dd).");
            var ruleSet = ReadRuleSet(fields, ruleSetKey, asOf, catalog, errors);
            string? rootCategory = null;
            if (fields.TryGetValue("category", out var categoryElement) && categoryElement.ValueKind != JsonValueKind.Null)
            {
                if (categoryElement.ValueKind == JsonValueKind.String)
                {
                    rootCategory = categoryElement.GetString();
                }
                else
                {
                    errors.Add("category", "Must be a string.");
                }
            }

            Evidence? evidence = null;
            if (!fields.TryGetValue("evidence", out var evidenceElement))
            {
                errors.Add("evidence", "Required: the evidence object (it may be {}).");
            }
            else if (evidenceElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("evidence", $"Must be an object, not {Describe(evidenceElement.ValueKind)}.");
            }
            else
            {
                var shapeErrors = errors.Count;
                new ShapeWalker(SerializerOptions, errors).Check(evidenceElement, typeof(Evidence), "evidence");
                if (errors.Count == shapeErrors)
                {
                    evidence = evidenceElement.Deserialize<Evidence>(SerializerOptions);
                    var result = await evidenceValidator.ValidateAsync(evidence!, cancellationToken);
                    foreach (var failure in result.Errors)
                    {
                        errors.Add("evidence." + ToJsonPath(failure.PropertyName), failure.ErrorMessage);
                    }
                }
            }

            // When the version cannot be resolved (e.g. a bad asOf), still check the category against the
            // program's latest version, so that one answer names every wrong field.
            var categoryRuleSet = ruleSet ?? (ruleSetKey is null ? null : catalog.Versions(ruleSetKey)[^1]);
            var evidenceCategory = evidence is not null ? evidence.Category
                : evidenceElement.ValueKind == JsonValueKind.Object && evidenceElement.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String
                    ? c.GetString() : null;
            var category = ReadCategory(categoryRuleSet, rootCategory, evidenceCategory, errors);
            if (ruleSet is not null && evidence is not null)
            {
                CheckWaiverKeys(ruleSet, category, evidence, errors);
            }
            if (errors.Count > 0 || ruleSet is null || asOf is null || evidence is null)
            {
                return errors.ToResult();
            }
            return new Result(new EvaluationInput(ruleSet, asOf.Value, category, evidence with { Category = category }), errors.ToDictionary());
        }
    }

    /// <summary>
    /// A waiver whose key names no requirement of the rule set (for the category evaluated) would be ignored by the
    /// engine; it is refused, naming the keys that exist.
    /// </summary>
    private static void CheckWaiverKeys(RuleSet ruleSet, string? category, Evidence evidence, Errors errors)
    {
        var keys = (category is null && ruleSet.Categories.Count > 0 ? ruleSet.Requirements : ruleSet.RequirementsFor(category))
            .Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < evidence.Waivers.Count; i++)
        {
            var key = evidence.Waivers[i].RequirementKey;
            if (!string.IsNullOrWhiteSpace(key) && !keys.Contains(key))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"evidence.waivers[{i}].requirementKey"),
                    $"{ruleSet.Id}{(category is null ? "" : " (" + category + ")")} has no requirement with this key. Keys: {string.Join(", ", keys.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    /// <summary>
    /// The JSON paths (<c>evidence.trainingCases[0].code</c>; <c>$</c> for the document) of every string or
    /// property name whose escapes do not make valid UTF-16, in one forward scan of a document already
    /// known to be well-formed; at most <see cref="MaxErrors"/>.
    /// </summary>
    internal static List<string> InvalidStrings(ReadOnlySpan<byte> json)
    {
        var found = new List<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        while (reader.Read() && found.Count < MaxErrors)
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }
            if (token == JsonTokenType.PropertyName)
            {
                var top = frames[^1];
                var valid = IsValidText(ref reader);
                frames[^1] = top with { Name = valid ? reader.GetString() : null };
                if (!valid)
                {
                    found.Add(PathOf(frames) is { Length: > 0 } container ? container : DocumentPath);
                }
                continue;
            }
            if (frames.Count > 0 && frames[^1].IsArray)
            {
                frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
            }
            if (token == JsonTokenType.String && !IsValidText(ref reader))
            {
                found.Add(PathOf(frames) is { Length: > 0 } path ? path : DocumentPath);
            }
            else if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add((token == JsonTokenType.StartArray, -1, null));
            }
        }
        return found;

        static bool IsValidText(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped)
            {
                return true; // the bytes are valid UTF-8 (checked before parsing)
            }
            try
            {
                _ = reader.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        static string PathOf(List<(bool IsArray, int Index, string? Name)> frames)
        {
            var path = new System.Text.StringBuilder();
            foreach (var frame in frames)
            {
                if (frame.IsArray)
                {
                    path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (frame.Name is not null)
                {
                    path.Append(path.Length > 0 ? "." : "").Append(frame.Name);
                }
            }
            return path.ToString();
        }
    }

    /// <summary>Whether the only fault of a document that failed to parse is its depth (one forward scan, no tree).</summary>
    private static bool IsValidJsonAtAnyDepth(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = json.Length + 1 });
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ReadRuleSetKey(Dictionary<string, JsonElement> fields, RuleSetCatalog catalog, Errors errors)
    {
        if (!fields.TryGetValue("ruleSet", out var element))
        {
            errors.Add("ruleSet", "Required: the program key, e.g. mio-rostering.");
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add("ruleSet", $"Must be a string, not {Describe(element.ValueKind)}.");
            return null;
        }
        var key = element.GetString()!;
        if (catalog.Versions(key).Count == 0)
        {
            errors.Add("ruleSet", $"Unknown rule set. Known: {string.Join(", ", catalog.ProgramKeys.Order(StringComparer.Ordinal))}.");
            return null;
        }
        return catalog.Versions(key)[0].Key;
    }

    private static RuleSet? ReadRuleSet(Dictionary<string, JsonElement> fields, string? key, DateOnly? asOf, RuleSetCatalog catalog, Errors errors)
    {
        var hasVersion = fields.TryGetValue("version", out var element) && element.ValueKind != JsonValueKind.Null;
        if (hasVersion && element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetInt32(out var version) || version < 1)
            {
                errors.Add("version", "Must be a whole number ≥ 1 or \"current\".");
                return null;
            }
            if (key is null)
            {
                return null;
            }
            var found = catalog.Find(key, version);
            if (found is null)
            {
                errors.Add("version", $"{key} has no version {version.ToString(CultureInfo.InvariantCulture)}. Versions: {string.Join(", ", catalog.Versions(key).Select(v => v.Version))}.");
            }
            return found;
        }
        if (hasVersion && (element.ValueKind != JsonValueKind.String || element.GetString() != Current))
        {
            errors.Add("version", "Must be a whole number ≥ 1 or \"current\".");
            return null;
        }
        if (key is null || asOf is null)
        {
            return null;
        }
        var current = catalog.Current(key, asOf.Value);
        if (current is null)
        {
            errors.Add("version", $"No version of {key} was in effect on {asOf.Value:yyyy-MM-dd}.");
        }
        return current;
    }

    private static string? ReadCategory(RuleSet? ruleSet, string? rootCategory, string? evidenceCategory, Errors errors)
    {
        if (rootCategory is not null && evidenceCategory is not null && !string.Equals(rootCategory, evidenceCategory, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("category", "Differs from evidence.category; send the category once.");
            return null;
        }
        var wanted = rootCategory ?? evidenceCategory;
        var path = rootCategory is null && evidenceCategory is not null ? "evidence.category" : "category";
        if (ruleSet is null)
        {
            return null;
        }
        if (ruleSet.Categories.Count == 0)
        {
            if (wanted is not null)
            {
                errors.Add(path, $"{ruleSet.Key} has no categories; leave category out.");
            }
            return null;
        }
        var match = ruleSet.Categories.FirstOrDefault(c => string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(path, $"{ruleSet.Key} needs a category: {string.Join(", ", ruleSet.Categories)}.");
        }
        return match;
    }

    private static DateOnly? ReadDate(JsonElement element, string path, Errors errors)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date < MinDate || date > MaxDate)
            {
                errors.Add(path, $"Must be a date between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.");
                return null;
            }
            return date;
        }
        errors.Add(path, "Must be a date in the form yyyy-MM-dd.");
        return null;
    }

    /// <summary>The object's properties by name; reports unknown and repeated ones.</summary>
    private static Dictionary<string, JsonElement> ReadFields(JsonElement obj, string path, Errors errors, Func<string, bool> isKnown)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var fieldPath = Join(path, property.Name);
            if (!isKnown(property.Name))
            {
                errors.Add(fieldPath, "Unknown field (names are case-sensitive camelCase).");
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(fieldPath, "Appears more than once.");
            }
        }
        return fields;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary><c>ConsultationAttendance[3].MinutesPresent</c> → <c>consultationAttendance[3].minutesPresent</c>.</summary>
    internal static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? JsonNamingPolicy.CamelCase.ConvertName(segment)
                : JsonNamingPolicy.CamelCase.ConvertName(segment[..bracket]) + segment[bracket..];
        }));

    /// <summary>Errors by JSON path, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        /// <summary>Adds an error; returns <c>null</c> so that callers can use it in expressions.</summary>
        public DateOnly? Add(string path, string message)
        {
            Count++;
            if (Count > MaxErrors)
            {
                // Past the cap only count, so that a garbage megabyte cannot produce a huge answer.
                _byPath[DocumentPath] = [string.Create(CultureInfo.InvariantCulture, $"Only the first {MaxErrors:#,0} of {Count:#,0} errors are listed.")];
                return null;
            }
            if (!_byPath.TryGetValue(path, out var list))
            {
                _byPath[path] = list = [];
            }
            list.Add(message);
            return null;
        }

        /// <summary>Root fields first, in document order, then the evidence's paths as found.</summary>
        public Dictionary<string, string[]> ToDictionary() => _byPath
            .OrderBy(e => e.Key == DocumentPath ? -1 : Array.IndexOf(RootFields, e.Key) is var i and >= 0 ? i : RootFields.Length)
            .ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

        public Result ToResult() => new(null, ToDictionary());
    }

    /// <summary>Checks a JSON value against a .NET type's System.Text.Json contract, collecting every error.</summary>
    private sealed class ShapeWalker(JsonSerializerOptions options, Errors errors)
    {
        private readonly NullabilityInfoContext _nullability = new();

        public void Check(JsonElement element, Type type, string path, bool nullAllowed = false, string? fieldName = null)
        {
            if (element.ValueKind == JsonValueKind.Null)
            {
                if (!nullAllowed)
                {
                    errors.Add(path, path.EndsWith(']') ? "A list item cannot be null." : "Cannot be null.");
                }
                return;
            }
            type = Nullable.GetUnderlyingType(type) ?? type;

            if (type == typeof(string))
            {
                Expect(element, JsonValueKind.String, path, "a string");
            }
            else if (type == typeof(bool))
            {
                if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(path, $"Must be true or false, not {Describe(element.ValueKind)}.");
                }
            }
            else if (type == typeof(int))
            {
                var (max, unit) = LimitFor(fieldName, int.MaxValue);
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < 0 || value > max)
                {
                    errors.Add(path, RangeMessage("a whole number", max, unit));
                }
            }
            else if (type == typeof(decimal))
            {
                var (max, unit) = LimitFor(fieldName, MaxHours);
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var value) || value < 0 || value > max)
                {
                    errors.Add(path, RangeMessage("a number", max, unit));
                }
            }
            else if (type == typeof(DateOnly))
            {
                ReadDate(element, path, errors);
            }
            else if (type.IsEnum)
            {
                var names = Enum.GetNames(type);
                if (element.ValueKind != JsonValueKind.String || !names.Contains(element.GetString(), StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(path, $"Must be one of: {string.Join(", ", names)}.");
                }
            }
            else
            {
                CheckComposite(element, type, path, fieldName);
            }
        }

        private void CheckComposite(JsonElement element, Type type, string path, string? fieldName)
        {
            var info = options.GetTypeInfo(type);
            if (info.Kind == JsonTypeInfoKind.Enumerable)
            {
                if (Expect(element, JsonValueKind.Array, path, "an array"))
                {
                    var max = fieldName == "references" ? MaxReferences : MaxListItems;
                    if (element.GetArrayLength() > max)
                    {
                        errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"At most {max:#,0} items."));
                        return;
                    }
                    var itemType = info.ElementType!;
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Check(item, itemType, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                        i++;
                    }
                }
                return;
            }
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                throw new NotSupportedException($"The evidence contract has an unexpected type {type}.");
            }
            if (!Expect(element, JsonValueKind.Object, path, "an object"))
            {
                return;
            }
            var properties = info.Properties
                .Where(p => p.Set is not null || p.AssociatedParameter is not null)
                .ToDictionary(p => p.Name, StringComparer.Ordinal);
            var fields = ReadFields(element, path, errors, properties.ContainsKey);
            foreach (var (name, property) in properties)
            {
                var fieldPath = Join(path, name);
                if (fields.TryGetValue(name, out var value))
                {
                    Check(value, property.PropertyType, fieldPath, AllowsNull(property), name);
                }
                else if (property.AssociatedParameter is { HasDefaultValue: false })
                {
                    errors.Add(fieldPath, "Required.");
                }
            }
        }

        /// <summary>Nullable types and lists (a null list reads as empty) may be null; nothing else.</summary>
        private bool AllowsNull(JsonPropertyInfo property)
        {
            var type = property.PropertyType;
            if (type.IsValueType)
            {
                return Nullable.GetUnderlyingType(type) is not null;
            }
            if (type != typeof(string) && options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable)
            {
                return true;
            }
            var nullability = property.AssociatedParameter?.AttributeProvider is ParameterInfo parameter
                ? _nullability.Create(parameter)
                : property.AttributeProvider is PropertyInfo member ? _nullability.Create(member) : null;
            return nullability?.WriteState == NullabilityState.Nullable;
        }

        private bool Expect(JsonElement element, JsonValueKind kind, string path, string what)
        {
            if (element.ValueKind == kind)
            {
                return true;
            }
            errors.Add(path, $"Must be {what}, not {Describe(element.ValueKind)}.");
            return false;
        }

        private static (decimal Max, string Unit) LimitFor(string? fieldName, decimal fallback) =>
            fieldName is not null && Limits.TryGetValue(fieldName, out var limit) ? limit : (fallback, "");

        private static string RangeMessage(string what, decimal max, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"Must be {what} from 0 to {max:#,0}{(unit.Length > 0 ? " " + unit : "")}.");
    }
}
