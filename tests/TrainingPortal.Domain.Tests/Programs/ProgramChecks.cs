using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using TrainingPortal.Domain.Programs;
using TrainingPortal.Domain.Scheduling;

namespace TrainingPortal.Domain.Tests.Programs;

/// <summary>
/// What a complete program catalog looks like, as a list of problems (empty: complete). The guard tests run it
/// on the shipped catalog, and the sample-program tests on a catalog with one program more.
/// </summary>
internal static class ProgramChecks
{
    public static List<string> Problems(ProgramCatalog programs, RuleSetCatalog rules)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        var ruleKeys = rules.ProgramKeys.ToHashSet(StringComparer.Ordinal);
        var programKeys = programs.All.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in ruleKeys.Except(programKeys))
        {
            problems.Add($"rule set {key} has no program definition");
        }
        foreach (var key in programKeys.Except(ruleKeys))
        {
            problems.Add($"program {key} has no rule set");
        }

        foreach (var p in programs.All)
        {
            var at = p.Key + ": ";
            Check(!string.IsNullOrWhiteSpace(p.Key) && !p.Key.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)), at + "the key is empty or not lower case");
            Check(p.Number > 0, at + "no row number");
            Check(!string.IsNullOrWhiteSpace(p.Title), at + "no title");
            Check(!string.IsNullOrWhiteSpace(p.CredentialTitle), at + "no credential title");
            Check(!string.IsNullOrWhiteSpace(p.ApproveLabel) && p.ApproveLabel.StartsWith("Approve ", StringComparison.Ordinal), at + "no approve label (\"Approve …\")");
            Check(p.Summary.Trim().Length >= 80 && p.Summary.TrimEnd().EndsWith('.'), at + "no summary for the public catalog (a few sentences)");
            Check(Enum.IsDefined(p.AchievementType), at + "no achievement type");
            Check(Enum.IsDefined(p.Validity), at + "no validity policy");
            Check(p.CertificateHours is not null && !string.IsNullOrWhiteSpace(p.CertificateHours.Description), at + "no certificate-hours policy");
            Check(p.RosterTitle is null || !string.IsNullOrWhiteSpace(p.RosterTitle), at + "an empty roster title (null: not on the roster)");
            Check(p.Validity != ValidityPolicy.Endorsement || (p.Endorses.Count > 0 && !string.IsNullOrWhiteSpace(p.LevelName)),
                at + "an endorsement names no level it awards");
            Check(p.Endorses.Count == 0 || p.AchievementType == AchievementType.Certification, at + "an endorsement is an Open Badges Certification");
            Check(p.GroupKinds.Count(k => k.Placement == GroupPlacement.Group) <= 1, at + "more than one kind of group for an enrollment's group");
            Check(p.GroupKinds.Count(k => k.Placement == GroupPlacement.Classroom) <= 1, at + "more than one kind of classroom training");

            var versions = rules.Versions(p.Key);
            if (versions.Count == 0)
            {
                continue;
            }
            Check(p.Title == versions[^1].Title, at + $"the title differs from the rule set's (\"{versions[^1].Title}\")");
            foreach (var ruleSet in versions)
            {
                var keys = ruleSet.Requirements.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var k in p.GroupKinds)
                {
                    Check(keys.Contains(k.AttendanceRequirementKey), at + $"{ruleSet.Id} has no requirement {k.AttendanceRequirementKey} for the attendance of {k.Kind}");
                }
                // A requirement read from group attendance needs a kind of group that feeds it: the program uses groups.
                foreach (var r in ruleSet.Requirements.Where(FedByGroups))
                {
                    Check(p.GroupKinds.Any(k => k.AttendanceRequirementKey == r.Key), at + $"{ruleSet.Id}'s requirement {r.Key} reads group attendance, but no kind of group feeds it");
                }
            }

            foreach (var k in p.GroupKinds)
            {
                var kat = at + k.Kind + ": ";
                Check(!string.IsNullOrWhiteSpace(k.Name), kat + "no name");
                Check(!string.IsNullOrWhiteSpace(k.Description), kat + "no description");
                Check(Enum.IsDefined(k.Placement) && Enum.IsDefined(k.Evidence), kat + "no placement or evidence");
                Check(k.DefaultWeeks is >= 1 and <= ScheduleGenerator.MaxWeeks, kat + "default weeks out of range");
                Check(k.DefaultMinutesFor(k.DefaultWeeks) is >= 15 and <= 600, kat + "default minutes out of range");
                Check(k.TotalMinutes is null || (!string.IsNullOrWhiteSpace(k.SeriesName) && k.AllowedWeeks.Contains(k.DefaultWeeks)),
                    kat + "a fixed series needs its name and allowed weeks (with the default)");
                Check(k.AllowedWeeks.Count == 0 || k.AllowedWeeks.Contains(k.DefaultWeeks), kat + "the default weeks are not allowed");
                Check((k.Placement == GroupPlacement.Classroom) == (k.Evidence == GroupEvidence.ClassroomHours), kat + "classroom training is placed as the classroom, and only it");
                var suggested = k.SuggestName(new GroupNameParts(new DateOnly(2027, 1, 4), DayOfWeek.Monday, new TimeOnly(18, 0), "Spring", 2027, "Sam Trainer"));
                Check(!string.IsNullOrWhiteSpace(suggested), kat + "no suggested name");
            }
        }

        var kinds = programs.Kinds.ToList();
        foreach (var name in kinds.GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"the group-kind name \"{name.Key}\" is used by {string.Join(" and ", name.Select(k => k.Kind))}");
        }
        foreach (var title in programs.All.GroupBy(p => p.Title, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"the program title \"{title.Key}\" is used twice");
        }
        return problems;
    }

    /// <summary>Requirements whose evidence is a group's attendance.</summary>
    private static bool FedByGroups(Requirement requirement) =>
        requirement is ClassroomHoursRequirement or ConsultationAttendanceRequirement or CohortSessionsRequirement;
}
