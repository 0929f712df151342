namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// The renewal cycle of an endorsement (rule-set parameter): a cycle of whole calendar years, due on a
/// date in the following year (default: one year, due 31 January for the previous calendar year).
/// </summary>
/// <param name="CycleYears">Years per cycle (1 = yearly).</param>
/// <param name="DueMonth">Month of the due date.</param>
/// <param name="DueDay">Day of the due date.</param>
public sealed record RenewalCycle(int CycleYears = 1, int DueMonth = 1, int DueDay = 31)
{
    /// <summary>
    /// The period a renewal evaluated on <paramref name="asOf"/> is about: up to and including this
    /// year's due date, the cycle that ended on 31 December last year; after it, the cycle in progress.
    /// </summary>
    public RenewalPeriod PeriodFor(DateOnly asOf)
    {
        var dueThisYear = new DateOnly(asOf.Year, DueMonth, DueDay);
        var endYear = asOf <= dueThisYear ? asOf.Year - 1 : asOf.Year;
        return new RenewalPeriod(new DateOnly(endYear - CycleYears + 1, 1, 1), new DateOnly(endYear, 12, 31),
            new DateOnly(endYear + 1, DueMonth, DueDay));
    }

    /// <summary>Display form.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CycleYears} calendar year(s), due {DueMonth:00}-{DueDay:00} after the cycle");
}

/// <summary>A renewal period.</summary>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive).</param>
/// <param name="Due">The date the renewal is due.</param>
public readonly record struct RenewalPeriod(DateOnly Start, DateOnly End, DateOnly Due)
{
    /// <summary>Whether a date falls within the period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}
