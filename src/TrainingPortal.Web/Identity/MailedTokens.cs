using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TrainingPortal.Web.Identity;

/// <summary>Identity's tokens as they travel in a mailed link: base64url of their UTF-8, and back (null for anything that is not one).</summary>
public static class MailedTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
