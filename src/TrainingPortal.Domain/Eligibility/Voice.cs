using System.Text;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// Explanations are written once, as templates, and read either by the person themselves ("You attended…")
/// or by their trainer or an administrator ("Dana Reyes attended…"). Tokens:
/// <list type="bullet">
/// <item><c>{You}</c>, <c>{you}</c>: the person as subject → "You"/"you", or their name.</item>
/// <item><c>{Your}</c>, <c>{your}</c>: possessive → "Your"/"your", or "Their"/"their".</item>
/// <item><c>{have|has}</c>: any <c>{second|third}</c> pair, e.g. a verb that agrees with the subject.</item>
/// <item><c>{Do}</c> before a lower-case imperative: nothing for the person ("Talk to your trainer"),
/// "&lt;name&gt; should " for others ("Dana Reyes should talk to their trainer"); <c>{do}</c> the same mid-sentence
/// (no capital for the person).</item>
/// </list>
/// A text without tokens reads the same for everyone; <c>{{</c> is a literal brace (see <see cref="Literal"/>).
/// </summary>
public static class Voice
{
    /// <summary>Text typed by someone (e.g. a waiver's reason), made safe to put into a template.</summary>
    public static string Literal(string text) => text.Replace("{", "{{", StringComparison.Ordinal);

    /// <summary>The template as the person reads it.</summary>
    public static string ToPerson(string template) => Render(template, null);

    /// <summary>The template as someone else reads it about <paramref name="name"/>.</summary>
    public static string About(string template, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Render(template, name);
    }

    private static string Render(string template, string? name)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            return template;
        }
        var sb = new StringBuilder(template.Length + 16);
        var capitalizeNext = false;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
                continue;
            }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                sb.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
                i++;
                continue;
            }
            var token = template.AsSpan(i + 1, close - i - 1);
            i = close + 1;
            var bar = token.IndexOf('|');
            if (bar >= 0)
            {
                sb.Append(name is null ? token[..bar] : token[(bar + 1)..]);
                continue;
            }
            switch (token)
            {
                case "You":
                    sb.Append(name ?? "You");
                    break;
                case "you":
                    sb.Append(name ?? "you");
                    break;
                case "Your":
                    sb.Append(name is null ? "Your" : "Their");
                    break;
                case "your":
                    sb.Append(name is null ? "your" : "their");
                    break;
                case "Do":
                    if (name is null)
                    {
                        capitalizeNext = true;
                    }
                    else
                    {
                        sb.Append(name).Append(" should ");
                    }
                    break;
                case "do":
                    if (name is not null)
                    {
                        sb.Append(name).Append(" should ");
                    }
                    break;
                default:
                    sb.Append('{').Append(token).Append('}');
                    break;
            }
        }
        return sb.ToString();
    }
}
