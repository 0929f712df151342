using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Enrollments;

/// <summary>
/// The rules of creating an enrollment, shared by the enroll form and the CSV import: which rule-set
/// version applies, which categories fit, which group kinds fit (<see cref="ProgramGroups"/>), and the
/// new record itself. "One active enrollment per person and program" is checked by each caller and
/// enforced by the unique index <c>IX_Enrollments_OneActivePerProgram</c>.
/// </summary>
public static class EnrollmentRules
{
    /// <summary>The rule set an enrollment created on <paramref name="enrolledOn"/> is evaluated under (null: unknown program or before its first version).</summary>
    public static RuleSet? RuleSetFor(string programKey, DateOnly enrolledOn) => RuleSetCatalog.Default.Current(programKey, enrolledOn);

    /// <summary>Whether <paramref name="category"/> fits the rule set: one of its categories when it has some, else none.</summary>
    public static bool CategoryFits(RuleSet ruleSet, string? category)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return ruleSet.Categories.Count == 0
            ? string.IsNullOrEmpty(category)
            : ruleSet.Categories.Contains(category ?? "", StringComparer.Ordinal);
    }

    /// <summary>A new active enrollment under <paramref name="ruleSet"/>.</summary>
    public static Enrollment New(string personId, RuleSet ruleSet, string? category, int? groupId, int? classroomGroupId,
        DateOnly createdOn, DateTime createdUtc, string? createdById)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new Enrollment
        {
            PersonId = personId,
            ProgramKey = ruleSet.Key,
            RuleSetId = ruleSet.Id,
            Category = string.IsNullOrEmpty(category) ? null : category,
            GroupId = groupId,
            ClassroomGroupId = classroomGroupId,
            Status = EnrollmentStatus.Active,
            CreatedOn = createdOn,
            CreatedUtc = createdUtc,
            CreatedById = createdById,
        };
    }
}
