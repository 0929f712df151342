using TrainingPortal.Web.Features.MiCourseAdmin;
using TrainingPortal.Web.IntroCourse;
using TrainingPortal.Web.Standings;
using UglyToad.PdfPig;

namespace TrainingPortal.Web.Tests.Features.MiCourse;

/// <summary>
/// MI Champions' introductory course end to end over a real SQLite file: the participant's pages, completion per module,
/// the certificate of completion issued without an approval step at exactly every published module, the evidence and the
/// stored standing, the administrators' editing (bad input, stale edits, order, publish, remove), who sees what, and the
/// course page's query count. Each test sets the course up itself (the demo starter course is replaced).
/// </summary>
public sealed class MiCourseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Key => IntroCourseService.Program.Key;

    /// <summary>Replaces the course with <paramref name="published"/> published modules (one check question each) and <paramref name="drafts"/> drafts.</summary>
    private Task<List<int>> CourseAsync(int published, int drafts = 0) => ReplaceCourseAsync(factory, published, drafts);

    internal static async Task<List<int>> ReplaceCourseAsync(PortalFactory factory, int published, int drafts = 0)
    {
        await using var db = factory.NewContext();
        await db.IntroCourseCompletions.ExecuteDeleteAsync();
        await db.IntroCourseQuestions.ExecuteDeleteAsync();
        await db.IntroCourseModules.ExecuteDeleteAsync();
        var modules = Enumerable.Range(1, published + drafts).Select(i => new IntroCourseModule
        {
            ProgramKey = Key,
            Position = i,
            Title = $"Module {i}",
            Body = $"Text of **module {i}**.",
            Published = i <= published,
            Questions = [new IntroCourseQuestion { Position = 1, Prompt = $"Question {i}?", Options = "Wrong\nRight\nAlso wrong", CorrectOption = 2, Explanation = "Because." }],
        }).ToList();
        db.IntroCourseModules.AddRange(modules);
        await db.SaveChangesAsync();
        return [.. modules.Select(m => m.Id)];
    }

    private async Task<(AppUser User, HttpClient Client)> ParticipantAsync(bool start = true, string role = Roles.Trainee)
    {
        var user = await factory.CreateAsync(role);
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        if (start)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/mi/course", "/mi/course/start", [])).StatusCode);
        }
        return (user, client);
    }

    private static Task<HttpResponseMessage> MarkAsync(HttpClient client, int moduleId, bool complete = true) =>
        client.PostFormAsync($"/mi/course/{moduleId}", $"/mi/course/{moduleId}/complete", [new("complete", complete ? "true" : "false")]);

    private Task<Enrollment> EnrollmentAsync(string personId) =>
        factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == personId && e.ProgramKey == Key));

    private Task<Certificate?> CertificateAsync(int enrollmentId) =>
        factory.WithDbAsync(db => db.Certificates.AsNoTracking().Include(c => c.Versions).SingleOrDefaultAsync(c => c.EnrollmentId == enrollmentId));

    private static readonly string[] ReversedTitles = ["Module 3", "Module 2", "Module 1"];

    // ---- completing the course ----------------------------------------------------------

    [Fact]
    public async Task Five_of_six_gives_no_certificate_and_the_sixth_approves_and_issues_it_with_no_approval_step()
    {
        var modules = await CourseAsync(6, drafts: 1);
        var (user, client) = await ParticipantAsync();
        var enrollment = await EnrollmentAsync(user.Id);
        Assert.Equal(EnrollmentStatus.Active, enrollment.Status);
        Assert.Equal(user.Id, enrollment.CreatedById);

        foreach (var id in modules.Take(5))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, id)).StatusCode);
        }
        Assert.Equal(EnrollmentStatus.Active, (await EnrollmentAsync(user.Id)).Status);
        Assert.Null(await CertificateAsync(enrollment.Id));
        var page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
        Assert.Contains("5 of 6 modules complete", page, StringComparison.Ordinal);
        Assert.Contains("value=\"5\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Module 7", page, StringComparison.Ordinal); // the draft is neither shown nor counted

        var last = await MarkAsync(client, modules[5]);
        Assert.Equal("/mi/course", last.Headers.Location!.OriginalString);
        var completed = await EnrollmentAsync(user.Id);
        Assert.Equal(EnrollmentStatus.Completed, completed.Status);
        Assert.Equal(factory.PortalToday(), completed.CompletedOn);
        Assert.Equal(user.Id, completed.ApprovedById); // the participant's own mark completed it
        var certificate = await CertificateAsync(enrollment.Id);
        Assert.NotNull(certificate);
        Assert.Equal(user.Id, certificate.IssuedById);

        // Audited in the same saves, with the participant as the actor.
        var audited = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ActorId == user.Id).Select(a => a.EntityType).Distinct().ToListAsync());
        Assert.Contains(nameof(Enrollment), audited);
        Assert.Contains(nameof(Certificate), audited);
        Assert.Contains(nameof(IntroCourseCompletion), audited);

        // The course page offers the PDF; the PDF and the verification page say it is not a credential.
        page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
        Assert.Contains("6 of 6 modules complete", page, StringComparison.Ordinal);
        var code = CertificateCodes.Format(certificate.Code!);
        Assert.Contains($"/certificates/{code}/pdf", page, StringComparison.Ordinal);
        var pdf = await client.GetByteArrayAsync($"/certificates/{code}/pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("not a credential or a licence", text, StringComparison.Ordinal);
            Assert.Contains("has completed", text, StringComparison.Ordinal);
            Assert.DoesNotContain("has fulfilled the requirements of", text, StringComparison.Ordinal);
        }
        var verify = PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync($"/verify/{code}"));
        Assert.Contains(CertificatePdfRenderer.NotCredentialNote, verify, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"verify-not-credential\"", verify, StringComparison.Ordinal);
        Assert.Contains(">Valid<", verify, StringComparison.Ordinal);
        // The home page lists it under "Your certificates".
        Assert.Contains($"/certificates/{code}/pdf", await client.GetStringAsync("/"), StringComparison.Ordinal);

        // A module added after the certificate does not revoke it.
        var (_, admin) = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostModuleAsync(admin, "/admin/mi/course/new", "Module added later", "More to read.", published: true)).StatusCode);
        Assert.Null((await CertificateAsync(enrollment.Id))!.RevokedOn);
        Assert.Contains(">Valid<", PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync($"/verify/{code}")), StringComparison.Ordinal);
        page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
        Assert.Contains("6 of 7 modules complete", page, StringComparison.Ordinal);
        Assert.Contains($"/certificates/{code}/pdf", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Such_enrollments_never_wait_in_the_approval_queue_and_the_credential_certificates_still_say_what_they_always_said()
    {
        var modules = await CourseAsync(2);
        var (user, client) = await ParticipantAsync();
        var enrollment = await EnrollmentAsync(user.Id);
        // Eligible without a click (a module was removed, or the mark came another way): the standing says eligible...
        await using (var db = factory.NewContext())
        {
            db.IntroCourseCompletions.AddRange(modules.Select(m => new IntroCourseCompletion { ModuleId = m, PersonId = user.Id, CompletedOn = factory.PortalToday() }));
            await db.SaveChangesAsync();
        }
        await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().RefreshAsync([enrollment.Id]));
        Assert.Equal(OverallStatus.Eligible, await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == enrollment.Id).Select(s => s.Status).SingleAsync()));
        // ...but the administrators' queue does not list it,
        var (_, admin) = await factory.AdminAsync();
        var queue = await admin.GetStringAsync($"/admin/approvals?program={Key}");
        Assert.DoesNotContain($"/admin/approvals/{enrollment.Id}\"", queue, StringComparison.Ordinal);
        var waiting = await factory.WithScopeAsync(sp => sp.GetRequiredService<TrainingPortal.Web.Features.Approvals.ApprovalQueueReader>()
            .LoadAsync(Key, null, 1, factory.PortalToday()));
        Assert.Equal(0, waiting.Total);
        // and the participant's course page completes it.
        var page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
        Assert.Contains("data-testid=\"get-certificate\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/mi/course", "/mi/course/certificate", [])).StatusCode);
        Assert.NotNull(await CertificateAsync(enrollment.Id));

        // A credential's certificate keeps its words.
        Assert.True(CertificatePdfRenderer.IsCredential("mio-rostering@1"));
        Assert.False(CertificatePdfRenderer.IsCredential(IntroCourseService.Program.Key + "@1"));
    }

    [Fact]
    public async Task The_evidence_lists_the_published_modules_in_order_with_the_persons_marks_and_a_mark_makes_the_standing_stale()
    {
        var modules = await CourseAsync(3, drafts: 1);
        var (user, client) = await ParticipantAsync();
        var enrollment = await EnrollmentAsync(user.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[1])).StatusCode);

        var evidence = await factory.WithScopeAsync(sp => sp.GetRequiredService<EvidenceLoader>().LoadAsync(enrollment.Id));
        Assert.NotNull(evidence);
        Assert.Equal(["Module 1", "Module 2", "Module 3"], evidence.IntroCourseModules.Select(m => m.Title));
        Assert.Equal([false, true, false], evidence.IntroCourseModules.Select(m => m.Completed));
        // Another program's enrollment lists none.
        var other = await factory.WithDbAsync(async db =>
        {
            var e = TrainingData.Enroll(await db.Users.SingleAsync(u => u.Id == user.Id), DefaultRuleSets.Keys.ImhCourse, factory.PortalToday());
            db.Enrollments.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        Assert.Empty((await factory.WithScopeAsync(sp => sp.GetRequiredService<EvidenceLoader>().LoadAsync(other)))!.IntroCourseModules);

        // The stored standing: refreshed, then a mark (the person's evidence) and a module published (the program's) make it stale.
        async Task<bool> StaleAsync()
        {
            return await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == enrollment.Id).Select(s => s.Stale).SingleAsync());
        }
        await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().RefreshAsync([enrollment.Id]));
        Assert.False(await StaleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[0])).StatusCode);
        Assert.True(await StaleAsync());
        await factory.WithScopeAsync(sp => sp.GetRequiredService<StandingRefresher>().RefreshAsync([enrollment.Id]));
        var (_, admin) = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[3]}/publish", [new("publish", "true")])).StatusCode);
        Assert.True(await StaleAsync());
    }

    [Fact]
    public async Task Check_questions_give_feedback_and_a_module_can_be_marked_complete_before_they_are_answered_right()
    {
        var modules = await CourseAsync(2);
        var (user, client) = await ParticipantAsync();
        var questionId = await factory.WithDbAsync(db => db.IntroCourseQuestions.Where(q => q.ModuleId == modules[0]).Select(q => q.Id).SingleAsync());

        var wrong = PortalClient.Decode(await (await client.PostFormAsync($"/mi/course/{modules[0]}", $"/mi/course/{modules[0]}/check",
            [new($"answers[{questionId}]", "1")])).Content.ReadAsStringAsync());
        Assert.Contains("Not quite. The answer is “Right”.", wrong, StringComparison.Ordinal);
        Assert.Contains("Because.", wrong, StringComparison.Ordinal);
        Assert.Contains($"id=\"q{questionId}-1\" value=\"1\" checked=\"checked\"", wrong, StringComparison.Ordinal); // the choice is kept
        var right = PortalClient.Decode(await (await client.PostFormAsync($"/mi/course/{modules[0]}", $"/mi/course/{modules[0]}/check",
            [new($"answers[{questionId}]", "2")])).Content.ReadAsStringAsync());
        Assert.Contains("Right.", right, StringComparison.Ordinal);
        var none = PortalClient.Decode(await (await client.PostFormAsync($"/mi/course/{modules[0]}", $"/mi/course/{modules[0]}/check", [])).Content.ReadAsStringAsync());
        Assert.Contains("You did not choose an answer.", none, StringComparison.Ordinal);
        var junk = await client.PostFormAsync($"/mi/course/{modules[0]}", $"/mi/course/{modules[0]}/check", [new("answers[abc]", "zzz"), new($"answers[{questionId}]", "99")]);
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);

        // Marking complete does not depend on the answers; undo removes the mark; a second mark keeps one row.
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[0])).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.IntroCourseCompletions.CountAsync(c => c.PersonId == user.Id)));
        Assert.Contains("data-testid=\"undo-complete\"", await client.GetStringAsync($"/mi/course/{modules[0]}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[0], complete: false)).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.IntroCourseCompletions.CountAsync(c => c.PersonId == user.Id)));
    }

    [Fact]
    public async Task Starting_twice_keeps_one_enrollment_and_marking_before_starting_keeps_nothing()
    {
        var modules = await CourseAsync(2);
        var (user, client) = await ParticipantAsync(start: false);
        var page = await client.GetStringAsync("/mi/course");
        Assert.Contains("data-testid=\"start-course\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/mi/course/{modules[0]}")).StatusCode); // reading is open before starting
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[0])).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.IntroCourseCompletions.CountAsync(c => c.PersonId == user.Id)));

        await Task.WhenAll(client.PostFormAsync("/mi/course", "/mi/course/start", []), client.PostFormAsync("/mi/course", "/mi/course/start", []));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/mi/course", "/mi/course/start", [])).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Enrollments.CountAsync(e => e.PersonId == user.Id && e.ProgramKey == Key)));
    }

    // ---- who sees and does what --------------------------------------------------------

    [Fact]
    public async Task Authorization_matrix_for_the_course_and_its_administration()
    {
        var modules = await CourseAsync(2, drafts: 1);
        var draft = modules[2];
        var (member, memberClient) = await ParticipantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(memberClient, modules[0])).StatusCode);

        // Anonymous: every page sends them to sign in, and no POST changes anything.
        var anonymous = factory.CreatePortalClient();
        foreach (var path in new[] { "/mi/course", $"/mi/course/{modules[0]}", "/admin/mi/course", "/admin/mi/course/new", $"/admin/mi/course/{modules[0]}/edit", "/admin/mi/course/progress" })
        {
            Assert.True((await anonymous.GetAsync(path)).IsRedirectToLogin(), path);
        }

        // Any signed-in person (a trainee, a Champion, a trainer) reads the published modules and their own progress only.
        foreach (var role in new[] { Roles.Trainee, Roles.Champion, Roles.Trainer })
        {
            var (other, client) = await ParticipantAsync(role: role);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mi/course")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/mi/course/{modules[0]}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mi/course/{draft}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/mi/course", $"/mi/course/{draft}/complete", [new("complete", "true")])).StatusCode);
            var page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
            Assert.Contains("0 of 2 modules complete", page, StringComparison.Ordinal); // not the member's 1 of 2
            Assert.DoesNotContain(member.DisplayName, page, StringComparison.Ordinal);
            foreach (var path in new[] { "/admin/mi/course", "/admin/mi/course/new", $"/admin/mi/course/{modules[0]}/edit", "/admin/mi/course/progress" })
            {
                var refused = await client.GetAsync(path);
                Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (refused.StatusCode == HttpStatusCode.Redirect && !refused.IsRedirectToLogin() && !refused.Headers.Location!.ToString().Contains("/admin/mi", StringComparison.Ordinal)),
                    $"{role} {path}: {(int)refused.StatusCode}");
            }
            // Their POSTs to the administration change nothing (refused before the action; the token comes from their own page).
            var token = await client.GetTokenAsync("/mi/course");
            foreach (var (path, fields) in new (string, (string, string)[])[]
            {
                ($"/admin/mi/course/{modules[0]}/edit", [("Form.Title", "Hijacked"), ("Form.Body", "x")]),
                ($"/admin/mi/course/{modules[0]}/publish", [("publish", "false")]),
                ($"/admin/mi/course/{modules[0]}/remove", [("confirmed", "true")]),
                ($"/admin/mi/course/{modules[0]}/move", [("up", "false")]),
                ("/admin/mi/course/new", [("Form.Title", "Sneaky"), ("Form.Body", "x"), ("Form.Published", "true")]),
            })
            {
                var response = await client.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)),
                    new("__RequestVerificationToken", token)]));
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            }
            var stored = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().OrderBy(m => m.Position).Select(m => new { m.Title, m.Published }).ToListAsync());
            Assert.Equal(["Module 1", "Module 2", "Module 3"], stored.Select(m => m.Title));
            Assert.Equal([true, true, false], stored.Select(m => m.Published));
            _ = other;
        }

        // Administrators edit, see drafts, and see everyone's progress.
        var (_, admin) = await factory.AdminAsync();
        var list = PortalClient.Decode(await admin.GetStringAsync("/admin/mi/course"));
        Assert.Contains("Module 3", list, StringComparison.Ordinal);
        Assert.Contains("Draft (not published)", list, StringComparison.Ordinal);
        var progress = PortalClient.Decode(await admin.GetStringAsync("/admin/mi/course/progress"));
        Assert.Contains(member.DisplayName, progress, StringComparison.Ordinal);
        Assert.Contains("1 of 2", progress, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/mi/course/{draft}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/mi/course/999999/edit")).StatusCode);
    }

    // ---- administration: input, concurrency, order, publish, remove ---------------------

    private static Task<HttpResponseMessage> PostModuleAsync(HttpClient admin, string path, string title, string body, bool published = true,
        string link = "", Guid? version = null, params (string Key, string Value)[] more) =>
        admin.PostFormAsync(path, path,
        [
            new("Form.Title", title), new("Form.Body", body), new("Form.LinkUrl", link), new("Form.LinkText", ""),
            new("Form.Published", published ? "true" : "false"), new("Form.Version", (version ?? Guid.Empty).ToString()),
            .. more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)),
        ]);

    [Fact]
    public async Task Bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed()
    {
        await CourseAsync(1);
        var (_, admin) = await factory.AdminAsync();

        var empty = await PostModuleAsync(admin, "/admin/mi/course/new", "  ", "Body that stays");
        var html = PortalClient.Decode(await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Enter a title", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Form_Title-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Body that stays</textarea>", html, StringComparison.Ordinal);

        var huge = new string('x', 100_000);
        var tooLong = await PostModuleAsync(admin, "/admin/mi/course/new", "Kept title", huge);
        html = PortalClient.Decode(await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Keep the text to 20,000 characters (you typed 100,000).", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kept title\"", html, StringComparison.Ordinal);
        Assert.Contains(huge, html, StringComparison.Ordinal); // what was typed comes back whole

        foreach (var link in new[] { "javascript:alert(1)", "data:text/html,x", "ftp://example.org/a", "example.org" })
        {
            var bad = await PostModuleAsync(admin, "/admin/mi/course/new", "Linked", "Text", link: link);
            html = PortalClient.Decode(await bad.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Enter a full web address starting with https://", html, StringComparison.Ordinal);
            Assert.Contains("id=\"Form_LinkUrl-error\"", html, StringComparison.Ordinal);
        }

        var badQuestion = await PostModuleAsync(admin, "/admin/mi/course/new", "Questioned", "Text", more:
            [("Form.Questions[0].Prompt", "What?"), ("Form.Questions[0].Options", "Only one"), ("Form.Questions[0].CorrectOption", "3")]);
        html = PortalClient.Decode(await badQuestion.Content.ReadAsStringAsync());
        Assert.Contains("Enter 2 to 5 options, one a line (you entered 1).", html, StringComparison.Ordinal);
        Assert.Contains("Enter the number of the right option, 1 to 1.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"What?\"", html, StringComparison.Ordinal);

        Assert.Equal(1, await factory.WithDbAsync(db => db.IntroCourseModules.CountAsync()));

        // Good input is saved, trimmed, with its questions; the link shows on the module page.
        var good = await PostModuleAsync(admin, "/admin/mi/course/new", " Reflections ", "Say back what you heard.", link: "https://example.org/video", more:
            [("Form.Questions[0].Prompt", "Which is a reflection?"), ("Form.Questions[0].Options", "Are you sad?\n\nYou're sad."), ("Form.Questions[0].CorrectOption", "2")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().Include(m => m.Questions).SingleAsync(m => m.Title == "Reflections"));
        Assert.Equal(2, saved.Position);
        var question = Assert.Single(saved.Questions);
        Assert.Equal("Are you sad?\nYou're sad.", question.Options);
        Assert.Contains("href=\"https://example.org/video\" rel=\"noopener nofollow\"", await admin.GetStringAsync($"/mi/course/{saved.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_newer_state_shown_and_the_typed_text_kept()
    {
        var modules = await CourseAsync(1);
        var (_, admin) = await factory.AdminAsync();
        var shown = await factory.WithDbAsync(db => db.IntroCourseModules.Where(m => m.Id == modules[0]).Select(m => m.Version).SingleAsync());
        var path = $"/admin/mi/course/{modules[0]}/edit";

        Assert.Equal(HttpStatusCode.Redirect, (await PostModuleAsync(admin, path, "First editor's title", "First text", version: shown)).StatusCode);
        var stale = await PostModuleAsync(admin, path, "Second editor's title", "Second text", version: shown);
        var html = PortalClient.Decode(await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(MiCourseAdminController.ConflictMessage, html, StringComparison.Ordinal);
        Assert.Contains("First editor's title", html, StringComparison.Ordinal); // the module as it is now
        Assert.Contains("value=\"Second editor's title\"", html, StringComparison.Ordinal); // what was typed
        var stored = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().SingleAsync(m => m.Id == modules[0]));
        Assert.Equal("First editor's title", stored.Title);

        // Saving again from the conflict page (which carries the newer version) succeeds.
        Assert.Equal(HttpStatusCode.Redirect, (await PostModuleAsync(admin, path, "Second editor's title", "Second text", version: stored.Version)).StatusCode);
    }

    [Fact]
    public async Task Modules_move_up_and_down_publish_and_unpublish_and_a_completed_one_is_removed_only_after_confirmation()
    {
        var modules = await CourseAsync(3);
        var (user, client) = await ParticipantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, modules[2])).StatusCode);
        var (_, admin) = await factory.AdminAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[2]}/move", [new("up", "true")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/move", [new("up", "false")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/move", [new("up", "false")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/move", [new("up", "false")])).StatusCode); // already last: nothing
        var page = await client.GetStringAsync("/mi/course");
        var order = ReversedTitles.Select(t => page.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.True(order[0] < order[1] && order[1] < order[2], string.Join(",", order));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/publish", [new("publish", "false")])).StatusCode);
        page = PortalClient.Decode(await client.GetStringAsync("/mi/course"));
        Assert.DoesNotContain("Module 2", page, StringComparison.Ordinal);
        Assert.Contains("1 of 2 modules complete", page, StringComparison.Ordinal);

        // Removing the module the participant completed asks first; nothing is removed until confirmed.
        var ask = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[2]}/remove", []);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("1 person has completed this module", PortalClient.Decode(await ask.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.IntroCourseCompletions.CountAsync(c => c.PersonId == user.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[2]}/remove", [new("confirmed", "true")])).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.IntroCourseModules.AnyAsync(m => m.Id == modules[2])));
        Assert.Equal(0, await factory.WithDbAsync(db => db.IntroCourseCompletions.CountAsync(c => c.PersonId == user.Id)));
        var removals = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "Deleted" && (a.EntityType == nameof(IntroCourseModule) || a.EntityType == nameof(IntroCourseCompletion))).Select(a => a.EntityType).ToListAsync());
        Assert.Contains(nameof(IntroCourseModule), removals);
        Assert.Contains(nameof(IntroCourseCompletion), removals);
        // A module nobody completed goes at once.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/remove", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/remove", [])).StatusCode);
    }

    /// <summary>The modules' ids in the course's order, as stored.</summary>
    internal static Task<List<int>> OrderAsync(PortalFactory factory) =>
        factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().OrderBy(m => m.Position).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync());

    /// <summary>Each module once, at places 1, 2, … (nothing lost, no two in one place).</summary>
    internal static async Task AssertOrderIntactAsync(PortalFactory factory, IEnumerable<int> modules)
    {
        var stored = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().Select(m => new { m.Id, m.Position }).ToListAsync());
        Assert.Equal(modules.Order(), stored.Select(m => m.Id).Order());
        Assert.Equal(Enumerable.Range(1, stored.Count), stored.Select(m => m.Position).Order());
    }

    [Fact]
    public async Task A_move_or_publish_that_is_not_plainly_true_or_false_changes_nothing_and_says_so()
    {
        var modules = await CourseAsync(3);
        var (_, admin) = await factory.AdminAsync();
        var before = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.Position, m.Published, m.Version }).ToListAsync());

        foreach (var fields in new KeyValuePair<string, string>[][] { [new("up", "abc")], [new("up", "on")], [], [new("up", "abc"), new("up", "true")] })
        {
            var response = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/move", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(MiCourseAdminController.NotUnderstood, PortalClient.Decode(await admin.GetStringAsync("/admin/mi/course")), StringComparison.Ordinal);
        }
        foreach (var fields in new KeyValuePair<string, string>[][] { [new("publish", "abc")], [new("publish", "on")], [] })
        {
            var response = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/publish", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(MiCourseAdminController.NotUnderstood, PortalClient.Decode(await admin.GetStringAsync("/admin/mi/course")), StringComparison.Ordinal);
        }

        var after = await factory.WithDbAsync(db => db.IntroCourseModules.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.Position, m.Published, m.Version }).ToListAsync());
        Assert.Equal(before, after);
        // The buttons' own values still work.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/move", [new("up", "true")])).StatusCode);
        Assert.Equal([modules[1], modules[0], modules[2]], await OrderAsync(factory));
    }

    [Fact]
    public async Task Moves_and_publishes_posted_at_the_same_moment_never_fail_and_keep_every_module_once_in_order()
    {
        var modules = await CourseAsync(4);
        var (_, admin) = await factory.AdminAsync();
        var token = await admin.GetTokenAsync("/admin/mi/course");
        async Task<HttpStatusCode> PostAsync(string path, string field, string value)
        {
            using var content = new FormUrlEncodedContent([new(field, value), new("__RequestVerificationToken", token)]);
            using var response = await admin.PostAsync(path, content);
            return response.StatusCode;
        }

        for (var round = 0; round < 3; round++)
        {
            var statuses = await Task.WhenAll(
                Enumerable.Range(0, 4).Select(_ => PostAsync($"/admin/mi/course/{modules[1]}/move", "up", "true"))
                .Concat(Enumerable.Range(0, 4).Select(i => PostAsync($"/admin/mi/course/{modules[i]}/move", "up", "false")))
                .Concat(Enumerable.Range(0, 4).Select(_ => PostAsync($"/admin/mi/course/{modules[2]}/publish", "publish", round % 2 == 0 ? "false" : "true"))));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
            // Which of them were refused depends on timing; what was saved is whole.
            await AssertOrderIntactAsync(factory, modules);
        }
    }

    [Fact]
    public async Task A_script_in_a_modules_text_is_shown_as_text_on_its_page()
    {
        var modules = await CourseAsync(1);
        await using (var db = factory.NewContext())
        {
            var module = await db.IntroCourseModules.SingleAsync(m => m.Id == modules[0]);
            module.Body = "<script>alert('x')</script>\n\n[go](javascript:alert(1)) <img src=x onerror=alert(1)>";
            module.LinkUrl = "javascript:alert(1)"; // stored before the form's rule, say: still never a link
            await db.SaveChangesAsync();
        }
        var (_, client) = await ParticipantAsync();
        var html = await client.GetStringAsync($"/mi/course/{modules[0]}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"module-link\"", html, StringComparison.Ordinal);
    }

    // ---- cost ---------------------------------------------------------------------------

    [Fact]
    public async Task The_course_page_reads_the_same_number_of_times_for_3_or_30_modules()
    {
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        async Task<int> ReadsAsync(HttpClient client, string path)
        {
            await client.GetAsync(path);
            counter.Reset();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
            return counter.Reads;
        }
        var few = await CourseAsync(3);
        var (user, client) = await ParticipantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(client, few[0])).StatusCode);
        var small = await ReadsAsync(client, "/mi/course");
        var smallModule = await ReadsAsync(client, $"/mi/course/{few[1]}");

        var many = await CourseAsync(30);
        await using (var db = factory.NewContext())
        {
            db.IntroCourseCompletions.AddRange(many.Take(20).Select(m => new IntroCourseCompletion { ModuleId = m, PersonId = user.Id, CompletedOn = factory.PortalToday() }));
            await db.SaveChangesAsync();
        }
        Assert.Equal(small, await ReadsAsync(client, "/mi/course"));
        Assert.Equal(smallModule, await ReadsAsync(client, $"/mi/course/{many[1]}"));
        Assert.Equal(2, small); // the modules with the person's marks, then their enrollment and certificate
        Assert.Contains("20 of 30 modules complete", PortalClient.Decode(await client.GetStringAsync("/mi/course")), StringComparison.Ordinal);
    }
}

