using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Rejects passwords found in a list of 49,233 common passwords (zxcvbn-ts, MIT; see
/// common-passwords.LICENSE.txt beside the list), compared case-insensitively, and passwords longer
/// than <see cref="MaxLength"/>. No composition rules (OWASP ASVS 5.0 V6.2).
/// </summary>
/// <remarks>
/// Building the set costs ≈ 10 ms of CPU (reading 49,233 lines and freezing them). It is built once per file and
/// process (<see cref="Lists"/>) and the validator is a singleton (<c>IdentitySetup</c>): registered through
/// Identity's <c>AddPasswordValidator</c> it was scoped, and every request that resolved <c>UserManager</c> — the
/// sign-in page, and every signed-in request through cookie validation — built it again (issue 10's trace: 55% of
/// the sign-in page's CPU).
/// </remarks>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<FrozenSet<string>>> Lists = new(StringComparer.Ordinal);
    private static int _loads;

    private readonly FrozenSet<string> _common;

    public CommonPasswordValidator(IWebHostEnvironment environment)
        : this(Shared(Path.Combine(environment.ContentRootPath, "Identity", "common-passwords.txt")))
    {
    }

    internal CommonPasswordValidator(IEnumerable<string> common) =>
        _common = common as FrozenSet<string> ?? common.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times this process has read a password list from disk (a test asserts it stays at one).</summary>
    public static int Loads => Volatile.Read(ref _loads);

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

    private static FrozenSet<string> Shared(string path) =>
        Lists.GetOrAdd(path, p => new Lazy<FrozenSet<string>>(() => Load(p))).Value;

    private static FrozenSet<string> Load(string path)
    {
        Interlocked.Increment(ref _loads);
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
