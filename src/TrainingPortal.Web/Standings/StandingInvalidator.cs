using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingPortal.Web.Standings;

/// <summary>
/// Marks stored standings (<see cref="CachedStanding"/>) <c>Stale</c> when the evidence behind them
/// changes, so the eligibility queue never trusts an outdated verdict: the <see cref="StandingRefresher"/>
/// re-evaluates stale standings (the queue page at once when few are due, the background service otherwise).
/// </summary>
/// <remarks>
/// <para>Which standings a change affects (<see cref="Classify"/>):</para>
/// <list type="bullet">
/// <item>a record with a <c>PersonId</c> (attendance, make-ups, homework submissions, learning completions,
/// training cases, clips, fidelity reviews, training hours, degrees, work experience, leadership, RSC log,
/// attestations, memberships, certificates) and a professional licence (<c>UserId</c>): every enrollment of that person;</item>
/// <item>a case session: every enrollment of its training case's person;</item>
/// <item>an enrollment, a waiver, a reference or an exam result: that enrollment;</item>
/// <item>a module of a program's introductory course (added, removed, renamed, moved, published or unpublished; not its
/// text, link or questions, which no rule reads): every enrollment in that program; a completion of one: its person;</item>
/// <item>a group, its meetings, skip dates, homework assignments or learning items: every enrollment of every
/// person placed in that group (as group/cohort or MIO classroom) — their other enrollments too, because
/// attended IMH course sessions also count as training hours for endorsements.</item>
/// </list>
/// <para>A change to bookkeeping columns only (a meeting's attendance version, saved time and author) marks nothing:
/// an attendance save marks the people whose marks changed, through their attendance rows.</para>
/// <para>The keys are collected before the save (original and current values, so a move between groups marks
/// both sides); after the save has succeeded, ONE <c>UPDATE … SET Stale = 1</c> marks them (none when nothing
/// relevant changed). Marking after the commit, never before, matters: the refresher clears the flag before it
/// reads the evidence, so a change it did not see always leaves the flag set (see <see cref="StandingRefresher"/>).
/// Inside a caller's own transaction the mark commits or rolls back with the change.</para>
/// </remarks>
public sealed class StandingInvalidator : SaveChangesInterceptor
{
    /// <summary>How an entity type's changes reach the standings.</summary>
    public enum Scope
    {
        /// <summary>Not evidence: changes do not affect any verdict.</summary>
        None,
        /// <summary>The person named by its <c>PersonId</c> (or <c>UserId</c>).</summary>
        Person,
        /// <summary>The enrollment named by its <c>EnrollmentId</c> (or its own key, for an enrollment).</summary>
        Enrollment,
        /// <summary>The group named by its <c>GroupId</c> (or its own key, for a group).</summary>
        Group,
        /// <summary>The training case named by its <c>TrainingCaseId</c>.</summary>
        TrainingCase,
        /// <summary>Every enrollment in the program named by its <c>ProgramKey</c> (a module of its introductory course).</summary>
        Program,
    }

    private static readonly Dictionary<Type, (Scope Scope, string Property)> Rules = new()
    {
        [typeof(Attendance)] = (Scope.Person, nameof(Attendance.PersonId)),
        [typeof(SessionMakeUp)] = (Scope.Person, nameof(SessionMakeUp.PersonId)),
        [typeof(HomeworkSubmission)] = (Scope.Person, nameof(HomeworkSubmission.PersonId)),
        [typeof(LearningCompletion)] = (Scope.Person, nameof(LearningCompletion.PersonId)),
        [typeof(TrainingCaseRecord)] = (Scope.Person, nameof(TrainingCaseRecord.PersonId)),
        [typeof(ClipPresentationRecord)] = (Scope.Person, nameof(ClipPresentationRecord.PersonId)),
        [typeof(FidelityReviewRecord)] = (Scope.Person, nameof(FidelityReviewRecord.PersonId)),
        [typeof(TrainingHoursRecord)] = (Scope.Person, nameof(TrainingHoursRecord.PersonId)),
        [typeof(DegreeRecord)] = (Scope.Person, nameof(DegreeRecord.PersonId)),
        [typeof(WorkExperienceRecord)] = (Scope.Person, nameof(WorkExperienceRecord.PersonId)),
        [typeof(LeadershipActivityRecord)] = (Scope.Person, nameof(LeadershipActivityRecord.PersonId)),
        [typeof(RscLogEntry)] = (Scope.Person, nameof(RscLogEntry.PersonId)),
        [typeof(SignedAttestation)] = (Scope.Person, nameof(SignedAttestation.PersonId)),
        [typeof(MembershipRecord)] = (Scope.Person, nameof(MembershipRecord.PersonId)),
        [typeof(Certificate)] = (Scope.Person, nameof(Certificate.PersonId)),
        [typeof(ProfessionalLicence)] = (Scope.Person, nameof(ProfessionalLicence.UserId)),
        [typeof(CaseSessionRecord)] = (Scope.TrainingCase, nameof(CaseSessionRecord.TrainingCaseId)),
        [typeof(Enrollment)] = (Scope.Enrollment, nameof(Enrollment.Id)),
        [typeof(WaiverRecord)] = (Scope.Enrollment, nameof(WaiverRecord.EnrollmentId)),
        [typeof(ReferenceRecord)] = (Scope.Enrollment, nameof(ReferenceRecord.EnrollmentId)),
        [typeof(ExamResultRecord)] = (Scope.Enrollment, nameof(ExamResultRecord.EnrollmentId)),
        [typeof(TrainingGroup)] = (Scope.Group, nameof(TrainingGroup.Id)),
        [typeof(Meeting)] = (Scope.Group, nameof(Meeting.GroupId)),
        [typeof(GroupSkipDate)] = (Scope.Group, nameof(GroupSkipDate.GroupId)),
        [typeof(HomeworkAssignmentRecord)] = (Scope.Group, nameof(HomeworkAssignmentRecord.GroupId)),
        [typeof(LearningItemRecord)] = (Scope.Group, nameof(LearningItemRecord.GroupId)),
        [typeof(IntroCourseCompletion)] = (Scope.Person, nameof(IntroCourseCompletion.PersonId)),
        [typeof(IntroCourseModule)] = (Scope.Program, nameof(IntroCourseModule.ProgramKey)),
    };

