using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.QueueData;
using static TrainingPortal.Web.Tests.Testing.TrainingData;


namespace TrainingPortal.Web.Tests.Standings;

/// <summary>Stored standings: which changes mark them stale, and how the refresher brings them up to date.</summary>
public sealed class StandingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>A person with an MIO enrollment (group, classroom) and a Level II application, and a control person in another group.</summary>
    private sealed record Setup(Seeded Person, int Application, Seeded Control);

    private async Task<Setup> SetupAsync()
    {
        var person = await factory.MioClinicianAsync();
        var control = await factory.MioClinicianAsync();
        var today = factory.TodayInNewYork();
        await using var db = factory.NewContext();
        var application = Enroll(person.Person, DefaultRuleSets.Keys.ImhEndorsementL2, today);
        db.Enrollments.Add(application);
        await db.SaveChangesAsync();
        foreach (var id in new[] { person.EnrollmentId, application.Id, control.EnrollmentId })
        {
            db.Standings.Add(new CachedStanding { EnrollmentId = id, Status = OverallStatus.NotYetEligible, EvaluatedOn = today, EvaluatedUtc = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
        return new Setup(person, application.Id, control);
    }

    private async Task<(bool Mio, bool Application, bool Control)> StaleAsync(Setup s)
    {
        var stale = await factory.WithDbAsync(db => db.Standings.AsNoTracking()
            .Where(x => x.EnrollmentId == s.Person.EnrollmentId || x.EnrollmentId == s.Application || x.EnrollmentId == s.Control.EnrollmentId)
            .ToDictionaryAsync(x => x.EnrollmentId, x => x.Stale));
        return (stale[s.Person.EnrollmentId], stale[s.Application], stale[s.Control.EnrollmentId]);
    }

    public static TheoryData<string> PersonChanges() =>
    [
        "training hours added", "licence added", "case session added (via its case)", "certificate added", "attendance changed", "clip deleted",
        "membership added", "degree added",
    ];

    public static TheoryData<string> GroupChanges() =>
    [
        "meeting cancelled", "classroom day changed", "group renamed", "skip date added", "homework assigned", "learning item added",
    ];

    public static TheoryData<string> EnrollmentChanges() => ["waiver granted", "exam result recorded", "enrollment changed", "reference received"];

    /// <summary>Changes the evidence through the app's own context (with its interceptors).</summary>
    private Task<int> ChangeAsync(Setup s, string change) => factory.WithDbAsync(async db =>
    {
        var person = s.Person.Person.Id;
        var today = factory.TodayInNewYork();
        switch (change)
        {
            case "training hours added":
                db.TrainingHours.Add(new TrainingHoursRecord { PersonId = person, Date = today, Hours = 3, Title = "Workshop" });
                break;
            case "licence added":
                db.Licences.Add(new ProfessionalLicence { UserId = person, Type = LicenceType.LCSW });
                break;
            case "case session added (via its case)":
                var caseId = await db.TrainingCases.Where(c => c.PersonId == person).Select(c => c.Id).FirstAsync();
                db.CaseSessions.Add(new CaseSessionRecord { TrainingCaseId = caseId, Date = today, Recorded = true });
                break;
            case "certificate added":
                db.Certificates.Add(new Certificate { PersonId = person, ProgramKey = DefaultRuleSets.Keys.MioRostering, IssuedOn = today });
                break;
            case "attendance changed":
                (await db.Attendance.FirstAsync(a => a.PersonId == person && a.Mark == AttendanceMark.Present)).Mark = AttendanceMark.Excused;
                break;
            case "clip deleted":
                db.ClipPresentations.Remove(await db.ClipPresentations.FirstAsync(c => c.PersonId == person));
                break;
            case "membership added":
                db.Memberships.Add(new MembershipRecord { Verified = true, PersonId = person, Association = "State IMH association", From = today });
                break;
            case "degree added":
                db.Degrees.Add(new DegreeRecord { PersonId = person, Kind = DegreeKind.MSW, AwardedOn = today });
                break;
            case "meeting cancelled":
                (await db.Meetings.FirstAsync(m => m.GroupId == s.Person.GroupId)).Cancelled = true;
                break;
            case "classroom day changed":
                (await db.Meetings.FirstAsync(m => m.GroupId == s.Person.ClassroomId)).DurationMinutes = 420;
                break;
            case "group renamed":
                (await db.Groups.SingleAsync(g => g.Id == s.Person.GroupId)).Name = "Renamed " + Guid.NewGuid().ToString("N")[..6];
                break;
            case "skip date added":
                db.GroupSkipDates.Add(new GroupSkipDate { GroupId = s.Person.GroupId, Date = today });
                break;
            case "homework assigned":
                db.HomeworkAssignments.Add(new HomeworkAssignmentRecord { GroupId = s.Person.GroupId, Title = "Handbook chapter 1" });
                break;
            case "learning item added":
                db.LearningItems.Add(new LearningItemRecord { GroupId = s.Person.GroupId, Title = "Reading 1" });
                break;
            case "waiver granted":
                db.Waivers.Add(new WaiverRecord { EnrollmentId = s.Application, RequirementKey = "membership", Reason = "Association membership paused", GrantedOn = today, GrantedById = person });
                break;
            case "exam result recorded":
                db.ExamResults.Add(new ExamResultRecord { EnrollmentId = s.Application, Date = today, Passed = true });
                break;
            case "enrollment changed":
                (await db.Enrollments.SingleAsync(e => e.Id == s.Application)).PortfolioApprovedOn = today;
                break;
            case "reference received":
                db.References.Add(new ReferenceRecord { EnrollmentId = s.Application, RaterName = "R. Rater", Source = ReferenceSource.Supervisor, RequestedOn = today, ReceivedOn = today });
                break;
            default:
                throw new ArgumentException(change);
        }
        return await db.SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(PersonChanges))]
    public async Task A_change_to_a_persons_record_marks_every_enrollment_of_that_person_stale(string change)
    {
        var s = await SetupAsync();

        await ChangeAsync(s, change);

        Assert.Equal((true, true, false), await StaleAsync(s));
    }

    [Theory]
    [MemberData(nameof(GroupChanges))]
    public async Task A_change_to_a_group_marks_its_members_enrollments_stale(string change)
    {
        var s = await SetupAsync();

        await ChangeAsync(s, change);

        // The member's other enrollment too: attended course sessions count as training hours elsewhere.
        Assert.Equal((true, true, false), await StaleAsync(s));
    }

    [Theory]
    [MemberData(nameof(EnrollmentChanges))]
    public async Task A_change_to_an_application_marks_only_that_enrollment_stale(string change)
    {
        var s = await SetupAsync();

        await ChangeAsync(s, change);

        Assert.Equal((false, true, false), await StaleAsync(s));
    }

    [Fact]
    public async Task A_change_that_is_not_evidence_marks_nothing_and_sends_no_update()
    {
        var s = await SetupAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == s.Person.Person.Id)).DisplayName = "New display name";
            return await db.SaveChangesAsync();
        });
        var withoutEvidence = counter.Count;
        counter.Reset();
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == s.Person.Person.Id)).DisplayName = "Another display name";
            db.Licences.Add(new ProfessionalLicence { UserId = s.Person.Person.Id, Type = LicenceType.RN });
            return await db.SaveChangesAsync();
        });
        var withEvidence = counter.Count;

        Assert.Equal((true, true, false), await StaleAsync(s));
        // Same save plus one licence INSERT, its audit row, and ONE statement marking the standings.
        // (PostgreSQL batches the licence INSERT with its audit row: two commands more there, not three.)
        Assert.Equal(withoutEvidence + (TestDatabase.IsPostgres ? 2 : 3), withEvidence);
    }

    [Fact]
    public async Task A_meetings_attendance_bookkeeping_marks_nothing_and_an_attendance_save_marks_the_people_whose_marks_changed()
    {
        var s = await SetupAsync();
        var person = s.Person.Person.Id;

        // What an attendance save writes on its meeting (version, time, author) is read by no rule: nothing is marked.
        await factory.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.FirstAsync(m => m.GroupId == s.Person.GroupId);
            meeting.AttendanceVersion = Guid.NewGuid();
            meeting.AttendanceSavedUtc = DateTime.UtcNow;
            meeting.AttendanceSavedById = person;
            return await db.SaveChangesAsync();
        });
        Assert.Equal((false, false, false), await StaleAsync(s));

        // The same save with a changed mark marks that person's enrollments, through the attendance row.
        await factory.WithDbAsync(async db =>
        {
            var mark = await db.Attendance.Include(a => a.Meeting).FirstAsync(a => a.PersonId == person && a.Mark == AttendanceMark.Present);
            mark.Mark = AttendanceMark.Excused;
            mark.Meeting!.AttendanceVersion = Guid.NewGuid();
            mark.Meeting.AttendanceSavedUtc = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        Assert.Equal((true, true, false), await StaleAsync(s));
    }

    [Fact]
    public async Task A_failed_save_marks_nothing_and_its_changes_are_not_carried_into_the_next_save()
    {
        var s = await SetupAsync();

        await factory.WithDbAsync(async db =>
        {
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = s.Person.Person.Id, Date = factory.TodayInNewYork(), Hours = 3, Title = "Workshop" });
            db.Waivers.Add(new WaiverRecord { EnrollmentId = s.Application, RequirementKey = "x", Reason = "x", GrantedById = "no such user" }); // FK fails
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal((false, false, false), await StaleAsync(s));

            // The same context (and interceptor) saves something else afterwards.
            db.ChangeTracker.Clear();
            (await db.Users.SingleAsync(u => u.Id == s.Control.Person.Id)).DisplayName = "After the failure";
            return await db.SaveChangesAsync();
        });

        Assert.Equal((false, false, false), await StaleAsync(s));
    }

    [Fact]
    public void Every_entity_type_is_classified_as_evidence_or_explicitly_not()
    {
        // Not evidence: no verdict reads them. A new entity type must be added here or to StandingInvalidator's rules.
        HashSet<Type> notEvidence =
        [
            typeof(AppUser), typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>),
            typeof(IdentityUserLogin<string>), typeof(IdentityRoleClaim<string>), typeof(IdentityUserToken<string>),
            typeof(AuditEntry), typeof(ApiKey), typeof(DataProtectionKey), typeof(TrainingProgram), typeof(CertificateVersion),
            typeof(CachedStanding), typeof(CredentialSigningKey), typeof(UserSession),
            typeof(EndorsementApplication), typeof(ApplicationComment),
            typeof(UploadedFile), typeof(UploadedFileContent), // files support entries; reviewers' decisions on the entries count
            typeof(TrainingRequest), // an organisation's request for training: nobody's evidence
            typeof(JoinRequest), // a person's request to join a program: the enrollment it creates is refreshed as any new one
            typeof(ChampionRequest), typeof(MiPracticeGroup), typeof(MiPracticeMembership), typeof(MiPracticeSession), typeof(MiPracticeAttendance), // MI practice groups are not rules-engine evidence
            typeof(MiTrainerProfile), typeof(CoachingRequest), typeof(CoachingMessage), // the MI trainer directory and coaching requests: not evidence of any program
            typeof(EnrollmentFee), // a course fee never decides a verdict (seed 003: payment is not a requirement)
            typeof(Notification), typeof(OutboxEmail), typeof(NotificationPreference), typeof(NotificationSchedule), // what the portal told whom
            typeof(HomeworkSubmissionEvent), // a submission's history: its current state (HomeworkSubmission) is the evidence
            typeof(IntroCourseQuestion), // a module's check question: answers are not stored and no rule reads questions
            typeof(BackgroundLease), // which instance runs background work
        ];
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        foreach (var type in model.GetEntityTypes().Select(t => t.ClrType))
        {
            var (scopeOf, property) = StandingInvalidator.Classify(type);
            if (notEvidence.Contains(type))
            {
                Assert.True(scopeOf == StandingInvalidator.Scope.None, $"{type.Name} is listed as not evidence but has a rule");
                continue;
            }
            Assert.True(scopeOf != StandingInvalidator.Scope.None, $"{type.Name} is neither evidence nor listed as not evidence");
            Assert.NotNull(model.FindEntityType(type)!.FindProperty(property!));
        }
    }

    [Fact]
    public async Task The_refresher_stores_missing_and_stale_standings_and_leaves_fresh_ones()
    {
        var eligible = await factory.MioClinicianAsync(attended: 14);
        var oneShort = await factory.MioClinicianAsync(attended: 13);

        await factory.RefreshDueAsync();

        var stored = (await factory.StandingAsync(eligible.EnrollmentId))!;
        Assert.Equal(OverallStatus.Eligible, stored.Status);
        Assert.Equal((6, 6), (stored.MetCount, stored.BlockingCount));
        Assert.Equal(factory.TodayInNewYork(), stored.EvaluatedOn);
        Assert.False(stored.Stale);
        var items = StandingItem.Parse(stored.Summary);
        Assert.Equal(["classroom-hours", "consultation-attendance", "training-cases-begun", "training-case-dose", "consent-and-recording", "audio-clips"],
            items.Select(i => i.Key));
        var attendance = items.Single(i => i.Key == "consultation-attendance");
        Assert.Equal((RequirementStatus.Met, 14m, 14m, "calls", true), (attendance.Status, attendance.Current, attendance.Target, attendance.Unit, attendance.Blocking));
        Assert.Contains("\"k\":\"classroom-hours\"", stored.Summary, StringComparison.Ordinal); // compact keys
        Assert.Equal(OverallStatus.CannotBecomeEligible, (await factory.StandingAsync(oneShort.EnrollmentId))!.Status);

        // Fresh standings are not due; a stale one is, and comes back with the new verdict.
        var due = await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().Due(factory.TodayInNewYork()).ToListAsync());
        Assert.DoesNotContain(eligible.EnrollmentId, due);
        await factory.WithDbAsync(db =>
        {
            db.Waivers.Add(new WaiverRecord
            {
                EnrollmentId = oneShort.EnrollmentId, RequirementKey = "consultation-attendance", Reason = "Joined another group's calls",
                GrantedOn = factory.TodayInNewYork(), GrantedById = oneShort.Person.Id,
            });
            return db.SaveChangesAsync();
        });
        Assert.True((await factory.StandingAsync(oneShort.EnrollmentId))!.Stale);

        await factory.RefreshDueAsync();

        var refreshed = (await factory.StandingAsync(oneShort.EnrollmentId))!;
        Assert.Equal(OverallStatus.Eligible, refreshed.Status);
        Assert.False(refreshed.Stale);
        Assert.Contains(StandingItem.Parse(refreshed.Summary), i => i.Key == "consultation-attendance" && i.Waived);
    }

    [Fact]
    public async Task Withdrawn_and_completed_enrollments_are_not_refreshed()
    {
        var completed = await factory.MioClinicianAsync();
        await factory.CompleteAsync(completed.EnrollmentId, factory.TodayInNewYork());

        await factory.RefreshDueAsync();

        Assert.Null(await factory.StandingAsync(completed.EnrollmentId));
    }
}
