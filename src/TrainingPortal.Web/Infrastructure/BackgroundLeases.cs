namespace TrainingPortal.Web.Infrastructure;

/// <summary>This instance's name in <see cref="BackgroundLease.Holder"/>: machine, process and a random part (two hosts in one process differ).</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}

/// <summary>
/// Leases for background work that must run on one instance at a time (several instances on one database): a piece
/// of work is done by the instance that holds its lease, which renews it at each run; if that instance stops, the
/// lease runs out and another takes it over. Taking is one conditional UPDATE (the row is free, expired, or already
/// ours), which the database applies to one taker at a time on every provider; the row is created the first time.
/// </summary>
public sealed class BackgroundLeases(AppDbContext db, InstanceIdentity instance, TimeProvider time)
{
    /// <summary>Takes or renews lease <paramref name="name"/> for <paramref name="duration"/>; false when another instance holds it.</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = instance.Id;
        var taken = await db.BackgroundLeases
            .Where(l => l.Name == name && (l.ExpiresUtc <= now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.BackgroundLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false; // held by another instance, not expired
        }
        db.BackgroundLeases.Add(new BackgroundLease { Name = name, Holder = holder, ExpiresUtc = until });
        var created = await db.TrySaveUniqueAsync(cancellationToken); // two first takers: one row, one winner
        db.ChangeTracker.Clear();
        return created;
    }

    /// <summary>Gives lease <paramref name="name"/> up now if this instance holds it (at shutdown), so another need not wait for it to run out.</summary>
    public Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var holder = instance.Id;
        var now = time.GetUtcNow().UtcDateTime;
        return db.BackgroundLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, now), cancellationToken);
    }
}
