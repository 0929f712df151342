using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>Builds programs' evidence rows directly in a test's SQLite file (no audit, no HTTP).</summary>
public static class TrainingData
{
    /// <summary>A context over the factory's database (its SQLite file or PostgreSQL database), with extra interceptors (e.g. a command counter).</summary>
    public static AppDbContext NewContext(this PortalFactory factory, params IInterceptor[] interceptors)
    {
        _ = factory.Services; // starts the host: the database exists and is migrated
        return factory.PostgresDatabaseName is null
            ? new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>()
                .UseSqlite($"Data Source={factory.DatabasePath}")
                .AddInterceptors([.. interceptors, NoWaitCommits.Instance])
                .Options)
            : new PostgreSqlDbContext(new DbContextOptionsBuilder<PostgreSqlDbContext>()
                .UseNpgsql(factory.OwnConnectionString)
                .AddInterceptors(interceptors)
                .Options);
    }

    /// <summary>Adds <paramref name="interceptors"/> to the app's database context, whichever provider the hosts run on.</summary>
    public static IServiceCollection AddDbInterceptors(this IServiceCollection services, params IInterceptor[] interceptors)
    {
        services.ConfigureDbContext<SqliteDbContext>(options => options.AddInterceptors(interceptors));
        services.ConfigureDbContext<PostgreSqlDbContext>(options => options.AddInterceptors(interceptors));
        return services;
    }

    public static AppUser Person(string label = "person")
    {
        var email = $"{label}-{Guid.NewGuid():N}@test.local";
        return new AppUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = "Test " + label,
            CertificateName = "Test " + label,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>A weekly MIO consultation group (Mondays 12:00 New York) with its meetings generated.</summary>
    public static TrainingGroup ConsultationGroup(DateOnly start, int weeks = 20, string? trainerId = null, string name = "Consultation group")
    {
        var group = new TrainingGroup
        {
            Kind = GroupKind.MioConsultation,
            ProgramKey = DefaultRuleSets.Keys.MioRostering,
            Name = name,
            TrainerId = trainerId,
            StartDate = start,
            EndDate = start.AddDays(7 * weeks - 1),
            MeetingDay = DayOfWeek.Monday,
            MeetingTime = new TimeOnly(12, 0),
            TimeZoneId = "America/New_York",
            Weeks = weeks,
            DurationMinutes = 60,
        };
        group.Meetings.AddRange(GroupSchedule.Generate(group));
        return group;
    }

    /// <summary>An MIO classroom training of two 8-hour days.</summary>
    public static TrainingGroup Classroom(DateOnly firstDay)
    {
        var group = new TrainingGroup
        {
            Kind = GroupKind.MioClassroom,
            ProgramKey = DefaultRuleSets.Keys.MioRostering,
            Name = "MIO classroom " + firstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            StartDate = firstDay,
            EndDate = firstDay.AddDays(1),
            TimeZoneId = "America/New_York",
            DurationMinutes = 480,
        };
        var zone = GroupSchedule.Zone(group.TimeZoneId);
        group.Meetings.Add(new Meeting { StartsUtc = GroupSchedule.ToUtc(firstDay, new TimeOnly(9, 0), zone), DurationMinutes = 480 });
        group.Meetings.Add(new Meeting { StartsUtc = GroupSchedule.ToUtc(firstDay.AddDays(1), new TimeOnly(9, 0), zone), DurationMinutes = 480 });
        return group;
    }

    /// <summary>An IMH course cohort of 11 weekly 90-minute sessions (Tuesdays 18:00 New York).</summary>
    public static TrainingGroup CourseCohort(DateOnly start, CourseTerm term = CourseTerm.Spring)
    {
        var group = new TrainingGroup
        {
            Kind = GroupKind.ImhCourseCohort,
            ProgramKey = DefaultRuleSets.Keys.ImhCourse,
            Name = $"IMH course {term} {start.Year}",
            StartDate = start,
            EndDate = start.AddDays(7 * 11),
            MeetingDay = DayOfWeek.Tuesday,
            MeetingTime = new TimeOnly(18, 0),
            TimeZoneId = "America/New_York",
            Weeks = 11,
            DurationMinutes = 90,
            Term = term,
            Year = start.Year,
        };
        group.Meetings.AddRange(GroupSchedule.Generate(group));
        return group;
    }

    public static Enrollment Enroll(AppUser person, string programKey, DateOnly createdOn, TrainingGroup? group = null,
        TrainingGroup? classroom = null, string? category = null) => new()
    {
        PersonId = person.Id,
        ProgramKey = programKey,
        RuleSetId = RuleSetCatalog.Default.Current(programKey, createdOn)!.Id,
        Category = category,
        Group = group,
        ClassroomGroup = classroom,
        Status = EnrollmentStatus.Active,
        CreatedOn = createdOn,
        CreatedUtc = createdOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
    };

    /// <summary>
    /// An MIO clinician: both classroom days attended, <paramref name="attended"/> of the group's first
    /// meetings attended (the rest absent), two training cases (TC-1 with <paramref name="tc1Sessions"/>
    /// weekly recorded sessions, TC-2 with one), and six de-identified clips with feedback played in
    /// attended meetings.
    /// </summary>
    public static void AddMioRecords(AppDbContext db, AppUser person, TrainingGroup group, TrainingGroup classroom, int attended,
        int tc1Sessions = 8, int consentDaysAfterFirstSession = 0, DateOnly? markedBefore = null)
    {
        foreach (var day in classroom.Meetings)
        {
            db.Attendance.Add(new Attendance { Meeting = day, PersonId = person.Id, Mark = AttendanceMark.Present });
        }
        var meetings = group.Meetings.OrderBy(m => m.StartsUtc).ToList();
        for (var i = 0; i < meetings.Count; i++)
        {
            if (markedBefore is { } until && DateOnly.FromDateTime(meetings[i].StartsUtc) >= until)
            {
                break; // meetings not held yet are not marked
            }
            db.Attendance.Add(new Attendance { Meeting = meetings[i], PersonId = person.Id, Mark = i < attended ? AttendanceMark.Present : AttendanceMark.Absent });
        }
        var first = group.StartDate.AddDays(3);
        var tc1 = new TrainingCaseRecord { PersonId = person.Id, Code = "TC-1", ConsentDate = first.AddDays(consentDaysAfterFirstSession) };
        for (var s = 0; s < tc1Sessions; s++)
        {
            tc1.Sessions.Add(new CaseSessionRecord { Date = first.AddDays(7 * s), Recorded = true });
        }
        var tc2 = new TrainingCaseRecord { PersonId = person.Id, Code = "TC-2", ConsentDate = first.AddDays(14) };
        tc2.Sessions.Add(new CaseSessionRecord { Date = first.AddDays(14), Recorded = true });
        db.TrainingCases.AddRange(tc1, tc2);
        for (var c = 0; c < 6 && c < attended; c++)
        {
            db.ClipPresentations.Add(new ClipPresentationRecord
            {
                PersonId = person.Id, Meeting = meetings[c], ClipCode = $"clip-{c + 1}", DeIdentified = true, Feedback = "Attuned to the caregiver's state.",
            });
        }
    }
}

