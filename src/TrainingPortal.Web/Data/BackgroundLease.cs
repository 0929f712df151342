namespace TrainingPortal.Web.Data;

/// <summary>
/// Who runs a piece of background work now, when several instances share the database (issue 15): the holder until
/// <see cref="ExpiresUtc"/>. Taken and renewed by one conditional UPDATE (<see cref="Infrastructure.BackgroundLeases"/>).
/// Not audited: it is the portal's own bookkeeping, nobody's change.
/// </summary>
public sealed class BackgroundLease
{
    /// <summary>The work, e.g. <c>standings-refresh</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The instance holding it (<see cref="Infrastructure.InstanceIdentity"/>).</summary>
    public string Holder { get; set; } = "";

    public DateTime ExpiresUtc { get; set; }
}
