using System.Text.Json.Serialization;

namespace TrainingPortal.Domain.Eligibility;

/// <summary>
/// A snapshot of everything one person has done toward one enrollment: plain, immutable data with
/// no behaviour and no persistence concerns. One type serves every program; a rule set reads only
/// the parts its requirements need, and every list defaults to empty (a JSON <c>null</c> list is
/// read as empty too).
/// </summary>
/// <remarks>
/// Built by the web layer from the database (several snapshots may share the same
/// <see cref="ConsultationGroup"/> instance) or deserialized by System.Text.Json from a request
/// body. Dates are <see cref="DateOnly"/> (ISO <c>yyyy-MM-dd</c> in JSON); enums are written as
/// strings. Entries dated after the evaluation date are ignored by every requirement.
/// </remarks>
public sealed record Evidence
{
    /// <summary>The empty snapshot.</summary>
    public static Evidence Empty { get; } = new();

    /// <summary>
    /// The category chosen by the applicant for rule sets that have categories
    /// (<c>imh-endorsement-l4</c>: <c>clinical</c>, <c>policy</c>, <c>research-faculty</c>).
    /// </summary>
    public string? Category { get; init; }

    // ---- MIO rostering --------------------------------------------------------------------

    /// <summary>Classroom sessions (MIO step 1) with the person's attendance.</summary>
    public IReadOnlyList<ClassroomAttendance> Classroom { get; init => field = value ?? []; } = [];

    /// <summary>The person's consultation group (schedule shared by the group's members), if placed in one.</summary>
    public ConsultationGroup? ConsultationGroup { get; init; }

    /// <summary>The person's attendance at the meetings of <see cref="ConsultationGroup"/>. A held meeting without an entry counts as missed.</summary>
    public IReadOnlyList<MeetingAttendance> ConsultationAttendance { get; init => field = value ?? []; } = [];

    /// <summary>The person's MIO training cases (pseudonymous; no client-identifying data).</summary>
    public IReadOnlyList<TrainingCase> TrainingCases { get; init => field = value ?? []; } = [];

    /// <summary>Audio clips the person played in consultation meetings.</summary>
    public IReadOnlyList<ClipPresentation> Clips { get; init => field = value ?? []; } = [];

    // ---- MIO train-the-trainer --------------------------------------------------------------

    /// <summary>Certificates the person holds (any program), e.g. a <c>mio-rostering</c> certificate.</summary>
    public IReadOnlyList<HeldCertificate> Certificates { get; init => field = value ?? []; } = [];

    /// <summary>Fidelity reviews recorded by MIO trainers.</summary>
    public IReadOnlyList<FidelityReview> FidelityReviews { get; init => field = value ?? []; } = [];

    /// <summary>The cohort's live education sessions with the person's attendance and make-ups.</summary>
    public IReadOnlyList<ScheduledSession> LiveSessions { get; init => field = value ?? []; } = [];

    /// <summary>The cohort's homework assignments and their state for this person.</summary>
    public IReadOnlyList<HomeworkAssignment> Homework { get; init => field = value ?? []; } = [];

    // ---- IMH course ------------------------------------------------------------------------

    /// <summary>The cohort's course sessions with the person's attendance and make-ups.</summary>
    public IReadOnlyList<ScheduledSession> CourseSessions { get; init => field = value ?? []; } = [];

    /// <summary>The cohort's own minimum of attended sessions, when it differs from the rule set's default.</summary>
    public int? CohortMinimumSessions { get; init; }

    /// <summary>The cohort's assigned readings and exercises and whether this person completed them.</summary>
    public IReadOnlyList<LearningItem> IndependentLearning { get; init => field = value ?? []; } = [];

    /// <summary>The MI introductory course's modules (in order) and whether this person marked each complete.</summary>
    public IReadOnlyList<LearningItem> IntroCourseModules { get; init => field = value ?? []; } = [];

    /// <summary>Professional licences (used for continuing-education hours).</summary>
    public IReadOnlyList<Licence> Licences { get; init => field = value ?? []; } = [];

    // ---- IMH endorsement and renewal -----------------------------------------------------

