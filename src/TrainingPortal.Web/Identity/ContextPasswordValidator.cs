using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Refuses context-specific passwords (OWASP ASVS 5.0 V6.2.11): the person's e-mail address, its part before the @,
/// their name or certificate name, or anything containing the product's name "TrainingPortal". Compared without
/// case, spaces or punctuation, so "Training-Portal 1!" and "dana.reyes@example.org" with other capitals are caught.
/// </summary>
/// <remarks>
/// Decision: "the portal's name" is the product name TrainingPortal (also written "Training Portal"), not the word
/// "portal" alone — a password such as the demo accounts' "Demo-Portal-2026" stays valid. The name and e-mail are
/// refused when the password equals them (as the issue asks), not when it merely contains them: short names would
/// otherwise refuse many good passphrases.
/// </remarks>
public sealed class ContextPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ProductName = "TrainingPortal";
    public const string PersonalCode = "PasswordIsPersonal";
    public const string ProductCode = "PasswordContainsPortalName";

    private static readonly string NormalizedProduct = Normalize(ProductName);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var typed = Normalize(password);
        if (typed.Contains(NormalizedProduct, StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = ProductCode,
                Description = $"Do not use the portal's name ({ProductName}) in your password: it is among the first things someone would guess.",
            }));
        }
        var email = user.Email ?? user.UserName ?? "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        string[] personal = [email, at > 0 ? email[..at] : "", user.DisplayName, user.CertificateName];
        if (personal.Select(Normalize).Any(p => p.Length > 0 && p == typed))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = PersonalCode,
                Description = "Do not use your e-mail address or your name as your password: they are easy to guess. A few unrelated words make a good one.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>Letters and digits only, lower case.</summary>
    internal static string Normalize(string? value) =>
        value is null ? "" : string.Concat(value.Where(char.IsLetterOrDigit).Select(c => char.ToLower(c, CultureInfo.InvariantCulture)));
}
