using System.Collections.Concurrent;

namespace TrainingPortal.Web.Identity;

/// <summary>
/// The accounts disabled on this instance recently, checked on every request so that a disabled
/// person's open session ends at their very next request — not only at the next security-stamp
/// revalidation (up to a minute later). A dictionary lookup per request: no database round trip.
/// </summary>
/// <remarks>
/// Other instances behind a load balancer do not see this set; there the security-stamp check (the
/// disable action changes the stamp) ends the session within <see cref="RememberFor"/>'s first minute.
/// An entry is kept for <see cref="RememberFor"/>, far longer than that minute, and removed when the
/// account is enabled again.
/// </remarks>
public sealed class DisabledAccounts(TimeProvider time)
{
    /// <summary>How long an entry is kept: any open session is revalidated against the database well within this.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _disabled = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="userId"/> was disabled now.</summary>
    public void Add(string userId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in _disabled)
        {
            if (now - at > RememberFor)
            {
                _disabled.TryRemove(id, out _);
            }
        }
        _disabled[userId] = now;
    }

    /// <summary>Forgets <paramref name="userId"/> (the account was enabled again).</summary>
    public void Remove(string userId) => _disabled.TryRemove(userId, out _);

    /// <summary>Whether <paramref name="userId"/> was disabled here within <see cref="RememberFor"/>.</summary>
    public bool Contains(string? userId) => Refuses(userId, null);

    /// <summary>
    /// Whether a session of <paramref name="userId"/> whose cookie was issued at <paramref name="sessionIssuedUtc"/>
    /// must end: the account was disabled here within <see cref="RememberFor"/>, after that cookie was issued.
    /// A cookie issued later (a sign-in after the account was enabled again, perhaps on another instance) passes.
    /// </summary>
    public bool Refuses(string? userId, DateTimeOffset? sessionIssuedUtc) =>
        userId is not null
        && _disabled.TryGetValue(userId, out var at)
        && time.GetUtcNow() - at <= RememberFor
        && (sessionIssuedUtc is not { } issued || issued <= at);
}
