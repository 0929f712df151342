namespace TrainingPortal.Web.Features.Fees;

/// <summary>One participant's fee, for the list and the CSV file.</summary>
public sealed record FeeRow(int EnrollmentId, string Person, string? Email, string ProgramKey, string? Cohort, EnrollmentStatus EnrollmentStatus,
    FeeStatus Status, decimal? Amount, bool Set, DateTime? UpdatedUtc);

/// <summary>
/// The enrollments of the programs that track a fee (<see cref="ProgramDefinition.Fee"/>: the IMH course), with their
/// fee: ONE query. An enrollment whose fee no administrator has set yet stands as the program's value, due.
/// </summary>
public static class FeeRows
{
    /// <summary>The programs whose participants have a fee.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> ProgramFees =
        ProgramCatalog.Default.All.Where(p => p.Fee is not null).ToDictionary(p => p.Key, p => p.Fee!.Value, StringComparer.Ordinal);

    public static IQueryable<FeeRow> Query(AppDbContext db, FeeStatus? status, int? enrollmentId = null)
    {
        var keys = ProgramFees.Keys.ToArray();
        var rows =
            from e in db.Enrollments.AsNoTracking()
            where keys.Contains(e.ProgramKey)
            join u in db.Users on e.PersonId equals u.Id
            join f in db.EnrollmentFees on e.Id equals f.EnrollmentId into fees
            from f in fees.DefaultIfEmpty()
            select new { e, u, f };
        if (enrollmentId is { } id)
        {
            rows = rows.Where(r => r.e.Id == id);
        }
        if (status is { } s)
        {
            rows = s == FeeStatus.Due ? rows.Where(r => r.f == null || r.f.Status == s) : rows.Where(r => r.f != null && r.f.Status == s);
        }
        return rows
            .OrderBy(r => r.e.Group != null ? r.e.Group.StartDate : DateOnly.MaxValue).ThenBy(r => r.e.GroupId).ThenBy(r => r.u.DisplayName).ThenBy(r => r.e.Id)
            .Select(r => new FeeRow(r.e.Id, r.u.DisplayName, r.u.Email, r.e.ProgramKey, r.e.Group != null ? r.e.Group.Name : null, r.e.Status,
                r.f != null ? r.f.Status : FeeStatus.Due, r.f != null ? r.f.Amount : null, r.f != null, r.f != null ? r.f.UpdatedUtc : null));
    }

    /// <summary>The amount to show: the one set, or the program's value while nothing is set.</summary>
    public static decimal? AmountOf(FeeRow row) => row.Set ? row.Amount : ProgramFees.GetValueOrDefault(row.ProgramKey);
}
