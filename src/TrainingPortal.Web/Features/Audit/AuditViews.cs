using System.Globalization;
using System.Text.Json;
using FluentValidation;

namespace TrainingPortal.Web.Features.Audit;

/// <summary>The audit log's filters (a GET form) and its keyset position.</summary>
public sealed class AuditFilter
{
    /// <summary>An e-mail address (exact) or part of a name.</summary>
    public string? Person { get; set; }

    /// <summary>Which part the person plays: <see cref="PersonRoles"/>.</summary>
    public string? Role { get; set; }

    public string? EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>First day (yyyy-MM-dd) in the viewer's time zone.</summary>
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd, inclusive) in the viewer's time zone.</summary>
    public string? To { get; set; }

    /// <summary>Keyset: entries older than this id (the next page).</summary>
    public long? Before { get; set; }

    /// <summary>Keyset: entries newer than this id (the previous page).</summary>
    public long? After { get; set; }
}

/// <summary>How the person filter matches an entry.</summary>
public static class PersonRoles
{
    public const string Either = "either";
    public const string Concerned = "concerned";
    public const string Actor = "actor";

    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        (Either, "Either: the person concerned or the one who acted"),
        (Concerned, "The person the record is about"),
        (Actor, "The one who made the change"),
    ];
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(f => f.Person).MaxChars(256, "the search");
        RuleFor(f => f.Role).Must(r => string.IsNullOrEmpty(r) || PersonRoles.All.Any(x => x.Value == r))
            .WithMessage("Choose one of the options.");
        RuleFor(f => f.EntityId).MaxChars(450, "the id");
        RuleFor(f => f.From).Must(d => string.IsNullOrWhiteSpace(d) || PortalDates.TryParseAnyRange(d, out _))
            .WithMessage("Enter a date like 2026-11-23.");
        RuleFor(f => f.To).Must(d => string.IsNullOrWhiteSpace(d) || PortalDates.TryParseAnyRange(d, out _))
            .WithMessage("Enter a date like 2026-11-23.");
        RuleFor(f => f.From).Must(d => !PortalDates.IsOutOfRange(d)).WithMessage(PortalDates.RangeMessage);
        RuleFor(f => f.To).Must(d => !PortalDates.IsOutOfRange(d)).WithMessage(PortalDates.RangeMessage);
        RuleFor(f => f.To)
            .Must((f, to) => !(AuditDates.TryParse(f.From, out var from) && AuditDates.TryParse(to, out var end)) || end >= from)
            .WithMessage("The last day is before the first day: swap them or change one.");
        RuleFor(f => f.Before).GreaterThan(0).When(f => f.Before is not null).WithMessage("This page position is not valid: start again from the newest entries.");
        RuleFor(f => f.After).GreaterThan(0).When(f => f.After is not null).WithMessage("This page position is not valid: start again from the newest entries.");
    }
}

public static class AuditDates
{
    /// <summary>A <c>YYYY-MM-DD</c> day within the portal's date range (so a day's end cannot overflow).</summary>
    public static bool TryParse(string? text, out DateOnly date) => PortalDates.TryParse(text, out date);
}

public sealed record AuditRow(long Id, DateTime AtUtc, string? ActorId, string? ActorName, string Action, string EntityType, string EntityId,
    string? PersonId, string? PersonName, string? Changes);

public sealed record MatchedPerson(string Id, string Name, string? Email);

public sealed class AuditPage
{
    public AuditFilter Filter { get; init; } = new();
    public IReadOnlyList<string> EntityTypes { get; init; } = [];
    public IReadOnlyList<MatchedPerson> Matched { get; init; } = [];
    public IReadOnlyList<AuditRow> Rows { get; init; } = [];
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>The first entry of the next (older) page, when there is one.</summary>
    public long? OlderThan { get; init; }

    /// <summary>The last entry of the previous (newer) page, when there is one.</summary>
    public long? NewerThan { get; init; }

    /// <summary>How the searched person appears in an entry: "acted", "concerned" or both.</summary>
    public string? MatchedAs(AuditRow row)
    {
        if (Matched.Count == 0)
        {
            return null;
        }
        var acted = row.ActorId is not null && Matched.Any(m => m.Id == row.ActorId);
        var concerned = row.PersonId is not null && Matched.Any(m => m.Id == row.PersonId);
        return (acted, concerned) switch
        {
            (true, true) => "acted on their own record",
            (true, false) => "acted",
            (false, true) => "concerned",
            _ => null,
        };
    }

    /// <summary>The address of this search at another keyset position.</summary>
    public string Url(long? before = null, long? after = null)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
        Add("person", Filter.Person);
        Add("role", Filter.Role);
        Add("entityType", Filter.EntityType);
        Add("entityId", Filter.EntityId);
        Add("from", Filter.From);
        Add("to", Filter.To);
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        Add("after", after?.ToString(CultureInfo.InvariantCulture));
        return "/admin/audit" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>One line of an entry's change list: "Status: Active → Withdrawn".</summary>
public sealed record AuditChange(string Property, string? Before, string? After, bool IsPair);

/// <summary>Reads the audit's Changes JSON (property → [before, after], or free details) into lines people can read.</summary>
public static class AuditChanges
{
    public const int MaxValueLength = 300;

    public static IReadOnlyList<AuditChange> Describe(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new AuditChange("Details", null, Text(document.RootElement), false)];
            }
            var lines = new List<AuditChange>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2)
                {
                    lines.Add(new AuditChange(property.Name, Text(value[0]), Text(value[1]), true));
                }
                else
                {
                    lines.Add(new AuditChange(property.Name, null, Text(value), false));
                }
            }
            return lines;
        }
        catch (JsonException)
        {
            return [new AuditChange("Details", null, Cut(json), false)];
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => Cut(Infrastructure.Display.StoredValue(value.GetString() ?? "")),
        _ => Cut(value.GetRawText()),
    };

    private static string Cut(string text) => text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
}