/// <summary>
/// Counts every SQL command a context sends — apart from the server-side session check every signed-in request makes
/// (one query on UserSessions, counted separately in <see cref="SessionChecks"/>), so that a page's count is its own.
/// Also counts the connections EF Core opens (<see cref="ConnectionOpens"/>).
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor, IDbConnectionInterceptor
{
    private int _opens;
    private int _sessionChecks;
    private int _count;
    private int _reads;
    private int _maxParameters;

    public int Count => _count;

    /// <summary>Connections EF Core opened (its own open before a query, or an explicit <c>OpenConnectionAsync</c>).</summary>
    public int ConnectionOpens => _opens;

    /// <summary>Commands that read or write the UserSessions table (the per-request session check).</summary>
    public int SessionChecks => _sessionChecks;

    /// <summary>Commands that only read (SELECT), as opposed to INSERT/UPDATE/DELETE.</summary>
    public int Reads => _reads;

    /// <summary>The most parameters any one command carried.</summary>
    public int MaxParameters => _maxParameters;

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _opens, 0);
        Interlocked.Exchange(ref _sessionChecks, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _maxParameters, 0);
    }

    private void Seen(System.Data.Common.DbCommand command)
    {
        if (command.CommandText.Contains("\"UserSessions\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _sessionChecks);
            return;
        }
        Interlocked.Increment(ref _count);
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _reads);
        }
        int current;
        while ((current = _maxParameters) < command.Parameters.Count
            && Interlocked.CompareExchange(ref _maxParameters, command.Parameters.Count, current) != current)
        {
        }
    }

    public override InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opens);

    public Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opens);
        return Task.CompletedTask;
    }
}
