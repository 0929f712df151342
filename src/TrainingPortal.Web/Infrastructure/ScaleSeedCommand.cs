using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrainingPortal.Domain;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Standings;
using Keys = TrainingPortal.Domain.Eligibility.DefaultRuleSets.Keys;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/TrainingPortal.Web -c Release -- seed-scale --trainees 10000</c>: fills an <b>empty</b>
/// database with a deterministic bench data set (issue 10): trainees in every program, four chronological "quarters" of
/// 26-meeting consultation groups with 16 members each (a trainee sits in one group per quarter: the first three
/// are repeated consultation periods, withdrawn; the last is current, finished or approved), classroom days, IMH
/// course cohorts, Train-the-Trainer cohorts, endorsement applicants with years of hours and RSC logs, renewals,
/// certificates issued by the app's own <see cref="CertificateService"/>, an audit log of 100 rows per trainee, and
/// the stored standings evaluated by the app's <see cref="StandingRefresher"/>. <c>seed-scale --describe</c> prints
/// the counts and the bench pointers of a database seeded before.
/// </summary>
/// <remarks>
/// Every account has the published <see cref="Password"/>, and the administrator the published
/// <see cref="AdminAuthenticatorKey"/>: a bench data set, never a real one, so the command refuses a database that
/// has any account and refuses to run in Production. Rows are written with <see cref="ScaleBulkWriter"/> (raw prepared
/// INSERTs, names from the EF model); a fixed seed and dates counted from today in the portal's time zone make two runs
/// on the same day write the same rows (certificate codes and PDFs, password salt and the standings' times aside).
/// </remarks>
public static class ScaleSeedCommand
{
    public const string Name = "seed-scale";

    /// <summary>The password of every bench account (published: bench data only).</summary>
    public const string Password = "Scale-Bench-Password-2026";

    /// <summary>The administrator's authenticator key (base32, RFC 6238, 30-second steps, 6 digits; published: bench data only).</summary>
    public const string AdminAuthenticatorKey = "SCALEBENCHADMINTOTPKEYQRSTUVWXYZ";

    public const string AdminEmail = "admin@scale.test";
    public static string TraineeEmail(int number) => $"trainee{number}@scale.test";
    public static string TrainerEmail(int number) => $"trainer{number}@scale.test";

    /// <summary>Members of a consultation group.</summary>
    public const int GroupSize = 16;

    /// <summary>Consultation groups a trainee has sat in (three repeated periods and the current one).</summary>
    public const int Quarters = 4;

    /// <summary>Audit rows per trainee (1,000,000 at 10,000 trainees).</summary>
    public const int AuditRowsPerTrainee = 100;

    private const int DefaultSeed = 20_261_130;

    /// <summary>
    /// Certificates issued through the app's <see cref="CertificateService"/> (≈ 70 ms each on the shared 2-core machine:
    /// evidence, PDF, signed credential); other approved enrollments wait for an administrator to issue theirs, as they
    /// do when the issuer was not configured at approval time.
    /// </summary>
    public const int DefaultCertificates = 500;

