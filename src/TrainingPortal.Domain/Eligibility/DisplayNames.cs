using System.Globalization;
using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// The words a person reads for the engine's enums: the one place that turns <c>LevelIVClinical</c> into
/// "Level IV (Clinical)". Explanations, findings and rule-set parameters use it; the web's display names build on it.
/// </summary>
public static class DisplayNames
{
    /// <summary>"Level III", "Level IV (Clinical)", "not endorsed".</summary>
    public static string Of(EndorsementLevel level) => level switch
    {
        EndorsementLevel.None => "not endorsed",
        EndorsementLevel.LevelI => "Level I",
        EndorsementLevel.LevelII => "Level II",
        EndorsementLevel.LevelIII => "Level III",
        EndorsementLevel.LevelIVClinical => "Level IV (Clinical)",
        EndorsementLevel.LevelIVPolicy => "Level IV (Policy)",
        EndorsementLevel.LevelIVResearchFaculty => "Level IV (Research/Faculty)",
        _ => level.ToString(),
    };

    /// <summary>"paid work with infants and families", ….</summary>
    public static string Of(WorkKind kind) => kind switch
    {
        WorkKind.InfantFamilyPaid => "paid work with infants and families",
        WorkKind.SupervisedDyadicImh => "supervised dyadic IMH work",
        WorkKind.ProvidingReflectiveSupervision => "providing reflective supervision/consultation",
        WorkKind.PolicyLeadership => "policy or program leadership",
        WorkKind.UniversityTeachingOrResearch => "university teaching or research",
        _ => kind.ToString(),
    };

    /// <summary>Degree abbreviations stay (BA, MSW, PhD are what people write); the rest in words.</summary>
    public static string Of(DegreeKind kind) => kind switch
    {
        DegreeKind.Cda => "CDA credential",
        DegreeKind.Associate => "associate's degree",
        DegreeKind.OtherGraduate => "other master's or doctorate",
        DegreeKind.ImhSpecificDegree => "IMH-specific degree",
        DegreeKind.ImhPostgraduateSpecialization => "IMH postgraduate specialization",
        DegreeKind.ImhUniversityCertificate => "IMH university certificate",
        _ => kind.ToString(),
    };

    /// <summary>"supervisor", "reflective supervision/consultation provider", ….</summary>
    public static string Of(ReferenceSource source) => source switch
    {
        ReferenceSource.RscProvider => "reflective supervision/consultation provider",
        ReferenceSource.RscRecipient => "recipient of reflective supervision/consultation",
        ReferenceSource.DepartmentChair => "department chair",
        ReferenceSource.Other => "other",
        _ => source.ToString().ToLowerInvariant(),
    };

    /// <summary>"homework", "independent learning".</summary>
    public static string Of(ItemSource source) => source switch
    {
        ItemSource.Homework => "homework",
        ItemSource.IndependentLearning => "independent learning",
        ItemSource.IntroCourseModules => "introductory course modules",
        _ => source.ToString(),
    };

    /// <summary>"live sessions", "course sessions".</summary>
    public static string Of(SessionSource source) => source switch
    {
        SessionSource.LiveSessions => "live sessions",
        SessionSource.CourseSessions => "course sessions",
        _ => source.ToString(),
    };

    /// <summary>"Code of Ethics", "portfolio approval".</summary>
    public static string Of(RecordedItem item) => item switch
    {
        RecordedItem.EthicsAgreement => "Code of Ethics",
        RecordedItem.PortfolioApproval => "portfolio approval",
        _ => item.ToString(),
    };

    /// <summary>A list of display names joined with commas.</summary>
    public static string List<T>(IEnumerable<T> values, Func<T, string> name) => string.Join(", ", values.Select(name));

    /// <summary>
    /// A share as a person reads it, with one decimal at most ("66.7%", "70%"), rounded — except that a share
    /// below <paramref name="thresholdPercent"/> is never shown as reaching it (1749 of 2500 is 69.96%: "69.9%",
    /// not "70%"), so the figure never contradicts the verdict, which compares exact integers.
    /// </summary>
    public static string Percent(int part, int whole, int? thresholdPercent = null)
    {
        if (whole <= 0)
        {
            return "0%";
        }
        var exact = (decimal)part * 100m / whole;
        var shown = Math.Round(exact, 1, MidpointRounding.AwayFromZero);
        if (thresholdPercent is { } t && (long)part * 100 < (long)whole * t && shown >= t)
        {
            shown = Math.Floor(exact * 10m) / 10m;
        }
        return shown.ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}
