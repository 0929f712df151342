namespace TrainingPortal.Domain.Programs;

/// <summary>
/// What a training group is. Stored as its number, so a value never changes meaning; each kind is described
/// once, by the <see cref="GroupKindDefinition"/> of the program it serves (see <see cref="ProgramCatalog"/>).
/// </summary>
public enum GroupKind
{
    /// <summary>MIO step 1: classroom training (16 hours).</summary>
    MioClassroom = 0,
    /// <summary>MIO step 2: weekly virtual consultation group led by an MIO trainer.</summary>
    MioConsultation,
    /// <summary>An IMH Theory to Practice course cohort (Spring, Summer or Fall of a year).</summary>
    ImhCourseCohort,
    /// <summary>An MIO Train-the-Trainer cohort (live education and homework).</summary>
    TrainTheTrainerCohort,
}

/// <summary>Which of an enrollment's two group places a group of a kind fills.</summary>
public enum GroupPlacement
{
    /// <summary>The enrollment's group or cohort (<c>Enrollment.GroupId</c>).</summary>
    Group = 0,
    /// <summary>The enrollment's classroom training (<c>Enrollment.ClassroomGroupId</c>).</summary>
    Classroom,
}

/// <summary>What the attendance in a group becomes in the evidence the rules read.</summary>
public enum GroupEvidence
{
    /// <summary>Classroom hours (<c>Evidence.Classroom</c>).</summary>
    ClassroomHours = 0,
    /// <summary>Consultation-call attendance (<c>Evidence.ConsultationGroup</c>, <c>ConsultationAttendance</c>).</summary>
    ConsultationAttendance,
    /// <summary>Live education sessions and homework (<c>Evidence.LiveSessions</c>, <c>Homework</c>).</summary>
    LiveSessions,
    /// <summary>Course sessions and independent learning (<c>Evidence.CourseSessions</c>, <c>IndependentLearning</c>).</summary>
    CourseSessions,
}

/// <summary>The screens a group of a kind has beside its meetings and attendance.</summary>
[Flags]
public enum GroupScreens
{
    /// <summary>Meetings and attendance only.</summary>
    None = 0,
    /// <summary>Members' training cases.</summary>
    TrainingCases = 1,
    /// <summary>Audio clips per meeting.</summary>
    Clips = 2,
    /// <summary>Fidelity reviews.</summary>
    Fidelity = 4,
    /// <summary>Homework submissions.</summary>
    Homework = 8,
    /// <summary>Make-ups of missed sessions.</summary>
    MakeUps = 16,
    /// <summary>Independent learning (readings and exercises) the instructor assigns and the members mark complete.</summary>
    IndependentLearning = 32,
}