    /// <summary>Degrees and other qualifications.</summary>
    public IReadOnlyList<Degree> Degrees { get; init => field = value ?? []; } = [];

    /// <summary>Education and training entries (including the portal's own courses, added by the loader).</summary>
    public IReadOnlyList<TrainingHoursEntry> TrainingHours { get; init => field = value ?? []; } = [];

    /// <summary>Work experience periods.</summary>
    public IReadOnlyList<WorkPeriod> WorkExperience { get; init => field = value ?? []; } = [];

    /// <summary>Documented leadership activities (Level IV).</summary>
    public IReadOnlyList<LeadershipActivity> LeadershipActivities { get; init => field = value ?? []; } = [];

    /// <summary>Reflective supervision/consultation (RSC) received, one entry per session.</summary>
    public IReadOnlyList<RscEntry> ReflectiveSupervision { get; init => field = value ?? []; } = [];

    /// <summary>Professional reference ratings requested or received.</summary>
    public IReadOnlyList<ReferenceRating> References { get; init => field = value ?? []; } = [];

    /// <summary>The date the Code of Ethics &amp; Endorsement Agreement was signed in the portal, if it was.</summary>
    public DateOnly? EthicsAgreementSignedOn { get; init; }

    /// <summary>The date an administrator approved the portfolio, if approved.</summary>
    public DateOnly? PortfolioApprovedOn { get; init; }

    /// <summary>Written examination results recorded by an administrator.</summary>
    public IReadOnlyList<ExamResult> ExamResults { get; init => field = value ?? []; } = [];

    /// <summary>IMH association memberships.</summary>
    public IReadOnlyList<Membership> Memberships { get; init => field = value ?? []; } = [];

    /// <summary>For renewal: the endorsement being renewed.</summary>
    public EndorsementLevel HeldEndorsement { get; init; }

    /// <summary>For renewal: whether the person provides reflective supervision/consultation to others.</summary>
    public bool ProvidesReflectiveSupervision { get; init; }

    // ---- every program -------------------------------------------------------------------

    /// <summary>Requirements an administrator has waived for this enrollment, each with a reason.</summary>
    public IReadOnlyList<Waiver> Waivers { get; init => field = value ?? []; } = [];
}

/// <summary>How a person attended a meeting or session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttendanceMark>))]
public enum AttendanceMark
{
    /// <summary>Not attended (also used for a meeting not yet marked).</summary>
    Absent = 0,
    /// <summary>Attended the whole meeting.</summary>
    Present,
    /// <summary>Attended part of the meeting; the minutes present are recorded.</summary>
    Partial,
    /// <summary>Excused absence: still an absence for every share and count.</summary>
    Excused,
}

/// <summary>One classroom session and the person's attendance at it.</summary>
/// <param name="Date">The session date.</param>
/// <param name="ScheduledMinutes">The session's length.</param>
/// <param name="Mark">Attendance.</param>
/// <param name="MinutesPresent">Minutes present when <paramref name="Mark"/> is <see cref="AttendanceMark.Partial"/>.</param>
public sealed record ClassroomAttendance(DateOnly Date, int ScheduledMinutes, AttendanceMark Mark, int MinutesPresent = 0);

/// <summary>A consultation group's schedule.</summary>
/// <param name="PeriodEnd">The last day of the group's consultation period (inclusive).</param>
/// <param name="Meetings">Every scheduled meeting, cancelled ones included.</param>
public sealed record ConsultationGroup(DateOnly PeriodEnd, IReadOnlyList<ConsultationMeeting> Meetings)
{
    /// <summary>Every scheduled meeting, cancelled ones included.</summary>
    public IReadOnlyList<ConsultationMeeting> Meetings { get; init; } = Meetings ?? [];
}

/// <summary>One scheduled consultation meeting.</summary>
/// <param name="Id">Identifier, referenced by <see cref="MeetingAttendance"/> and <see cref="ClipPresentation"/>.</param>
/// <param name="Date">The meeting date.</param>
/// <param name="Cancelled">A cancelled meeting is never "held".</param>
/// <param name="DurationMinutes">Scheduled length, used to judge partial attendance.</param>
public sealed record ConsultationMeeting(int Id, DateOnly Date, bool Cancelled = false, int DurationMinutes = 60);