    /// <summary>
    /// Columns that are read by no rule, for entity types that are evidence otherwise: a modified entry whose only changed
    /// columns are these marks nothing (a module's text, link and version: the engine reads its title, order and
    /// whether it is published).
    /// </summary>
    private static readonly Dictionary<Type, HashSet<string>> NotRead = new()
    {
        [typeof(IntroCourseModule)] = new(StringComparer.Ordinal)
        {
            nameof(IntroCourseModule.Body), nameof(IntroCourseModule.LinkUrl), nameof(IntroCourseModule.LinkText),
            nameof(IntroCourseModule.Version), nameof(IntroCourseModule.UpdatedUtc), nameof(IntroCourseModule.UpdatedById),
        },
    };

    /// <summary>
    /// Columns that are bookkeeping, read by no rule: a modified entry whose only changed columns are these marks nothing.
    /// An attendance save writes its meeting's version, time and author; without this every save marked every member's
    /// standings (all their enrollments) stale, though only the changed marks' people have new evidence — and those are
    /// marked by their <see cref="Attendance"/> rows.
    /// </summary>
    private static readonly Dictionary<Type, HashSet<string>> Bookkeeping = new()
    {
        [typeof(Meeting)] = new(StringComparer.Ordinal)
        {
            nameof(Meeting.AttendanceVersion), nameof(Meeting.AttendanceSavedUtc), nameof(Meeting.AttendanceSavedById),
        },
    };

    /// <summary>Whether a modified entry changed only bookkeeping columns (see <see cref="Bookkeeping"/>).</summary>
    private static bool OnlyBookkeeping(EntityEntry entry) =>
        entry.State == EntityState.Modified
        && (Bookkeeping.TryGetValue(entry.Metadata.ClrType, out var columns) || NotRead.TryGetValue(entry.Metadata.ClrType, out columns))
        && entry.Properties.Where(p => p.IsModified).All(p => columns.Contains(p.Metadata.Name));

    /// <summary>The keys collected before a save, marked after it (per context: the interceptor is a singleton).</summary>
    internal sealed class Keys : ISaveState
    {
        public HashSet<string> People { get; } = new(StringComparer.Ordinal);
        public HashSet<int> Enrollments { get; } = [];
        public HashSet<int> Groups { get; } = [];
        public HashSet<int> Cases { get; } = [];
        public HashSet<string> Programs { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => People.Count + Enrollments.Count + Groups.Count + Cases.Count + Programs.Count == 0;

        public void Clear()
        {
            People.Clear();
            Enrollments.Clear();
            Groups.Clear();
            Cases.Clear();
            Programs.Clear();
        }
    }

    private static Keys? KeysOf(DbContext? context) => (context as AppDbContext)?.SaveState<Keys>();

