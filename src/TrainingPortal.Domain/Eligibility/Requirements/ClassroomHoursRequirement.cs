namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>
/// MIO step 1: at least <see cref="MinimumHours"/> hours of classroom training attended. A present
/// mark counts the session's scheduled minutes, a partial mark counts its minutes present (capped at
/// the session's length), absent and excused count nothing.
/// </summary>
public sealed class ClassroomHoursRequirement : Requirement, IPartialAttendanceRule
{
    /// <summary>Creates the requirement.</summary>
    public ClassroomHoursRequirement(string key, string title, decimal minimumHours) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumHours);
        MinimumHours = minimumHours;
        Parameters = [new(nameof(MinimumHours), N(minimumHours))];
    }

    /// <summary>Hours required.</summary>
    public decimal MinimumHours { get; }

    /// <inheritdoc />
    public override string KindName => "ClassroomHours";

    /// <inheritdoc />
    public string ExplainPartial(int meetingMinutes) =>
        string.Create(Inv, $"A partial attendance counts the minutes present (of this day's {meetingMinutes}) toward the {N(MinimumHours)} hours of classroom training.");

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>Minutes of classroom training attended up to <paramref name="asOf"/>.</summary>
    public static int AttendedMinutes(IReadOnlyList<ClassroomAttendance> classroom, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(classroom);
        var minutes = 0;
        for (var i = 0; i < classroom.Count; i++)
        {
            var a = classroom[i];
            if (a.Date > asOf)
            {
                continue;
            }
            minutes += a.Mark switch
            {
                AttendanceMark.Present => Math.Max(0, a.ScheduledMinutes),
                AttendanceMark.Partial => Math.Clamp(a.MinutesPresent, 0, Math.Max(0, a.ScheduledMinutes)),
                _ => 0,
            };
        }
        return minutes;
    }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var minutes = AttendedMinutes(evidence.Classroom, asOf);
        var hours = minutes / 60m;
        if (minutes >= MinimumHours * 60m)
        {
            return Result(RequirementStatus.Met, hours, MinimumHours, "hours",
                string.Create(Inv, $"{{You}} {{have|has}} attended {Plural(hours, "hour", "hours")} of classroom training; {N(MinimumHours)} are required."));
        }
        var missing = MinimumHours - hours;
        return Result(RequirementStatus.NotMet, hours, MinimumHours, "hours",
            string.Create(Inv, $"{{You}} {{have|has}} attended {N(hours)} of {N(MinimumHours)} classroom hours. {{Do}}attend {Plural(missing, "more hour", "more hours")} of classroom training (a later session or a make-up) to meet this."));
    }
}