/// <summary>The person's attendance at one consultation meeting.</summary>
public sealed record MeetingAttendance(int MeetingId, AttendanceMark Mark, int MinutesPresent = 0);

/// <summary>A training case: a caregiver in MIO treatment, identified only by a pseudonymous code.</summary>
/// <param name="Code">Pseudonymous code chosen by the clinician, e.g. <c>TC-1</c>.</param>
/// <param name="ConsentDate">The date consent for audio recording was obtained, if it was.</param>
/// <param name="Sessions">The MIO sessions held with this case.</param>
public sealed record TrainingCase(string Code, DateOnly? ConsentDate, IReadOnlyList<CaseSession> Sessions)
{
    /// <summary>The MIO sessions held with this case.</summary>
    public IReadOnlyList<CaseSession> Sessions { get; init; } = Sessions ?? [];
}

/// <summary>One MIO session with a training case.</summary>
public sealed record CaseSession(DateOnly Date, bool Recorded);

/// <summary>An audio clip played in a consultation meeting.</summary>
/// <param name="ClipCode">Identifies the clip; the same code played twice counts once.</param>
/// <param name="MeetingId">The consultation meeting it was played in.</param>
/// <param name="DeIdentified">Whether the clinician marked the clip de-identified.</param>
/// <param name="Feedback">The trainer's logged feedback; empty or missing means none.</param>
public sealed record ClipPresentation(string ClipCode, int MeetingId, bool DeIdentified, string? Feedback);

/// <summary>A certificate the person holds.</summary>
public sealed record HeldCertificate(string ProgramKey, DateOnly IssuedOn, DateOnly? RevokedOn = null);

/// <summary>Outcome of an MIO fidelity review.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FidelityOutcome>))]
public enum FidelityOutcome
{
    /// <summary>Not yet adherent to the model.</summary>
    NotYetAdherent = 0,
    /// <summary>Adherent to the model.</summary>
    Adherent,
}

/// <summary>A fidelity review recorded by an MIO trainer.</summary>
public sealed record FidelityReview(DateOnly Date, FidelityOutcome Outcome, string? Reviewer = null);

/// <summary>A scheduled session of a cohort (live education or course) and the person's attendance.</summary>
/// <param name="Date">Session date.</param>
/// <param name="Mark">Attendance; ignored for sessions not yet held.</param>
/// <param name="MadeUp">Faculty/instructor logged a make-up for a missed session.</param>
/// <param name="Cancelled">A cancelled session is not counted at all.</param>
/// <param name="DurationMinutes">Scheduled length (face-to-face minutes).</param>
/// <param name="MinutesPresent">Minutes present when <paramref name="Mark"/> is <see cref="AttendanceMark.Partial"/>.</param>
public sealed record ScheduledSession(DateOnly Date, AttendanceMark Mark, bool MadeUp = false, bool Cancelled = false,
    int DurationMinutes = 90, int MinutesPresent = 0);

/// <summary>A handbook homework assignment.</summary>
public sealed record HomeworkAssignment(string Title, bool Submitted, bool Accepted);

/// <summary>An assigned reading or exercise.</summary>
public sealed record LearningItem(string Title, bool Completed);

/// <summary>A professional licence, e.g. <c>LCSW</c>.</summary>
/// <param name="Kind">Licence abbreviation (compared case-insensitively).</param>
/// <param name="ValidUntil">Expiry date, if known; an expired licence is ignored.</param>
public sealed record Licence(string Kind, DateOnly? ValidUntil = null);

