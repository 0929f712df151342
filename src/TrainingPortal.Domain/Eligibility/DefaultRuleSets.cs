using TrainingPortal.Domain.Eligibility.Requirements;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// The rule sets shipped with the portal. Every threshold of the spec is a constructor argument here,
/// never a literal inside a requirement kind. A published version must not change: add a new version.
/// </summary>
public static class DefaultRuleSets
{
    /// <summary>The date from which version 1 of every program applies.</summary>
    public static readonly DateOnly Origin = new(2000, 1, 1);

    /// <summary>Program keys.</summary>
    public static class Keys
    {
        /// <summary>MIO clinician training → rostering.</summary>
        public const string MioRostering = "mio-rostering";
        /// <summary>MIO train-the-trainer.</summary>
        public const string MioTrainTheTrainer = "mio-ttt";
        /// <summary>IMH Theory to Practice course.</summary>
        public const string ImhCourse = "imh-course";
        /// <summary>IMH endorsement Level I.</summary>
        public const string ImhEndorsementL1 = "imh-endorsement-l1";
        /// <summary>IMH endorsement Level II.</summary>
        public const string ImhEndorsementL2 = "imh-endorsement-l2";
        /// <summary>IMH endorsement Level III.</summary>
        public const string ImhEndorsementL3 = "imh-endorsement-l3";
        /// <summary>IMH endorsement Level IV.</summary>
        public const string ImhEndorsementL4 = "imh-endorsement-l4";
        /// <summary>IMH continuing endorsement (yearly renewal).</summary>
        public const string ImhRenewal = "imh-renewal";
    }

    /// <summary>Level IV categories.</summary>
    public static class Categories
    {
        /// <summary>Clinical.</summary>
        public const string Clinical = "clinical";
        /// <summary>Policy.</summary>
        public const string Policy = "policy";
        /// <summary>Research/Faculty.</summary>
        public const string ResearchFaculty = "research-faculty";
    }

    /// <summary>All shipped rule sets.</summary>
    public static IReadOnlyList<RuleSet> All() =>
    [
        MioRostering1(),
    ];

    /// <summary><c>mio-rostering@1</c>.</summary>
    public static RuleSet MioRostering1() => new(Keys.MioRostering, 1, "MIO clinician training: rostering", Origin,
    [
        new ClassroomHoursRequirement("classroom-hours", "16 hours of classroom training", minimumHours: 16m),
        new ConsultationAttendanceRequirement("consultation-attendance", "Attend at least 70% of consultation calls",
            minimumSharePercent: 70, partialCountsFromPercent: 75),
        new TrainingCasesBegunRequirement("training-cases-begun", "Begin MIO with two training cases", minimumCases: 2),
        new TrainingCaseDoseRequirement("training-case-dose", "See one training case for at least 8 sessions", minimumSessions: 8),
        new ConsentAndRecordingRequirement("consent-and-recording", "Consent for audio recording, and every session recorded"),
        new AudioClipsRequirement("audio-clips", "Play 6 de-identified audio clips for feedback", minimumClips: 6),
    ]);
}
