using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// Counts failed sign-ins for addresses that have no account, so that the login page answers an
/// unknown address exactly as it answers a known one — including "locked for 15 minutes" after five
/// tries. Known accounts are locked by Identity itself. Keys are hashes: no address is kept in memory.
/// </summary>
public sealed class LoginThrottle(IMemoryCache cache, TimeProvider time)
{
    public bool IsLocked(string email) =>
        cache.TryGetValue(Key(email), out Entry? entry) && entry!.LockedUntil > time.GetUtcNow();

    public bool RecordFailure(string email, int maxFailures, TimeSpan lockout)
    {
        var key = Key(email);
        var entry = cache.GetOrCreate(key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = lockout;
            return new Entry();
        })!;
        lock (entry)
        {
            entry.Failures++;
            if (entry.Failures >= maxFailures)
            {
                entry.LockedUntil = time.GetUtcNow() + lockout;
                entry.Failures = 0;
                cache.Set(key, entry, lockout);
                return true;
            }
        }
        return false;
    }

    private static string Key(string email) =>
        "login-fail:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LockedUntil;
    }
}
