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
        /// <summary>MI Champions: the introductory MI course, practice groups and the trainer directory (not a credential).</summary>
        public const string MiPractice = "mi-practice";
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
        MioTrainTheTrainer1(),
        ImhCourse1(),
        ImhEndorsementL1V1(),
        ImhEndorsementL2V1(),
        ImhEndorsementL3V1(),
        ImhEndorsementL3V2(),
        ImhEndorsementL4V1(),
        ImhRenewal1(),
        MiPractice1(),
    ];

    /// <summary>The date from which <c>imh-endorsement-l3@2</c> (no exam) applies.</summary>
    public static readonly DateOnly L3ExamDroppedOn = new(2025, 1, 1);

    private static readonly DegreeKind[] Bachelors = [DegreeKind.BA, DegreeKind.BS, DegreeKind.BSW, DegreeKind.BSN];

    private static readonly DegreeKind[] Graduate =
    [
        DegreeKind.MA, DegreeKind.MS, DegreeKind.MEd, DegreeKind.MSW, DegreeKind.MSN, DegreeKind.EdD, DegreeKind.PsyD,
        DegreeKind.PhD, DegreeKind.DO, DegreeKind.MD, DegreeKind.OtherGraduate,
    ];

    private static readonly DegreeKind[] BachelorOrHigher = [.. Bachelors, .. Graduate];

    private static readonly DegreeKind[] LevelIDegrees = [DegreeKind.Cda, DegreeKind.Associate, .. BachelorOrHigher];

    private static readonly DegreeKind[] LevelIVDegrees =
        [.. Graduate, DegreeKind.ImhSpecificDegree, DegreeKind.ImhPostgraduateSpecialization, DegreeKind.ImhUniversityCertificate];

    private static readonly ReferenceSource[] SupervisorLike = [ReferenceSource.Supervisor, ReferenceSource.Teacher, ReferenceSource.Trainer, ReferenceSource.Consultant];

    /// <summary><c>mio-ttt@1</c>.</summary>
    public static RuleSet MioTrainTheTrainer1() => new(Keys.MioTrainTheTrainer, 1, "MIO Train-the-Trainer", Origin,
    [
        new ActiveCertificateRequirement("rostered", "Be a rostered MIO clinician", Keys.MioRostering, "Rostered MIO Clinician"),
        new FidelityReviewRequirement("fidelity", "Show fidelity and adherence to the MIO model"),
        new CohortSessionsRequirement("live-sessions", "Attend the live education sessions", SessionSource.LiveSessions,
            minimumSharePercent: 100, minimumSessions: null, partialCountsFromPercent: 75),
        new AllItemsCompleteRequirement("homework", "Complete the handbook's homework assignments", ItemSource.Homework),
    ]);

    /// <summary>
    /// <c>mi-practice@1</c> (seed 002): the free introductory MI course is complete when every module is; practice
    /// groups and coaching are not requirements (the program is not a credential).
    /// </summary>
    public static RuleSet MiPractice1() => new(Keys.MiPractice, 1, "MI Champions: learning Motivational Interviewing together", Origin,
    [
        new AllItemsCompleteRequirement("intro-course", "Complete every module of the introductory MI course", ItemSource.IntroCourseModules),
    ]);

    /// <summary><c>imh-course@1</c>, with its continuing-education policy.</summary>
    public static RuleSet ImhCourse1() => new(Keys.ImhCourse, 1, "Infant Mental Health: Theory to Practice", Origin,
    [
        new CohortSessionsRequirement("sessions", "Attend the 11 course sessions", SessionSource.CourseSessions,
            minimumSharePercent: null, minimumSessions: 11, partialCountsFromPercent: 75),
        new AllItemsCompleteRequirement("independent-learning", "Complete the independent learning (readings and exercises)", ItemSource.IndependentLearning),
    ],
    settings:
    [
        new("CeEligibleLicences", "LMSW, LCSW, LMHC, LCAT"),
        new("CeHours", "face-to-face hours attended only (no readings, exercises or make-ups)"),
    ])
    {
        ContinuingEducation = new ContinuingEducationPolicy(["LMSW", "LCSW", "LMHC", "LCAT"]),
    };

    private static TrainingHoursRequirement Training30() =>
        new("training-hours", "30 clock hours of relationship-based training", minimumHours: 30m);

    private static RecordedDateRequirement Ethics() =>
        new("ethics-agreement", "Sign the Code of Ethics & Endorsement Agreement", RecordedItem.EthicsAgreement);

    private static RecordedDateRequirement Portfolio() =>
        new("portfolio", "Portfolio approved by a reviewer", RecordedItem.PortfolioApproval);

    private static MembershipRequirement Membership() =>
        new("membership", "Individual membership in an infant mental health association", requireIndividual: true);

    private static ExamRequirement Exam() => new("exam", "Pass the written examination");

    private static ReferencesRequirement References(params ReferenceSlot[] slots) =>
        new("references", "Three professional reference ratings", slots, minimumEndorsedRaters: 1, minimumRaterLevel: EndorsementLevel.LevelII);

    /// <summary><c>imh-endorsement-l1@1</c> (Infant Family Associate).</summary>
    public static RuleSet ImhEndorsementL1V1() => new(Keys.ImhEndorsementL1, 1, "IMH Endorsement Level I — Infant Family Associate", Origin,
    [
        new AnyOfRequirement("education", "A CDA or associate's degree, or two years of paid work with infants and families",
        [
            new DegreeRequirement("education-degree", "A CDA or an associate's degree (or higher)", LevelIDegrees, requireVerifiedTranscript: true),
            new WorkExperienceRequirement("education-work", "Two years of paid work with infants/young children and families",
                [new WorkComponent("paid work with infants and families", [WorkKind.InfantFamilyPaid], MinimumMonths: 24)], anchorDegreeKinds: null),
        ]),
        Training30(),
        References(
            new ReferenceSlot("a current teacher, mentor or supervisor", [ReferenceSource.Teacher, ReferenceSource.Mentor, ReferenceSource.Supervisor]),
            new ReferenceSlot("a second professional reference", []),
            new ReferenceSlot("a third professional reference", [])),
        Ethics(),
        Portfolio(),
        Membership(),
    ]);

    /// <summary><c>imh-endorsement-l2@1</c> (Infant Family Specialist).</summary>
    public static RuleSet ImhEndorsementL2V1() => new(Keys.ImhEndorsementL2, 1, "IMH Endorsement Level II — Infant Family Specialist", Origin,
    [
        new DegreeRequirement("education", "A bachelor's degree or higher, with transcript", BachelorOrHigher, requireVerifiedTranscript: true),
        Training30(),
        new WorkExperienceRequirement("work-experience", "Two years of paid work with infants (0–36 months) and their families",
            [new WorkComponent("paid work with infants and families", [WorkKind.InfantFamilyPaid], MinimumMonths: 24)],
            anchorDegreeKinds: BachelorOrHigher, minimumFamilies: 10),
        new ReflectiveSupervisionRequirement("reflective-supervision", "24 hours of reflective supervision/consultation",
            minimumHours: 24m, windowMonths: 24,
            acceptedProviderLevels: [EndorsementLevel.LevelIII, EndorsementLevel.LevelIVClinical, EndorsementLevel.LevelIVPolicy, EndorsementLevel.LevelIVResearchFaculty]),
        References(
            new ReferenceSlot("a supervisor, teacher, trainer or consultant", SupervisorLike),
            new ReferenceSlot("the person providing reflective supervision/consultation", [ReferenceSource.RscProvider]),
            new ReferenceSlot("one other professional reference", [])),
        Ethics(),
        Portfolio(),
        Membership(),
    ]);

    private static Requirement[] LevelIII(bool withExam) =>
    [
        new DegreeRequirement("education", "A master's or doctoral degree, with transcript", Graduate, requireVerifiedTranscript: true),
        Training30(),
        new WorkExperienceRequirement("work-experience", "Two years of supervised postgraduate IMH work with infant/young child and parent",
            [new WorkComponent("supervised dyadic IMH work", [WorkKind.SupervisedDyadicImh], MinimumMonths: 24)], anchorDegreeKinds: Graduate),
        new ReflectiveSupervisionRequirement("reflective-supervision", "50 hours of reflective supervision/consultation",
            minimumHours: 50m, windowMonths: 24, acceptedProviderLevels: [EndorsementLevel.LevelIII, EndorsementLevel.LevelIVClinical]),
        References(
            new ReferenceSlot("a supervisor, teacher, trainer or consultant", SupervisorLike),
            new ReferenceSlot("the person providing reflective supervision/consultation", [ReferenceSource.RscProvider]),
            new ReferenceSlot("one other professional reference (may be a supervisee)", [])),
        Ethics(),
        Portfolio(),
        .. withExam ? new Requirement[] { Exam() } : [],
        Membership(),
    ];

    /// <summary><c>imh-endorsement-l3@1</c> (Infant Mental Health Specialist), with the written exam.</summary>
    public static RuleSet ImhEndorsementL3V1() => new(Keys.ImhEndorsementL3, 1, "IMH Endorsement Level III — Infant Mental Health Specialist", Origin,
        LevelIII(withExam: true));

    /// <summary><c>imh-endorsement-l3@2</c>: no written exam, for applications started on or after 2025-01-01.</summary>
    public static RuleSet ImhEndorsementL3V2() => new(Keys.ImhEndorsementL3, 2, "IMH Endorsement Level III — Infant Mental Health Specialist", L3ExamDroppedOn,
        LevelIII(withExam: false));

    /// <summary><c>imh-endorsement-l4@1</c> (Infant Mental Health Mentor) with categories clinical, policy, research-faculty.</summary>
    public static RuleSet ImhEndorsementL4V1()
    {
        const string c = Categories.Clinical, p = Categories.Policy, r = Categories.ResearchFaculty;
        const string rscTitle = "50 hours of reflective supervision/consultation";
        EndorsementLevel[] rscLevels = [EndorsementLevel.LevelIII, EndorsementLevel.LevelIVClinical];
        var colleague = ReferenceSource.Colleague;
        return new RuleSet(Keys.ImhEndorsementL4, 1, "IMH Endorsement Level IV — Infant Mental Health Mentor", Origin,
        [
            new DegreeRequirement("education", "A master's or doctoral degree, IMH postgraduate specialization or university certificate, with transcript",
                LevelIVDegrees, requireVerifiedTranscript: true),
            Training30(),
            new WorkExperienceRequirement("work-experience", "Level III work experience plus three years providing reflective supervision/consultation",
            [
                new WorkComponent("supervised dyadic IMH work (Level III)", [WorkKind.SupervisedDyadicImh], MinimumMonths: 24),
                new WorkComponent("providing IMH reflective supervision/consultation", [WorkKind.ProvidingReflectiveSupervision], MinimumMonths: 36),
            ], anchorDegreeKinds: LevelIVDegrees) { Category = c },
            new WorkExperienceRequirement("work-experience", "Three years of postgraduate leadership in policy or program administration",
                [new WorkComponent("policy/program administration leadership", [WorkKind.PolicyLeadership], MinimumMonths: 36)],
                anchorDegreeKinds: LevelIVDegrees) { Category = p },
            new WorkExperienceRequirement("work-experience", "Three years of postgraduate university teaching and/or published research",
                [new WorkComponent("university teaching or published research", [WorkKind.UniversityTeachingOrResearch], MinimumMonths: 36)],
                anchorDegreeKinds: LevelIVDegrees) { Category = r },
            new LeadershipRequirement("leadership", "Leadership activities at the regional or state level", minimumActivities: 1,
            [
                "Organize and facilitate reflective practice groups and/or IMH study groups",
                "Provide reflective supervision or consultation to IMH practitioners",
                "Participate in system of care planning initiatives",
                "Participate in planning for regional, statewide, or national IMH-specific conferences",
                "Represent IMH interests in planning for national early childhood, social service, child welfare, behavioral health, and public health conferences",
                "Work to increase the preference for Endorsed personnel in contracts for services, child care rating schemes",
                "Work to address reimbursement issues for IMH services",
                "Leadership in local/state IMH association",
            ]) { Category = c },
            new LeadershipRequirement("leadership", "Leadership activities at the regional or state level", minimumActivities: 1,
            [
                "Provide feedback to state agencies on current and proposed policies that promote IMH practices",
                "Provide presentations on IMH, its importance, and its role in all early childhood disciplines/systems",
                "Participate in planning groups promoting IMH within early childhood systems",
                "Participate in regional-, state-, and national-level policy making groups, representing IMH principles",
                "Publish policy briefs, white papers, or position statements addressing IMH",
                "Provide analysis of the impact of proposed legislation or policy on the populations served through IMH service delivery systems",
                "Work to address reimbursement issues for IMH services",
                "Work to increase the preference for Endorsed personnel in contracts for services, child care rating schemes",
                "Leadership in local/state IMH association",
            ]) { Category = p },
            new LeadershipRequirement("leadership", "Leadership activities at the regional or state level", minimumActivities: 1,
            [
                "Provide leadership in graduate certificate IMH programs",
                "Participate in interdepartmental efforts to integrate IMH competencies into appropriate syllabi",
                "Participate as member of doctoral applicant's committee when IMH-related topics are proposed",
                "Participate in planning for regional, statewide, or national IMH-specific conferences",
                "Present and/or publish on topics related to the promotion or practice of IMH",
                "Leadership in local/state IMH association",
            ]) { Category = r },
            new ReflectiveSupervisionRequirement("reflective-supervision", rscTitle, 50m, 24, rscLevels) { Category = c },
            new ReflectiveSupervisionRequirement("reflective-supervision", rscTitle + " (optional)", 50m, 24, rscLevels) { Category = p, Blocking = false },
            new ReflectiveSupervisionRequirement("reflective-supervision", rscTitle + " (optional)", 50m, 24, rscLevels) { Category = r, Blocking = false },
            new ReferencesRequirement("references", "Three professional reference ratings",
            [
                new ReferenceSlot("a current program supervisor, teacher, trainer, consultant or colleague", [.. SupervisorLike, colleague]),
                new ReferenceSlot("the person providing reflective supervision/consultation", [ReferenceSource.RscProvider]),
                new ReferenceSlot("a person receiving reflective supervision/consultation from the applicant", [ReferenceSource.RscRecipient]),
            ], 1, EndorsementLevel.LevelII) { Category = c },
            new ReferencesRequirement("references", "Three professional reference ratings",
            [
                new ReferenceSlot("a supervisor, teacher, trainer or consultant (or a colleague)", [.. SupervisorLike, ReferenceSource.RscProvider, colleague]),
                new ReferenceSlot("a reflective supervision/consultation provider (or a colleague)", [.. SupervisorLike, ReferenceSource.RscProvider, colleague]),
                new ReferenceSlot("a third reference: supervisor, RSC provider or colleague", [.. SupervisorLike, ReferenceSource.RscProvider, colleague]),
            ], 1, EndorsementLevel.LevelII) { Category = p },
            new ReferencesRequirement("references", "Three professional reference ratings",
            [
                new ReferenceSlot("a department supervisor or chair (or a colleague)", [ReferenceSource.DepartmentChair, ReferenceSource.Supervisor, colleague]),
                new ReferenceSlot("a reflective supervision/consultation provider (or a colleague)", [ReferenceSource.RscProvider, colleague]),
                new ReferenceSlot("a student the applicant taught or supervised", [ReferenceSource.Student]),
            ], 1, EndorsementLevel.LevelII) { Category = r },
            Ethics(),
            Portfolio(),
            Exam(),
            Membership(),
        ],
        categories: [c, p, r]);
    }

    /// <summary>The default renewal cycle: yearly, due 31 January for the previous calendar year.</summary>
    public static readonly RenewalCycle YearlyRenewal = new(CycleYears: 1, DueMonth: 1, DueDay: 31);

    /// <summary><c>imh-renewal@1</c>: continuing endorsement, every level, yearly.</summary>
    public static RuleSet ImhRenewal1() => new(Keys.ImhRenewal, 1, "IMH continuing endorsement (yearly renewal)", Origin,
    [
        new TrainingHoursRequirement("annual-training", "15 clock hours of relationship-based training this endorsement year",
            minimumHours: 15m, cycle: YearlyRenewal),
        new TrainingHoursRequirement("rsc-training", "3 of those hours about reflective supervision/consultation (recommended)",
            minimumHours: 3m, cycle: YearlyRenewal, rscTopicOnly: true, onlyForHeldEndorsement: EndorsementLevel.LevelIVClinical) { Blocking = false },
        new MembershipRequirement("membership-renewed", "Membership renewed", requireIndividual: true),
        new RscInPeriodRequirement("reflective-supervision-recommended", "Receive reflective supervision/consultation (recommended)",
            minimumHours: 1m, cycle: YearlyRenewal) { Blocking = false },
    ],
    settings: [new("Cycle", YearlyRenewal.ToString())]);

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
