using System.Globalization;

namespace TrainingPortal.Web.Features.Fees;

/// <summary>A participant's fee in words (no enum names on a page or in a file people read).</summary>
public static class FeeText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The status's name in a list or a filter.</summary>
    public static string Label(FeeStatus status) => status switch
    {
        FeeStatus.Due => "Amount due",
        FeeStatus.Paid => "Paid",
        FeeStatus.Scholarship => "Scholarship (grant-funded)",
        FeeStatus.GroupRate => "Group rate",
        FeeStatus.Waived => "Waived",
    };

    /// <summary>Whether a status carries an amount (due, paid, group rate); a scholarship or a waiver has none.</summary>
    public static bool HasAmount(FeeStatus status) => status switch
    {
        FeeStatus.Due or FeeStatus.Paid or FeeStatus.GroupRate => true,
        FeeStatus.Scholarship or FeeStatus.Waived => false,
    };

    /// <summary>"$1,200" (cents only when there are some).</summary>
    public static string Money(decimal amount) =>
        amount == decimal.Truncate(amount) ? amount.ToString("$#,##0", Inv) : amount.ToString("$#,##0.00", Inv);

    /// <summary>
    /// The line on the participant's program card: "Course fee: $1,200 due", "Course fee: $1,200 paid", "Course fee:
    /// group rate, $900", "Scholarship (grant-funded)", "Course fee waived". No fee set yet reads as the course's value due.
    /// </summary>
    public static string ForParticipant(FeeStatus status, decimal? amount) => status switch
    {
        FeeStatus.Due => amount is { } due ? $"Course fee: {Money(due)} due" : "Course fee: due",
        FeeStatus.Paid => amount is { } paid ? $"Course fee: {Money(paid)} paid" : "Course fee: paid",
        FeeStatus.GroupRate => amount is { } rate ? $"Course fee: group rate, {Money(rate)}" : "Course fee: group rate",
        FeeStatus.Scholarship => "Scholarship (grant-funded)",
        FeeStatus.Waived => "Course fee waived",
    };
}
