using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Eligibility;

/// <summary>The evidence loader reads from a real SQLite file in a fixed number of queries and builds what the engine expects.</summary>
public sealed class EvidenceLoaderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateOnly GroupStart = new(2025, 12, 1); // a Monday; 20 weekly calls, period ends 2026-04-19
    private static readonly DateOnly AsOf = new(2026, 6, 1);
    private static readonly RuleSet Mio = RuleSetCatalog.Default.Get(DefaultRuleSets.Keys.MioRostering, 1);

    /// <summary>Creates one MIO clinician in a new group of their own and returns the enrollment id.</summary>
    private async Task<int> MioClinicianAsync(int attended, int consentDaysAfterFirstSession = 0)
    {
        await using var db = factory.NewContext();
        var person = Person("mio");
        var group = ConsultationGroup(GroupStart);
        var classroom = Classroom(GroupStart.AddDays(-14));
        var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, GroupStart.AddDays(-20), group, classroom);
        db.AddRange(person, group, classroom, enrollment);
        AddMioRecords(db, person, group, classroom, attended, consentDaysAfterFirstSession: consentDaysAfterFirstSession);
        await db.SaveChangesAsync();
        return enrollment.Id;
    }

    private async Task<Verdict> VerdictAsync(int enrollmentId)
    {
        await using var db = factory.NewContext();
        var evidence = await new EvidenceLoader(db).LoadAsync(enrollmentId);
        Assert.NotNull(evidence);
        return RuleEvaluator.Evaluate(Mio, evidence, AsOf);
    }

    [Fact]
    public async Task Fourteen_of_twenty_calls_with_everything_else_done_is_just_eligible()
    {
        var verdict = await VerdictAsync(await MioClinicianAsync(attended: 14));

        Assert.Equal(OverallStatus.Eligible, verdict.Status);
        Assert.Equal(14m, verdict["consultation-attendance"]!.Current);
        Assert.Equal(16m, verdict["classroom-hours"]!.Current);
        Assert.Equal(6m, verdict["audio-clips"]!.Current);
    }

    [Fact]
    public async Task Thirteen_of_twenty_calls_is_one_call_short_and_final()
    {
        var verdict = await VerdictAsync(await MioClinicianAsync(attended: 13));

        var calls = verdict["consultation-attendance"]!;
        Assert.Equal(RequirementStatus.NotMet, calls.Status);
        Assert.Equal(13m, calls.Current);
        Assert.Equal(14m, calls.Target);
        Assert.False(calls.CanStillBeMet);
        Assert.Equal(OverallStatus.CannotBecomeEligible, verdict.Status);
    }

    [Fact]
    public async Task Consent_dated_after_the_first_session_breaks_consent_and_recording()
    {
        var verdict = await VerdictAsync(await MioClinicianAsync(attended: 14, consentDaysAfterFirstSession: 1));

        var consent = verdict["consent-and-recording"]!;
        Assert.Equal(RequirementStatus.NotMet, consent.Status);
        Assert.Contains(consent.Findings, f => f.Item.Contains("TC-1", StringComparison.Ordinal));
        Assert.Equal(OverallStatus.NotYetEligible, verdict.Status);
        Assert.Equal("consent-and-recording", verdict.NextStep!.RequirementKey);
    }

    [Fact]
    public async Task The_whole_schedule_is_loaded_so_the_forecast_sees_the_remaining_calls()
    {
        int id;
        var today = GroupStart.AddDays(7 * 10 + 1); // after the 11th call
        await using (var db = factory.NewContext())
        {
            var person = Person("forecast");
            var group = ConsultationGroup(GroupStart);
            var classroom = Classroom(GroupStart.AddDays(-14));
            var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, GroupStart, group, classroom);
            db.AddRange(person, group, classroom, enrollment);
            AddMioRecords(db, person, group, classroom, attended: 4, markedBefore: today); // 4 of 11 held: 7 missed
            group.Meetings.OrderBy(m => m.StartsUtc).Last().Cancelled = true;
            await db.SaveChangesAsync();
            id = enrollment.Id;
        }

        await using var read = factory.NewContext();
        var evidence = (await new EvidenceLoader(read).LoadAsync(id))!;
        var verdict = RuleEvaluator.Evaluate(Mio, evidence, today);

        Assert.Equal(20, evidence.ConsultationGroup!.Meetings.Count);
        Assert.Single(evidence.ConsultationGroup.Meetings, m => m.Cancelled);
        Assert.Equal(new DateOnly(2026, 4, 19), evidence.ConsultationGroup.PeriodEnd);
        var forecast = verdict["consultation-attendance"]!.Forecast!;
        Assert.Equal(8, forecast.RemainingScheduled); // 20 − 11 held − 1 cancelled
        Assert.True(forecast.AtRisk); // needs ceil(19 × 0.7) = 14, can reach at most 4 + 8 = 12
        Assert.True(verdict.AtRisk);
    }

    [Fact]
    public async Task Meeting_dates_are_the_groups_local_dates()
    {
        int id;
        await using (var db = factory.NewContext())
        {
            var person = Person("late");
            var group = ConsultationGroup(GroupStart, weeks: 2);
            group.Meetings.Clear();
            group.MeetingTime = new TimeOnly(21, 30); // 21:30 in New York is 02:30 UTC the next day
            group.Meetings.AddRange(GroupSchedule.Generate(group));
            var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, GroupStart, group);
            db.AddRange(person, group, enrollment);
            await db.SaveChangesAsync();
            id = enrollment.Id;
        }

        await using var read = factory.NewContext();
        var evidence = (await new EvidenceLoader(read).LoadAsync(id))!;

        Assert.Equal([new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 8)], evidence.ConsultationGroup!.Meetings.Select(m => m.Date));
    }

    [Fact]
    public async Task Attended_course_sessions_become_verified_relationship_based_training_hours_and_make_ups_count()
    {
        int courseId, endorsementId;
        await using (var db = factory.NewContext())
        {
            var person = Person("course");
            var cohort = CourseCohort(new DateOnly(2026, 1, 6));
            var courseEnrollment = Enroll(person, DefaultRuleSets.Keys.ImhCourse, new DateOnly(2026, 1, 2), cohort);
            var endorsement = Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL2, new DateOnly(2026, 1, 2));
            db.AddRange(person, cohort, courseEnrollment, endorsement);
            var sessions = cohort.Meetings.OrderBy(m => m.StartsUtc).ToList();
            for (var i = 0; i < sessions.Count; i++)
            {
                db.Attendance.Add(i == 3
                    ? new Attendance { Meeting = sessions[i], PersonId = person.Id, Mark = AttendanceMark.Partial, MinutesPresent = 45 }
                    : new Attendance { Meeting = sessions[i], PersonId = person.Id, Mark = AttendanceMark.Present });
            }
            db.SessionMakeUps.Add(new SessionMakeUp { Meeting = sessions[3], PersonId = person.Id, LoggedOn = new DateOnly(2026, 2, 10) });
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = person.Id, Date = new DateOnly(2025, 5, 1), Hours = 6m, Title = "Workshop", RelationshipBased = true, Verified = true });
            await db.SaveChangesAsync();
            (courseId, endorsementId) = (courseEnrollment.Id, endorsement.Id);
        }

        await using var read = factory.NewContext();
        var loaded = await new EvidenceLoader(read).LoadAsync([courseId, endorsementId]);

        var hours = loaded[endorsementId].TrainingHours;
        Assert.Equal(12, hours.Count); // the workshop and eleven sessions
        Assert.Equal(6m + 10 * 1.5m + 0.75m, hours.Sum(h => h.Hours)); // ten whole 90-minute sessions and 45 minutes of one
        Assert.All(hours.Where(h => h.Title!.StartsWith("IMH course", StringComparison.Ordinal)), h => Assert.True(h.Verified && h.RelationshipBased && h.FaceToFace));
        Assert.Same(loaded[courseId].TrainingHours, hours); // person-level lists are shared
        var course = RuleEvaluator.Evaluate(RuleSetCatalog.Default.Get(DefaultRuleSets.Keys.ImhCourse, 1), loaded[courseId], new DateOnly(2026, 4, 1));
        Assert.Equal(11m, course["sessions"]!.Current); // the partial session counts through its make-up
        Assert.Equal(RequirementStatus.Met, course["sessions"]!.Status);
    }

    [Fact]
    public async Task The_query_count_is_the_same_for_one_enrollment_and_for_four_hundred_with_many_records()
    {
        var ids = new List<int>();
        await using (var db = factory.NewContext())
        {
            var trainer = Person("trainer");
            db.Users.Add(trainer);
            TrainingGroup? group = null;
            var classroom = Classroom(GroupStart.AddDays(-14));
            var cohort = CourseCohort(new DateOnly(2025, 9, 2), CourseTerm.Fall);
            db.AddRange(classroom, cohort);
            var enrollments = new List<Enrollment>();
            for (var i = 0; i < 200; i++)
            {
                if (i % 4 == 0)
                {
                    group = ConsultationGroup(GroupStart, weeks: 26, trainerId: trainer.Id, name: $"Group {i / 4}");
                    db.Groups.Add(group);
                }
                var person = Person("bulk");
                db.Users.Add(person);
                var mio = Enroll(person, DefaultRuleSets.Keys.MioRostering, GroupStart, group, classroom);
                var l4 = Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL4, GroupStart, category: DefaultRuleSets.Categories.Clinical);
                var course = Enroll(person, DefaultRuleSets.Keys.ImhCourse, GroupStart, cohort);
                enrollments.AddRange([mio, l4, course]);
                db.Enrollments.AddRange(mio, l4, course);
                AddMioRecords(db, person, group!, classroom, attended: 15 + i % 10, tc1Sessions: 12);
                foreach (var session in cohort.Meetings)
                {
                    db.Attendance.Add(new Attendance { Meeting = session, PersonId = person.Id, Mark = AttendanceMark.Present });
                }
                for (var h = 0; h < 5; h++)
                {
                    db.TrainingHours.Add(new TrainingHoursRecord { PersonId = person.Id, Date = new DateOnly(2024, 1 + h, 1), Hours = 4m, Title = $"Training {h}", RelationshipBased = true, Verified = true });
                }
                for (var r = 0; r < 12; r++)
                {
                    db.RscLog.Add(new RscLogEntry { PersonId = person.Id, Date = new DateOnly(2024, 1 + r, 10), Hours = 4.5m, ProviderApproved = true, ProviderLevel = EndorsementLevel.LevelIVClinical });
                }
                db.Degrees.Add(new DegreeRecord { PersonId = person.Id, Kind = DegreeKind.MSW, AwardedOn = new DateOnly(2015, 5, 20), TranscriptVerified = true });
                db.WorkExperience.Add(new WorkExperienceRecord { Verified = true, PersonId = person.Id, Kind = WorkKind.SupervisedDyadicImh, Start = new DateOnly(2015, 9, 1) });
                db.Memberships.Add(new MembershipRecord { Verified = true, PersonId = person.Id, Association = "State IMH Association", From = new DateOnly(2024, 1, 1) });
                db.SignedAttestations.Add(new SignedAttestation { PersonId = person.Id, SignedName = "Test bulk", SignedOn = new DateOnly(2025, 1, 1) });
                db.FidelityReviews.Add(new FidelityReviewRecord { PersonId = person.Id, Date = new DateOnly(2025, 1, 1), Outcome = FidelityOutcome.Adherent, ReviewerId = trainer.Id });
                db.Certificates.Add(new Certificate { PersonId = person.Id, ProgramKey = DefaultRuleSets.Keys.MioRostering, IssuedOn = new DateOnly(2024, 6, 1) });
                db.LeadershipActivities.Add(new LeadershipActivityRecord { Verified = true, PersonId = person.Id, Kind = "other", Description = "Regional workgroup" });
            }
            await db.SaveChangesAsync();
            foreach (var e in enrollments.Where(e => e.ProgramKey == DefaultRuleSets.Keys.ImhEndorsementL4))
            {
                db.References.Add(new ReferenceRecord { EnrollmentId = e.Id, RaterName = "Rater", Source = ReferenceSource.Supervisor, RaterLevel = EndorsementLevel.LevelIII, RequestedOn = GroupStart, ReceivedOn = GroupStart.AddDays(9) });
                db.ExamResults.Add(new ExamResultRecord { EnrollmentId = e.Id, Date = GroupStart.AddDays(30), Passed = true });
                db.Waivers.Add(new WaiverRecord { EnrollmentId = e.Id, RequirementKey = "portfolio", Reason = "Reviewed on paper", GrantedOn = GroupStart, GrantedById = trainer.Id });
            }
            await db.SaveChangesAsync();
            ids.AddRange(enrollments.Where(e => e.ProgramKey != DefaultRuleSets.Keys.ImhCourse).Select(e => e.Id));
        }

        var counter = new CommandCounter();
        await using var read = factory.NewContext(counter);
        var loader = new EvidenceLoader(read);

        var one = await loader.LoadAsync([ids[0]]);
        var (countForOne, parametersForOne) = (counter.Count, counter.MaxParameters);
        counter.Reset();
        var all = await loader.LoadAsync(ids);
        var (countForAll, parametersForAll) = (counter.Count, counter.MaxParameters);

        Assert.Equal(EvidenceLoader.QueryCount, countForOne);
        Assert.Equal(countForOne, countForAll);
        Assert.Equal(parametersForOne, parametersForAll); // each id list travels as one parameter: no 2,100-parameter limit on SQL Server
        Assert.Single(one);
        Assert.Equal(400, all.Count);

        // Everything arrived, and members of one group share one schedule object.
        var first = all[ids[0]];
        Assert.Equal(26, first.ConsultationGroup!.Meetings.Count);
        Assert.Equal(26 + 2, first.ConsultationAttendance.Count + first.Classroom.Count);
        Assert.Equal([12, 1], first.TrainingCases.Select(c => c.Sessions.Count));
        Assert.Equal(6, first.Clips.Count);
        Assert.Equal(5 + 11, first.TrainingHours.Count); // five entries and eleven course sessions
        Assert.Equal(12, first.ReflectiveSupervision.Count);
        Assert.Same(first.ConsultationGroup, all[ids[2]].ConsultationGroup); // ids alternate mio, l4 per person: ids[2] is person 1, also in group 0
        Assert.NotSame(first.ConsultationGroup, all[ids[8]].ConsultationGroup); // ids[8] is person 4, the first of group 1
        var mentor = all[ids[1]];
        Assert.Equal("clinical", mentor.Category);
        Assert.Single(mentor.References);
        Assert.Single(mentor.ExamResults);
        Assert.Equal("Test trainer", Assert.Single(mentor.Waivers).GrantedBy);
        Assert.Equal(new DateOnly(2025, 1, 1), mentor.EthicsAgreementSignedOn);
        Assert.Equal("Test trainer", Assert.Single(first.FidelityReviews).Reviewer);
    }
}