    private static readonly string[] Zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];

    private static readonly string[] FirstNames =
    [
        "Avery", "Jordan", "Morgan", "Riley", "Casey", "Taylor", "Jamie", "Quinn", "Rowan", "Skyler", "Dana", "Priya", "Marcus", "Hannah",
        "José", "Grace", "Amara", "Liam", "Noor", "Mateo", "Sofia", "Kenji", "Aisha", "Elena", "Tomás", "Ingrid", "Kwame", "Mei", "Omar", "Zoë",
    ];

    private static readonly string[] LastNames =
    [
        "Reyes", "Natarajan", "Bell", "Kowalski", "Alvarez", "Whitfield", "Okafor", "Lindqvist", "Nguyen", "García", "Smith", "Johnson",
        "Brown", "Williams", "Chen", "Patel", "Kim", "Müller", "O'Brien", "Haddad", "Novak", "Rossi", "Sato", "Mensah", "Dubois", "Cohen",
        "Ivanova", "Silva", "Murphy", "Andersen", "Yilmaz", "Fischer",
    ];

    private static readonly string[] States = ["NY", "NJ", "PA", "MI", "OH", "IL", "CA", "TX", "WA", "MA"];

    public static async Task<int> RunAsync(IServiceProvider root, string[] args, TextWriter output)
    {
        var environment = root.GetRequiredService<IHostEnvironment>();
        if (environment.IsProduction())
        {
            await output.WriteLineAsync("seed-scale creates bench accounts with a published password and authenticator key, so it does not run in Production. " +
                "Run it with ASPNETCORE_ENVIRONMENT=Development (or another non-production name) on a database of its own.");
            return 2;
        }
        if (args.Contains("--describe"))
        {
            await using var scope = root.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A new file has no tables and a migrated one may hold no data set: say so instead of failing on the counts. A data
            // set seeded by an earlier build first gets this build's migrations, as the app applies them when it starts
            // (bench/load/run.sh describes the database before it starts the app).
            var trainer1 = TrainerEmail(1).ToUpperInvariant();
            var empty = !(await db.Database.GetAppliedMigrationsAsync()).Any();
            if (!empty && (await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }
            if (empty || !await db.Users.AnyAsync(u => u.NormalizedEmail == trainer1))
            {
                await output.WriteLineAsync($"This database holds no scale data set (no account {TrainerEmail(1)}). Create one first: " +
                    "seed-scale --trainees N, with ConnectionStrings__Portal pointing at an empty database.");
                return 1;
            }
            await DescribeAsync(scope.ServiceProvider, output);
            return 0;
        }
        var trainees = IntOption(args, "--trainees") ?? 10_000;
        var seed = IntOption(args, "--seed") ?? DefaultSeed;
        if (trainees < 16 || trainees > 1_000_000)
        {
            await output.WriteLineAsync("Usage: seed-scale [--trainees N (16 to 1,000,000, default 10,000)] [--certificates N (default 500)] [--seed S] | seed-scale --describe");
            return 2;
        }

        var total = Stopwatch.StartNew();
        await using (var scope = root.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await DatabaseInitializer.MigrateAsync(services);
            await DatabaseInitializer.EnsureRolesAsync(services);
            var db = services.GetRequiredService<AppDbContext>();
            var people = await db.Users.CountAsync();
            if (people > 0)
            {
                await output.WriteLineAsync($"The database already has {people} account(s). seed-scale fills an empty database only: " +
                    "point ConnectionStrings__Portal at a new file (e.g. Data Source=/tmp/scale.db) and run it again.");
                return 1;
            }
            await output.WriteLineAsync($"seed-scale: {trainees:N0} trainees, seed {seed}, into {db.Database.GetDbConnection().DataSource}");
            var generator = new Generator(services, db, trainees, seed, output);
            await generator.WriteAsync();
        }

        await using (var scope = root.CreateAsyncScope())
        {
            await IssueCertificatesAsync(scope.ServiceProvider, IntOption(args, "--certificates") ?? DefaultCertificates, output);
        }
        await using (var scope = root.CreateAsyncScope())
        {
            var step = Stopwatch.StartNew();
            var refreshed = await scope.ServiceProvider.GetRequiredService<StandingRefresher>().RefreshDueAsync();
            await output.WriteLineAsync(Invariant($"standings: {refreshed:N0} active enrollments evaluated by the StandingRefresher in {step.Elapsed.TotalSeconds:F1} s"));
        }
        await output.WriteLineAsync(Invariant($"seed-scale: done in {total.Elapsed.TotalSeconds:F1} s"));
        await using (var scope = root.CreateAsyncScope())
        {
            await DescribeAsync(scope.ServiceProvider, output);
        }
        return 0;
    }

    /// <summary>
    /// Issues the certificates of up to <paramref name="limit"/> completed enrollments exactly as an approval does (PDF,
    /// code, signed credential): first the rostering of everyone in Train-the-Trainer (its rules need it), then by id.
    /// </summary>
    private static async Task IssueCertificatesAsync(IServiceProvider services, int limit, TextWriter output)
    {
        var step = Stopwatch.StartNew();
        var db = services.GetRequiredService<AppDbContext>();
        var completed = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Completed)
            .OrderBy(e => db.Enrollments.Any(t => t.PersonId == e.PersonId && t.ProgramKey == Keys.MioTrainTheTrainer) ? 0 : 1).ThenBy(e => e.Id)
            .Select(e => e.Id).Take(Math.Max(0, limit)).ToListAsync();
        var options = services.GetRequiredService<IOptions<CertificateOptions>>();
        // The configured issuer when there is one; otherwise the bench's own (issuing is refused without one).
        var benchOptions = options.Value.Missing().Count == 0 ? options : Options.Create(new CertificateOptions
        {
            IssuerName = "Scale Bench Institute", SignatoryName = "Bench Signatory", SignatoryTitle = "Director of Training",
        });
        var issued = 0;
        foreach (var batch in completed.Chunk(200))
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var certificates = ActivatorUtilities.CreateInstance<CertificateService>(scope.ServiceProvider, benchOptions);
            foreach (var id in batch)
            {
                var result = await certificates.IssueAsync(id);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Certificate of enrollment {id}: {result.Message}");
                }
                issued++;
            }
            await output.WriteLineAsync(Invariant($"certificates: {issued:N0} of {completed.Count:N0} issued ({step.Elapsed.TotalSeconds:F1} s)"));
        }
        await output.WriteLineAsync(Invariant($"certificates: {issued:N0} issued by the CertificateService (PDF, code, Open Badges credential) in {step.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>Row counts and the pointers the load benchmark needs, as <c>bench.key=value</c> lines.</summary>
    public static async Task DescribeAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var counts = new (string Name, long Count)[]
        {
            ("people", await db.Users.LongCountAsync()),
            ("trainees", await db.UserRoles.LongCountAsync(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Trainee))),
            ("trainers", await db.UserRoles.LongCountAsync(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Trainer))),
            ("enrollments", await db.Enrollments.LongCountAsync()),
            ("enrollments active", await db.Enrollments.LongCountAsync(e => e.Status == EnrollmentStatus.Active)),
            ("enrollments completed", await db.Enrollments.LongCountAsync(e => e.Status == EnrollmentStatus.Completed)),
            ("enrollments withdrawn", await db.Enrollments.LongCountAsync(e => e.Status == EnrollmentStatus.Withdrawn)),
            ("groups", await db.Groups.LongCountAsync()),
            ("consultation groups", await db.Groups.LongCountAsync(g => g.Kind == GroupKind.MioConsultation)),
            ("classroom groups", await db.Groups.LongCountAsync(g => g.Kind == GroupKind.MioClassroom)),
            ("course cohorts", await db.Groups.LongCountAsync(g => g.Kind == GroupKind.ImhCourseCohort)),
            ("train-the-trainer cohorts", await db.Groups.LongCountAsync(g => g.Kind == GroupKind.TrainTheTrainerCohort)),
            ("meetings", await db.Meetings.LongCountAsync()),
            ("attendance", await db.Attendance.LongCountAsync()),
            ("make-ups", await db.SessionMakeUps.LongCountAsync()),
            ("learning items", await db.LearningItems.LongCountAsync()),
            ("learning completions", await db.LearningCompletions.LongCountAsync()),
            ("homework assignments", await db.HomeworkAssignments.LongCountAsync()),
            ("homework submissions", await db.HomeworkSubmissions.LongCountAsync()),
            ("training cases", await db.TrainingCases.LongCountAsync()),
            ("case sessions", await db.CaseSessions.LongCountAsync()),
            ("clips", await db.ClipPresentations.LongCountAsync()),
            ("fidelity reviews", await db.FidelityReviews.LongCountAsync()),
            ("training hours", await db.TrainingHours.LongCountAsync()),
            ("RSC log", await db.RscLog.LongCountAsync()),
            ("degrees", await db.Degrees.LongCountAsync()),
            ("work experience", await db.WorkExperience.LongCountAsync()),
            ("references", await db.References.LongCountAsync()),
            ("exam results", await db.ExamResults.LongCountAsync()),
            ("memberships", await db.Memberships.LongCountAsync()),
            ("attestations", await db.SignedAttestations.LongCountAsync()),
            ("leadership activities", await db.LeadershipActivities.LongCountAsync()),
            ("licences", await db.Licences.LongCountAsync()),
            ("waivers", await db.Waivers.LongCountAsync()),
            ("certificates", await db.Certificates.LongCountAsync()),
            ("standings", await db.Standings.LongCountAsync()),
            ("standings eligible", await db.Standings.LongCountAsync(s => s.Status == OverallStatus.Eligible)),
            ("audit rows", await db.AuditEntries.LongCountAsync()),
        };
        await output.WriteLineAsync("Counts:");
        foreach (var (name, count) in counts)
        {
            await output.WriteLineAsync(Invariant($"  {name,-30} {count,12:N0}"));
        }

        var today = services.GetRequiredService<EligibilityService>().Today();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var trainer1Email = TrainerEmail(1).ToUpperInvariant();
        var trainer1 = await db.Users.Where(u => u.NormalizedEmail == trainer1Email).Select(u => u.Id).FirstOrDefaultAsync();
        var group = await db.Groups.Where(g => g.TrainerId == trainer1 && g.Kind == GroupKind.MioConsultation && g.StartDate <= today && g.EndDate >= today)
            .OrderByDescending(g => g.StartDate).Select(g => (int?)g.Id).FirstOrDefaultAsync();
        // The group's latest held meetings: the attendance screen, and one per load-benchmark thread saving attendance.
        var meetings = group is null ? [] : await db.Meetings.Where(m => m.GroupId == group && !m.Cancelled && m.StartsUtc < now)
            .OrderByDescending(m => m.StartsUtc).Select(m => m.Id).Take(8).ToListAsync();
        var code = await db.Certificates.Where(c => c.Code != null && c.RevokedOn == null).OrderBy(c => c.Id).Select(c => c.Code).FirstOrDefaultAsync();
        await output.WriteLineAsync("Bench accounts (password for all: " + Password + "):");
        await output.WriteLineAsync($"  {AdminEmail} (Administrator; authenticator key {AdminAuthenticatorKey}), {TrainerEmail(1)} … trainerN, {TraineeEmail(1)} … traineeN");
        await output.WriteLineAsync($"bench.password={Password}");
        await output.WriteLineAsync($"bench.admin={AdminEmail}");
        await output.WriteLineAsync($"bench.admin_totp_key={AdminAuthenticatorKey}");
        await output.WriteLineAsync($"bench.trainer={TrainerEmail(1)}");
        await output.WriteLineAsync($"bench.trainee={TraineeEmail(1)}");
        await output.WriteLineAsync(Invariant($"bench.group={group}"));
        await output.WriteLineAsync(Invariant($"bench.meeting={meetings.FirstOrDefault()}"));
        await output.WriteLineAsync($"bench.meetings={string.Join(',', meetings.Select(m => m.ToString(CultureInfo.InvariantCulture)))}");
        await output.WriteLineAsync($"bench.certificate={(code is null ? "" : CertificateCodes.Format(code))}");
    }

    private static int? IntOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Builds and writes the rows; one instance per run.</summary>
    private sealed class Generator
    {
        private readonly IServiceProvider _services;
        private readonly AppDbContext _db;
        private readonly int _n;
        private readonly TextWriter _output;
        private readonly Random _random;
        private readonly DateOnly _today;
        private readonly DateTime _dayStartUtc;
        private readonly TimeZoneInfo _portalZone;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private readonly string[] _trainees;
        private readonly string[] _traineeNames;
        private readonly string[] _trainers;
        private string _admin = "";

        private int _nextGroup = 1, _nextMeeting = 1, _nextAttendance = 1, _nextEnrollment = 1, _nextCase = 1, _nextCaseSession = 1,
            _nextClip = 1, _nextHours = 1, _nextRsc = 1, _nextReference = 1, _nextMakeUp = 1, _nextItem = 1, _nextCompletion = 1,
            _nextHomework = 1, _nextSubmission = 1, _nextRecord = 1;

        /// <summary>Per trainee: the final MIO seat was approved (rostered) and when.</summary>
        private readonly DateOnly?[] _rosteredOn;

        public Generator(IServiceProvider services, AppDbContext db, int trainees, int seed, TextWriter output)
        {
            _services = services;
            _db = db;
            _n = trainees;
            _output = output;
            _random = new Random(seed);
            _today = services.GetRequiredService<EligibilityService>().Today();
            _portalZone = GroupSchedule.Zone(services.GetRequiredService<IOptions<PortalOptions>>().Value.DefaultTimeZone);
            _dayStartUtc = GroupSchedule.ToUtc(_today, TimeOnly.MinValue, _portalZone);
            _trainees = new string[trainees];
            _traineeNames = new string[trainees];
            _trainers = new string[Math.Clamp(trainees / 100, 4, 1000)];
            _rosteredOn = new DateOnly?[trainees];
        }

        private ScaleBulkWriter _bulk = null!;

        public async Task WriteAsync()
        {
            await using var bulk = new ScaleBulkWriter(_db);
            _bulk = bulk;
            await bulk.OpenAsync();
            await WriteUsersAsync();
            Progress("accounts");
            WriteConsultation();
            Progress("MIO classroom and consultation groups");
            WriteCourses();
            Progress("IMH course cohorts");
            WriteTrainTheTrainer();
            Progress("Train-the-Trainer cohorts");
            WriteEndorsements();
            Progress("endorsement applicants and renewals");
            WriteMiPractice();
            Progress("MI Champions introductory course");
            WriteAudit(await _db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0);
            Progress("audit log");
            await bulk.CommitAsync();
            foreach (var (table, count) in bulk.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                await _output.WriteLineAsync(Invariant($"  {table,-26} {count,12:N0}"));
            }
        }

        private void Progress(string what) =>
            _output.WriteLine(Invariant($"{what}: written ({_bulk.Counts.Values.Sum():N0} rows so far, {_clock.Elapsed.TotalSeconds:F1} s)"));

        private Guid NewGuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        private string Stamp() => Convert.ToHexString(NewGuid().ToByteArray()).ToUpperInvariant();

        private DateTime Utc(DateOnly date, int hour = 12) => GroupSchedule.ToUtc(date, new TimeOnly(hour, 0), _portalZone);

        private static string RuleSet(string program, DateOnly on) => RuleSetCatalog.Default.Current(program, on)!.Id;

        // ---- accounts ---------------------------------------------------------------------------------

        private async Task WriteUsersAsync()
        {
            var roles = await _db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            var hasher = _services.GetRequiredService<UserManager<AppUser>>().PasswordHasher;
            // PBKDF2 is slow on purpose: one hash, shared by every bench account (each has its own security stamp).
            var hash = hasher.HashPassword(new AppUser(), Password);
            var created = Utc(_today.AddYears(-6));

            using var users = _bulk.For<AppUser>();
            using var userRoles = _bulk.For<IdentityUserRole<string>>();
            using var tokens = _bulk.For<IdentityUserToken<string>>();
            using var licences = _bulk.For<ProfessionalLicence>();
            AppUser Account(string email, string name, int index)
            {
                var user = new AppUser
                {
                    Id = NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Stamp(),
                    ConcurrencyStamp = NewGuid().ToString(), LockoutEnabled = true, DisplayName = name, CertificateName = name,
                    TimeZoneId = Zones[index % Zones.Length], CreatedUtc = created.AddHours(index), City = index % 3 == 0 ? "Springfield" : null,
                    State = States[index % States.Length], ListedOnRoster = index % 3 == 0,
                };
                return user;
            }

            var admin = Account(AdminEmail, "Ada Scale", 0);
            admin.TwoFactorEnabled = true;
            _admin = admin.Id;
            users.Add(admin);
            userRoles.Add(new IdentityUserRole<string> { UserId = admin.Id, RoleId = roles[Roles.Administrator] });
            // The published authenticator key, where Identity's store keeps it (login provider "[AspNetUserStore]").
            tokens.Add(new IdentityUserToken<string> { UserId = admin.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = AdminAuthenticatorKey });

            for (var t = 0; t < _trainers.Length; t++)
            {
                var user = Account(TrainerEmail(t + 1), $"{FirstNames[(t * 7 + 3) % FirstNames.Length]} {LastNames[(t * 5 + 1) % LastNames.Length]} (trainer {t + 1})", t);
                _trainers[t] = user.Id;
                users.Add(user);
                userRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[Roles.Trainer] });
            }
            for (var p = 0; p < _n; p++)
            {
                var name = $"{FirstNames[p % FirstNames.Length]} {LastNames[(p / FirstNames.Length) % LastNames.Length]} {p + 1}";
                var user = Account(TraineeEmail(p + 1), name, p);
                _trainees[p] = user.Id;
                _traineeNames[p] = name;
                users.Add(user);
                userRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[Roles.Trainee] });
                if (_random.Next(100) < 40)
                {
                    licences.Add(new ProfessionalLicence
                    {
                        Id = _nextRecord++, UserId = user.Id, Type = (LicenceType)_random.Next(0, 9), IssuedBy = States[p % States.Length],
                        Number = Invariant($"L{100000 + p}"),
                    });
                }
            }
        }

        // ---- groups -----------------------------------------------------------------------------------

        private TrainingGroup Group(GroupKind kind, string name, string trainer, DateOnly start, int weeks, int minutes,
            int zoneIndex, TimeOnly time, ScaleBulkWriter.Table<TrainingGroup> groups, ScaleBulkWriter.Table<Meeting> meetings, int? cancel = null)
        {
            var group = new TrainingGroup
            {
                Id = _nextGroup++, Kind = kind, ProgramKey = ProgramCatalog.Default.ProgramOf(kind).Key, Name = name, TrainerId = trainer, StartDate = start,
                EndDate = start.AddDays(7 * weeks - 1), MeetingDay = start.DayOfWeek, MeetingTime = time, TimeZoneId = Zones[zoneIndex % Zones.Length],
                Weeks = weeks, DurationMinutes = minutes,
            };
            if (ProgramCatalog.Default.Kind(kind).HasTerm)
            {
                group.Term = start.Month switch { <= 4 => CourseTerm.Spring, <= 8 => CourseTerm.Summer, _ => CourseTerm.Fall };
                group.Year = start.Year;
            }
            groups.Add(group);
            var generated = GroupSchedule.Generate(group);
            for (var i = 0; i < generated.Count; i++)
            {
                var m = generated[i];
                m.Id = _nextMeeting++;
                m.GroupId = group.Id;
                m.Cancelled = cancel == i;
                m.AttendanceVersion = NewGuid();
                if (Held(m))
                {
                    m.AttendanceSavedUtc = m.StartsUtc.AddMinutes(m.DurationMinutes + 30);
                    m.AttendanceSavedById = trainer;
                }
                meetings.Add(m);
                group.Meetings.Add(m);
            }
            return group;
        }

        /// <summary>Held and marked: not cancelled and started before today (today's meetings are left for the trainer to mark).</summary>
        private bool Held(Meeting m) => !m.Cancelled && m.StartsUtc < _dayStartUtc;

        private static DateOnly LocalDate(Meeting m, TrainingGroup g) => GroupSchedule.LocalDate(m.StartsUtc, GroupSchedule.Zone(g.TimeZoneId));

        private Enrollment Enrollment(int person, string program, DateOnly createdOn, TrainingGroup? group, EnrollmentStatus status = EnrollmentStatus.Active)
        {
            return new Enrollment
            {
                Id = _nextEnrollment++, PersonId = _trainees[person], ProgramKey = program, RuleSetId = RuleSet(program, createdOn),
                GroupId = group?.Id, Status = status, CreatedOn = createdOn, CreatedUtc = Utc(createdOn, 10), CreatedById = _admin, Version = NewGuid(),
            };
        }

        private void Complete(Enrollment e, DateOnly on)
        {
            e.Status = EnrollmentStatus.Completed;
            e.CompletedOn = on;
            e.ApprovedById = _admin;
            e.ApprovedUtc = Utc(on, 11);
        }

        /// <summary>
        /// Quarter k (0…3) holds ceil(N/16) groups that start spread over 60 weeks; quarter k starts 65 weeks after
        /// quarter k−1, so the last quarter runs from 65 to 5 weeks ago and a third of it is still meeting. Trainees
        /// 16j…16j+15 sit in group j of every quarter.
        /// </summary>
        private void WriteConsultation()
        {
            using var groups = _bulk.For<TrainingGroup>();
            using var meetings = _bulk.For<Meeting>();
            using var enrollments = _bulk.For<Enrollment>();
            using var attendance = _bulk.For<Attendance>();
            using var cases = _bulk.For<TrainingCaseRecord>();
            using var sessions = _bulk.For<CaseSessionRecord>();
            using var clips = _bulk.For<ClipPresentationRecord>();
            using var fidelity = _bulk.For<FidelityReviewRecord>();
            using var waivers = _bulk.For<WaiverRecord>();

            var perQuarter = (_n + GroupSize - 1) / GroupSize;
            var classrooms = new TrainingGroup[perQuarter];
            for (var k = 0; k < Quarters; k++)
            {
                for (var j = 0; j < perQuarter; j++)
                {
                    var g = k * perQuarter + j;
                    var trainerIndex = g % _trainers.Length;
                    var trainer = _trainers[trainerIndex];
                    var start = _today.AddDays(7 * (-260 + 65 * k + j * 60 / perQuarter) + (g % 5) - (int)_today.DayOfWeek + 1);
                    if (k == 0)
                    {
                        // Classroom training (step 1): two 8-hour days, three weeks before the first consultation period.
                        var day1 = start.AddDays(-21);
                        var classroom = new TrainingGroup
                        {
                            Id = _nextGroup++, Kind = GroupKind.MioClassroom, ProgramKey = ProgramCatalog.Default.ProgramOf(GroupKind.MioClassroom).Key,
                            Name = Invariant($"MIO classroom training {day1:MMMM yyyy} #{j + 1}"), TrainerId = trainer, StartDate = day1,
                            EndDate = day1.AddDays(1), TimeZoneId = Zones[j % Zones.Length], DurationMinutes = 480,
                        };
                        groups.Add(classroom);
                        var zone = GroupSchedule.Zone(classroom.TimeZoneId);
                        for (var d = 0; d < 2; d++)
                        {
                            var m = new Meeting
                            {
                                Id = _nextMeeting++, GroupId = classroom.Id, StartsUtc = GroupSchedule.ToUtc(day1.AddDays(d), new TimeOnly(9, 0), zone),
                                DurationMinutes = 480, Title = d == 0 ? "Day 1" : "Day 2", AttendanceVersion = NewGuid(),
                                AttendanceSavedUtc = GroupSchedule.ToUtc(day1.AddDays(d), new TimeOnly(18, 0), zone), AttendanceSavedById = trainer,
                            };
                            meetings.Add(m);
                            classroom.Meetings.Add(m);
                        }
                        classrooms[j] = classroom;
                        for (var p = j * GroupSize; p < Math.Min(_n, (j + 1) * GroupSize); p++)
                        {
                            foreach (var m in classroom.Meetings)
                            {
                                var partial = _random.Next(100) < 3;
                                attendance.Add(new Attendance
                                {
                                    Id = _nextAttendance++, MeetingId = m.Id, PersonId = _trainees[p],
                                    Mark = partial ? AttendanceMark.Partial : AttendanceMark.Present, MinutesPresent = partial ? 360 : 0,
                                });
                            }
                        }
                    }

                    var group = Group(GroupKind.MioConsultation,
                        Invariant($"MIO consultation #{g + 1} — trainer {trainerIndex + 1}, {start.DayOfWeek}s"), trainer, start, 26, 60, g,
                        new TimeOnly(8 + g % 10, 0), groups, meetings, cancel: g % 4 == 1 ? (g * 5) % 26 : null);
                    var held = group.Meetings.Where(Held).ToList();
                    var finished = group.EndDate < _today;

                    for (var p = j * GroupSize; p < Math.Min(_n, (j + 1) * GroupSize); p++)
                    {
                        var last = k == Quarters - 1;
                        var enrollment = Enrollment(p, Keys.MioRostering, start.AddDays(-14), group);
                        enrollment.ClassroomGroupId = classrooms[j].Id;
                        // Earlier periods fell short of 70% and were repeated; the current one usually goes well.
                        var rate = last ? 0.55 + 0.45 * _random.NextDouble() : 0.35 + 0.30 * _random.NextDouble();
                        var attended = new List<Meeting>();
                        var counted = 0;
                        foreach (var m in held)
                        {
                            var roll = _random.NextDouble();
                            var mark = roll < rate ? AttendanceMark.Present
                                : (_random.Next(100) switch { < 60 => AttendanceMark.Absent, < 85 => AttendanceMark.Excused, _ => AttendanceMark.Partial });
                            var minutes = mark == AttendanceMark.Partial ? 20 + _random.Next(36) : 0;
                            attendance.Add(new Attendance { Id = _nextAttendance++, MeetingId = m.Id, PersonId = _trainees[p], Mark = mark, MinutesPresent = minutes });
                            if (mark == AttendanceMark.Present)
                            {
                                attended.Add(m);
                                counted++;
                            }
                            else if (mark == AttendanceMark.Partial && minutes >= 45)
                            {
                                counted++;
                            }
                        }

                        // Two training cases per period (pseudonymous codes only), weekly sessions while the period runs.
                        var caseSessions = last ? new[] { 10, 4 } : [3, 2];
                        for (var c = 0; c < 2; c++)
                        {
                            var trainingCase = new TrainingCaseRecord
                            {
                                Id = _nextCase++, PersonId = _trainees[p], Code = Invariant($"TC-{2 * k + c + 1}"), ConsentDate = start.AddDays(3 + 14 * c),
                                Verified = finished, VerifiedUtc = finished ? Utc(group.EndDate) : null, VerifiedById = finished ? trainer : null,
                            };
                            cases.Add(trainingCase);
                            for (var s = 0; s < caseSessions[c]; s++)
                            {
                                var date = start.AddDays(3 + 14 * c + 7 * s);
                                if (date >= _today)
                                {
                                    break;
                                }
                                sessions.Add(new CaseSessionRecord { Id = _nextCaseSession++, TrainingCaseId = trainingCase.Id, Date = date, Recorded = _random.Next(100) >= 2 });
                            }
                        }
                        var clipCount = last ? (_random.Next(100) < 10 ? 4 : 6) : 2;
                        for (var c = 0; c < clipCount && c < attended.Count; c++)
                        {
                            clips.Add(new ClipPresentationRecord
                            {
                                Id = _nextClip++, PersonId = _trainees[p], MeetingId = attended[c].Id, ClipCode = Invariant($"clip-{k + 1}-{c + 1}"),
                                DeIdentified = _random.Next(100) >= 2, Feedback = c % 2 == 0 ? "Good attunement; slow down before reflecting." : "Clear mentalizing prompt.",
                            });
                        }

                        if (!last)
                        {
                            enrollment.Status = EnrollmentStatus.Withdrawn;
                            enrollment.WithdrawnOn = group.EndDate.AddDays(7);
                            enrollment.WithdrawalReason = "Repeating the consultation period in a later group (attendance below 70%).";
                        }
                        else if (finished && held.Count > 0 && counted * 10 >= held.Count * 7 && clipCount == 6 && group.EndDate.AddDays(28) < _today)
                        {
                            Complete(enrollment, group.EndDate.AddDays(21));
                            _rosteredOn[p] = enrollment.CompletedOn;
                            if (enrollment.CompletedOn!.Value.AddDays(30) < _today)
                            {
                                fidelity.Add(new FidelityReviewRecord
                                {
                                    Id = _nextRecord++, PersonId = _trainees[p], Date = enrollment.CompletedOn.Value.AddDays(30), ReviewerId = trainer,
                                    Outcome = _random.Next(100) < 90 ? FidelityOutcome.Adherent : FidelityOutcome.NotYetAdherent, Notes = "Reviewed three recorded sessions.",
                                });
                            }
                        }
                        enrollments.Add(enrollment);
                        if (last && enrollment.Status == EnrollmentStatus.Active && _random.Next(100) < 2)
                        {
                            waivers.Add(new WaiverRecord
                            {
                                Id = _nextRecord++, EnrollmentId = enrollment.Id, RequirementKey = "training-case-dose",
                                Reason = "Second case started late for agency reasons; dose reviewed by the trainer.", GrantedOn = _today.AddDays(-_random.Next(1, 60)), GrantedById = _admin,
                            });
                        }
                    }
                }
            }
        }

        // ---- IMH course -------------------------------------------------------------------------------

        private static readonly string[] LearningTitles =
            ["Reading: Ghosts in the nursery", "Reading: Attachment across the lifespan", "Exercise: infant observation", "Exercise: reflective journal"];

        /// <summary>Three in ten trainees (those with p mod 10 in 1…3) take the IMH course, 30 to a cohort, cohorts spread over five years.</summary>
        private void WriteCourses()
        {
            using var groups = _bulk.For<TrainingGroup>();
            using var meetings = _bulk.For<Meeting>();
            using var enrollments = _bulk.For<Enrollment>();
            using var attendance = _bulk.For<Attendance>();
            using var makeUps = _bulk.For<SessionMakeUp>();
            using var items = _bulk.For<LearningItemRecord>();
            using var completions = _bulk.For<LearningCompletion>();

            var students = Enumerable.Range(0, _n).Where(p => p % 10 is 1 or 2 or 3).ToList();
            var cohorts = (students.Count + 29) / 30;
            for (var c = 0; c < cohorts; c++)
            {
                var trainer = _trainers[(c * 3 + 1) % _trainers.Length];
                var start = _today.AddDays(-7 * (250 - c * 245 / Math.Max(1, cohorts)));
                start = start.AddDays(((int)DayOfWeek.Tuesday - (int)start.DayOfWeek + 7) % 7);
                var group = Group(GroupKind.ImhCourseCohort, Invariant($"IMH Theory to Practice — cohort {c + 1}"), trainer, start, 11, 90, c,
                    new TimeOnly(18, 0), groups, meetings);
                var cohortItems = new List<LearningItemRecord>();
                foreach (var title in LearningTitles)
                {
                    var item = new LearningItemRecord
                    {
                        Id = _nextItem++, GroupId = group.Id, Title = title,
                        Kind = title.StartsWith("Reading", StringComparison.Ordinal) ? LearningItemKind.Reading : LearningItemKind.Exercise,
                    };
                    items.Add(item);
                    cohortItems.Add(item);
                }
                var held = group.Meetings.Where(Held).ToList();
                foreach (var p in students.Skip(c * 30).Take(30))
                {
                    var enrollment = Enrollment(p, Keys.ImhCourse, start.AddDays(-14), group);
                    var complete = held.Count == 11;
                    foreach (var m in held)
                    {
                        var present = _random.Next(100) < 94;
                        attendance.Add(new Attendance { Id = _nextAttendance++, MeetingId = m.Id, PersonId = _trainees[p], Mark = present ? AttendanceMark.Present : AttendanceMark.Absent });
                        if (!present)
                        {
                            var madeUp = _random.Next(100) < 60 && LocalDate(m, group).AddDays(10) < _today;
                            if (madeUp)
                            {
                                makeUps.Add(new SessionMakeUp
                                {
                                    Id = _nextMakeUp++, MeetingId = m.Id, PersonId = _trainees[p], LoggedById = trainer, LoggedOn = LocalDate(m, group).AddDays(10),
                                    Note = "Watched the recording and discussed it with the instructor.",
                                });
                            }
                            complete &= madeUp;
                        }
                    }
                    foreach (var item in cohortItems)
                    {
                        var on = start.AddDays(7 + 14 * item.Id % 70);
                        if (on < _today && _random.Next(100) < 92)
                        {
                            completions.Add(new LearningCompletion { Id = _nextCompletion++, ItemId = item.Id, PersonId = _trainees[p], CompletedOn = on });
                        }
                        else
                        {
                            complete = false;
                        }
                    }
                    if (complete && group.EndDate.AddDays(28) < _today)
                    {
                        Complete(enrollment, group.EndDate.AddDays(14));
                    }
                    else if (group.EndDate.AddYears(1) < _today)
                    {
                        enrollment.Status = EnrollmentStatus.Withdrawn;
                        enrollment.WithdrawnOn = group.EndDate.AddMonths(6);
                        enrollment.WithdrawalReason = "Did not complete the course within six months.";
                    }
                    enrollments.Add(enrollment);
                }
            }
        }

        // ---- Train-the-Trainer ------------------------------------------------------------------------

        private static readonly string[] HomeworkTitles =
            ["Handbook chapter 1: key points", "Handbook chapter 2: core concepts", "Role play: first session", "Teaching plan"];

        /// <summary>One in 25 rostered clinicians (rostered at least ten weeks ago) is in a Train-the-Trainer cohort of 8.</summary>
        private void WriteTrainTheTrainer()
        {
            using var groups = _bulk.For<TrainingGroup>();
            using var meetings = _bulk.For<Meeting>();
            using var enrollments = _bulk.For<Enrollment>();
            using var attendance = _bulk.For<Attendance>();
            using var homework = _bulk.For<HomeworkAssignmentRecord>();
            using var submissions = _bulk.For<HomeworkSubmission>();

            var candidates = Enumerable.Range(0, _n).Where(p => p % 25 == 5 && _rosteredOn[p] is { } on && on.AddDays(70) < _today).ToList();
            var cohorts = (candidates.Count + 7) / 8;
            for (var c = 0; c < cohorts; c++)
            {
                var trainer = _trainers[(c * 7 + 2) % _trainers.Length];
                var start = _today.AddDays(-7 * (2 + c % 5));
                var group = Group(GroupKind.TrainTheTrainerCohort, Invariant($"MIO Train-the-Trainer cohort {c + 1}"), trainer, start, 6, 120,
                    c, new TimeOnly(13, 0), groups, meetings);
                var assignments = new List<HomeworkAssignmentRecord>();
                for (var h = 0; h < HomeworkTitles.Length; h++)
                {
                    var a = new HomeworkAssignmentRecord { Id = _nextHomework++, GroupId = group.Id, Title = HomeworkTitles[h], DueOn = start.AddDays(7 * (h + 1)) };
                    homework.Add(a);
                    assignments.Add(a);
                }
                var held = group.Meetings.Where(Held).ToList();
                foreach (var p in candidates.Skip(c * 8).Take(8))
                {
                    enrollments.Add(Enrollment(p, Keys.MioTrainTheTrainer, start.AddDays(-7), group));
                    foreach (var m in held)
                    {
                        attendance.Add(new Attendance { Id = _nextAttendance++, MeetingId = m.Id, PersonId = _trainees[p], Mark = _random.Next(100) < 95 ? AttendanceMark.Present : AttendanceMark.Absent });
                    }
                    foreach (var a in assignments.Where(a => a.DueOn < _today))
                    {
                        submissions.Add(new HomeworkSubmission
                        {
                            Id = _nextSubmission++, AssignmentId = a.Id, PersonId = _trainees[p], SubmittedOn = a.DueOn!.Value.AddDays(-1),
                            AcceptedOn = a.DueOn!.Value.AddDays(3) < _today ? a.DueOn.Value.AddDays(3) : null,
                            Version = Guid.Empty, // the same rows on every run (as rows written before versions existed)
                        });
                    }
                }
            }
        }

        // ---- MI Champions ---------------------------------------------------------------------------

        /// <summary>One trainee in 25 (p mod 25 = 3) has started MI Champions' free introductory course.</summary>
        private void WriteMiPractice()
        {
            using var enrollments = _bulk.For<Enrollment>();
            for (var p = 3; p < _n; p += 25)
            {
                enrollments.Add(Enrollment(p, Keys.MiPractice, _today.AddDays(-_random.Next(1, 200)), null));
            }
        }

        // ---- endorsement ------------------------------------------------------------------------------

        /// <summary>
        /// Applicants by p mod 20: 4 → Level I, 6 → Level II, 8 → Level III, 12 → Level IV (categories in turn), 16 →
        /// renewal of a held Level II or III; trainee1 (p = 0) is a Level II applicant with five years of records.
        /// Each has a degree, work experience, monthly training hours and (from Level II) RSC sessions twice a month
        /// over two to five years, three references, the ethics agreement and a membership.
        /// </summary>
        private void WriteEndorsements()
        {
            using var enrollments = _bulk.For<Enrollment>();
            using var hours = _bulk.For<TrainingHoursRecord>();
            using var rsc = _bulk.For<RscLogEntry>();
            using var degrees = _bulk.For<DegreeRecord>();
            using var work = _bulk.For<WorkExperienceRecord>();
            using var references = _bulk.For<ReferenceRecord>();
            using var ethics = _bulk.For<SignedAttestation>();
            using var memberships = _bulk.For<MembershipRecord>();
            using var exams = _bulk.For<ExamResultRecord>();
            using var leadership = _bulk.For<LeadershipActivityRecord>();
            string[] categories = [DefaultRuleSets.Categories.Clinical, DefaultRuleSets.Categories.Policy, DefaultRuleSets.Categories.ResearchFaculty];

            for (var p = 0; p < _n; p++)
            {
                // The program, and the level of the records written for it (a renewal's holder: Level III records).
                var (program, level) = (p % 20) switch
                {
                    4 => (Keys.ImhEndorsementL1, 1),
                    6 => (Keys.ImhEndorsementL2, 2),
                    8 => (Keys.ImhEndorsementL3, 3),
                    12 => (Keys.ImhEndorsementL4, 4),
                    16 => (Keys.ImhRenewal, 3),
                    _ => p == 0 ? (Keys.ImhEndorsementL2, 2) : (null, 0),
                };
                if (program is null)
                {
                    continue;
                }
                var person = _trainees[p];
                var years = p == 0 ? 5 : 2 + _random.Next(4);
                var renewal = program == Keys.ImhRenewal;
                var createdOn = renewal ? _today.AddDays(-_random.Next(20, 300)) : p == 0 ? _today.AddDays(-120) : _today.AddDays(-_random.Next(20, 1000));
                var enrollment = Enrollment(p, program, createdOn, null);
                if (program == Keys.ImhEndorsementL4)
                {
                    enrollment.Category = categories[p / 20 % 3];
                }
                if (renewal)
                {
                    enrollment.HeldEndorsement = p % 40 == 16 ? EndorsementLevel.LevelII : EndorsementLevel.LevelIII;
                }
                else if (_random.Next(100) < 60)
                {
                    enrollment.PortfolioApprovedOn = createdOn.AddDays(30) < _today ? createdOn.AddDays(30) : null;
                }
                var first = _today.AddYears(-years);

                degrees.Add(new DegreeRecord
                {
                    Id = _nextRecord++, PersonId = person, Kind = level switch { 1 => DegreeKind.BA, 2 => DegreeKind.BSW, 3 => DegreeKind.MSW, _ => DegreeKind.PhD },
                    AwardedOn = first.AddYears(-2), Field = "Social work", Institution = "State University", TranscriptVerified = true,
                });
                work.Add(new WorkExperienceRecord
                {
                    Verified = true,
                    Id = _nextRecord++, PersonId = person, Kind = level >= 3 ? WorkKind.SupervisedDyadicImh : WorkKind.InfantFamilyPaid,
                    Start = first.AddYears(-1), End = null, FamiliesServed = 20 + _random.Next(40), Employer = "Family Center",
                });
                if (level == 4)
                {
                    work.Add(new WorkExperienceRecord { Verified = true, Id = _nextRecord++, PersonId = person, Kind = WorkKind.ProvidingReflectiveSupervision, Start = first, Employer = "Regional IMH network" });
                    leadership.Add(new LeadershipActivityRecord { Verified = true, Id = _nextRecord++, PersonId = person, Kind = "Presenting at state conferences", Description = "Workshop on reflective supervision." });
                }
                for (var month = first; month < _today; month = month.AddMonths(1))
                {
                    hours.Add(new TrainingHoursRecord
                    {
                        Id = _nextHours++, PersonId = person, Date = month.AddDays(_random.Next(0, 25)) is var d && d < _today ? d : month,
                        Hours = 1.5m + _random.Next(0, 13) * 0.5m, Title = "Relationship-based training workshop",
                        RelationshipBased = _random.Next(100) < 90, Verified = _random.Next(100) < 85, FaceToFace = _random.Next(100) < 70,
                        AboutReflectiveSupervision = _random.Next(100) < 10,
                    });
                }
                if (level >= 2)
                {
                    for (var day = first; day < _today; day = day.AddDays(14))
                    {
                        rsc.Add(new RscLogEntry
                        {
                            Id = _nextRsc++, PersonId = person, Date = day, Hours = _random.Next(100) < 70 ? 1m : 1.5m, ProviderName = "Approved RSC provider",
                            ProviderApproved = _random.Next(100) < 95, ProviderLevel = _random.Next(2) == 0 ? EndorsementLevel.LevelIII : EndorsementLevel.LevelIVClinical,
                            Group = _random.Next(100) < 30, Peer = _random.Next(100) < 5,
                        });
                    }
                }
                ethics.Add(new SignedAttestation
                {
                    Id = _nextRecord++, PersonId = person, Kind = AttestationKind.EthicsAgreement, SignedName = _traineeNames[p],
                    SignedOn = createdOn.AddDays(2) < _today ? createdOn.AddDays(2) : createdOn, SignedUtc = Utc(createdOn.AddDays(2) < _today ? createdOn.AddDays(2) : createdOn),
                });
                memberships.Add(new MembershipRecord
                {
                    Verified = true,
                    Id = _nextRecord++, PersonId = person, Association = "State Association for Infant Mental Health", From = first, To = _today.AddDays(200), Individual = true,
                });

                var old = !renewal && p != 0 && createdOn.AddDays(700) < _today;
                if (old && _random.Next(100) < 70)
                {
                    Complete(enrollment, createdOn.AddDays(180));
                    enrollment.PortfolioApprovedOn = createdOn.AddDays(30);
                }
                enrollments.Add(enrollment);
                if (!renewal)
                {
                    ReferenceSource[] sources = [ReferenceSource.Supervisor, ReferenceSource.RscProvider, ReferenceSource.Colleague];
                    for (var r = 0; r < 3; r++)
                    {
                        var requested = createdOn.AddDays(10) < _today ? createdOn.AddDays(10) : createdOn;
                        var received = requested.AddDays(15 + 10 * r);
                        references.Add(new ReferenceRecord
                        {
                            Id = _nextReference++, EnrollmentId = enrollment.Id, RaterName = Invariant($"Reference {r + 1} (named by the applicant)"), Source = sources[r],
                            RaterLevel = r == 1 ? EndorsementLevel.LevelIVClinical : EndorsementLevel.LevelIII, RequestedOn = requested,
                            ReceivedOn = received < _today && (enrollment.Status == EnrollmentStatus.Completed || _random.Next(100) < 70) ? received : null,
                        });
                    }
                    if (level >= 3 && createdOn.AddDays(60) < _today)
                    {
                        exams.Add(new ExamResultRecord { Id = _nextRecord++, EnrollmentId = enrollment.Id, Date = createdOn.AddDays(60), Passed = _random.Next(100) < 85 });
                    }
                }
            }
        }

        // ---- audit ------------------------------------------------------------------------------------

        /// <summary>100 audit rows per trainee spread evenly over five years: sign-ins, attendance marks, hours, enrollments, sign-outs.</summary>
        private void WriteAudit(long lastId)
        {
            using var audit = _bulk.For<AuditEntry>();
            var rows = (long)_n * AuditRowsPerTrainee;
            var from = Utc(_today.AddYears(-5));
            var span = (_dayStartUtc - from).Ticks;
            for (long i = 0; i < rows; i++)
            {
                var at = from.AddTicks(span / rows * i);
                var trainee = _trainees[_random.Next(_n)];
                var trainer = _trainers[_random.Next(_trainers.Length)];
                var roll = _random.Next(100);
                var entry = roll switch
                {
                    < 40 => new AuditEntry { Action = "SignedIn", ActorId = trainee, PersonId = trainee, EntityType = nameof(AppUser), EntityId = trainee },
                    < 70 => new AuditEntry
                    {
                        Action = "Modified", ActorId = trainer, PersonId = trainee, EntityType = nameof(Attendance), EntityId = Invariant($"{1 + _random.Next(Math.Max(1, _nextAttendance - 1))}"),
                        Changes = "{\"Mark\":[\"Absent\",\"Present\"]}",
                    },
                    < 80 => new AuditEntry
                    {
                        Action = "Added", ActorId = trainee, PersonId = trainee, EntityType = nameof(TrainingHoursRecord), EntityId = Invariant($"{1 + _random.Next(Math.Max(1, _nextHours - 1))}"),
                        Changes = "{\"Hours\":[null,\"3.5\"],\"Title\":[null,\"Relationship-based training workshop\"]}",
                    },
                    < 90 => new AuditEntry
                    {
                        Action = "Modified", ActorId = trainer, EntityType = nameof(Meeting), EntityId = Invariant($"{1 + _random.Next(Math.Max(1, _nextMeeting - 1))}"),
                        Changes = "{\"AttendanceSavedUtc\":[null,\"" + at.ToString("O", CultureInfo.InvariantCulture) + "\"]}",
                    },
                    < 95 => new AuditEntry { Action = "SignedOut", ActorId = trainee, PersonId = trainee, EntityType = nameof(AppUser), EntityId = trainee },
                    _ => new AuditEntry
                    {
                        Action = "Added", ActorId = _admin, PersonId = trainee, EntityType = nameof(Data.Training.Enrollment), EntityId = Invariant($"{1 + _random.Next(Math.Max(1, _nextEnrollment - 1))}"),
                        Changes = "{\"ProgramKey\":[null,\"mio-rostering\"],\"Status\":[null,\"Active\"]}",
                    },
                };
                entry.Id = lastId + i + 1;
                entry.AtUtc = at;
                audit.Add(entry);
                if ((i + 1) % 250_000 == 0)
                {
                    _output.WriteLine(Invariant($"audit log: {i + 1:N0} of {rows:N0} ({_clock.Elapsed.TotalSeconds:F1} s)"));
                }
            }
        }
    }
}
