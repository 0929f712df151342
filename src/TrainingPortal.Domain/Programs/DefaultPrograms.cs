using System.Globalization;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Eligibility.Requirements;
using Keys = TrainingPortal.Domain.Eligibility.DefaultRuleSets.Keys;

namespace TrainingPortal.Domain.Programs;

/// <summary>
/// The programs shipped with the portal: one definition each, in display order. Their rules are in
/// <see cref="DefaultRuleSets"/> under the same keys (a guard test keeps the two lists equal).
/// </summary>
public static class DefaultPrograms
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>MIO classroom training: 16 hours, given as a short weekly series of parts.</summary>
    public const int ClassroomMinutes = 16 * 60;

    /// <summary>All shipped programs.</summary>
    public static IReadOnlyList<ProgramDefinition> All() =>
    [
        MioRostering, MioTrainTheTrainer, ImhCourse,
        Endorsement(Keys.ImhEndorsementL1, 4, "IMH Endorsement Level I — Infant Family Associate", "Endorsement — Infant Family Associate (Level I)", "Level I",
            "For those who work with or on behalf of infants, toddlers and their families: a CDA or an associate's degree (or two years of paid work with young children and families), 30 hours of relationship-based training, three references, the Code of Ethics and membership of an IMH association.",
            EndorsementLevel.LevelI),
        Endorsement(Keys.ImhEndorsementL2, 5, "IMH Endorsement Level II — Infant Family Specialist", "Endorsement — Infant Family Specialist (Level II)", "Level II",
            "For professionals promoting infants' social-emotional development with their families: a bachelor's degree, 30 hours of relationship-based training, two years of work with at least ten families of infants, 24 hours of reflective supervision/consultation, three references.",
            EndorsementLevel.LevelII),
        Endorsement(Keys.ImhEndorsementL3, 6, "IMH Endorsement Level III — Infant Mental Health Specialist", "Endorsement — Infant Mental Health Specialist (Level III)", "Level III",
            "For clinicians providing dyadic infant mental health services: a master's degree or doctorate, 30 hours of relationship-based training, two years of supervised postgraduate work with infants and parents, 50 hours of reflective supervision/consultation, three references.",
            EndorsementLevel.LevelIII),
        Endorsement(Keys.ImhEndorsementL4, 7, "IMH Endorsement Level IV — Infant Mental Health Mentor", "Endorsement — Infant Mental Health Mentor (Level IV)", "Level IV",
            "For mentors in the infant and family field, in one of three categories — clinical, policy, or research and faculty: a graduate degree, 30 hours of relationship-based training, years of postgraduate experience in the category, reflective supervision/consultation (clinical), references and a written exam.",
            EndorsementLevel.LevelIVClinical, EndorsementLevel.LevelIVPolicy, EndorsementLevel.LevelIVResearchFaculty),
        ImhRenewal,
        MiPractice,
    ];

    /// <summary>MIO clinician training → rostering: classroom training, then a consultation group.</summary>
    public static ProgramDefinition MioRostering { get; } = new()
    {
        Key = Keys.MioRostering,
        Number = 1,
        Title = "MIO clinician training: rostering",
        Summary = "Mothering from the Inside Out (MIO) is a 12-session individual psychotherapy for caregivers in recovery. Clinicians learn it in two steps: 16 hours of classroom training, then about six months of weekly virtual consultation in a group of about four with an MIO trainer, who gives feedback on the model's core elements. Clinicians who meet the requirements are listed on the roster of MIO clinicians.",
        CredentialTitle = "Rostered MIO Clinician",
        AchievementType = AchievementType.Certificate,
        ApproveLabel = "Approve rostering",
        CertificateHours = CertificateHours.Attended("classroom training and consultation meetings attended",
            (e, asOf) => ClassroomHoursRequirement.AttendedMinutes(e.Classroom, asOf) + CertificateTerms.ConsultationMinutes(e, asOf)),
        Validity = ValidityPolicy.Lasting,
        RosterTitle = "Rostered MIO Clinician",
        OrganisationsMayRequest = true,
        GroupKinds =
        [
            new()
            {
                Kind = GroupKind.MioClassroom,
                Name = "MIO classroom training",
                Description = "MIO classroom training — 16 hours: 2 weekly parts of 8 hours (or 4 of 4 hours)",
                Placement = GroupPlacement.Classroom,
                AttendanceRequirementKey = "classroom-hours",
                Evidence = GroupEvidence.ClassroomHours,
                DefaultWeeks = 2,
                TotalMinutes = ClassroomMinutes,
                SeriesName = "Classroom training",
                AllowedWeeks = [2, 4],
                SuggestName = p => $"MIO classroom training {p.Start.ToString("yyyy-MM-dd", Inv)}",
            },
            new()
            {
                Kind = GroupKind.MioConsultation,
                Name = "MIO consultation group",
                Description = "MIO consultation group — weekly, 26 weeks of 1 hour by default",
                Placement = GroupPlacement.Group,
                AttendanceRequirementKey = "consultation-attendance",
                Evidence = GroupEvidence.ConsultationAttendance,
                DefaultWeeks = 26,
                DefaultMinutes = 60,
                Screens = GroupScreens.TrainingCases | GroupScreens.Clips | GroupScreens.Fidelity,
                SuggestName = p => $"MIO consultation group, {p.Day}s {p.Time.ToString("HH:mm", Inv)} from {p.Start.ToString("yyyy-MM-dd", Inv)}"
                    + (p.Trainer is null ? "" : $" ({p.Trainer})"),
            },
        ],
    };

    /// <summary>MIO Train-the-Trainer: a cohort with live education and homework.</summary>
    public static ProgramDefinition MioTrainTheTrainer { get; } = new()
    {
        Key = Keys.MioTrainTheTrainer,
        Number = 2,
        Title = "MIO Train-the-Trainer",
        Summary = "For rostered MIO clinicians who have shown fidelity and adherence to the model: live education and a handbook with key points, notes, concepts and homework assignments, preparing them to train other clinicians (substance use counselors, mental health clinicians, other psychotherapists).",
        CredentialTitle = "MIO Trainer — Certificate of Completion",
        AchievementType = AchievementType.Certificate,
        ApproveLabel = "Approve Train-the-Trainer completion",
        CertificateHours = CertificateHours.Attended("live sessions attended", (e, asOf) => ContinuingEducation.FaceToFaceMinutes(e.LiveSessions, asOf)),
        Validity = ValidityPolicy.Lasting,
        QualifiesTrainer = true,
        GroupKinds =
        [
            new()
            {
                Kind = GroupKind.TrainTheTrainerCohort,
                Name = "Train-the-Trainer cohort",
                Description = "MIO Train-the-Trainer cohort — weekly live education, 6 sessions of 2 hours by default",
                Placement = GroupPlacement.Group,
                AttendanceRequirementKey = "live-sessions",
                Evidence = GroupEvidence.LiveSessions,
                DefaultWeeks = 6,
                DefaultMinutes = 120,
                Screens = GroupScreens.Homework | GroupScreens.Fidelity | GroupScreens.MakeUps,
                SuggestName = p => $"MIO Train-the-Trainer cohort {p.Start.ToString("yyyy-MM-dd", Inv)}",
            },
        ],
    };

    /// <summary>IMH Theory to Practice: a course cohort of a term.</summary>
    public static ProgramDefinition ImhCourse { get; } = new()
    {
        Key = Keys.ImhCourse,
        Number = 3,
        Title = "Infant Mental Health: Theory to Practice",
        Summary = "An 11-session multidisciplinary course offered three times a year (spring, summer and fall): 16.5 hours face to face and about 6 hours of readings and exercises, covering the eight competency areas of infant mental health practice. Continuing-education credit for LMSW, LCSW, LMHC and LCAT licences (face-to-face hours only).",
        CredentialTitle = "Certificate of Completion",
        AchievementType = AchievementType.CertificateOfCompletion,
        ApproveLabel = "Approve course completion",
        CertificateHours = CertificateHours.Attended("course sessions attended", (e, asOf) => ContinuingEducation.FaceToFaceMinutes(e.CourseSessions, asOf)),
        ContinuingEducationNote = "Continuing Education (CE) credit counts only the course sessions attended face to face; readings and exercises do not count for CE.",
        Fee = 1200m,
        // Seed 003: the competency areas the course covers (the endorsement's training log counts them).
        CompetencyAreas =
        [
            "Theoretical Foundations", "Law, Regulation & Policy", "Systems Expertise", "Direct Service Skills",
            "Working with Others", "Communicating", "Thinking", "Reflection",
        ],
        Validity = ValidityPolicy.Lasting,
        GroupKinds =
        [
            new()
            {
                Kind = GroupKind.ImhCourseCohort,
                Name = "IMH course cohort",
                Description = "IMH course cohort — 11 weekly sessions of 1.5 hours",
                Placement = GroupPlacement.Group,
                AttendanceRequirementKey = "sessions",
                Evidence = GroupEvidence.CourseSessions,
                DefaultWeeks = 11,
                DefaultMinutes = 90,
                HasTerm = true,
                Screens = GroupScreens.MakeUps | GroupScreens.IndependentLearning,
                SuggestName = p => $"IMH course {p.Term} {p.Year?.ToString(Inv)}",
            },
        ],
    };

    /// <summary>IMH continuing endorsement: the yearly renewal of an endorsement.</summary>
    public static ProgramDefinition ImhRenewal { get; } = new()
    {
        Key = Keys.ImhRenewal,
        Number = 8,
        Title = "IMH continuing endorsement (yearly renewal)",
        Summary = "Keeps an Infant Mental Health endorsement current: each year, relationship-based training hours, continued membership of an IMH association and, for those who provide it, reflective supervision/consultation. It is set up when an endorsement is approved.",
        CredentialTitle = "Continuing Endorsement",
        AchievementType = AchievementType.Certification,
        ApproveLabel = "Approve renewal",
        CertificateHours = CertificateHours.None,
        Validity = ValidityPolicy.Renewal,
        Join = JoinPolicy.Automatic,
    };

    /// <summary>
    /// MI Champions (seed 002): a free, self-paced introductory MI course (its certificate records completion; it is
    /// not a credential), practice groups hosted by volunteer MI Champions and a directory of professional MI
    /// trainers. Only the course is an enrollment; practice groups and coaching have their own screens.
    /// </summary>
    public static ProgramDefinition MiPractice { get; } = new()
    {
        Key = Keys.MiPractice,
        Number = 9,
        Title = "MI Champions: learning Motivational Interviewing together",
        Summary = "Not a credential: a way for change practitioners to learn Motivational Interviewing (MI) together and find professional coaching. A free, self-paced introductory MI course online; practice groups hosted by volunteer MI Champions, meeting regularly with standardized activities; and a directory of professional MI trainers (MINT-affiliated) to ask for coaching.",
        CredentialTitle = "Introduction to Motivational Interviewing",
        AchievementType = AchievementType.CertificateOfCompletion,
        ApproveLabel = "Approve completion of the introductory course",
        CertificateHours = CertificateHours.None,
        Validity = ValidityPolicy.Lasting,
        Join = JoinPolicy.Self,
        IsCredential = false,
    };

    private static ProgramDefinition Endorsement(string key, int number, string title, string credentialTitle, string levelName, string summary, params EndorsementLevel[] levels) => new()
    {
        Key = key,
        Number = number,
        Title = title,
        Summary = summary,
        CredentialTitle = credentialTitle,
        AchievementType = AchievementType.Certification,
        ApproveLabel = "Approve endorsement",
        CertificateHours = CertificateHours.None,
        Validity = ValidityPolicy.Endorsement,
        RosterTitle = title,
        Endorses = levels,
        LevelName = levelName,
    };
}
