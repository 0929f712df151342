using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Data;

/// <summary>
/// The one context for Identity and the domain. Each database provider has a subclass
/// (<see cref="SqliteDbContext"/>, <see cref="SqlServerDbContext"/>) so that each keeps its own migrations.
/// </summary>
public class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<ProfessionalLicence> Licences => Set<ProfessionalLicence>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<BackgroundLease> BackgroundLeases => Set<BackgroundLease>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationSchedule> NotificationSchedules => Set<NotificationSchedule>();

    // Programs, enrollments and the evidence behind eligibility (issue 3).
    public DbSet<TrainingProgram> Programs => Set<TrainingProgram>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<WaiverRecord> Waivers => Set<WaiverRecord>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateVersion> CertificateVersions => Set<CertificateVersion>();
    public DbSet<CachedStanding> Standings => Set<CachedStanding>();
    public DbSet<CredentialSigningKey> CredentialSigningKeys => Set<CredentialSigningKey>();
    public DbSet<TrainingGroup> Groups => Set<TrainingGroup>();
    public DbSet<GroupSkipDate> GroupSkipDates => Set<GroupSkipDate>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<SessionMakeUp> SessionMakeUps => Set<SessionMakeUp>();
    public DbSet<HomeworkAssignmentRecord> HomeworkAssignments => Set<HomeworkAssignmentRecord>();
    public DbSet<HomeworkSubmission> HomeworkSubmissions => Set<HomeworkSubmission>();
    public DbSet<HomeworkSubmissionEvent> HomeworkSubmissionEvents => Set<HomeworkSubmissionEvent>();
    public DbSet<LearningItemRecord> LearningItems => Set<LearningItemRecord>();
    public DbSet<LearningCompletion> LearningCompletions => Set<LearningCompletion>();
    public DbSet<EnrollmentFee> EnrollmentFees => Set<EnrollmentFee>();
    public DbSet<TrainingCaseRecord> TrainingCases => Set<TrainingCaseRecord>();
    public DbSet<CaseSessionRecord> CaseSessions => Set<CaseSessionRecord>();
    public DbSet<ClipPresentationRecord> ClipPresentations => Set<ClipPresentationRecord>();
    public DbSet<FidelityReviewRecord> FidelityReviews => Set<FidelityReviewRecord>();
    public DbSet<TrainingHoursRecord> TrainingHours => Set<TrainingHoursRecord>();
    public DbSet<DegreeRecord> Degrees => Set<DegreeRecord>();
    public DbSet<WorkExperienceRecord> WorkExperience => Set<WorkExperienceRecord>();
    public DbSet<LeadershipActivityRecord> LeadershipActivities => Set<LeadershipActivityRecord>();
    public DbSet<RscLogEntry> RscLog => Set<RscLogEntry>();
    public DbSet<ReferenceRecord> References => Set<ReferenceRecord>();
    public DbSet<SignedAttestation> SignedAttestations => Set<SignedAttestation>();
    public DbSet<ExamResultRecord> ExamResults => Set<ExamResultRecord>();
    public DbSet<MembershipRecord> Memberships => Set<MembershipRecord>();
    public DbSet<EndorsementApplication> EndorsementApplications => Set<EndorsementApplication>();
    public DbSet<ApplicationComment> ApplicationComments => Set<ApplicationComment>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();
    public DbSet<TrainingRequest> TrainingRequests => Set<TrainingRequest>();
    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();
    public DbSet<ChampionRequest> ChampionRequests => Set<ChampionRequest>();
    public DbSet<MiPracticeGroup> MiPracticeGroups => Set<MiPracticeGroup>();
    public DbSet<MiPracticeMembership> MiPracticeMemberships => Set<MiPracticeMembership>();
    public DbSet<MiPracticeSession> MiPracticeSessions => Set<MiPracticeSession>();
    public DbSet<MiPracticeAttendance> MiPracticeAttendance => Set<MiPracticeAttendance>();
    public DbSet<MiTrainerProfile> MiTrainerProfiles => Set<MiTrainerProfile>();
    public DbSet<CoachingRequest> CoachingRequests => Set<CoachingRequest>();
    public DbSet<CoachingMessage> CoachingMessages => Set<CoachingMessage>();

    // MI Champions' introductory course (issue 14): modules, their check questions, each person's completions.
    public DbSet<IntroCourseModule> IntroCourseModules => Set<IntroCourseModule>();
    public DbSet<IntroCourseQuestion> IntroCourseQuestions => Set<IntroCourseQuestion>();
    public DbSet<IntroCourseCompletion> IntroCourseCompletions => Set<IntroCourseCompletion>();

    // What a save interceptor (a singleton: the context is pooled, see DatabaseSetup) keeps for this context between
    // SavingChanges and SavedChanges. Emptied when the context goes back to the pool.
    private readonly Dictionary<Type, ISaveState> _saveState = [];

    /// <summary>This context's <typeparamref name="T"/> (created on first use); see <see cref="ISaveState"/>.</summary>
    internal T SaveState<T>() where T : class, ISaveState, new()
    {
        if (!_saveState.TryGetValue(typeof(T), out var state))
        {
            _saveState[typeof(T)] = state = new T();
        }
        return (T)state;
    }

    /// <summary>Whether any interceptor still holds state for this context (nothing may carry over to the next lease).</summary>
    internal bool HoldsSaveState => _saveState.Values.Any(s => !s.IsEmpty);

    public override void Dispose()
    {
        ClearSaveState();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        ClearSaveState();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void ClearSaveState()
    {
        foreach (var state in _saveState.Values)
        {
            state.Clear();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(TextSearch.Lower))!).HasName("lower").IsBuiltIn();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database and comes back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The SQLite flavour (embedded default, tests). Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options);

/// <summary>The SQL Server flavour (production). Migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerDbContext(DbContextOptions<SqlServerDbContext> options) : AppDbContext(options);

/// <summary>
/// The PostgreSQL flavour (a server database for several instances; the web tests run on it in CI). Migrations in
/// Data/Migrations/PostgreSql. PostgreSQL folds unquoted identifiers to lower case while the tables keep the model's
/// names, so the filters of the filtered indexes (plain SQL such as <c>Status = 'Open'</c>, which SQLite and SQL Server
/// take as written) get their column names quoted here.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            var columns = entityType.GetProperties().Select(p => p.GetColumnName()).ToHashSet(StringComparer.Ordinal);
            foreach (var index in entityType.GetIndexes().Where(i => i.GetFilter() is not null))
            {
                index.SetFilter(QuoteColumns(index.GetFilter()!, columns));
            }
        }
    }

    /// <summary>Quotes the bare words of <paramref name="filter"/> that are column names (string literals stay as they are).</summary>
    internal static string QuoteColumns(string filter, IReadOnlySet<string> columns) =>
        System.Text.RegularExpressions.Regex.Replace(filter, "'[^']*'|\"[^\"]*\"|\\b[A-Za-z_][A-Za-z0-9_]*\\b",
            m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value);
}

/// <summary>
/// State a save interceptor keeps for one context during a save (<see cref="AppDbContext.SaveState{T}"/>). The
/// interceptors are singletons shared by every context, so it lives on the context, not in the interceptor.
/// </summary>
internal interface ISaveState
{
    bool IsEmpty { get; }

    void Clear();
}