/// <summary>Kinds of degree or qualification.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DegreeKind>))]
public enum DegreeKind
{
    /// <summary>Child Development Associate credential.</summary>
    Cda = 0,
    /// <summary>Associate's degree in a related field.</summary>
    Associate,
    /// <summary>Bachelor of Arts.</summary>
    BA,
    /// <summary>Bachelor of Science.</summary>
    BS,
    /// <summary>Bachelor of Social Work.</summary>
    BSW,
    /// <summary>Bachelor of Science in Nursing.</summary>
    BSN,
    /// <summary>Master of Arts.</summary>
    MA,
    /// <summary>Master of Science.</summary>
    MS,
    /// <summary>Master of Education.</summary>
    MEd,
    /// <summary>Master of Social Work.</summary>
    MSW,
    /// <summary>Master of Science in Nursing.</summary>
    MSN,
    /// <summary>Doctor of Education.</summary>
    EdD,
    /// <summary>Doctor of Psychology.</summary>
    PsyD,
    /// <summary>Doctor of Philosophy.</summary>
    PhD,
    /// <summary>Doctor of Osteopathy.</summary>
    DO,
    /// <summary>Doctor of Medicine.</summary>
    MD,
    /// <summary>Another master's or doctorate, accepted by an administrator.</summary>
    OtherGraduate,
    /// <summary>A degree specific to one's infant-mental-health focus.</summary>
    ImhSpecificDegree,
    /// <summary>An IMH postgraduate specialization.</summary>
    ImhPostgraduateSpecialization,
    /// <summary>An IMH university certificate program.</summary>
    ImhUniversityCertificate,
}

/// <summary>A degree or qualification entered by the applicant.</summary>
/// <param name="Kind">Kind of degree.</param>
/// <param name="AwardedOn">Date awarded.</param>
/// <param name="TranscriptVerified">An administrator verified the uploaded official transcript.</param>
/// <param name="Field">Field of study (display only).</param>
public sealed record Degree(DegreeKind Kind, DateOnly AwardedOn, bool TranscriptVerified, string? Field = null);

/// <summary>An education/training entry.</summary>
/// <param name="Date">Date of the training (its last day for multi-day events).</param>
/// <param name="Hours">Clock hours.</param>
/// <param name="RelationshipBased">Relationship-based, on social-emotional development or IMH practice.</param>
/// <param name="Verified">Verified by an administrator (the portal's own courses are verified automatically).</param>
/// <param name="FaceToFace">Face to face (live) rather than readings or exercises.</param>
/// <param name="AboutReflectiveSupervision">The topic is reflective supervision/consultation.</param>
/// <param name="Title">Display title.</param>
/// <param name="NotAccepted">A reviewer did not accept the entry (as opposed to one still pending verification).</param>
/// <param name="CompetencyAreas">
/// The competency areas the training covers, by name, for the portal's own course sessions (the course's areas,
/// <c>ProgramDefinition.CompetencyAreas</c>); null for typed entries (their areas stay in the typed log). No rule reads them yet.
/// </param>
public sealed record TrainingHoursEntry(DateOnly Date, decimal Hours, bool RelationshipBased, bool Verified,
    bool FaceToFace = false, bool AboutReflectiveSupervision = false, string? Title = null, bool NotAccepted = false,
    IReadOnlyList<string>? CompetencyAreas = null);

/// <summary>Kinds of work experience.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkKind>))]
public enum WorkKind
{
    /// <summary>Paid work with infants/young children (0–36 months) and their families.</summary>
    InfantFamilyPaid = 0,
    /// <summary>Supervised, relationship-focused IMH services with both infant/young child and parent (dyadic).</summary>
    SupervisedDyadicImh,
    /// <summary>Providing IMH reflective supervision/consultation to others.</summary>
    ProvidingReflectiveSupervision,
    /// <summary>Leadership in policy and/or program administration in the infant/family field.</summary>
    PolicyLeadership,
    /// <summary>University-level teaching and/or published research in the infant/family field.</summary>
    UniversityTeachingOrResearch,
}

/// <summary>A period of work experience.</summary>
/// <param name="Kind">Kind of experience.</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive); <c>null</c> while ongoing (counted up to the evaluation date).</param>
/// <param name="FamiliesServed">Number of families with infants served in this period (Level II).</param>
public sealed record WorkPeriod(WorkKind Kind, DateOnly Start, DateOnly? End, int FamiliesServed = 0);

