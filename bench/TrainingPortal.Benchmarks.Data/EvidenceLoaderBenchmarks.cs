using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Identity;

namespace TrainingPortal.Benchmarks.Data;

/// <summary>
/// Loads the evidence of 1 or 1,000 MIO rostering enrollments from a migrated SQLite file with
/// <see cref="EvidenceLoader"/> (25 queries either way). Data, built once in <see cref="Setup"/>:
/// 250 consultation groups of 4 with 26 weekly meetings; per person both classroom days and every
/// call marked (18 present), 2 training cases (12 + 1 sessions), 6 clips, 12 RSC entries and
/// 5 training-hours entries — about 72 rows per enrollment.
/// </summary>
[MemoryDiagnoser]
public class EvidenceLoaderBenchmarks
{
    private const int People = 1000;
    private string _path = "";
    private DbContextOptions<SqliteDbContext> _options = null!;
    private int[] _ids = [];

    [Params(1, 1000)]
    public int Enrollments { get; set; }

    /// <summary>The SQLite file built by <see cref="Setup"/> (other benchmarks reuse the same data).</summary>
    public string DatabasePath => _path;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"tp-bench-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var db = new SqliteDbContext(_options);
        db.Database.Migrate();

        var start = new DateOnly(2025, 12, 1);
        var classroom = new TrainingGroup
        {
            Kind = GroupKind.MioClassroom, ProgramKey = DefaultRuleSets.Keys.MioRostering, Name = "Classroom", StartDate = start.AddDays(-14),
            EndDate = start.AddDays(-13), DurationMinutes = 480,
        };
        classroom.Meetings.Add(new Meeting { StartsUtc = new DateTime(2025, 11, 17, 14, 0, 0, DateTimeKind.Utc), DurationMinutes = 480 });
        classroom.Meetings.Add(new Meeting { StartsUtc = new DateTime(2025, 11, 18, 14, 0, 0, DateTimeKind.Utc), DurationMinutes = 480 });
        db.Groups.Add(classroom);
        TrainingGroup group = null!;
        var enrollments = new List<Enrollment>(People);
        for (var i = 0; i < People; i++)
        {
            if (i % 4 == 0)
            {
                group = new TrainingGroup
                {
                    Kind = GroupKind.MioConsultation, ProgramKey = DefaultRuleSets.Keys.MioRostering, Name = $"Group {i / 4}", StartDate = start,
                    EndDate = start.AddDays(7 * 26 - 1), MeetingDay = DayOfWeek.Monday, MeetingTime = new TimeOnly(12, 0), Weeks = 26, DurationMinutes = 60,
                };
                group.Meetings.AddRange(GroupSchedule.Generate(group));
                db.Groups.Add(group);
            }
            var email = $"bench-{i}@bench.local";
            var person = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Clinician {i}" };
            db.Users.Add(person);
            var enrollment = new Enrollment
            {
                PersonId = person.Id, ProgramKey = DefaultRuleSets.Keys.MioRostering, RuleSetId = "mio-rostering@1", Group = group, ClassroomGroup = classroom,
                CreatedOn = start, CreatedUtc = new DateTime(2025, 12, 1, 12, 0, 0, DateTimeKind.Utc),
            };
            enrollments.Add(enrollment);
            db.Enrollments.Add(enrollment);
            foreach (var day in classroom.Meetings)
            {
                db.Attendance.Add(new Attendance { Meeting = day, PersonId = person.Id, Mark = AttendanceMark.Present });
            }
            for (var m = 0; m < group.Meetings.Count; m++)
            {
                db.Attendance.Add(new Attendance { Meeting = group.Meetings[m], PersonId = person.Id, Mark = m < 18 ? AttendanceMark.Present : AttendanceMark.Absent });
            }
            for (var c = 0; c < 2; c++)
            {
                var trainingCase = new TrainingCaseRecord { PersonId = person.Id, Code = $"TC-{c + 1}", ConsentDate = start.AddDays(3) };
                for (var s = 0; s < (c == 0 ? 12 : 1); s++)
                {
                    trainingCase.Sessions.Add(new CaseSessionRecord { Date = start.AddDays(3 + 7 * s), Recorded = true });
                }
                db.TrainingCases.Add(trainingCase);
            }
            for (var c = 0; c < 6; c++)
            {
                db.ClipPresentations.Add(new ClipPresentationRecord { PersonId = person.Id, Meeting = group.Meetings[c], ClipCode = $"clip-{c}", DeIdentified = true, Feedback = "Feedback" });
            }
            for (var r = 0; r < 12; r++)
            {
                db.RscLog.Add(new RscLogEntry { PersonId = person.Id, Date = new DateOnly(2024, 1 + r, 10), Hours = 2m, ProviderApproved = true, ProviderLevel = EndorsementLevel.LevelIII });
            }
            for (var h = 0; h < 5; h++)
            {
                db.TrainingHours.Add(new TrainingHoursRecord { PersonId = person.Id, Date = new DateOnly(2024, 1 + h, 1), Hours = 4m, Title = "Training", RelationshipBased = true, Verified = true });
            }
        }
        db.SaveChanges();
        _ids = [.. enrollments.Select(e => e.Id)];
    }

    [Benchmark]
    public async Task<int> LoadEvidence()
    {
        await using var db = new SqliteDbContext(_options);
        var evidence = await new EvidenceLoader(db).LoadAsync(_ids[..Enrollments]);
        return evidence.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
