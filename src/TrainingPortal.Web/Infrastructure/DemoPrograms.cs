using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Files;
using Keys = TrainingPortal.Domain.Eligibility.DefaultRuleSets.Keys;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Development only: puts the demo people (<see cref="DemoData"/>) into every program at an
/// interesting point, with dates relative to today (from <see cref="TimeProvider"/>, in the portal's
/// time zone) so the demo stays interesting whenever it is started. Idempotent: does nothing once the
/// demo trainee has an enrollment. Training cases are pseudonymous codes (TC-1 …); no client names.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>trainee@ (Dana) — MIO rostering in trainer@'s Monday group, <b>at risk</b>: one call short of what can still be reached.</item>
/// <item>trainee2@ (Priya) — MIO rostering, group finished: <b>just eligible</b> (exactly 70% of calls, 16 classroom hours, 8 sessions, 6 clips); IMH Level I started.</item>
/// <item>trainee3@ (Marcus) — IMH course cohort, one missed session with a <b>logged make-up</b>, one reading left; early in trainer2@'s Wednesday MIO group.</item>
/// <item>trainee4@ (Hannah) — IMH Endorsement Level III (rule set v2, no exam), <b>waiting for two references</b>.</item>
/// <item>trainee5@ (José) — IMH Endorsement Level IV Clinical: RSC hours 4 short, the oldest <b>about to fall out</b> of the 24-month window; renewing his Level III.</item>
/// <item>trainee6@ (Grace) — rostered MIO clinician in <b>Train-the-Trainer</b>, halfway through; IMH Level II under way (one reference received, one rater's link sent).</item>
/// </list>
/// </remarks>
public static class DemoPrograms
{
    private const string Zone = "America/New_York";

    private static readonly (string Title, string Instructions)[] Homework =
    [
        ("Handbook chapter 1: key points", "Read chapter 1 of the handbook.\nWrite the five points you would stress when you teach it, one line each."),
        ("Handbook chapter 2: core concepts", "Read chapter 2.\nExplain each core concept in two or three sentences, as you would to a new clinician."),
        ("Role play: first session", "Role-play a first consultation session with a colleague.\nHand in a one-page reflection: what went well, and what you would change."),
        ("Teaching plan", "Use the attached template to plan the first two classroom days you will teach.\nName the chapters, the exercises and the time each takes."),
    ];

    private static readonly string[] LearningTitles =
        ["Reading: Fraiberg, Ghosts in the nursery", "Reading: Attachment across the lifespan", "Exercise: infant observation", "Exercise: reflective journal"];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var emails = DemoData.Accounts.Select(a => a.Email).ToList();
        var ids = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        if (ids.Count != emails.Count || await db.Enrollments.AnyAsync(e => e.PersonId == ids["trainee@demo.local"]))
        {
            return;
        }
        var today = services.GetRequiredService<EligibilityService>().Today();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var seed = new Seeder(db, today, now, ids["admin@demo.local"]);

        var trainer = ids["trainer@demo.local"];
        var trainer2 = ids["trainer2@demo.local"];
        var dana = ids["trainee@demo.local"];
        var priya = ids["trainee2@demo.local"];
        var marcus = ids["trainee3@demo.local"];
        var hannah = ids["trainee4@demo.local"];
        var jose = ids["trainee5@demo.local"];
        var grace = ids["trainee6@demo.local"];

        // ---- MIO rostering ------------------------------------------------------------------
        var classroom = seed.Classroom(today.AddDays(-16 * 7 - 10));
        var oldClassroom = seed.Classroom(today.AddDays(-37 * 7));

