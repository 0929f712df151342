using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Rejects passwords found in a list of 49,233 common passwords (zxcvbn-ts, MIT; see
/// common-passwords.LICENSE.txt beside the list), compared case-insensitively, and passwords longer
/// than <see cref="MaxLength"/>. No composition rules (OWASP ASVS 5.0 V6.2).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    private readonly FrozenSet<string> _common;

    public CommonPasswordValidator(IWebHostEnvironment environment)
        : this(Load(Path.Combine(environment.ContentRootPath, "Identity", "common-passwords.txt")))
    {
    }

    internal CommonPasswordValidator(IEnumerable<string> common) =>
        _common = common.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public int Count => _common.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Use at most {MaxLength} characters.",
            }));
        }
        if (_common.Contains(password) || _common.Contains(password.Trim()))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is one of the most commonly used passwords, so it is easy to guess. Choose another — a few unrelated words make a good one.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static IEnumerable<string> Load(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0);
}
