using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>Plain-language Identity messages.</summary>
public sealed class PortalIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new()
    {
        Code = nameof(PasswordTooShort),
        Description = $"Use at least {length} characters. A few unrelated words make a strong password that is easy to remember.",
    };

    public override IdentityError PasswordMismatch() => new()
    {
        Code = nameof(PasswordMismatch),
        Description = "The current password is not correct.",
    };

    public override IdentityError InvalidToken() => new()
    {
        Code = nameof(InvalidToken),
        Description = "This link has expired or has already been used. Ask for a new one.",
    };
}
