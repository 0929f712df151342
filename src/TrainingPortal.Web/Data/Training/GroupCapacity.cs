namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// A group's places (<see cref="TrainingGroup.Capacity"/>): who takes one (an active enrollment placed in it, or attending
/// it as classroom training), how many are free, and the words for it.
/// </summary>
public static class GroupCapacity
{
    /// <summary>The most places a group can have.</summary>
    public const int Max = 500;

    /// <summary>Whether <paramref name="capacity"/> is a number of places a group may have (none: no limit).</summary>
    public static bool IsValid(int? capacity) => capacity is null or >= 1 and <= Max;

    /// <summary>What a group form says when <see cref="IsValid"/> refuses the number.</summary>
    public static readonly string InvalidMessage = $"Enter how many people it takes, 1 to {Max}, or leave it empty for no limit.";

    /// <summary>
    /// The active enrollments taking a place in each of the groups that have a capacity, by group id: one query, none
    /// when no group of <paramref name="groups"/> has a limit.
    /// </summary>
    public static Task<Dictionary<int, int>> TakenInLimitedAsync<T>(AppDbContext db, IEnumerable<T> groups, Func<T, int> id, Func<T, int?> capacity,
        CancellationToken cancellationToken = default)
    {
        List<int> limited = [.. groups.Where(g => capacity(g) is not null).Select(id)];
        return limited.Count == 0 ? Task.FromResult(new Dictionary<int, int>()) : TakenAsync(db, limited, cancellationToken);
    }

    /// <summary>The active enrollments taking a place in each group, by group id (one query).</summary>
    public static async Task<Dictionary<int, int>> TakenAsync(AppDbContext db, IReadOnlyCollection<int> groupIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var placed = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Active && ((e.GroupId != null && groupIds.Contains(e.GroupId.Value))
                || (e.ClassroomGroupId != null && groupIds.Contains(e.ClassroomGroupId.Value))))
            .Select(e => new { e.GroupId, e.ClassroomGroupId })
            .ToListAsync(cancellationToken);
        var taken = new Dictionary<int, int>();
        foreach (var e in placed)
        {
            foreach (var id in new[] { e.GroupId, e.ClassroomGroupId })
            {
                if (id is { } g && groupIds.Contains(g))
                {
                    taken[g] = taken.GetValueOrDefault(g) + 1;
                }
            }
        }
        return taken;
    }

    /// <summary>The places taken in one group.</summary>
    public static Task<int> TakenAsync(AppDbContext db, int groupId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Active && (e.GroupId == groupId || e.ClassroomGroupId == groupId), cancellationToken);
    }

    /// <summary>
    /// Null when the group has a free place (or no limit, or does not exist); else why one more person cannot be placed in it.
    /// </summary>
    public static async Task<string?> FullAsync(AppDbContext db, int groupId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => new { g.Name, g.Capacity }).SingleOrDefaultAsync(cancellationToken);
        if (group?.Capacity is not { } capacity)
        {
            return null;
        }
        var taken = await TakenAsync(db, groupId, cancellationToken);
        return taken < capacity ? null
            : $"{group.Name} is full ({taken} of {capacity} places taken). Choose another group, or raise its places on the group's edit page first.";
    }

    /// <summary>The free places (null: no limit set; never below zero).</summary>
    public static int? Free(int? capacity, int taken) => capacity is { } c ? Math.Max(0, c - taken) : null;

    /// <summary>Whether a group with <paramref name="capacity"/> places, <paramref name="taken"/> of them taken, has none free.</summary>
    public static bool IsFull(int? capacity, int taken) => capacity is { } c && taken >= c;

    /// <summary>"3 of 8 places free", "Full (8 places)", "No limit set".</summary>
    public static string Words(int? capacity, int taken) => capacity switch
    {
        null => "No limit set",
        { } c when taken >= c => $"Full ({c} place{(c == 1 ? "" : "s")})",
        { } c => $"{c - taken} of {c} place{(c == 1 ? "" : "s")} free",
    };
}