        // Dana: 26 Mondays from 13 weeks ago, one cancelled; she has missed so many that 70% is one call out of reach.
        var mondays = seed.Consultation("MIO consultation — Okafor, Mondays", trainer, today.AddDays(-13 * 7), DayOfWeek.Monday, new TimeOnly(12, 0));
        mondays.Meetings[3].Cancelled = true;
        var danaEnrollment = seed.Enroll(dana, Keys.MioRostering, today.AddDays(-15 * 7), mondays, classroom);
        seed.AllPresent(classroom, dana);
        var (held, remaining) = seed.Counts(mondays);
        var needed = (held + remaining) * 70 / 100 + ((held + remaining) * 70 % 100 == 0 ? 0 : 1);
        var danaAttends = Math.Max(0, needed - remaining - 1);
        seed.Mark(mondays, dana, i => i < danaAttends ? AttendanceMark.Present : (i % 2 == 0 ? AttendanceMark.Excused : AttendanceMark.Absent), spread: true);
        seed.Case(dana, "TC-1", firstSession: mondays.StartDate.AddDays(2), sessions: 6, consentDaysLate: 0);
        seed.Case(dana, "TC-2", firstSession: mondays.StartDate.AddDays(16), sessions: 3, consentDaysLate: 0);
        seed.Clips(mondays, dana, 3);

        // Priya: a finished Thursday group (26 weeks, ended 8 weeks ago, one call cancelled): exactly 18 of 25.
        var thursdays = seed.Consultation("MIO consultation — Okafor, Thursdays", trainer, today.AddDays(-34 * 7), DayOfWeek.Thursday, new TimeOnly(15, 0));
        thursdays.Meetings[10].Cancelled = true;
        seed.Enroll(priya, Keys.MioRostering, today.AddDays(-36 * 7), thursdays, oldClassroom);
        seed.AllPresent(oldClassroom, priya);
        seed.Mark(thursdays, priya, i => i < 18 ? AttendanceMark.Present : AttendanceMark.Absent, spread: true);
        seed.Case(priya, "TC-1", firstSession: thursdays.StartDate.AddDays(5), sessions: 8, consentDaysLate: 0);
        seed.Case(priya, "TC-2", firstSession: thursdays.StartDate.AddDays(40), sessions: 2, consentDaysLate: 0);
        seed.Clips(thursdays, priya, 6);

        // trainer2's Wednesday group, five weeks in: Marcus has attended every call so far.
        var wednesdays = seed.Consultation("MIO consultation — Lindqvist, Wednesdays", trainer2, today.AddDays(-5 * 7), DayOfWeek.Wednesday, new TimeOnly(10, 0));
        seed.Enroll(marcus, Keys.MioRostering, today.AddDays(-6 * 7), wednesdays, classroom);
        seed.AllPresent(classroom, marcus);
        seed.Mark(wednesdays, marcus, _ => AttendanceMark.Present);

        // ---- IMH course ---------------------------------------------------------------------
        var cohort = seed.CourseCohort(today.AddDays(-12 * 7), trainer2);
        var marcusCourse = seed.Enroll(marcus, Keys.ImhCourse, today.AddDays(-13 * 7), cohort);
        // His place is one of the grant-funded ones (the course is valued at $1,200).
        db.EnrollmentFees.Add(new EnrollmentFee { Enrollment = marcusCourse, Status = FeeStatus.Scholarship, UpdatedUtc = now });
        seed.Mark(cohort, marcus, i => i == 4 ? AttendanceMark.Absent : AttendanceMark.Present);
        var missed = cohort.Meetings[4];
        db.SessionMakeUps.Add(new SessionMakeUp
        {
            Meeting = missed, PersonId = marcus, LoggedById = trainer2, LoggedOn = seed.DateOf(missed).AddDays(9),
            Note = "Watched the recording and discussed the session with the instructor.",
        });
        if (!await db.Licences.AnyAsync(l => l.UserId == marcus))
        {
            db.Licences.Add(new ProfessionalLicence { UserId = marcus, Type = LicenceType.LCSW, IssuedBy = "NY" });
        }

        // ---- Train-the-Trainer --------------------------------------------------------------
        var ttt = seed.Cohort(GroupKind.TrainTheTrainerCohort, "MIO Train-the-Trainer cohort", trainer, today.AddDays(-4 * 7), 6, DayOfWeek.Friday, new TimeOnly(13, 0), 120);
        var graceRostering = seed.Enroll(grace, Keys.MioRostering, today.AddDays(-80 * 7), null, null);
        graceRostering.Status = EnrollmentStatus.Completed;
        graceRostering.CompletedOn = today.AddDays(-50 * 7);
        db.FidelityReviews.Add(new FidelityReviewRecord { PersonId = grace, Date = today.AddDays(-10 * 7), Outcome = FidelityOutcome.Adherent, ReviewerId = trainer, Notes = "Consistently adherent across three reviewed sessions." });
        seed.Enroll(grace, Keys.MioTrainTheTrainer, today.AddDays(-5 * 7), ttt);
        seed.Mark(ttt, grace, _ => AttendanceMark.Present);
        var homework = Homework
            .Select(h => new HomeworkAssignmentRecord { Title = h.Title, Instructions = h.Instructions }).ToList();

