using System.Text.RegularExpressions;
using MimeKit;

namespace TrainingPortal.Web.Tests.Testing;

public static partial class Mail
{
    [GeneratedRegex(@"https://\S+")]
    private static partial Regex LinkPattern();

    public static MimeMessage LastTo(this PortalFactory factory, string address) =>
        factory.Mails().Last(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    public static int CountTo(this PortalFactory factory, string address) =>
        factory.Mails().Count(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The first link in the mail, as a path and query relative to the site.</summary>
    public static string LinkPath(this MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, "no link in the mail");
        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    public static Dictionary<string, string> Query(string pathAndQuery) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + pathAndQuery).Query)
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
