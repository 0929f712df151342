namespace TrainingPortal.Domain.Eligibility;

/// <summary>Which licences earn continuing-education (CE) credit for a course (a rule-set parameter).</summary>
/// <param name="EligibleLicences">Licence kinds that earn CE credit, e.g. LMSW, LCSW, LMHC, LCAT (case-insensitive).</param>
public sealed record ContinuingEducationPolicy(IReadOnlyList<string> EligibleLicences);

/// <summary>The CE hours a certificate shows.</summary>
/// <param name="Eligible">Whether the person holds a current CE-eligible licence.</param>
/// <param name="Licence">The licence that qualifies, if any.</param>
/// <param name="Hours">CE hours: face-to-face hours attended; 0 when not eligible.</param>
/// <param name="Explanation">Plain language.</param>
public sealed record CeHours(bool Eligible, string? Licence, decimal Hours, string Explanation);

/// <summary>Continuing-education hours for the IMH course certificate.</summary>
public static class ContinuingEducation
{
    /// <summary>
    /// CE hours for a course enrollment: only for holders of a current licence listed in the rule set's
    /// <see cref="ContinuingEducationPolicy"/>, and only face-to-face hours actually attended (present:
    /// the session's length; partial: the minutes present). Make-ups, readings and exercises earn none.
    /// </summary>
    /// <param name="ruleSet">The course rule set (must have a <see cref="RuleSet.ContinuingEducation"/> policy).</param>
    /// <param name="evidence">Evidence with <see cref="Evidence.CourseSessions"/> and <see cref="Evidence.Licences"/>.</param>
    /// <param name="asOf">Evaluation date (licence validity, sessions held before it).</param>
    public static CeHours Calculate(RuleSet ruleSet, Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(evidence);
        var policy = ruleSet.ContinuingEducation;
        if (policy is null)
        {
            return new CeHours(false, null, 0, ruleSet.Id + " does not award continuing-education credit.");
        }
        string? licence = null;
        foreach (var l in evidence.Licences)
        {
            if ((l.ValidUntil is null || l.ValidUntil >= asOf) && Contains(policy.EligibleLicences, l.Kind))
            {
                licence = l.Kind.ToUpperInvariant();
                break;
            }
        }
        if (licence is null)
        {
            return new CeHours(false, null, 0,
                "Continuing-education credit is given only to holders of a current " + string.Join(", ", policy.EligibleLicences) + " licence.");
        }
        var minutes = FaceToFaceMinutes(evidence.CourseSessions, asOf);
        var hours = minutes / 60m;
        return new CeHours(true, licence, hours,
            hours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " CE hours (face-to-face hours attended; readings, exercises and make-ups earn none).");
    }

    /// <summary>Face-to-face minutes attended in held (date before <paramref name="asOf"/>), not cancelled sessions.</summary>
    public static int FaceToFaceMinutes(IReadOnlyList<ScheduledSession> sessions, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var minutes = 0;
        foreach (var s in sessions)
        {
            if (s.Cancelled || s.Date >= asOf)
            {
                continue;
            }
            minutes += s.Mark switch
            {
                AttendanceMark.Present => Math.Max(0, s.DurationMinutes),
                AttendanceMark.Partial => Math.Clamp(s.MinutesPresent, 0, Math.Max(0, s.DurationMinutes)),
                _ => 0,
            };
        }
        return minutes;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var s in list)
        {
            if (string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