    /// <summary>How changes to entities of <paramref name="type"/> reach the standings, and through which property.</summary>
    public static (Scope Scope, string? Property) Classify(Type type) =>
        Rules.TryGetValue(type, out var rule) ? rule : (Scope.None, null);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is AppDbContext db && db.SaveState<Keys>() is { IsEmpty: false } keys)
        {
            Affected(db, keys).ExecuteUpdate(s => s.SetProperty(x => x.Stale, true));
        }
        KeysOf(eventData.Context)?.Clear();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && db.SaveState<Keys>() is { IsEmpty: false } keys)
        {
            await Affected(db, keys).ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true), cancellationToken);
        }
        KeysOf(eventData.Context)?.Clear();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => KeysOf(eventData.Context)?.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        KeysOf(eventData.Context)?.Clear();
        return Task.CompletedTask;
    }

    private static void Collect(DbContext? context)
    {
        if (KeysOf(context) is not { } keys)
        {
            return;
        }
        foreach (var entry in context!.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !Rules.TryGetValue(entry.Metadata.ClrType, out var rule))
            {
                continue;
            }
            if (entry.State == EntityState.Added && rule.Scope == Scope.Enrollment && entry.Entity is Enrollment)
            {
                continue; // a new enrollment has no standing yet: the refresher finds it missing
            }
            if (OnlyBookkeeping(entry))
            {
                continue; // e.g. a meeting's attendance version: no verdict reads it
            }
            var property = entry.Property(rule.Property);
            Add(keys, rule.Scope, property, property.CurrentValue);
            if (entry.State != EntityState.Added)
            {
                Add(keys, rule.Scope, property, property.OriginalValue);
            }
        }
    }

    private static void Add(Keys keys, Scope scope, PropertyEntry property, object? value)
    {
        if (value is null || property.IsTemporary)
        {
            return; // a key the database has not assigned yet belongs to a new row nothing depends on
        }
        switch (scope)
        {
            case Scope.Person when value is string person && person.Length > 0:
                keys.People.Add(person);
                break;
            case Scope.Enrollment when value is int id:
                keys.Enrollments.Add(id);
                break;
            case Scope.Group when value is int id:
                keys.Groups.Add(id);
                break;
            case Scope.TrainingCase when value is int id:
                keys.Cases.Add(id);
                break;
            case Scope.Program when value is string program && program.Length > 0:
                keys.Programs.Add(program);
                break;
        }
    }

    /// <summary>The standings, not yet stale, of the enrollments the collected changes affect (one statement).</summary>
    private static IQueryable<CachedStanding> Affected(AppDbContext db, Keys keys)
    {
        var enrollmentIds = keys.Enrollments.ToArray();
        var people = keys.People.ToArray();
        var groupIds = keys.Groups.ToArray();
        var caseIds = keys.Cases.ToArray();
        var programs = keys.Programs.ToArray();

        IQueryable<int>? affected = null;
        void Or(IQueryable<int> ids) => affected = affected is null ? ids : affected.Union(ids);
        if (enrollmentIds.Length > 0)
        {
            Or(db.Enrollments.Where(e => EF.Parameter(enrollmentIds).Contains(e.Id)).Select(e => e.Id));
        }
        if (people.Length > 0)
        {
            Or(db.Enrollments.Where(e => EF.Parameter(people).Contains(e.PersonId)).Select(e => e.Id));
        }
        if (caseIds.Length > 0)
        {
            // The cases' people first (primary-key lookups), then their enrollments through the PersonId index —
            // never a correlated EXISTS per enrollment (45,000 rows at 10,000 trainees).
            var casePeople = db.TrainingCases.Where(c => EF.Parameter(caseIds).Contains(c.Id)).Select(c => c.PersonId);
            Or(db.Enrollments.Where(e => casePeople.Contains(e.PersonId)).Select(e => e.Id));
        }
        if (groupIds.Length > 0)
        {
            // The people placed in the groups (GroupId and ClassroomGroupId indexes, one UNION), then every enrollment of
            // theirs (PersonId index). The earlier form, a correlated EXISTS per enrollment, scanned all enrollments:
            // 170–320 ms per attendance save at 10,000 trainees (docs/performance.md, "Attendance save").
            var groupPeople = db.Enrollments.Where(m => m.GroupId != null && EF.Parameter(groupIds).Contains(m.GroupId.Value)).Select(m => m.PersonId)
                .Union(db.Enrollments.Where(m => m.ClassroomGroupId != null && EF.Parameter(groupIds).Contains(m.ClassroomGroupId.Value)).Select(m => m.PersonId));
            Or(db.Enrollments.Where(e => groupPeople.Contains(e.PersonId)).Select(e => e.Id));
        }
        if (programs.Length > 0)
        {
            // A module of a program's introductory course: every enrollment in that program (ProgramKey, Status index).
            Or(db.Enrollments.Where(e => EF.Parameter(programs).Contains(e.ProgramKey)).Select(e => e.Id));
        }
        var ids = affected!;
        return db.Standings.Where(s => !s.Stale && ids.Contains(s.EnrollmentId));
    }
}