/// <summary>A documented leadership activity at regional or state level.</summary>
/// <param name="Kind">One of the suggested activities or <c>other</c>.</param>
/// <param name="Description">Free text.</param>
public sealed record LeadershipActivity(string Kind, string? Description = null);

/// <summary>Endorsement levels (used for RSC providers, reference raters and held endorsements).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndorsementLevel>))]
public enum EndorsementLevel
{
    /// <summary>Not endorsed.</summary>
    None = 0,
    /// <summary>Level I, Infant Family Associate.</summary>
    LevelI,
    /// <summary>Level II, Infant Family Specialist.</summary>
    LevelII,
    /// <summary>Level III, Infant Mental Health Specialist.</summary>
    LevelIII,
    /// <summary>Level IV, Infant Mental Health Mentor – Clinical.</summary>
    LevelIVClinical,
    /// <summary>Level IV, Infant Mental Health Mentor – Policy.</summary>
    LevelIVPolicy,
    /// <summary>Level IV, Infant Mental Health Mentor – Research/Faculty.</summary>
    LevelIVResearchFaculty,
}

/// <summary>One reflective supervision/consultation session received.</summary>
/// <param name="Date">Session date.</param>
/// <param name="Hours">Clock hours (individual and group sessions count alike).</param>
/// <param name="ProviderApproved">The provider is an approved RSC supervisor/consultant.</param>
/// <param name="ProviderLevel">The provider's endorsement level.</param>
/// <param name="Group">A group session (display only).</param>
/// <param name="Peer">Peer supervision, which never counts.</param>
/// <param name="NotAccepted">A reviewer did not accept the entry (as opposed to one still pending verification).</param>
public sealed record RscEntry(DateOnly Date, decimal Hours, bool ProviderApproved, EndorsementLevel ProviderLevel,
    bool Group = false, bool Peer = false, bool NotAccepted = false);

/// <summary>Who a reference rater is in relation to the applicant.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferenceSource>))]
public enum ReferenceSource
{
    /// <summary>Another kind of rater.</summary>
    Other = 0,
    /// <summary>Current program supervisor.</summary>
    Supervisor,
    /// <summary>Teacher.</summary>
    Teacher,
    /// <summary>Trainer.</summary>
    Trainer,
    /// <summary>Consultant.</summary>
    Consultant,
    /// <summary>Mentor.</summary>
    Mentor,
    /// <summary>Colleague.</summary>
    Colleague,
    /// <summary>The person providing reflective supervision/consultation to the applicant.</summary>
    RscProvider,
    /// <summary>A person receiving reflective supervision/consultation from the applicant.</summary>
    RscRecipient,
    /// <summary>Department supervisor or chair.</summary>
    DepartmentChair,
    /// <summary>A student taught or supervised by the applicant.</summary>
    Student,
}

/// <summary>A professional reference rating.</summary>
/// <param name="Source">The rater's relation to the applicant.</param>
/// <param name="RaterLevel">The rater's own endorsement level.</param>
/// <param name="Received">The rating form has been completed.</param>
public sealed record ReferenceRating(ReferenceSource Source, EndorsementLevel RaterLevel, bool Received);

/// <summary>A written examination result.</summary>
public sealed record ExamResult(DateOnly Date, bool Passed);

/// <summary>An IMH association membership.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day (inclusive); <c>null</c> when open-ended.</param>
/// <param name="Individual">An individual (not organisational) membership.</param>
/// <param name="Association">Display name.</param>
public sealed record Membership(DateOnly From, DateOnly? To, bool Individual = true, string? Association = null);

/// <summary>An administrator's waiver of one requirement for one enrollment.</summary>
/// <param name="RequirementKey">The waived requirement's key, e.g. <c>classroom-hours</c>.</param>
/// <param name="Reason">Why it was waived (shown with the requirement).</param>
/// <param name="GrantedOn">Date granted; a waiver dated after the evaluation date does not apply yet.</param>
/// <param name="GrantedBy">Who granted it (display only).</param>
public sealed record Waiver(string RequirementKey, string Reason, DateOnly GrantedOn, string? GrantedBy = null);