/// <summary>A test host that can run "someone else's" change just before the app's next save of a course module.</summary>
public sealed class ModuleRacePortalFactory : PortalFactory
{
    public ModuleRace Race { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Race);
}

/// <summary>
/// Runs the armed change (once) when the app is about to save a changed or removed <see cref="IntroCourseModule"/>, after it
/// read the modules: exactly the moment another administrator's save would slip in.
/// </summary>
public sealed class ModuleRace : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    private Func<Task>? _before;

    public void Arm(Func<Task> before) => Volatile.Write(ref _before, before);

    public bool Ran => Volatile.Read(ref _before) is null;

    public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context
            && context.ChangeTracker.Entries<IntroCourseModule>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            && Interlocked.Exchange(ref _before, null) is { } before)
        {
            await before();
        }
        return result;
    }
}

/// <summary>
/// The administrators' course screens when another change of the same modules is saved between reading and saving: the
/// later request is refused with a clear message and nothing of it saved (or, when the module is already as asked, it
/// succeeds), never a server error, and the other change is kept.
/// </summary>
public sealed class MiCourseRaceTests(ModuleRacePortalFactory factory) : IClassFixture<ModuleRacePortalFactory>
{
    private static async Task<string> NoticeAsync(HttpClient admin) => PortalClient.Decode(await admin.GetStringAsync("/admin/mi/course"));

