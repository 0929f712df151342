using TrainingPortal.Web.Features.Homework;
using TrainingPortal.Web.Features.MyHomework;
using TrainingPortal.Web.Standings;
using static TrainingPortal.Web.Tests.Testing.EvidenceFileData;
using static TrainingPortal.Web.Tests.Testing.HomeworkData;

namespace TrainingPortal.Web.Tests.Features.MyHomework;

/// <summary>A member hands homework in (text and/or a file); faculty return it with comments or accept it; the history is kept.</summary>
public sealed class MyHomeworkTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const long MaxBytes = 10 * 1024 * 1024;

    private Task<HomeworkSubmission?> StoredAsync(CohortWithHomework c, string personId) =>
        factory.WithDbAsync(db => db.HomeworkSubmissions.AsNoTracking().SingleOrDefaultAsync(h => h.AssignmentId == c.Assignment.Id && h.PersonId == personId));

    private Task<List<HomeworkSubmissionEvent>> HistoryAsync(CohortWithHomework c, string personId) =>
        factory.WithDbAsync(db => db.HomeworkSubmissionEvents.AsNoTracking()
            .Where(e => e.Submission!.AssignmentId == c.Assignment.Id && e.Submission.PersonId == personId).OrderBy(e => e.Id).ToListAsync());

    private Task<RequirementResult> HomeworkAsync(CohortWithHomework c) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([c.AnnEnrollment.Id])).Single().Verdict["homework"]!);

    [Fact]
    public async Task Submitted_returned_resubmitted_and_accepted_the_history_is_kept_and_the_verdict_follows()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        Assert.Contains("Not submitted", await ann.GetStringAsync(MemberPage));

        var first = await ann.SubmitAsync(c.Assignment.Id, "My five key points.", ("key points.png", Png(), "image/png"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var stored = await StoredAsync(c, c.Ann.Id);
        Assert.NotNull(stored!.FileId);
        var firstFile = await factory.WithDbAsync(db => db.UploadedFiles.AsNoTracking().SingleAsync(f => f.Id == stored.FileId));
        Assert.Equal((FilePurpose.HomeworkSubmission, c.Ann.Id, (int?)c.Group.Id), (firstFile.Purpose, firstFile.PersonId, firstFile.GroupId));

        // Faculty see the text and the file, and return it with comments.
        var facultyPage = await trainer.GetStringAsync(c.FacultyPage);
        Assert.Contains("My five key points.", facultyPage);
        Assert.Contains("/files/" + firstFile.PublicId, facultyPage);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync("/files/" + firstFile.PublicId)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Return", "Add an example to point 3.")).StatusCode);
        Assert.NotEqual(RequirementStatus.Met, (await HomeworkAsync(c)).Status);

        // Ann sees the comments and hands it in again (text only this time).
        var page = PortalClient.Decode(await ann.GetStringAsync(MemberPage));
        Assert.Contains("Returned with comments on", page);
        Assert.Contains("Add an example to point 3.", page);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "Five key points, with an example for point 3.")).StatusCode);
        stored = await StoredAsync(c, c.Ann.Id);
        Assert.Equal(("Five key points, with an example for point 3.", (int?)null, (DateOnly?)null), (stored!.Text, stored.FileId, stored.ReturnedOn));

        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Accept", "Clear and complete.")).StatusCode);
        Assert.Equal(RequirementStatus.Met, (await HomeworkAsync(c)).Status);
        Assert.Contains("Accepted on", await ann.GetStringAsync(MemberPage));

        var history = await HistoryAsync(c, c.Ann.Id);
        Assert.Equal([HomeworkEventKind.Submitted, HomeworkEventKind.Returned, HomeworkEventKind.Submitted, HomeworkEventKind.Accepted], history.Select(e => e.Kind));
        Assert.Equal([c.Ann.Id, c.Trainer.Id, c.Ann.Id, c.Trainer.Id], history.Select(e => e.ById));
        Assert.Equal(["My five key points.", "Add an example to point 3.", "Five key points, with an example for point 3.", "Clear and complete."], history.Select(e => e.Text));
        Assert.Equal(firstFile.Id, history[0].FileId);
        // The first version's file stays downloadable from the history.
        Assert.Contains("/files/" + firstFile.PublicId, await ann.GetStringAsync(MemberPage));
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/files/" + firstFile.PublicId)).StatusCode);

        // Audited, but never the submitted text or the file's name.
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(HomeworkSubmission) || a.EntityType == nameof(HomeworkSubmissionEvent) || a.EntityType == nameof(UploadedFile)).ToListAsync());
        Assert.Contains(audit, a => a.EntityType == nameof(HomeworkSubmission) && a.ActorId == c.Ann.Id);
        Assert.DoesNotContain(audit, a => a.Changes != null && (a.Changes.Contains("key points", StringComparison.OrdinalIgnoreCase) || a.Changes.Contains("key points.png", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_empty_submission_a_wrong_file_and_a_file_over_the_limit_are_answered_next_to_the_field_with_the_text_kept()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);

        var empty = await ann.SubmitAsync(c.Assignment.Id, "   ");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Write your answer, or choose a file to upload, or both.", FieldError(await empty.Content.ReadAsStringAsync(), "Form.Text"));

        var wrong = await ann.SubmitAsync(c.Assignment.Id, "See the file.", ("answer.pdf", Text(), "application/pdf"));
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("This file is not a PDF, PNG or JPEG", FieldError(html, "Form.File"));
        Assert.Contains("See the file.</textarea>", html);

        var large = await ann.SubmitAsync(c.Assignment.Id, "See the scan.", ("scan.pdf", Pdf((int)MaxBytes + 1), "application/pdf"));
        html = await large.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Contains("The file is too large (10.1 MB): files can be at most 10 MB", FieldError(html, "Form.File"));
        Assert.Contains("See the scan.</textarea>", html);

        Assert.Null(await StoredAsync(c, c.Ann.Id));
        Assert.False(await factory.WithDbAsync(db => db.UploadedFiles.AnyAsync(f => f.PersonId == c.Ann.Id)));
    }

    [Fact]
    public async Task A_member_never_sees_another_members_submission_or_its_file_and_only_faculty_of_the_cohort_do()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "Ann's private answer.", ("ann.pdf", Pdf(), "application/pdf"))).StatusCode);
        var file = await factory.WithDbAsync(db => db.UploadedFiles.AsNoTracking().SingleAsync(f => f.PersonId == c.Ann.Id));
        var url = "/files/" + file.PublicId;

        var ben = await factory.SignedInAsync(c.Ben.Email!, TestUsers.Password);
        var benPage = await ben.GetStringAsync(MemberPage);
        Assert.Contains("Handbook chapter 1", benPage);
        Assert.DoesNotContain("private answer", benPage);
        Assert.DoesNotContain(url, benPage);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.GetAsync(url)).StatusCode);

        // Another trainer, a reviewer (evidence files only), and a trainee outside the cohort: the same 404.
        var otherTrainer = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainer)).Email!, TestUsers.Password);
        var reviewer = await factory.SignedInAsync((await factory.CreateAsync(Roles.Reviewer)).Email!, TestUsers.Password);
        var outsider = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainee)).Email!, TestUsers.Password);
        foreach (var client in new[] { otherTrainer, reviewer, outsider })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        // An outsider cannot hand in the cohort's assignment.
        var refused = await outsider.PostAsync($"/my/homework/{c.Assignment.Id}", new MultipartFormDataContent
        {
            { new StringContent("Mine."), "Form.Text" }, { new StringContent(Token(await outsider.GetStringAsync(MemberPage))), "__RequestVerificationToken" },
        });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The cohort's trainer and an administrator may download it; each download is audited.
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(url)).StatusCode);
        Assert.Equal(3, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Downloaded" && a.EntityType == nameof(UploadedFile)
            && a.EntityId == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // Ann's homework file is not endorsement evidence: it is not listed with her evidence files.
        var listed = await factory.WithScopeAsync(services => services.GetRequiredService<TrainingPortal.Web.Files.EvidenceFiles>().ListForPersonAsync(c.Ann.Id));
        Assert.Empty(listed);
    }

    [Fact]
    public async Task Two_faculty_deciding_the_same_submission_one_wins_and_the_other_is_shown_the_newer_state()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "My answer.")).StatusCode);
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var admin = await factory.SignedInAsync("admin@demo.local");
        var trainerPage = await trainer.GetStringAsync(c.FacultyPage);
        var adminPage = await admin.GetStringAsync(c.FacultyPage);

        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Accept", "Good.", trainerPage)).StatusCode);
        var late = await admin.DecideAsync(c, c.Ann.Id, "Return", "Please expand point 2.", adminPage);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = PortalClient.Decode(await late.Content.ReadAsStringAsync());
        Assert.Contains(HomeworkController.ConflictMessage, html);
        Assert.Contains("Accepted", html);
        Assert.Contains("Please expand point 2.", html); // what was typed, not lost
        var stored = await StoredAsync(c, c.Ann.Id);
        Assert.Equal(("Good.", (DateOnly?)null), (stored!.Comments, stored.ReturnedOn));
        Assert.NotNull(stored.AcceptedOn);
        Assert.Equal([HomeworkEventKind.Submitted, HomeworkEventKind.Accepted], (await HistoryAsync(c, c.Ann.Id)).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_member_resubmitting_while_faculty_accept_is_told_and_nothing_is_lost()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "First version.")).StatusCode);
        var stale = await ann.GetStringAsync(MemberPage);
        Assert.Contains("Replace what you handed in", stale);

        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Accept")).StatusCode);
        var late = await ann.SubmitAsync(c.Assignment.Id, "Second version.", page: stale);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = PortalClient.Decode(await late.Content.ReadAsStringAsync());
        Assert.Contains(MyHomeworkController.ConflictMessage, html);
        Assert.Contains("Accepted on", html);
        var stored = await StoredAsync(c, c.Ann.Id);
        Assert.Equal("First version.", stored!.Text);
        Assert.NotNull(stored.AcceptedOn);

        // And the other way round: faculty deciding on a version the member has since replaced are told.
        var ben = await factory.SignedInAsync(c.Ben.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ben.SubmitAsync(c.Assignment.Id, "Ben's first.")).StatusCode);
        var facultyPage = await trainer.GetStringAsync(c.FacultyPage);
        Assert.Equal(HttpStatusCode.Redirect, (await ben.SubmitAsync(c.Assignment.Id, "Ben's second.")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await trainer.DecideAsync(c, c.Ben.Id, "Accept", page: facultyPage)).StatusCode);
        Assert.Null((await StoredAsync(c, c.Ben.Id))!.AcceptedOn);
    }

    [Fact]
    public async Task Only_a_submitted_assignment_can_be_accepted()
    {
        var c = await factory.HomeworkCohortAsync();
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        var never = await trainer.DecideAsync(c, c.Ann.Id, "Accept");
        Assert.Equal(HttpStatusCode.OK, never.StatusCode);
        Assert.Contains("Nothing has been handed in for “Handbook chapter 1” yet, so it cannot be accepted", PortalClient.Decode(await never.Content.ReadAsStringAsync()));
        Assert.Null(await StoredAsync(c, c.Ann.Id));

        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "Answer.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Return", "Redo.")).StatusCode);
        var returned = await trainer.DecideAsync(c, c.Ann.Id, "Accept");
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains("has not been handed in again, so it cannot be accepted", PortalClient.Decode(await returned.Content.ReadAsStringAsync()));
        Assert.Null((await StoredAsync(c, c.Ann.Id))!.AcceptedOn);
    }

    [Fact]
    public async Task The_home_pages_homework_row_links_to_the_members_homework()
    {
        var c = await factory.HomeworkCohortAsync();
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        var home = await ann.GetStringAsync("/");
        Assert.Contains("href=\"/my/homework\" data-testid=\"homework-link\"", home);
    }

    [Fact]
    public async Task Handing_in_deciding_and_setting_assignments_mark_the_stored_standings_stale()
    {
        var c = await factory.HomeworkCohortAsync();
        var benEnrollment = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.PersonId == c.Ben.Id).Select(e => e.Id).SingleAsync());
        var today = factory.PortalToday();
        async Task FreshAsync() => await factory.WithDbAsync(async db =>
        {
            db.Standings.RemoveRange(db.Standings.Where(x => x.EnrollmentId == c.AnnEnrollment.Id || x.EnrollmentId == benEnrollment));
            await db.SaveChangesAsync();
            db.Standings.AddRange(
                new CachedStanding { EnrollmentId = c.AnnEnrollment.Id, Status = OverallStatus.NotYetEligible, EvaluatedOn = today, EvaluatedUtc = DateTime.UtcNow },
                new CachedStanding { EnrollmentId = benEnrollment, Status = OverallStatus.NotYetEligible, EvaluatedOn = today, EvaluatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Task<(bool Ann, bool Ben)> StaleAsync() => factory.WithDbAsync(async db =>
        {
            var stale = await db.Standings.AsNoTracking().Where(x => x.EnrollmentId == c.AnnEnrollment.Id || x.EnrollmentId == benEnrollment)
                .ToDictionaryAsync(x => x.EnrollmentId, x => x.Stale);
            return (stale[c.AnnEnrollment.Id], stale[benEnrollment]);
        });
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);

        await FreshAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "Answer.")).StatusCode);
        Assert.Equal((true, false), await StaleAsync());

        await FreshAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.DecideAsync(c, c.Ann.Id, "Accept")).StatusCode);
        Assert.Equal((true, false), await StaleAsync());

        await FreshAsync();
        var page = $"/groups/{c.Group.Id}/homework/assignments/new";
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostMultipartAsync(page, page,
            [("Form.Title", "Chapter 2"), ("Form.DueOn", Iso(c.Group.StartDate.AddDays(10)))])).StatusCode);
        Assert.Equal((true, true), await StaleAsync());
    }
}
