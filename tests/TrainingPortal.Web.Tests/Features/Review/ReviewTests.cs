using TrainingPortal.Web.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using static TrainingPortal.Web.Tests.Testing.QueueData;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Review;

/// <summary>
/// The reviewer's side of the endorsement application (/reviews): the queue, per-entry decisions, section comments,
/// return to the applicant, the examination result, the portfolio approval and the approval through the existing flow;
/// who may open what.
/// </summary>
public sealed partial class ReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    private sealed record Applicant(AppUser Person, int EnrollmentId)
    {
        public string Review => "/reviews/" + Id(EnrollmentId);
    }

    /// <summary>A new person's application; submitted <paramref name="submittedDaysAgo"/> days ago (null: not submitted).</summary>
    private async Task<Applicant> ApplicantAsync(string programKey = DefaultRuleSets.Keys.ImhEndorsementL2, string? category = null,
        int? submittedDaysAgo = 1, ApplicationStatus status = ApplicationStatus.Submitted, AppUser? person = null)
    {
        person ??= await factory.CreateAsync(Roles.Trainee);
        var enrollment = Enroll(person, programKey, Today.AddDays(-30), category: category);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(async db =>
        {
            db.Add(enrollment);
            await db.SaveChangesAsync();
            if (submittedDaysAgo is { } days)
            {
                db.EndorsementApplications.Add(new EndorsementApplication
                {
                    EnrollmentId = enrollment.Id, Status = status, Round = 1, SubmittedUtc = now.AddDays(-days),
                    ReturnedUtc = status == ApplicationStatus.Returned ? now.AddHours(-1) : null,
                });
            }
            return await db.SaveChangesAsync();
        });
        return new Applicant(person, enrollment.Id);
    }

    private Task<int> TrainingAsync(AppUser person, decimal hours, bool verified = false, int daysAgo = 10) => factory.WithDbAsync(async db =>
    {
        var entry = new TrainingHoursRecord
        {
            PersonId = person.Id, Date = Today.AddDays(-daysAgo), Title = "Attachment seminar", Provider = "State IMH Association",
            Hours = hours, RelationshipBased = true, FaceToFace = true, Verified = verified,
        };
        db.TrainingHours.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    });

    private async Task<(AppUser User, HttpClient Client)> ReviewerAsync()
    {
        var reviewer = await factory.CreateAsync(Roles.Reviewer);
        return (reviewer, await factory.SignedInAsync(reviewer.Email!, TestUsers.Password));
    }

    private Task<RequirementResult> RequirementAsync(int enrollmentId, string key) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollmentId])).Single().Verdict[key]!);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Applicant a, string path, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(a.Review, a.Review + path, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]+)</span>");
        return m.Success ? PortalClient.Decode(m.Groups[1].Value) : null;
    }

    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal));

    [GeneratedRegex("<tr data-returned=\"(\\d+)\"")]
    private static partial Regex ReturnedRow();

    [Fact]
    public async Task The_queue_lists_submitted_applications_oldest_first_with_their_undecided_entries_and_returned_ones_apart()
    {
        var newer = await ApplicantAsync(submittedDaysAgo: 2);
        var older = await ApplicantAsync(submittedDaysAgo: 6);
        var draft = await ApplicantAsync(submittedDaysAgo: null);
        var returned = await ApplicantAsync(submittedDaysAgo: 9, status: ApplicationStatus.Returned);
        await TrainingAsync(newer.Person, 6m);
        await TrainingAsync(newer.Person, 4m);
        await TrainingAsync(newer.Person, 2m, verified: true);
        var declined = await TrainingAsync(newer.Person, 2m);
        await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == declined).ExecuteUpdateAsync(u => u.SetProperty(t => t.NotAcceptedReason, "No certificate")));
        // Leadership does not count for Level II: an undecided activity is not waiting for this review.
        await factory.WithDbAsync(async db =>
        {
            db.LeadershipActivities.Add(new LeadershipActivityRecord { PersonId = newer.Person.Id, Kind = "Other", Description = "Chaired a workgroup" });
            return await db.SaveChangesAsync();
        });
        var (_, reviewer) = await ReviewerAsync();

        var html = await (await reviewer.GetAsync("/reviews")).HtmlAsync();

        var ours = QueueIds(html).Where(id => id == newer.EnrollmentId || id == older.EnrollmentId || id == draft.EnrollmentId || id == returned.EnrollmentId).ToList();
        Assert.Equal([older.EnrollmentId, newer.EnrollmentId], ours);
        var newerRow = Regex.Match(html, $"<tr data-enrollment=\"{newer.EnrollmentId}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<td data-testid=\"pending\">2</td>", newerRow);
        Assert.Contains("IMH Endorsement Level II — Infant Family Specialist", newerRow);
        Assert.Contains("Eastern Time", newerRow); // the submission instant, with its time zone
        Assert.Contains(returned.EnrollmentId, ReturnedRow().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.DoesNotContain($"/reviews/{draft.EnrollmentId}\"", html);
    }

    [Fact]
    public async Task The_queue_costs_the_same_few_queries_for_one_application_or_many()
    {
        var (_, reviewer) = await ReviewerAsync();
        await ApplicantAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        await reviewer.GetStringAsync("/reviews"); // views compiled
        counter.Reset();
        await reviewer.GetStringAsync("/reviews");
        var few = counter.Count;
        for (var i = 0; i < 6; i++)
        {
            var a = await ApplicantAsync(submittedDaysAgo: i + 2);
            await TrainingAsync(a.Person, 3m);
        }
        counter.Reset();
        var html = await reviewer.GetStringAsync("/reviews");
        var many = counter.Count;

        Assert.True(QueueIds(html).Count >= 7);
        Assert.Equal(few, many);
        Assert.Equal(3, many); // submitted, returned, the viewer's time zone
    }

    [Fact]
    public async Task The_review_page_shows_what_was_submitted_marks_entries_added_since_and_links_the_evidence_files()
    {
        var a = await ApplicantAsync();
        var before = await TrainingAsync(a.Person, 15m);
        var snapshot = await factory.WithScopeAsync(services => services.GetRequiredService<Web.Applications.ApplicationSnapshots>().BuildAsync(a.EnrollmentId));
        var publicId = await factory.WithDbAsync(async db =>
        {
            var application = await db.EndorsementApplications.SingleAsync(x => x.EnrollmentId == a.EnrollmentId);
            application.Snapshot = snapshot!.ToJson();
            var file = new UploadedFile
            {
                PersonId = a.Person.Id, Purpose = FilePurpose.TrainingCertificate, TrainingHoursId = before, FileName = "seminar.pdf",
                ContentType = "application/pdf", Length = 9, Sha256 = new string('0', 64), UploadedUtc = factory.Time.GetUtcNow().UtcDateTime,
                PublicId = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // listing only: the bytes are not read
            };
            db.UploadedFiles.Add(file);
            await db.SaveChangesAsync();
            return file.PublicId;
        });
        var after = await TrainingAsync(a.Person, 15m, daysAgo: 2);
        var (_, reviewer) = await ReviewerAsync();

        var html = PortalClient.Decode(await reviewer.GetStringAsync(a.Review));

        Assert.Contains("data-testid=\"snapshot\"", html);
        Assert.Matches("30 clock hours[^<]*</td><td>(Not met|In progress) \\(0 of 30", html); // the pending hours did not count when it was submitted
        var rowBefore = Regex.Match(html, $"<tr id=\"entry-training-{before}\".*?</tr>", RegexOptions.Singleline).Value;
        var rowAfter = Regex.Match(html, $"<tr id=\"entry-training-{after}\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains($"href=\"/files/{publicId}\"", rowBefore);
        Assert.DoesNotContain("not-submitted", rowBefore);
        Assert.Contains("Added after the application was submitted", rowAfter);
    }

    [Fact]
    public async Task The_review_page_costs_the_same_queries_for_few_entries_or_many()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4, DefaultRuleSets.Categories.Clinical);
        await TrainingAsync(a.Person, 2m);
        var (_, reviewer) = await ReviewerAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        await reviewer.GetStringAsync(a.Review); // views compiled
        counter.Reset();
        await reviewer.GetStringAsync(a.Review);
        var few = counter.Count;
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 8; i++)
            {
                db.TrainingHours.Add(new TrainingHoursRecord { PersonId = a.Person.Id, Date = Today.AddDays(-i - 2), Title = "Seminar", Hours = 1m, RelationshipBased = true });
                db.RscLog.Add(new RscLogEntry { PersonId = a.Person.Id, Date = Today.AddDays(-i - 2), Hours = 1m, ProviderName = "Dana Mentor", ProviderLevel = EndorsementLevel.LevelIII });
                db.ApplicationComments.Add(new ApplicationComment { EnrollmentId = a.EnrollmentId, Section = "training-hours", Text = "Note " + i, AuthorId = a.Person.Id, CreatedUtc = factory.Time.GetUtcNow().UtcDateTime });
            }
            return await db.SaveChangesAsync();
        });
        counter.Reset();
        await reviewer.GetStringAsync(a.Review);

        Assert.Equal(few, counter.Count);
        // The access check, the live verdict, then: applicant, application, viewer's zone, the six entry kinds Level IV
        // reads, the evidence files, references, comments, exams, enrollment extras.
        Assert.Equal(1 + EvidenceLoader.QueryCount + 3 + 6 + 1 + 4, counter.Count);
    }

    [Fact]
    public async Task Trainees_and_trainers_are_refused_anonymous_users_sign_in_and_reviewers_and_administrators_review()
    {
        var a = await ApplicantAsync();
        var entry = await TrainingAsync(a.Person, 5m);
        foreach (var role in new[] { Roles.Trainee, Roles.Trainer })
        {
            var user = await factory.CreateAsync(role);
            var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
            Assert.True(IsAccessDenied(await client.GetAsync("/reviews")), role + " GET /reviews");
            Assert.True(IsAccessDenied(await client.GetAsync(a.Review)), role + " GET review");
            var token = await client.GetTokenAsync("/profile");
            var post = await client.PostAsync(a.Review + $"/entries/training/{entry}/verify", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True(IsAccessDenied(post), role + " POST verify");
            Assert.DoesNotContain("href=\"/reviews\"", await client.GetStringAsync("/"));
        }
        Assert.True((await factory.CreatePortalClient().GetAsync(a.Review)).IsRedirectToLogin());
        Assert.False(await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == entry).Select(t => t.Verified).SingleAsync()));

        var (_, reviewer) = await ReviewerAsync();
        var (_, admin) = await factory.AdminAsync();
        foreach (var client in new[] { reviewer, admin })
        {
            Assert.Contains("href=\"/reviews\" data-testid=\"reviews-link\"", await client.GetStringAsync("/"));
            var page = await client.GetAsync(a.Review);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Submitted for review", await page.HtmlAsync());
        }
    }

    [Fact]
    public async Task A_reviewer_never_reviews_their_own_application()
    {
        var (me, reviewer) = await ReviewerAsync();
        var mine = await ApplicantAsync(person: me);
        var entry = await TrainingAsync(me, 5m);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(mine.Review)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostFormAsync("/reviews", mine.Review + $"/entries/training/{entry}/verify", [])).StatusCode);
        Assert.DoesNotContain(mine.EnrollmentId, QueueIds(await reviewer.GetStringAsync("/reviews")));
        Assert.False(await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == entry).Select(t => t.Verified).SingleAsync()));
    }

    [Fact]
    public async Task Verifying_training_makes_it_count_marks_the_stored_standing_stale_moves_the_home_page_and_is_audited()
    {
        var a = await ApplicantAsync();
        var first = await TrainingAsync(a.Person, 15m);
        await TrainingAsync(a.Person, 12m);
        var applicant = await factory.SignedInAsync(a.Person.Email!, TestUsers.Password);
        await factory.RefreshDueAsync();
        Assert.Contains(">0 / 30 hours<", await applicant.GetStringAsync("/"));
        var (reviewerUser, reviewer) = await ReviewerAsync();
        var page = await (await reviewer.GetAsync(a.Review)).HtmlAsync();
        Assert.Contains($"id=\"entry-training-{first}\"", page);
        Assert.Contains("Waiting for a decision", page);

        var response = await PostAsync(reviewer, a, $"/entries/training/{first}/verify");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(15m, (await RequirementAsync(a.EnrollmentId, "training-hours")).Current);
        Assert.True((await factory.StandingAsync(a.EnrollmentId))!.Stale);
        Assert.Contains(">15 / 30 hours<", await applicant.GetStringAsync("/"));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.EntityType == nameof(TrainingHoursRecord) && e.EntityId == first.ToString(CultureInfo.InvariantCulture) && e.Action == "Modified"));
        Assert.Equal(reviewerUser.Id, audit.ActorId);
        Assert.Equal(a.Person.Id, audit.PersonId);
        Assert.Contains("\"Verified\":[false,true]", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_accepted_needs_a_reason_next_to_the_field_then_stores_it_and_a_later_verify_clears_it()
    {
        var a = await ApplicantAsync();
        var entry = await TrainingAsync(a.Person, 5m);
        var (_, reviewer) = await ReviewerAsync();

        var refused = await PostAsync(reviewer, a, $"/entries/training/{entry}/not-accepted", ("NotAccepted.Reason", "  "));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.HtmlAsync();
        Assert.Contains("Write why this entry is not accepted", FieldError(html, "NotAccepted.Reason"));
        Assert.Matches($"<tr id=\"entry-training-{entry}\"[\\s\\S]*?<details open=\"open\">[\\s\\S]*?id=\"NotAccepted_Reason\"", html);
        Assert.Null(await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == entry).Select(t => t.NotAcceptedReason).SingleAsync()));

        var tooLong = await PostAsync(reviewer, a, $"/entries/training/{entry}/not-accepted", ("NotAccepted.Reason", new string('x', 2001)));
        Assert.Contains("Keep the reason to 2,000 characters (you typed 2,001).", FieldError(await tooLong.HtmlAsync(), "NotAccepted.Reason"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, a, $"/entries/training/{entry}/not-accepted", ("NotAccepted.Reason", "No certificate of attendance"))).StatusCode);
        var stored = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.Id == entry));
        Assert.False(stored.Verified);
        Assert.Equal("No certificate of attendance", stored.NotAcceptedReason);
        Assert.Contains("Reason: No certificate of attendance", await (await reviewer.GetAsync(a.Review)).HtmlAsync());

        await PostAsync(reviewer, a, $"/entries/training/{entry}/verify");
        stored = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.Id == entry));
        Assert.True(stored.Verified);
        Assert.Null(stored.NotAcceptedReason);
    }

    [Fact]
    public async Task Each_kind_of_entry_is_decided_on_its_own_flag()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4, DefaultRuleSets.Categories.Clinical);
        var ids = await factory.WithDbAsync(async db =>
        {
            var p = a.Person.Id;
            var degree = new DegreeRecord { PersonId = p, Kind = DegreeKind.MSW, AwardedOn = Today.AddYears(-8), Institution = "State University" };
            var work = new WorkExperienceRecord { PersonId = p, Kind = WorkKind.SupervisedDyadicImh, Start = Today.AddYears(-7), Employer = "Clinic" };
            var leadership = new LeadershipActivityRecord { PersonId = p, Kind = "Leadership in local/state IMH association" };
            var rsc = new RscLogEntry { PersonId = p, Date = Today.AddDays(-20), Hours = 2m, ProviderName = "Dana Mentor", ProviderLevel = EndorsementLevel.LevelIVClinical };
            var membership = new MembershipRecord { PersonId = p, Association = "State IMH Association", From = Today.AddMonths(-2), To = Today.AddMonths(10) };
            db.AddRange(degree, work, leadership, rsc, membership);
            await db.SaveChangesAsync();
            return (degree.Id, work.Id, leadership.Id, rsc.Id, membership.Id);
        });
        var (_, reviewer) = await ReviewerAsync();
        Assert.Equal(0m, (await RequirementAsync(a.EnrollmentId, "leadership")).Current);

        foreach (var (kind, id) in new[] { ("degrees", ids.Item1), ("work", ids.Item2), ("leadership", ids.Item3), ("rsc", ids.Item4), ("memberships", ids.Item5) })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, a, $"/entries/{kind}/{id}/verify")).StatusCode);
        }

        await factory.WithDbAsync<int>(async db =>
        {
            Assert.True((await db.Degrees.SingleAsync(x => x.Id == ids.Item1)).TranscriptVerified);
            Assert.True((await db.WorkExperience.SingleAsync(x => x.Id == ids.Item2)).Verified);
            Assert.True((await db.LeadershipActivities.SingleAsync(x => x.Id == ids.Item3)).Verified);
            Assert.True((await db.RscLog.SingleAsync(x => x.Id == ids.Item4)).ProviderApproved);
            Assert.True((await db.Memberships.SingleAsync(x => x.Id == ids.Item5)).Verified);
            return 0;
        });
        Assert.Equal(1m, (await RequirementAsync(a.EnrollmentId, "leadership")).Current);
        Assert.Equal(RequirementStatus.Met, (await RequirementAsync(a.EnrollmentId, "membership")).Status);
        Assert.Equal(2m, (await RequirementAsync(a.EnrollmentId, "reflective-supervision")).Current);
    }

    [Fact]
    public async Task An_entry_of_another_person_or_an_unknown_kind_through_this_application_is_not_found()
    {
        var a = await ApplicantAsync();
        var other = await ApplicantAsync();
        var theirs = await TrainingAsync(other.Person, 5m);
        var (_, reviewer) = await ReviewerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, a, $"/entries/training/{theirs}/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, a, $"/entries/training/{theirs}/not-accepted", ("NotAccepted.Reason", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, a, $"/entries/training/{theirs}/not-accepted", ("NotAccepted.Reason", ""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, a, $"/entries/certificates/{theirs}/verify")).StatusCode);
        // Leadership is not part of a Level II application.
        var activity = await factory.WithDbAsync(async db =>
        {
            var l = new LeadershipActivityRecord { PersonId = a.Person.Id, Kind = "Other", Description = "Workgroup" };
            db.Add(l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, a, $"/entries/leadership/{activity}/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/reviews/999999")).StatusCode);
        // A withdrawn application is not reviewed.
        var withdrawn = await ApplicantAsync();
        var withdrawnEntry = await TrainingAsync(withdrawn.Person, 3m);
        await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == withdrawn.EnrollmentId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrollmentStatus.Withdrawn)));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(withdrawn.Review)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostFormAsync("/reviews", withdrawn.Review + $"/entries/training/{withdrawnEntry}/verify", [])).StatusCode);

        var stored = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.Id == theirs));
        Assert.False(stored.Verified);
        Assert.Null(stored.NotAcceptedReason);
    }

    [Fact]
    public async Task A_section_comment_is_saved_shown_and_audited_and_an_empty_one_is_refused_next_to_the_field()
    {
        var a = await ApplicantAsync();
        var (reviewerUser, reviewer) = await ReviewerAsync();

        var empty = await PostAsync(reviewer, a, "/comments", ("Comment.Section", "training-hours"), ("Comment.Text", ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Write the comment.", FieldError(await empty.HtmlAsync(), "Comment.Text"));
        var unknown = await PostAsync(reviewer, a, "/comments", ("Comment.Section", "no-such-section"), ("Comment.Text", "Hello"));
        Assert.Contains("That section is not part of this application", await unknown.HtmlAsync());

        var saved = await PostAsync(reviewer, a, "/comments", ("Comment.Section", "training-hours"), ("Comment.Text", "Please add the certificate for the March seminar."));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var comment = await factory.WithDbAsync(db => db.ApplicationComments.AsNoTracking().SingleAsync(c => c.EnrollmentId == a.EnrollmentId));
        Assert.Equal("training-hours", comment.Section);
        Assert.Equal(reviewerUser.Id, comment.AuthorId);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.EntityType == nameof(ApplicationComment) && e.EntityId == comment.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(reviewerUser.Id, audit.ActorId);
        Assert.Equal("Added", audit.Action);
        var html = await (await reviewer.GetAsync(a.Review)).HtmlAsync();
        Assert.Matches("data-key=\"training-hours\"[\\s\\S]*?Please add the certificate for the March seminar\\.", html);
    }

    [Fact]
    public async Task Return_needs_a_note_changes_the_status_and_only_a_submitted_application_is_returned()
    {
        var a = await ApplicantAsync();
        var (reviewerUser, reviewer) = await ReviewerAsync();

        var noNote = await PostAsync(reviewer, a, "/return", ("Return.Round", "1"), ("Return.Note", ""));
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        Assert.Contains("Write a note to the applicant", FieldError(await noNote.HtmlAsync(), "Return.Note"));
        Assert.Equal(ApplicationStatus.Submitted, await factory.WithDbAsync(db => db.EndorsementApplications.Where(x => x.EnrollmentId == a.EnrollmentId).Select(x => x.Status).SingleAsync()));

        var returned = await PostAsync(reviewer, a, "/return", ("Return.Round", "1"), ("Return.Note", "The work periods need the employer's letter."));

        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var application = await factory.WithDbAsync(db => db.EndorsementApplications.AsNoTracking().SingleAsync(x => x.EnrollmentId == a.EnrollmentId));
        Assert.Equal(ApplicationStatus.Returned, application.Status);
        Assert.Equal(reviewerUser.Id, application.ReturnedById);
        Assert.Equal("The work periods need the employer's letter.", application.ReturnNote);
        Assert.NotNull(application.ReturnedUtc);
        var told = Assert.Single(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == a.Person.Id && n.Kind == NotificationKind.ReviewReturned).ToListAsync()));
        Assert.Contains("The work periods need the employer's letter.", told.Body, StringComparison.Ordinal);
        Assert.Equal($"/endorsement/{a.EnrollmentId}", told.Link);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(EndorsementApplication) && e.ActorId == reviewerUser.Id && e.Action == "Modified")));
        var queue = await reviewer.GetStringAsync("/reviews");
        Assert.DoesNotContain(a.EnrollmentId, QueueIds(queue));
        Assert.Contains($"<tr data-returned=\"{a.EnrollmentId}\"", queue);
        Assert.Contains("The work periods need the employer&#x27;s letter.", await reviewer.GetStringAsync(a.Review));

        // A page from before a new submission (its round is older) returns nothing unseen.
        var resubmitted = await ApplicantAsync();
        await factory.WithDbAsync(db => db.EndorsementApplications.Where(x => x.EnrollmentId == resubmitted.EnrollmentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Round, 2)));
        var stale = await PostAsync(reviewer, resubmitted, "/return", ("Return.Round", "1"), ("Return.Note", "Seen on the first round"));
        Assert.Contains("The applicant submitted the application again while you were writing", await stale.HtmlAsync());
        Assert.Equal(ApplicationStatus.Submitted, await factory.WithDbAsync(db => db.EndorsementApplications.Where(x => x.EnrollmentId == resubmitted.EnrollmentId).Select(x => x.Status).SingleAsync()));

        var again = await PostAsync(reviewer, a, "/return", ("Return.Round", "1"), ("Return.Note", "Again"));
        Assert.Contains("Only a submitted application can be returned", await again.HtmlAsync());

        var draft = await ApplicantAsync(submittedDaysAgo: null);
        var notSubmitted = await reviewer.PostFormAsync(draft.Review, draft.Review + "/return", [new("Return.Round", "0"), new("Return.Note", "Too early")]);
        Assert.Contains("Only a submitted application can be returned", await notSubmitted.HtmlAsync());
    }

    [Fact]
    public async Task An_exam_result_in_the_future_is_refused_a_recorded_pass_meets_the_exam_and_levels_without_an_exam_have_none()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4, DefaultRuleSets.Categories.Clinical);
        var (_, reviewer) = await ReviewerAsync();
        Assert.Equal(RequirementStatus.NotMet, (await RequirementAsync(a.EnrollmentId, "exam")).Status);

        var future = await PostAsync(reviewer, a, "/exam", ("Exam.Date", Iso(Today.AddDays(1))), ("Exam.Passed", "true"));
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        var html = await future.HtmlAsync();
        Assert.Contains("cannot be in the future", FieldError(html, "Exam.Date"));
        Assert.Matches("<input[^>]*name=\"Exam.Date\"[^>]*value=\"" + Iso(Today.AddDays(1)) + "\"", html);
        var noResult = await PostAsync(reviewer, a, "/exam", ("Exam.Date", Iso(Today.AddDays(-3))));
        Assert.Equal("Choose the result: passed or not passed.", FieldError(await noResult.HtmlAsync(), "Exam.Passed"));
        Assert.False(await factory.WithDbAsync(db => db.ExamResults.AnyAsync(x => x.EnrollmentId == a.EnrollmentId)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, a, "/exam", ("Exam.Date", Iso(Today.AddDays(-3))), ("Exam.Passed", "true"))).StatusCode);
        Assert.Equal(RequirementStatus.Met, (await RequirementAsync(a.EnrollmentId, "exam")).Status);

        var level2 = await ApplicantAsync();
        Assert.DoesNotContain("/exam\"", await reviewer.GetStringAsync(level2.Review));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(reviewer, level2, "/exam", ("Exam.Date", Iso(Today.AddDays(-3))), ("Exam.Passed", "true"))).StatusCode);
    }

    [Fact]
    public async Task Approving_the_portfolio_meets_the_portfolio_requirement_today_and_the_approval_can_be_withdrawn()
    {
        var a = await ApplicantAsync();
        var (_, reviewer) = await ReviewerAsync();
        Assert.NotEqual(RequirementStatus.Met, (await RequirementAsync(a.EnrollmentId, "portfolio")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, a, "/portfolio", ("Portfolio.Approved", "true"))).StatusCode);
        Assert.Equal(Today, (await factory.EnrollmentAsync(a.EnrollmentId)).PortfolioApprovedOn);
        Assert.Equal(RequirementStatus.Met, (await RequirementAsync(a.EnrollmentId, "portfolio")).Status);
        Assert.Contains("Approved on " + TrainingPortal.Web.Infrastructure.DateDisplay.Date(Today), await (await reviewer.GetAsync(a.Review)).HtmlAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, a, "/portfolio", ("Portfolio.Approved", "false"))).StatusCode);
        Assert.Null((await factory.EnrollmentAsync(a.EnrollmentId)).PortfolioApprovedOn);
        Assert.NotEqual(RequirementStatus.Met, (await RequirementAsync(a.EnrollmentId, "portfolio")).Status);
    }

    [Fact]
    public async Task References_show_reviewers_each_raters_status_and_rating_which_the_applicant_never_sees()
    {
        var a = await ApplicantAsync();
        await factory.WithDbAsync(async db =>
        {
            db.References.Add(new ReferenceRecord
            {
                EnrollmentId = a.EnrollmentId, RaterName = "Rae Supervisor", RaterEmail = "rae@test.local", Source = ReferenceSource.Supervisor,
                RaterLevel = EndorsementLevel.LevelIII, RequestedOn = Today.AddDays(-9), ReceivedOn = Today.AddDays(-2),
                Recommendation = ReferenceRecommendation.RecommendWithReservations, Comments = "Needs more reflective practice.",
            });
            db.References.Add(new ReferenceRecord
            {
                EnrollmentId = a.EnrollmentId, RaterName = "Pat Pending", RaterEmail = "pat@test.local", Source = ReferenceSource.Colleague,
                RequestedOn = Today.AddDays(-9), SentUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(-9), LinkExpiresUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(21),
            });
            return await db.SaveChangesAsync();
        });
        var (_, reviewer) = await ReviewerAsync();

        var html = await (await reviewer.GetAsync(a.Review)).HtmlAsync();

        Assert.Contains("Recommends the applicant, with reservations", html);
        Assert.Contains("Needs more reflective practice.", html);
        Assert.Contains("Link sent, not yet opened", html);
        var applicant = await factory.SignedInAsync(a.Person.Email!, TestUsers.Password);
        var own = await applicant.GetStringAsync($"/endorsement/{a.EnrollmentId}/references");
        Assert.DoesNotContain("Needs more reflective practice.", own);
        Assert.DoesNotContain("with reservations", own);
    }

    [Fact]
    public async Task Once_eligible_an_administrator_approves_through_the_existing_flow_which_issues_the_certificate()
    {
        var a = await ApplicantAsync();
        var (adminUser, admin) = await factory.AdminAsync();
        // Everything but the training is in place (waived as an administrator would); the training waits for verification.
        await factory.WithDbAsync(async db =>
        {
            var enrollment = await db.Enrollments.SingleAsync(e => e.Id == a.EnrollmentId);
            foreach (var requirement in RuleSetCatalog.Default.Find(enrollment.RuleSetId)!.RequirementsFor(null).Where(r => r.Blocking && r.Key != "training-hours"))
            {
                db.Waivers.Add(new WaiverRecord { EnrollmentId = a.EnrollmentId, RequirementKey = requirement.Key, Reason = "Checked on paper", GrantedOn = Today, GrantedById = adminUser.Id });
            }
            return await db.SaveChangesAsync();
        });
        var first = await TrainingAsync(a.Person, 15m);
        var second = await TrainingAsync(a.Person, 15m, daysAgo: 11);
        var (_, reviewer) = await ReviewerAsync();

        var notYet = await (await admin.GetAsync(a.Review)).HtmlAsync();
        Assert.DoesNotContain("data-testid=\"approve\"", notYet);
        await PostAsync(reviewer, a, $"/entries/training/{first}/verify");
        await PostAsync(reviewer, a, $"/entries/training/{second}/verify");

        // A reviewer sees that it is ready; approving (issuing the certificate) is an administrator's.
        var reviewerPage = await (await reviewer.GetAsync(a.Review)).HtmlAsync();
        Assert.Contains("data-testid=\"ready-for-approval\"", reviewerPage);
        Assert.DoesNotContain("data-testid=\"approve\"", reviewerPage);
        var version = (await factory.EnrollmentAsync(a.EnrollmentId)).Version;
        Assert.True(IsAccessDenied(await PostAsync(reviewer, a, "/approve", ("Approve.Version", version.ToString()))));
        Assert.Equal(EnrollmentStatus.Active, (await factory.EnrollmentAsync(a.EnrollmentId)).Status);

        var adminPage = await (await admin.GetAsync(a.Review)).HtmlAsync();
        Assert.Contains("data-testid=\"approve\"", adminPage);
        var approved = await PostAsync(admin, a, "/approve", ("Approve.Version", version.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var enrollment = await factory.EnrollmentAsync(a.EnrollmentId);
        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        Assert.Equal(Today, enrollment.CompletedOn);
        Assert.Equal(adminUser.Id, enrollment.ApprovedById);
        var code = await factory.WithDbAsync(db => db.Certificates.Where(c => c.EnrollmentId == a.EnrollmentId).Select(c => c.Code).SingleAsync());
        Assert.NotNull(code);
        var after = await (await admin.GetAsync(a.Review)).HtmlAsync();
        Assert.Contains("data-testid=\"approved\"", after);
        Assert.Contains("data-testid=\"certificate-link\"", after);
        Assert.DoesNotContain("/verify\" asp", after);
        Assert.DoesNotContain(a.EnrollmentId, QueueIds(await admin.GetStringAsync("/reviews")));

        // Closed: no decision changes an approved application.
        var third = await TrainingAsync(a.Person, 1m, daysAgo: 12);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, a, $"/entries/training/{third}/verify")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == third).Select(t => t.Verified).SingleAsync()));
        // A second approval changes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, a, "/approve", ("Approve.Version", version.ToString()))).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.EnrollmentId == a.EnrollmentId)));
    }

    [Fact]
    public async Task An_administrator_verifies_a_renewals_yearly_hours_without_a_submit_but_cannot_return_an_unsubmitted_application()
    {
        // José (demo) renews the Level III he holds and has logged some of the year's hours; he has not submitted anything.
        var renewalId = await factory.WithDbAsync(db => (from e in db.Enrollments
                                                         join u in db.Users on e.PersonId equals u.Id
                                                         where u.Email == "trainee5@demo.local" && e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal && e.Status == EnrollmentStatus.Active
                                                         select e.Id).SingleAsync());
        var jose = (await factory.FindAsync("trainee5@demo.local"))!;
        var renewal = new Applicant(jose, renewalId);
        var entry = await TrainingAsync(jose, 2m, daysAgo: 0);
        var before = (await RequirementAsync(renewalId, "annual-training")).Current;
        var (_, admin) = await factory.AdminAsync();

        var html = await (await admin.GetAsync(renewal.Review)).HtmlAsync();
        Assert.Contains("Not submitted yet", html);
        Assert.Contains($"id=\"entry-training-{entry}\"", html);
        Assert.DoesNotContain("/return\"", html);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, renewal, $"/entries/training/{entry}/verify")).StatusCode);

        Assert.Equal(before + 2m, (await RequirementAsync(renewalId, "annual-training")).Current);
        var refused = await PostAsync(admin, renewal, "/return", ("Return.Round", "0"), ("Return.Note", "Too early"));
        Assert.Contains("Only a submitted application can be returned", await refused.HtmlAsync());
        Assert.False(await factory.WithDbAsync(db => db.EndorsementApplications.AnyAsync(a => a.EnrollmentId == renewalId)));
    }

    [Fact]
    public async Task An_administrator_grants_the_reviewer_role_on_the_people_page_and_the_new_reviewer_opens_the_queue()
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        var (_, admin) = await factory.AdminAsync();
        var personPage = "/admin/people/" + person.Id;
        var html = await admin.GetStringAsync(personPage);
        Assert.Contains("<label class=\"form-check-label\" for=\"role-reviewer\">Reviewer</label>", html);

        var granted = await admin.PostFormAsync(personPage, personPage + "/roles",
            [new("RolesForm.Roles", Roles.Trainee), new("RolesForm.Roles", Roles.Reviewer), new("RolesForm.Confirm", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var roles = await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(person.Id))!);
        });
        Assert.Contains(Roles.Reviewer, roles);
        var reviewer = await factory.SignedInAsync(person.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/reviews")).StatusCode);
    }
}
