using D = TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Eligibility;

/// <summary>What the loader read about an enrollment itself, besides its evidence.</summary>
public sealed record EnrollmentHeader(int Id, string PersonId, string ProgramKey, string RuleSetId, string? Category,
    EnrollmentStatus Status, DateOnly CreatedOn, int? GroupId)
{
    /// <summary>The award date an administrator approved it on, once completed.</summary>
    public DateOnly? CompletedOn { get; init; }
}

/// <summary>One enrollment with its evidence snapshot.</summary>
public sealed record LoadedEnrollment(EnrollmentHeader Enrollment, D.Evidence Evidence);

/// <summary>
/// Builds the rules engine's <see cref="D.Evidence"/> for enrollments from the database in a fixed
/// number of SQL queries — <see cref="QueryCount"/>, whether for one enrollment or for thousands, and
/// however many records each has: one <c>AsNoTracking</c> projection per evidence table, filtered by
/// the set of enrollment, person or group ids (each id set is sent as ONE parameter, a JSON array, so
/// the SQL text and the parameter count do not grow with the list either), then grouped in memory.
/// </summary>
/// <remarks>
/// Meeting instants are turned into dates in the group's own time zone. Each consultation group's
/// schedule — every meeting, cancelled and future ones included, because the engine forecasts from
/// the remaining calls — is one <see cref="D.ConsultationGroup"/> object shared by all its members'
/// snapshots. Attended IMH course sessions are added to <see cref="D.Evidence.TrainingHours"/> as
/// verified, relationship-based, face-to-face entries (Present: the session's length; Partial: the
/// minutes present, capped at the length; 90 minutes = 1.5 h).
/// </remarks>
public sealed class EvidenceLoader(AppDbContext db)
{
    /// <summary>The number of SQL queries a load of one or more enrollments takes (none for an empty list).</summary>
    public const int QueryCount = 27;

    /// <summary>The evidence of one enrollment, or <c>null</c> when there is no such enrollment.</summary>
    public async Task<D.Evidence?> LoadAsync(int enrollmentId, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadEnrollmentsAsync([enrollmentId], cancellationToken);
        return loaded.Count == 0 ? null : loaded[0].Evidence;
    }

    /// <summary>The evidence of each existing enrollment of <paramref name="enrollmentIds"/>, by enrollment id (unknown ids are left out).</summary>
    public async Task<IReadOnlyDictionary<int, D.Evidence>> LoadAsync(IReadOnlyCollection<int> enrollmentIds, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadEnrollmentsAsync(enrollmentIds, cancellationToken);
        return loaded.ToDictionary(l => l.Enrollment.Id, l => l.Evidence);
    }

    /// <summary>The enrollments of <paramref name="enrollmentIds"/> that exist, ordered by id, each with its evidence.</summary>
    public Task<IReadOnlyList<LoadedEnrollment>> LoadEnrollmentsAsync(IReadOnlyCollection<int> enrollmentIds, CancellationToken cancellationToken = default) =>
        LoadEnrollmentsAsync(enrollmentIds, null, cancellationToken);

    /// <summary>
    /// The evidence of one enrollment as if group <paramref name="groupId"/> filled its place <paramref name="placement"/> (its
    /// group or cohort, or its classroom training) instead of the group there now: what a move would do to its standing,
    /// before it is saved. Nothing is written. <c>null</c> when there is no such enrollment.
    /// </summary>
    public async Task<LoadedEnrollment?> LoadAsIfInGroupAsync(int enrollmentId, GroupPlacement placement, int groupId, DateOnly? joinedOn = null,
        CancellationToken cancellationToken = default)
    {
        var loaded = await LoadEnrollmentsAsync([enrollmentId], new GroupOverride(enrollmentId, placement, groupId, joinedOn), cancellationToken);
        return loaded.Count == 0 ? null : loaded[0];
    }

    /// <param name="JoinedOn">For the group place: the join date from which its meetings apply (null: all of them apply).</param>
    private sealed record GroupOverride(int EnrollmentId, GroupPlacement Placement, int GroupId, DateOnly? JoinedOn);

