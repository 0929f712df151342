using System.Globalization;
using System.Text;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The one place that turns internal names into the words people read: program keys, rule-set ids,
/// categories, audit record types and actions. The engine's enums go through <see cref="DisplayNames"/>.
/// A guard test renders every page for every role and fails on an internal name in the visible text.
/// </summary>
public static class Display
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"MIO clinician training → rostering" for <c>mio-rostering</c>; the key itself when unknown.</summary>
    public static string Program(string programKey) =>
        ProgramCatalog.Default.TryGet(programKey, out var program) ? program.Title : programKey;

    /// <summary>"version 1" for <c>mio-rostering@1</c> (the program is named beside it).</summary>
    public static string RuleSetVersion(string ruleSetId)
    {
        ArgumentNullException.ThrowIfNull(ruleSetId);
        var at = ruleSetId.LastIndexOf('@');
        return at < 0 ? ruleSetId : "version " + ruleSetId[(at + 1)..];
    }

    /// <summary>"Research/Faculty" for <c>research-faculty</c>, "Clinical" for <c>clinical</c>.</summary>
    public static string? Category(string? category) => category switch
    {
        null => null,
        "research-faculty" => "Research/Faculty",
        _ => category.Length == 0 ? category : char.ToUpperInvariant(category[0]) + category[1..].Replace('-', ' '),
    };

    private static readonly Dictionary<string, string> EntityNames = new(StringComparer.Ordinal)
    {
        ["AppUser"] = "Account",
        ["IdentityRole"] = "Role",
        ["IdentityRoleClaim"] = "Role permission",
        ["IdentityUserClaim"] = "Account claim",
        ["IdentityUserLogin"] = "External sign-in",
        ["IdentityUserRole"] = "Role membership",
        ["IdentityUserToken"] = "Account token",
        ["IdentityUserPasskey"] = "Passkey",
        ["TrainingGroup"] = "Group",
        ["ApiKey"] = "API key",
        ["RscEntryRecord"] = "Reflective supervision entry",
        ["RscLogEntry"] = "Reflective supervision entry",
    };

    /// <summary>An audit record type in words: <c>IdentityRoleClaim`1</c> → "Role permission", <c>TrainingCaseRecord</c> → "Training case".</summary>
    public static string EntityType(string clrName)
    {
        ArgumentNullException.ThrowIfNull(clrName);
        var name = clrName.Split('`')[0];
        if (EntityNames.TryGetValue(name, out var known))
        {
            return known;
        }
        if (name.EndsWith("Record", StringComparison.Ordinal) && name.Length > "Record".Length)
        {
            name = name[..^"Record".Length];
        }
        return Words(name);
    }

    /// <summary>
    /// A value as stored (the audit log shows them): a rule-set id, a program key or an engine enum's member name
    /// in words ("IMH Endorsement Level III …, version 2", "Level IV (Clinical)"); anything else unchanged.
    /// </summary>
    public static string StoredValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (RuleSetCatalog.Default.Find(value) is { } ruleSet)
        {
            return ruleSet.Title + ", " + RuleSetVersion(ruleSet.Id);
        }
        if (RuleSetCatalog.Default.Versions(value).Count > 0)
        {
            return Program(value);
        }
        if (Enum.TryParse<EndorsementLevel>(value, out var level) && value == level.ToString())
        {
            return DisplayNames.Of(level);
        }
        if (Enum.TryParse<WorkKind>(value, out var work) && value == work.ToString())
        {
            return DisplayNames.Of(work);
        }
        if (Enum.TryParse<ReferenceSource>(value, out var source) && value == source.ToString())
        {
            return DisplayNames.Of(source);
        }
        if (Enum.TryParse<DegreeKind>(value, out var degree) && value == degree.ToString())
        {
            return DisplayNames.Of(degree);
        }
        if (Enum.TryParse<FilePurpose>(value, out var purpose) && value == purpose.ToString())
        {
            return Files.EvidenceFiles.PurposeText(purpose);
        }
        return value;
    }

    /// <summary>"SignInLockedOut" → "Sign in locked out"; "CSV" and "API" stay capitals.</summary>
    public static string Words(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
            if (startsWord)
            {
                sb.Append(' ');
            }
            var acronym = char.IsUpper(c) && ((i + 1 < pascal.Length && char.IsUpper(pascal[i + 1])) || (i > 0 && char.IsUpper(pascal[i - 1]) && (i + 1 == pascal.Length || !char.IsLower(pascal[i + 1]))));
            sb.Append(i == 0 || acronym ? c : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>"1 hour", "2 hours", "1.5 hours": the unit agrees with the number.</summary>
    public static string Quantity(decimal value, string unitPlural) =>
        Number(value) + " " + (value == 1 ? Singular(unitPlural) : unitPlural);

    /// <summary>A number as the standing shows it (at most two decimals).</summary>
    public static string Number(decimal value) => value.ToString("0.##", Inv);

    /// <summary>"hours" → "hour", "activities" → "activity", "references" → "reference".</summary>
    public static string Singular(string unitPlural)
    {
        ArgumentNullException.ThrowIfNull(unitPlural);
        return unitPlural switch
        {
            "activities" => "activity",
            _ when unitPlural.EndsWith('s') => unitPlural[..^1],
            _ => unitPlural,
        };
    }
}