        await db.SaveChangesAsync(); // group ids exist from here on

        seed.RunDeferred();
        var items = LearningTitles
            .Select((title, i) => new LearningItemRecord
            {
                GroupId = cohort.Id, Title = title,
                Kind = title.StartsWith("Reading", StringComparison.Ordinal) ? LearningItemKind.Reading : LearningItemKind.Exercise,
                DueOn = cohort.StartDate.AddDays(14 * (i + 1)), // every two weeks, within the cohort's dates
            })
            .ToList();
        db.LearningItems.AddRange(items);
        foreach (var (item, i) in items.Select((item, i) => (item, i)).Where(x => x.i < 3))
        {
            // Marcus marked three of four; the instructor confirmed the first two.
            db.LearningCompletions.Add(new LearningCompletion
            {
                Item = item, PersonId = marcus, CompletedOn = today.AddDays(-60 + 14 * i),
                ConfirmedOn = i < 2 ? today.AddDays(-58 + 14 * i) : null, ConfirmedById = i < 2 ? trainer2 : null,
            });
        }
        var files = services.GetRequiredService<EvidenceFiles>();
        files.Add(trainer, FilePurpose.Handbook, new CheckedUpload(DemoPdf("MIO Train-the-Trainer handbook"), FileRules.Pdf, "MIO Train-the-Trainer handbook.pdf"), groupId: ttt.Id);
        static DateTime AtNoon(DateOnly date) => date.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc);
        for (var i = 0; i < homework.Count; i++)
        {
            homework[i].GroupId = ttt.Id;
            homework[i].DueOn = ttt.StartDate.AddDays(7 * (i + 1));
            db.HomeworkAssignments.Add(homework[i]);
            if (i == homework.Count - 1)
            {
                // The teaching plan comes with its template (a file faculty uploaded).
                homework[i].File = files.Add(trainer, FilePurpose.HomeworkAssignment,
                    new CheckedUpload(DemoPdf("Teaching plan template"), FileRules.Pdf, "Teaching plan template.pdf"), groupId: ttt.Id);
            }
            if (i < 3)
            {
                var submitted = ttt.StartDate.AddDays(7 * i + 5);
                var submission = new HomeworkSubmission
                {
                    Assignment = homework[i], PersonId = grace, SubmittedOn = submitted,
                    AcceptedOn = i < 2 ? ttt.StartDate.AddDays(7 * i + 8) : null,
                };
                submission.Events.Add(new HomeworkSubmissionEvent { Kind = HomeworkEventKind.Received, ById = trainer, AtUtc = AtNoon(submitted) });
                if (submission.AcceptedOn is { } acceptedOn)
                {
                    submission.Events.Add(new HomeworkSubmissionEvent { Kind = HomeworkEventKind.Accepted, ById = trainer, AtUtc = AtNoon(acceptedOn) });
                }
                db.HomeworkSubmissions.Add(submission);
            }
        }

        // ---- IMH endorsement ----------------------------------------------------------------
        // Hannah, Level III v2: everything in place except two of three references.
        var hannahL3 = seed.Enroll(hannah, Keys.ImhEndorsementL3, today.AddDays(-60));
        hannahL3.PortfolioApprovedOn = today.AddDays(-20);
        seed.Degree(hannah, DegreeKind.MSW, today.AddYears(-6), "Social work");
        seed.Work(hannah, WorkKind.SupervisedDyadicImh, today.AddYears(-6).AddMonths(2), null, "Early Connections Home Visiting");
        seed.Hours(hannah, today.AddMonths(-20), 4, 8m);
        seed.Rsc(hannah, today.AddMonths(-18), 13, 4m, EndorsementLevel.LevelIII);
        seed.Ethics(hannah, "Hannah Kowalski", today.AddDays(-58));
        seed.Member(hannah, today.AddMonths(-10));
        seed.Reference(hannahL3, "Supervisor (named by the applicant)", ReferenceSource.Supervisor, EndorsementLevel.LevelIII, today.AddDays(-45), today.AddDays(-30));
        seed.Reference(hannahL3, "RSC provider (named by the applicant)", ReferenceSource.RscProvider, EndorsementLevel.LevelIVClinical, today.AddDays(-45), null);
        seed.Reference(hannahL3, "Colleague (named by the applicant)", ReferenceSource.Colleague, EndorsementLevel.None, today.AddDays(-45), null);
        // … and submitted for review five days ago: the reviewers' queue shows it.
        seed.Later(() => db.EndorsementApplications.Add(new EndorsementApplication
        {
            EnrollmentId = hannahL3.Id, Status = ApplicationStatus.Submitted, Round = 1, SubmittedUtc = now.AddDays(-5),
        }));

        // José, Level IV Clinical: 46 RSC hours in the window, the oldest about to drop out.
        var joseL4 = seed.Enroll(jose, Keys.ImhEndorsementL4, today.AddDays(-90), category: DefaultRuleSets.Categories.Clinical);
        joseL4.PortfolioApprovedOn = today.AddDays(-30);
        seed.Degree(jose, DegreeKind.PhD, today.AddYears(-9), "Clinical psychology");
        seed.Work(jose, WorkKind.SupervisedDyadicImh, today.AddYears(-9).AddMonths(1), today.AddYears(-5), "University infant clinic");
        seed.Work(jose, WorkKind.ProvidingReflectiveSupervision, today.AddYears(-5), null, "Regional IMH network");
        db.LeadershipActivities.Add(new LeadershipActivityRecord { Verified = true, PersonId = jose, Kind = "Presenting at state conferences", Description = "Workshop on reflective supervision, state IMH conference." });
        seed.Hours(jose, today.AddMonths(-30), 8, 5m);
        seed.Rsc(jose, today.AddMonths(-24).AddDays(12), 23, 2m, EndorsementLevel.LevelIVClinical);
        seed.Ethics(jose, "José Alvarez", today.AddDays(-88));
        seed.Member(jose, today.AddMonths(-30));
        seed.Reference(joseL4, "Program supervisor", ReferenceSource.Supervisor, EndorsementLevel.LevelIVClinical, today.AddDays(-80), today.AddDays(-60));
        seed.Reference(joseL4, "RSC provider", ReferenceSource.RscProvider, EndorsementLevel.LevelIVClinical, today.AddDays(-80), today.AddDays(-55));
        seed.Reference(joseL4, "Supervisee", ReferenceSource.RscRecipient, EndorsementLevel.LevelII, today.AddDays(-80), today.AddDays(-50));
        seed.Later(() => db.ExamResults.Add(new ExamResultRecord { EnrollmentId = joseL4.Id, Date = today.AddDays(-40), Passed = true }));
        // … and renewing the Level III he holds (endorsed last year: its certificate is issued below): 10 of the year's 15 hours so far.
        var joseL3 = seed.Enroll(jose, Keys.ImhEndorsementL3, today.AddDays(-500));
        joseL3.Status = EnrollmentStatus.Completed;
        joseL3.CompletedOn = today.AddYears(-1).AddDays(-60); // last year: this year's renewal is the one that keeps it valid
        var joseRenewal = seed.Enroll(jose, Keys.ImhRenewal, today.AddDays(-200));
        joseRenewal.HeldEndorsement = EndorsementLevel.LevelIII;
        seed.Hours(jose, today.AddDays(-40), 2, 5m);

        // Tomás, MI Champion: started MI Champions' free introductory course.
        seed.Enroll(ids["champion@demo.local"], Keys.MiPractice, today.AddDays(-30));

        // Ingrid asked from the catalog two days ago to join MIO clinician rostering: it waits in the administrators' queue.
        db.JoinRequests.Add(new JoinRequest
        {
            PersonId = ids["mitrainer@demo.local"], ProgramKey = Keys.MioRostering, CreatedUtc = now.AddDays(-2),
            Message = "I train MI and would like to learn MIO for my team's infant work.",
        });

        // Priya, Level I: just started (training hours under way, no references yet).
        seed.Enroll(priya, Keys.ImhEndorsementL1, today.AddDays(-21));
        seed.Degree(priya, DegreeKind.BA, today.AddYears(-4), "Psychology");
        seed.Hours(priya, today.AddMonths(-5), 3, 6m);
        seed.Ethics(priya, "Priya Natarajan", today.AddDays(-20));

        // Grace, Level II: RSC at 20 of 24 hours.
        var graceL2 = seed.Enroll(grace, Keys.ImhEndorsementL2, today.AddDays(-120));
        seed.Degree(grace, DegreeKind.BSW, today.AddYears(-7), "Social work");
        seed.Work(grace, WorkKind.InfantFamilyPaid, today.AddYears(-7).AddMonths(3), null, "Family Center", families: 40);
        seed.Hours(grace, today.AddMonths(-14), 5, 7m);
        seed.Rsc(grace, today.AddMonths(-10), 10, 2m, EndorsementLevel.LevelIII);
        seed.Member(grace, today.AddMonths(-8));
        seed.Ethics(grace, "Grace Whitfield", today.AddDays(-118));
        seed.Reference(graceL2, "Supervisor", ReferenceSource.Supervisor, EndorsementLevel.LevelII, today.AddDays(-100), today.AddDays(-90));
        // A rater named in the portal ten days ago, link not yet answered (its token is known to nobody: a new link can be sent).
        seed.Later(() => db.References.Add(new ReferenceRecord
        {
            EnrollmentId = graceL2.Id, RaterName = "Morgan Ellis", RaterEmail = "morgan.ellis@example.org", Source = ReferenceSource.RscProvider,
            RequestedOn = today.AddDays(-10), SentUtc = now.AddDays(-10), LinkExpiresUtc = now.AddDays(20),
            TokenHash = Features.References.ReferenceLinks.HashOf(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))),
        }));

        // A waiver to show: Dana's case dose, reviewed by the trainer (she is still at risk on calls).
        danaEnrollment.Waivers.Add(new WaiverRecord
        {
            RequirementKey = "training-case-dose", Reason = "Second case started late for agency reasons; dose reviewed by the trainer.",
            GrantedOn = today.AddDays(-7), GrantedById = ids["admin@demo.local"],
        });

        await db.SaveChangesAsync();
        seed.RunDeferred(); // references, exam results: they need the enrollments' ids
        await db.SaveChangesAsync();

        // Certificates issued as an administrator would (PDF, code, Open Badges credential).
        var certificates = services.GetRequiredService<TrainingPortal.Web.Certificates.CertificateService>();
        await certificates.IssueAsync(graceRostering.Id);
        // José's Level III endorsement, the one his renewal renews.
        await certificates.IssueAsync(joseL3.Id);
    }

    /// <summary>Small builders that keep the scenarios above readable.</summary>
    /// <summary>A one-page PDF that says what it stands for (demo files only).</summary>
    internal static byte[] DemoPdf(string title)
    {
        var text = title.Replace("\\", "", StringComparison.Ordinal).Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
        var stream = $"BT /F1 18 Tf 72 720 Td ({text} - demo) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private sealed class Seeder(AppDbContext db, DateOnly today, DateTime now, string adminId)
    {
        private readonly TimeZoneInfo _zone = GroupSchedule.Zone(Zone);

        public DateOnly DateOf(Meeting meeting) => GroupSchedule.LocalDate(meeting.StartsUtc, _zone);

        public TrainingGroup Consultation(string name, string trainerId, DateOnly start, DayOfWeek day, TimeOnly time) =>
            Cohort(GroupKind.MioConsultation, name, trainerId, start, 26, day, time, 60);

        public TrainingGroup CourseCohort(DateOnly start, string instructorId)
        {
            var term = start.Month switch { <= 4 => CourseTerm.Spring, <= 8 => CourseTerm.Summer, _ => CourseTerm.Fall };
            var group = Cohort(GroupKind.ImhCourseCohort, $"IMH Theory to Practice — {term} {start.Year}", instructorId, start, 11, DayOfWeek.Tuesday, new TimeOnly(18, 0), 90);
            group.Term = term;
            group.Year = start.Year;
            return group;
        }

        public TrainingGroup Cohort(GroupKind kind, string name, string trainerId, DateOnly start, int weeks, DayOfWeek day, TimeOnly time, int minutes)
        {
            var group = new TrainingGroup
            {
                Kind = kind, ProgramKey = ProgramCatalog.Default.ProgramOf(kind).Key, Name = name, TrainerId = trainerId, StartDate = start, EndDate = start.AddDays(7 * weeks - 1),
                MeetingDay = day, MeetingTime = time, TimeZoneId = Zone, Weeks = weeks, DurationMinutes = minutes,
            };
            group.Meetings.AddRange(GroupSchedule.Generate(group));
            db.Groups.Add(group);
            return group;
        }

        public TrainingGroup Classroom(DateOnly firstDay)
        {
            var group = new TrainingGroup
            {
                Kind = GroupKind.MioClassroom, ProgramKey = ProgramCatalog.Default.ProgramOf(GroupKind.MioClassroom).Key, Name = $"MIO classroom training {firstDay:MMMM yyyy}",
                StartDate = firstDay, EndDate = firstDay.AddDays(1), TimeZoneId = Zone, DurationMinutes = 480,
            };
            group.Meetings.Add(new Meeting { StartsUtc = GroupSchedule.ToUtc(firstDay, new TimeOnly(9, 0), _zone), DurationMinutes = 480, Title = "Day 1" });
            group.Meetings.Add(new Meeting { StartsUtc = GroupSchedule.ToUtc(firstDay.AddDays(1), new TimeOnly(9, 0), _zone), DurationMinutes = 480, Title = "Day 2" });
            db.Groups.Add(group);
            return group;
        }

        public Enrollment Enroll(string personId, string program, DateOnly createdOn, TrainingGroup? group = null, TrainingGroup? classroom = null, string? category = null)
        {
            var enrollment = new Enrollment
            {
                PersonId = personId, ProgramKey = program, RuleSetId = RuleSetCatalog.Default.Current(program, createdOn)!.Id, Category = category,
                Group = group, ClassroomGroup = classroom, Status = EnrollmentStatus.Active, CreatedOn = createdOn,
                CreatedUtc = now.AddDays(createdOn.DayNumber - today.DayNumber), CreatedById = adminId,
            };
            db.Enrollments.Add(enrollment);
            return enrollment;
        }

        /// <summary>Held as the rules count it: not cancelled and dated on or before today (as of today = at its end).</summary>
        public (int Held, int Remaining) Counts(TrainingGroup group)
        {
            var live = group.Meetings.Where(m => !m.Cancelled).Select(DateOf).ToList();
            return (live.Count(d => d <= today), live.Count(d => d > today));
        }

        /// <summary>Only meetings that have started are marked, as a trainer could have; a meeting later today counts as held and missed until marked.</summary>
        private bool Started(Meeting m) => m.StartsUtc <= now;

        public void AllPresent(TrainingGroup group, string personId)
        {
            foreach (var m in group.Meetings.Where(Started))
            {
                db.Attendance.Add(new Attendance { Meeting = m, PersonId = personId, Mark = AttendanceMark.Present });
            }
        }

        /// <summary>
        /// Marks the held meetings: the i-th held meeting gets <paramref name="mark"/>(i). With
        /// <paramref name="spread"/> the absences are spread through the schedule instead of coming last.
        /// </summary>
        public void Mark(TrainingGroup group, string personId, Func<int, AttendanceMark> mark, bool spread = false)
        {
            var held = group.Meetings.Where(m => !m.Cancelled && Started(m)).ToList();
            var order = Enumerable.Range(0, held.Count).ToList();
            if (spread)
            {
                order = [.. order.OrderBy(i => (i * 7) % held.Count)];
            }
            for (var n = 0; n < held.Count; n++)
            {
                db.Attendance.Add(new Attendance { Meeting = held[order[n]], PersonId = personId, Mark = mark(n) });
            }
        }

        public void Case(string personId, string code, DateOnly firstSession, int sessions, int consentDaysLate)
        {
            var training = new TrainingCaseRecord { PersonId = personId, Code = code, ConsentDate = firstSession.AddDays(consentDaysLate) };
            for (var s = 0; s < sessions && firstSession.AddDays(7 * s) < today; s++)
            {
                training.Sessions.Add(new CaseSessionRecord { Date = firstSession.AddDays(7 * s), Recorded = true });
            }
            db.TrainingCases.Add(training);
        }

        /// <summary>Clips played in the person's first attended meetings, de-identified, with the trainer's feedback.</summary>
        public void Clips(TrainingGroup group, string personId, int count)
        {
            var attended = db.ChangeTracker.Entries<Attendance>()
                .Select(e => e.Entity)
                .Where(a => a.PersonId == personId && a.Mark == AttendanceMark.Present && a.Meeting is { } m && group.Meetings.Contains(m))
                .Select(a => a.Meeting!)
                .OrderBy(m => m.StartsUtc)
                .Take(count)
                .ToList();
            for (var c = 0; c < attended.Count; c++)
            {
                db.ClipPresentations.Add(new ClipPresentationRecord
                {
                    Meeting = attended[c], PersonId = personId, ClipCode = $"clip-{c + 1}", DeIdentified = true,
                    Feedback = c % 2 == 0 ? "Good attunement to the caregiver's state; slow down before reflecting." : "Clear mentalizing prompt; notice the pause after it.",
                });
            }
        }

        public void Degree(string personId, DegreeKind kind, DateOnly awarded, string field) =>
            db.Degrees.Add(new DegreeRecord { PersonId = personId, Kind = kind, AwardedOn = awarded, Field = field, TranscriptVerified = true });

        public void Work(string personId, WorkKind kind, DateOnly start, DateOnly? end, string employer, int families = 0) =>
            db.WorkExperience.Add(new WorkExperienceRecord { Verified = true, PersonId = personId, Kind = kind, Start = start, End = end, Employer = employer, FamiliesServed = families });

        /// <summary><paramref name="count"/> monthly verified, relationship-based entries of <paramref name="hours"/> each.</summary>
        public void Hours(string personId, DateOnly first, int count, decimal hours)
        {
            for (var i = 0; i < count; i++)
            {
                db.TrainingHours.Add(new TrainingHoursRecord
                {
                    PersonId = personId, Date = first.AddMonths(i), Hours = hours, Title = $"Relationship-based training workshop {i + 1}",
                    RelationshipBased = true, Verified = true, FaceToFace = true,
                });
            }
        }

        /// <summary><paramref name="count"/> monthly RSC sessions of <paramref name="hours"/> with an approved provider.</summary>
        public void Rsc(string personId, DateOnly first, int count, decimal hours, EndorsementLevel provider)
        {
            for (var i = 0; i < count; i++)
            {
                db.RscLog.Add(new RscLogEntry { PersonId = personId, Date = first.AddMonths(i), Hours = hours, ProviderApproved = true, ProviderLevel = provider, ProviderName = "Approved RSC provider", Group = i % 3 == 2 });
            }
        }

        public void Ethics(string personId, string name, DateOnly on) =>
            db.SignedAttestations.Add(new SignedAttestation { PersonId = personId, Kind = AttestationKind.EthicsAgreement, SignedName = name, SignedOn = on, SignedUtc = now.AddDays(on.DayNumber - today.DayNumber) });

        public void Member(string personId, DateOnly from) =>
            db.Memberships.Add(new MembershipRecord { Verified = true, PersonId = personId, Association = "State Association for Infant Mental Health", From = from, To = today.AddMonths(8), Individual = true });

        public void Reference(Enrollment enrollment, string rater, ReferenceSource source, EndorsementLevel level, DateOnly requested, DateOnly? received) =>
            Later(() => db.References.Add(new ReferenceRecord { EnrollmentId = enrollment.Id, RaterName = rater, Source = source, RaterLevel = level, RequestedOn = requested, ReceivedOn = received }));

        private readonly List<Action> _deferred = [];

        /// <summary>Rows that need an enrollment's database id: added after the first save.</summary>
        public void Later(Action add) => _deferred.Add(add);

        public void RunDeferred()
        {
            foreach (var add in _deferred)
            {
                add();
            }
            _deferred.Clear();
        }
    }
}