    private async Task<IReadOnlyList<LoadedEnrollment>> LoadEnrollmentsAsync(IReadOnlyCollection<int> enrollmentIds, GroupOverride? asIf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollmentIds);
        if (enrollmentIds.Count == 0)
        {
            return [];
        }
        var ct = cancellationToken;
        var ids = enrollmentIds.Distinct().ToArray();

        // 1. The enrollments themselves.
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => EF.Parameter(ids).Contains(e.Id))
            .OrderBy(e => e.Id)
            .Select(e => new EnrollmentRow(e.Id, e.PersonId, e.ProgramKey, e.RuleSetId, e.Category, e.Status, e.CreatedOn,
                e.GroupId, e.ClassroomGroupId, e.PortfolioApprovedOn, e.HeldEndorsement, e.ProvidesReflectiveSupervision, e.CompletedOn,
                e.JoinedOn, e.PastMeetingsNotApplicable))
            .ToListAsync(ct);
        if (enrollments.Count == 0)
        {
            return [];
        }
        if (asIf is not null)
        {
            enrollments = [.. enrollments.Select(e => e.Id != asIf.EnrollmentId ? e : asIf.Placement switch
            {
                GroupPlacement.Group => e with { GroupId = asIf.GroupId, JoinedOn = asIf.JoinedOn, PastMeetingsNotApplicable = asIf.JoinedOn is not null },
                GroupPlacement.Classroom => e with { ClassroomGroupId = asIf.GroupId },
            })];
        }
        ids = [.. enrollments.Select(e => e.Id)];
        var people = enrollments.Select(e => e.PersonId).Distinct(StringComparer.Ordinal).ToArray();
        var groupIds = enrollments.SelectMany(e => new[] { e.GroupId, e.ClassroomGroupId }).OfType<int>().Distinct().ToArray();

        // 2–4. Groups, their whole schedules, and their homework and reading lists.
        var groups = await db.Groups.AsNoTracking()
            .Where(g => EF.Parameter(groupIds).Contains(g.Id))
            .Select(g => new GroupRow(g.Id, g.Kind, g.Name, g.EndDate, g.TimeZoneId, g.MinimumSessions))
            .ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => EF.Parameter(groupIds).Contains(m.GroupId))
            .OrderBy(m => m.StartsUtc).ThenBy(m => m.Id)
            .Select(m => new MeetingRow(m.Id, m.GroupId, m.StartsUtc, m.DurationMinutes, m.Cancelled))
            .ToListAsync(ct);
        var assignments = await db.HomeworkAssignments.AsNoTracking()
            .Where(h => EF.Parameter(groupIds).Contains(h.GroupId))
            .OrderBy(h => h.DueOn).ThenBy(h => h.Id)
            .Select(h => new ItemRow(h.Id, h.GroupId, h.Title))
            .ToListAsync(ct);
        var learningItems = await db.LearningItems.AsNoTracking()
            .Where(i => EF.Parameter(groupIds).Contains(i.GroupId))
            .OrderBy(i => i.Id)
            .Select(i => new ItemRow(i.Id, i.GroupId, i.Title))
            .ToListAsync(ct);

        // 5–8. The people's marks in every group (course hours come from any course cohort), make-ups, submissions, completions.
        var attendance = await db.Attendance.AsNoTracking()
            .Where(a => EF.Parameter(people).Contains(a.PersonId))
            .Select(a => new AttendanceRow(a.PersonId, a.MeetingId, a.Mark, a.MinutesPresent, a.Meeting!.GroupId, a.Meeting.StartsUtc,
                a.Meeting.DurationMinutes, a.Meeting.Cancelled, a.Meeting.Group!.Kind, a.Meeting.Group.TimeZoneId, a.Meeting.Group.Name))
            .ToListAsync(ct);
        var makeUps = await db.SessionMakeUps.AsNoTracking()
            .Where(m => EF.Parameter(people).Contains(m.PersonId))
            .Select(m => new PersonItem(m.PersonId, m.MeetingId))
            .ToListAsync(ct);
        var submissions = await db.HomeworkSubmissions.AsNoTracking()
            .Where(s => EF.Parameter(people).Contains(s.PersonId))
            .Select(s => new SubmissionRow(s.PersonId, s.AssignmentId, s.AcceptedOn != null))
            .ToListAsync(ct);
        var completions = await db.LearningCompletions.AsNoTracking()
            .Where(c => EF.Parameter(people).Contains(c.PersonId))
            .Select(c => new PersonItem(c.PersonId, c.ItemId))
            .ToListAsync(ct);

        // 9–13. MIO: training cases and their sessions, clips, fidelity reviews, certificates.
        var cases = await db.TrainingCases.AsNoTracking()
            .Where(c => EF.Parameter(people).Contains(c.PersonId))
            .OrderBy(c => c.Code)
            .Select(c => new CaseRow(c.Id, c.PersonId, c.Code, c.ConsentDate))
            .ToListAsync(ct);
        var caseSessions = await db.CaseSessions.AsNoTracking()
            .Where(s => EF.Parameter(people).Contains(s.TrainingCase!.PersonId))
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new CaseSessionRow(s.TrainingCaseId, s.Date, s.Recorded))
            .ToListAsync(ct);
        var clips = await db.ClipPresentations.AsNoTracking()
            .Where(c => EF.Parameter(people).Contains(c.PersonId))
            .OrderBy(c => c.Id)
            .Select(c => new { c.PersonId, Clip = new D.ClipPresentation(c.ClipCode, c.MeetingId, c.DeIdentified, c.Feedback) })
            .ToListAsync(ct);
        var reviews = await db.FidelityReviews.AsNoTracking()
            .Where(f => EF.Parameter(people).Contains(f.PersonId))
            .OrderBy(f => f.Date).ThenBy(f => f.Id)
            .Select(f => new { f.PersonId, f.Date, f.Outcome, Reviewer = db.Users.Where(u => u.Id == f.ReviewerId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => EF.Parameter(people).Contains(c.PersonId))
            .Select(c => new { c.PersonId, Certificate = new D.HeldCertificate(c.ProgramKey, c.IssuedOn, c.RevokedOn) })
            .ToListAsync(ct);

        // 14–22. The person's professional record. Work periods, leadership and memberships count once a reviewer verified
        //        them; training hours, degrees and RSC carry their verified flag into the domain, which explains pending ones.
        var licences = await db.Licences.AsNoTracking()
            .Where(l => EF.Parameter(people).Contains(l.UserId))
            .Select(l => new { l.UserId, l.Type })
            .ToListAsync(ct);
        var degrees = await db.Degrees.AsNoTracking()
            .Where(d => EF.Parameter(people).Contains(d.PersonId))
            .OrderBy(d => d.AwardedOn)
            .Select(d => new { d.PersonId, Degree = new D.Degree(d.Kind, d.AwardedOn, d.TranscriptVerified, d.Field) })
            .ToListAsync(ct);
        var hours = await db.TrainingHours.AsNoTracking()
            .Where(t => EF.Parameter(people).Contains(t.PersonId))
            .OrderBy(t => t.Date).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.PersonId,
                Entry = new D.TrainingHoursEntry(t.Date, t.Hours, t.RelationshipBased, t.Verified, t.FaceToFace, t.AboutReflectiveSupervision, t.Title,
                    t.NotAcceptedReason != null),
            })
            .ToListAsync(ct);
        var work = await db.WorkExperience.AsNoTracking()
            .Where(w => w.Verified && EF.Parameter(people).Contains(w.PersonId))
            .OrderBy(w => w.Start)
            .Select(w => new { w.PersonId, Period = new D.WorkPeriod(w.Kind, w.Start, w.End, w.FamiliesServed) })
            .ToListAsync(ct);
        var leadership = await db.LeadershipActivities.AsNoTracking()
            .Where(l => l.Verified && EF.Parameter(people).Contains(l.PersonId))
            .OrderBy(l => l.Id)
            .Select(l => new { l.PersonId, Activity = new D.LeadershipActivity(l.Kind, l.Description) })
            .ToListAsync(ct);
        var rsc = await db.RscLog.AsNoTracking()
            .Where(r => EF.Parameter(people).Contains(r.PersonId))
            .OrderBy(r => r.Date).ThenBy(r => r.Id)
            .Select(r => new { r.PersonId, Entry = new D.RscEntry(r.Date, r.Hours, r.ProviderApproved, r.ProviderLevel, r.Group, r.Peer, r.NotAcceptedReason != null) })
            .ToListAsync(ct);
        var ethics = await db.SignedAttestations.AsNoTracking()
            .Where(s => s.Kind == AttestationKind.EthicsAgreement && EF.Parameter(people).Contains(s.PersonId))
            .Select(s => new { s.PersonId, s.SignedOn })
            .ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.Verified && EF.Parameter(people).Contains(m.PersonId))
            .OrderBy(m => m.From)
            .Select(m => new { m.PersonId, Membership = new D.Membership(m.From, m.To, m.Individual, m.Association) })
            .ToListAsync(ct);

        // 23–25. What belongs to the application itself: references, exam results, waivers.
        var references = await db.References.AsNoTracking()
            .Where(r => EF.Parameter(ids).Contains(r.EnrollmentId))
            .OrderBy(r => r.Id)
            .Select(r => new { r.EnrollmentId, Rating = new D.ReferenceRating(r.Source, r.RaterLevel, r.ReceivedOn != null) })
            .ToListAsync(ct);
        var exams = await db.ExamResults.AsNoTracking()
            .Where(r => EF.Parameter(ids).Contains(r.EnrollmentId))
            .OrderBy(r => r.Date)
            .Select(r => new { r.EnrollmentId, Result = new D.ExamResult(r.Date, r.Passed) })
            .ToListAsync(ct);
        var waivers = await db.Waivers.AsNoTracking()
            .Where(w => EF.Parameter(ids).Contains(w.EnrollmentId))
            .OrderBy(w => w.GrantedOn).ThenBy(w => w.Id)
            .Select(w => new
            {
                w.EnrollmentId,
                w.RequirementKey,
                w.Reason,
                w.GrantedOn,
                By = db.Users.Where(u => u.Id == w.GrantedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);

        // 26–27. The introductory courses of the enrollments' programs (published modules, in order) and the people's completions.
        var programKeys = enrollments.Select(e => e.ProgramKey).Distinct(StringComparer.Ordinal).ToArray();
        var courseModules = await db.IntroCourseModules.AsNoTracking()
            .Where(m => m.Published && EF.Parameter(programKeys).Contains(m.ProgramKey))
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new CourseModuleRow(m.Id, m.ProgramKey, m.Title))
            .ToListAsync(ct);
        var moduleCompletions = await db.IntroCourseCompletions.AsNoTracking()
            .Where(c => EF.Parameter(people).Contains(c.PersonId) && c.Module!.Published)
            .Select(c => new PersonItem(c.PersonId, c.ModuleId))
            .ToListAsync(ct);

        // ---- in memory ---------------------------------------------------------------------
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        TimeZoneInfo ZoneOf(string id)
        {
            if (!zones.TryGetValue(id, out var zone))
            {
                zones[id] = zone = GroupSchedule.Zone(id);
            }
            return zone;
        }

        var groupById = groups.ToDictionary(g => g.Id);
        var meetingsByGroup = meetings.ToLookup(m => m.GroupId);
        var meetingDates = new Dictionary<int, DateOnly>(meetings.Count);
        foreach (var m in meetings)
        {
            meetingDates[m.Id] = GroupSchedule.LocalDate(m.StartsUtc, ZoneOf(groupById[m.GroupId].TimeZoneId));
        }

        // One shared schedule object per consultation group.
        var consultationGroups = new Dictionary<int, D.ConsultationGroup>();
        bool Feeds(GroupKind kind, GroupEvidence evidence) => ProgramCatalog.Default.Kind(kind).Evidence == evidence;
        foreach (var g in groups.Where(g => Feeds(g.Kind, GroupEvidence.ConsultationAttendance)))
        {
            consultationGroups[g.Id] = new D.ConsultationGroup(g.EndDate,
                [.. meetingsByGroup[g.Id].Select(m => new D.ConsultationMeeting(m.Id, meetingDates[m.Id], m.Cancelled, m.DurationMinutes))]);
        }

        var marks = attendance.ToDictionary(a => (a.PersonId, a.MeetingId));
        var madeUp = makeUps.Select(m => (m.PersonId, m.ItemId)).ToHashSet();
        var submitted = submissions.ToDictionary(s => (s.PersonId, s.AssignmentId), s => s.Accepted);
        var completed = completions.Select(c => (c.PersonId, c.ItemId)).ToHashSet();
        var assignmentsByGroup = assignments.ToLookup(a => a.GroupId);
        var itemsByGroup = learningItems.ToLookup(i => i.GroupId);
        var sessionsByCase = caseSessions.ToLookup(s => s.CaseId);
        var attendanceByPerson = attendance.ToLookup(a => a.PersonId, StringComparer.Ordinal);

        var courseHours = attendanceByPerson.ToDictionary(g => g.Key, g => g
            .Where(a => Feeds(a.Kind, GroupEvidence.CourseSessions) && !a.Cancelled && a.Mark is D.AttendanceMark.Present or D.AttendanceMark.Partial)
            .Select(a => new D.TrainingHoursEntry(GroupSchedule.LocalDate(a.StartsUtc, ZoneOf(a.TimeZoneId)),
                (a.Mark == D.AttendanceMark.Present ? a.DurationMinutes : Math.Clamp(a.MinutesPresent, 0, a.DurationMinutes)) / 60m,
                RelationshipBased: true, Verified: true, FaceToFace: true, Title: "IMH course session: " + a.GroupName,
                CompetencyAreas: ProgramCatalog.Default.ProgramOf(a.Kind).CompetencyAreas))
            .ToList(), StringComparer.Ordinal);

        var casesByPerson = cases.ToLookup(c => c.PersonId, StringComparer.Ordinal);
        var clipsByPerson = clips.ToLookup(c => c.PersonId, c => c.Clip, StringComparer.Ordinal);
        var reviewsByPerson = reviews.ToLookup(r => r.PersonId, r => new D.FidelityReview(r.Date, r.Outcome, r.Reviewer), StringComparer.Ordinal);
        var certificatesByPerson = certificates.ToLookup(c => c.PersonId, c => c.Certificate, StringComparer.Ordinal);
        var licencesByPerson = licences.ToLookup(l => l.UserId, l => new D.Licence(l.Type.ToString()), StringComparer.Ordinal);
        var degreesByPerson = degrees.ToLookup(d => d.PersonId, d => d.Degree, StringComparer.Ordinal);
        var hoursByPerson = hours.ToLookup(h => h.PersonId, h => h.Entry, StringComparer.Ordinal);
        var workByPerson = work.ToLookup(w => w.PersonId, w => w.Period, StringComparer.Ordinal);
        var leadershipByPerson = leadership.ToLookup(l => l.PersonId, l => l.Activity, StringComparer.Ordinal);
        var rscByPerson = rsc.ToLookup(r => r.PersonId, r => r.Entry, StringComparer.Ordinal);
        var ethicsByPerson = ethics.GroupBy(e => e.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(e => e.SignedOn), StringComparer.Ordinal);
        var membershipsByPerson = memberships.ToLookup(m => m.PersonId, m => m.Membership, StringComparer.Ordinal);
        var referencesByEnrollment = references.ToLookup(r => r.EnrollmentId, r => r.Rating);
        var examsByEnrollment = exams.ToLookup(r => r.EnrollmentId, r => r.Result);
        var modulesByProgram = courseModules.ToLookup(m => m.ProgramKey, StringComparer.Ordinal);
        var modulesDone = moduleCompletions.Select(c => (c.PersonId, c.ItemId)).ToHashSet();
        var waiversByEnrollment = waivers.ToLookup(w => w.EnrollmentId, w => new D.Waiver(w.RequirementKey, w.Reason, w.GrantedOn, w.By));

        // Person-level lists are built once and shared by that person's enrollments.
        var personal = new Dictionary<string, PersonEvidence>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var trainingHours = hoursByPerson[person].ToList();
            if (courseHours.TryGetValue(person, out var course))
            {
                trainingHours.AddRange(course);
                trainingHours.Sort((a, b) => a.Date.CompareTo(b.Date));
            }
            personal[person] = new PersonEvidence(
                [.. casesByPerson[person].Select(c => new D.TrainingCase(c.Code, c.ConsentDate,
                    // One session per case and date: an entry logged twice (before the form refused it) counts once,
                    // and as recorded only when every entry of that date says so.
                    [.. sessionsByCase[c.Id].GroupBy(s => s.Date).Select(g => new D.CaseSession(g.Key, g.All(s => s.Recorded)))]))],
                [.. clipsByPerson[person]],
                [.. certificatesByPerson[person]],
                [.. reviewsByPerson[person]],
                [.. licencesByPerson[person]],
                [.. degreesByPerson[person]],
                trainingHours,
                [.. workByPerson[person]],
                [.. leadershipByPerson[person]],
                [.. rscByPerson[person]],
                [.. membershipsByPerson[person]],
                ethicsByPerson.TryGetValue(person, out var signed) ? signed : null);
        }

        var result = new List<LoadedEnrollment>(enrollments.Count);
        foreach (var e in enrollments)
        {
            var p = personal[e.PersonId];
            var group = e.GroupId is { } gid && groupById.TryGetValue(gid, out var g) ? g : null;

            // Joined late with "past meetings do not apply": the group's meetings before the join date are left out of
            // this enrollment's evidence (with "missed", they stay and count as absences).
            var joinedOn = e.PastMeetingsNotApplicable ? e.JoinedOn : null;
            IEnumerable<MeetingRow> MeetingsOf(int groupId) =>
                joinedOn is { } joined ? meetingsByGroup[groupId].Where(m => meetingDates[m.Id] >= joined) : meetingsByGroup[groupId];

            List<D.ScheduledSession> Sessions(GroupRow cohort) =>
                [.. MeetingsOf(cohort.Id).Select(m =>
                {
                    var mark = marks.TryGetValue((e.PersonId, m.Id), out var a) ? a : null;
                    return new D.ScheduledSession(meetingDates[m.Id], mark?.Mark ?? D.AttendanceMark.Absent,
                        madeUp.Contains((e.PersonId, m.Id)), m.Cancelled, m.DurationMinutes, mark?.MinutesPresent ?? 0);
                })];

            var evidence = new D.Evidence
            {
                Category = e.Category,
                Certificates = p.Certificates,
                FidelityReviews = p.FidelityReviews,
                TrainingCases = p.Cases,
                Clips = p.Clips,
                Licences = p.Licences,
                Degrees = p.Degrees,
                TrainingHours = p.TrainingHours,
                WorkExperience = p.Work,
                LeadershipActivities = p.Leadership,
                ReflectiveSupervision = p.Rsc,
                Memberships = p.Memberships,
                EthicsAgreementSignedOn = p.EthicsSignedOn,
                PortfolioApprovedOn = e.PortfolioApprovedOn,
                HeldEndorsement = e.HeldEndorsement,
                ProvidesReflectiveSupervision = e.ProvidesReflectiveSupervision,
                References = [.. referencesByEnrollment[e.Id]],
                ExamResults = [.. examsByEnrollment[e.Id]],
                Waivers = [.. waiversByEnrollment[e.Id]],
                IntroCourseModules = [.. modulesByProgram[e.ProgramKey].Select(m => new D.LearningItem(m.Title, modulesDone.Contains((e.PersonId, m.Id))))],
            };

            if (e.ClassroomGroupId is { } classroomId)
            {
                evidence = evidence with
                {
                    Classroom = [.. meetingsByGroup[classroomId].Where(m => !m.Cancelled).Select(m =>
                        marks.TryGetValue((e.PersonId, m.Id), out var a)
                            ? new D.ClassroomAttendance(meetingDates[m.Id], m.DurationMinutes, a.Mark, a.MinutesPresent)
                            : new D.ClassroomAttendance(meetingDates[m.Id], m.DurationMinutes, D.AttendanceMark.Absent))],
                };
            }

            if (group is not null)
            {
                evidence = ProgramCatalog.Default.Kind(group.Kind).Evidence switch
                {
                    GroupEvidence.ConsultationAttendance => evidence with
                    {
                        ConsultationGroup = joinedOn is null
                            ? consultationGroups[group.Id]
                            : consultationGroups[group.Id] with { Meetings = [.. consultationGroups[group.Id].Meetings.Where(m => m.Date >= joinedOn)] },
                        // In the schedule's order, so the engine finds each mark at the meeting's index first.
                        ConsultationAttendance = [.. MeetingsOf(group.Id)
                            .Select(m => marks.TryGetValue((e.PersonId, m.Id), out var a) ? new D.MeetingAttendance(m.Id, a.Mark, a.MinutesPresent) : null)
                            .OfType<D.MeetingAttendance>()],
                    },
                    GroupEvidence.LiveSessions => evidence with
                    {
                        LiveSessions = Sessions(group),
                        Homework = [.. assignmentsByGroup[group.Id].Select(h =>
                            new D.HomeworkAssignment(h.Title, submitted.ContainsKey((e.PersonId, h.Id)), submitted.TryGetValue((e.PersonId, h.Id), out var ok) && ok))],
                    },
                    GroupEvidence.CourseSessions => evidence with
                    {
                        CourseSessions = Sessions(group),
                        CohortMinimumSessions = group.MinimumSessions,
                        IndependentLearning = [.. itemsByGroup[group.Id].Select(i => new D.LearningItem(i.Title, completed.Contains((e.PersonId, i.Id))))],
                    },
                    // Classroom training is never an enrollment's group: it is read from ClassroomGroupId above.
                    GroupEvidence.ClassroomHours => evidence,
                };
            }

            result.Add(new LoadedEnrollment(
                new EnrollmentHeader(e.Id, e.PersonId, e.ProgramKey, e.RuleSetId, e.Category, e.Status, e.CreatedOn, e.GroupId) { CompletedOn = e.CompletedOn },
                evidence));
        }
        return result;
    }

    private sealed record EnrollmentRow(int Id, string PersonId, string ProgramKey, string RuleSetId, string? Category, EnrollmentStatus Status,
        DateOnly CreatedOn, int? GroupId, int? ClassroomGroupId, DateOnly? PortfolioApprovedOn, D.EndorsementLevel HeldEndorsement,
        bool ProvidesReflectiveSupervision, DateOnly? CompletedOn, DateOnly? JoinedOn, bool PastMeetingsNotApplicable);

    private sealed record GroupRow(int Id, GroupKind Kind, string Name, DateOnly EndDate, string TimeZoneId, int? MinimumSessions);

    private sealed record MeetingRow(int Id, int GroupId, DateTime StartsUtc, int DurationMinutes, bool Cancelled);

    private sealed record ItemRow(int Id, int GroupId, string Title);

    private sealed record AttendanceRow(string PersonId, int MeetingId, D.AttendanceMark Mark, int MinutesPresent, int GroupId,
        DateTime StartsUtc, int DurationMinutes, bool Cancelled, GroupKind Kind, string TimeZoneId, string GroupName);

    private sealed record PersonItem(string PersonId, int ItemId);

    private sealed record CourseModuleRow(int Id, string ProgramKey, string Title);

    private sealed record SubmissionRow(string PersonId, int AssignmentId, bool Accepted);

    private sealed record CaseRow(int Id, string PersonId, string Code, DateOnly? ConsentDate);

    private sealed record CaseSessionRow(int CaseId, DateOnly Date, bool Recorded);

    private sealed record PersonEvidence(
        IReadOnlyList<D.TrainingCase> Cases,
        IReadOnlyList<D.ClipPresentation> Clips,
        IReadOnlyList<D.HeldCertificate> Certificates,
        IReadOnlyList<D.FidelityReview> FidelityReviews,
        IReadOnlyList<D.Licence> Licences,
        IReadOnlyList<D.Degree> Degrees,
        IReadOnlyList<D.TrainingHoursEntry> TrainingHours,
        IReadOnlyList<D.WorkPeriod> Work,
        IReadOnlyList<D.LeadershipActivity> Leadership,
        IReadOnlyList<D.RscEntry> Rsc,
        IReadOnlyList<D.Membership> Memberships,
        DateOnly? EthicsSignedOn);
}