    /// <summary>Someone else's move of the first module down (swap with the second), as the app saves it: new versions.</summary>
    private Task<int> OtherMoveAsync(List<int> modules) => factory.WithDbAsync(async db =>
    {
        await db.IntroCourseModules.Where(m => m.Id == modules[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Position, 2).SetProperty(m => m.Version, Guid.NewGuid()));
        return await db.IntroCourseModules.Where(m => m.Id == modules[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Position, 1).SetProperty(m => m.Version, Guid.NewGuid()));
    });

    [Fact]
    public async Task A_move_that_races_another_move_is_refused_with_a_message_and_the_other_move_kept()
    {
        var modules = await MiCourseTests.ReplaceCourseAsync(factory, 3);
        var (_, admin) = await factory.AdminAsync();

        factory.Race.Arm(() => OtherMoveAsync(modules));
        var response = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[1]}/move", [new("up", "false")]);

        Assert.True(factory.Race.Ran);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(MiCourseAdminController.OrderChangedMessage, await NoticeAsync(admin), StringComparison.Ordinal);
        Assert.Equal([modules[1], modules[0], modules[2]], await MiCourseTests.OrderAsync(factory)); // the other move, and nothing of this one
        await MiCourseTests.AssertOrderIntactAsync(factory, modules);

        // Moving again from the order now shown works.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/move", [new("up", "false")])).StatusCode);
        Assert.Equal([modules[1], modules[2], modules[0]], await MiCourseTests.OrderAsync(factory));
    }

    [Fact]
    public async Task A_publish_that_races_the_same_choice_succeeds_and_one_that_races_another_change_is_refused()
    {
        var modules = await MiCourseTests.ReplaceCourseAsync(factory, 2, drafts: 1);
        var (_, admin) = await factory.AdminAsync();
        Task<bool> PublishedAsync(int id) => factory.WithDbAsync(db => db.IntroCourseModules.Where(m => m.Id == id).Select(m => m.Published).SingleAsync());

        // Another administrator (or the same click twice) unpublished it first: the outcome asked for.
        factory.Race.Arm(() => factory.WithDbAsync(db => db.IntroCourseModules.Where(m => m.Id == modules[0])
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Published, false).SetProperty(m => m.Version, Guid.NewGuid()))));
        var same = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/publish", [new("publish", "false")]);
        Assert.True(factory.Race.Ran);
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Contains("“Module 1” is unpublished", await NoticeAsync(admin), StringComparison.Ordinal);
        Assert.False(await PublishedAsync(modules[0]));

        // Another administrator's edit of the draft slipped in: this publish is refused, and their edit kept.
        factory.Race.Arm(() => factory.WithDbAsync(db => db.IntroCourseModules.Where(m => m.Id == modules[2])
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, "Retitled draft").SetProperty(m => m.Version, Guid.NewGuid()))));
        var other = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[2]}/publish", [new("publish", "true")]);
        Assert.True(factory.Race.Ran);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("Someone else changed “Retitled draft” at the same moment, so it was not published.", await NoticeAsync(admin), StringComparison.Ordinal);
        Assert.False(await PublishedAsync(modules[2]));
        Assert.Equal("Retitled draft", await factory.WithDbAsync(db => db.IntroCourseModules.Where(m => m.Id == modules[2]).Select(m => m.Title).SingleAsync()));

        // Publishing again from the list now shown works.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[2]}/publish", [new("publish", "true")])).StatusCode);
        Assert.True(await PublishedAsync(modules[2]));
    }

    [Fact]
    public async Task A_removal_that_races_a_move_of_the_module_says_it_was_not_removed_and_removes_nothing()
    {
        var modules = await MiCourseTests.ReplaceCourseAsync(factory, 3);
        var (_, admin) = await factory.AdminAsync();

        factory.Race.Arm(() => OtherMoveAsync(modules));
        var response = await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/remove", []);

        Assert.True(factory.Race.Ran);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Someone else changed “Module 1” at the same moment, so it was not removed.", await NoticeAsync(admin), StringComparison.Ordinal);
        Assert.Equal([modules[1], modules[0], modules[2]], await MiCourseTests.OrderAsync(factory));
        Assert.Equal(3, await factory.WithDbAsync(db => db.IntroCourseQuestions.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/mi/course", $"/admin/mi/course/{modules[0]}/remove", [])).StatusCode);
        Assert.Equal([modules[1], modules[2]], await MiCourseTests.OrderAsync(factory));
    }
}
