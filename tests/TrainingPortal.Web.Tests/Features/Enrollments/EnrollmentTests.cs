using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Enrollments;

public sealed class EnrollmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPage = "/admin/enrollments/new";

    private DateOnly TodayInNewYork =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static Task<HttpResponseMessage> EnrollAsync(HttpClient client, string email, string program, string group = "", string classroom = "", string category = "") =>
        client.PostFormAsync(NewPage,
            ("Form.PersonEmail", email), ("Form.ProgramKey", program), ("Form.GroupId", group), ("Form.ClassroomGroupId", classroom), ("Form.Category", category));

    private Task<List<Enrollment>> EnrollmentsOfAsync(string personId) =>
        factory.WithDbAsync(db => db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Id).ToListAsync());

    private async Task<(int Group, int Classroom)> MioGroupsAsync()
    {
        await using var db = factory.NewContext();
        var group = ConsultationGroup(TodayInNewYork.AddDays(7), name: "Tuesday group " + Guid.NewGuid().ToString("N")[..6]);
        var classroom = Classroom(TodayInNewYork);
        db.Groups.AddRange(group, classroom);
        await db.SaveChangesAsync();
        return (group.Id, classroom.Id);
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task An_administrator_enrolls_a_person_under_todays_rule_set_and_it_is_listed_and_audited()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var (group, classroom) = await MioGroupsAsync();

        var response = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, group.ToString(System.Globalization.CultureInfo.InvariantCulture), classroom.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = Assert.Single(await EnrollmentsOfAsync(person.Id));
        Assert.Equal("mio-rostering@1", stored.RuleSetId);
        Assert.Equal(EnrollmentStatus.Active, stored.Status);
        Assert.Equal(TodayInNewYork, stored.CreatedOn);
        Assert.Equal((group, classroom), (stored.GroupId!.Value, stored.ClassroomGroupId!.Value));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(Enrollment) && a.EntityId == stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Added", audit.Action);
        Assert.Equal(stored.CreatedById, audit.ActorId);
        var told = Assert.Single(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == person.Id).ToListAsync()));
        Assert.Equal((Web.Data.NotificationKind.Enrolled, "/"), (told.Kind, told.Link));

        var list = PortalClient.Decode(await client.GetStringAsync("/admin/enrollments?program=mio-rostering"));
        Assert.Contains(person.Email!, list);
        Assert.Contains("is enrolled in MIO clinician training: rostering (rules version 1).", list);
        Assert.Contains("America/New_York", list);
        var otherProgram = PortalClient.Decode(await client.GetStringAsync("/admin/enrollments?program=imh-course"));
        Assert.DoesNotContain(person.Email!, otherProgram);
    }

    [Fact]
    public async Task Level_III_today_gets_version_2_and_level_IV_needs_a_category()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();

        var noCategory = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhEndorsementL4);
        var html = await HtmlAsync(noCategory);
        Assert.Equal(HttpStatusCode.OK, noCategory.StatusCode);
        Assert.Contains("id=\"Form_Category-error\">Choose the category the applicant applies in.", html);

        var wrongPlace = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhEndorsementL3, category: "clinical");
        Assert.Contains("This program has no categories: leave the category empty.", await HtmlAsync(wrongPlace));
        Assert.Empty(await EnrollmentsOfAsync(person.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhEndorsementL3)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhEndorsementL4, category: "policy")).StatusCode);
        var stored = await EnrollmentsOfAsync(person.Id);
        Assert.Equal(["imh-endorsement-l3@2", "imh-endorsement-l4@1"], stored.Select(e => e.RuleSetId));
        Assert.Equal("policy", stored[1].Category);
    }

    [Fact]
    public async Task An_unknown_person_is_named_next_to_the_field_and_what_was_typed_is_kept()
    {
        var client = await AdminAsync();

        var response = await EnrollAsync(client, "nobody-here@test.local", DefaultRuleSets.Keys.ImhCourse);

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Form_PersonEmail-error\">No account has the e-mail address nobody-here@test.local.", html);
        Assert.Contains("value=\"nobody-here@test.local\"", html);
        Assert.Contains("<option value=\"imh-course\" selected=\"selected\">", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_second_active_enrollment_in_the_same_program_is_refused_until_the_first_is_withdrawn()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhCourse);

        var twice = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhCourse);

        var html = await HtmlAsync(twice);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains($"is already enrolled in this program (active since {TodayInNewYork:yyyy-MM-dd}). Withdraw that enrollment first.", html);
        var select = System.Text.RegularExpressions.Regex.Match(html, "<select[^>]*id=\"Form_ProgramKey\"[^>]*>").Value;
        Assert.Contains("form-select", select); // the invalid field keeps its styling
        Assert.Contains("is-invalid", select);
        var first = Assert.Single(await EnrollmentsOfAsync(person.Id));

        var withdraw = $"/admin/enrollments/{first.Id}/withdraw";
        var withdrawn = await client.PostFormAsync(withdraw, ("Form.Reason", "Moved to another state"), ("Form.Version", first.Version.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhCourse)).StatusCode);
        var all = await EnrollmentsOfAsync(person.Id);
        Assert.Equal([EnrollmentStatus.Withdrawn, EnrollmentStatus.Active], all.Select(e => e.Status));
        Assert.Equal("Moved to another state", all[0].WithdrawalReason);
        Assert.Equal(TodayInNewYork, all[0].WithdrawnOn);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Enrollment) && a.EntityId == first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => new { a.Action, a.Changes }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "Modified" && a.Changes!.Contains("Moved to another state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_group_of_another_program_or_kind_is_refused()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var (group, classroom) = await MioGroupsAsync();

        var courseWithMioGroup = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.ImhCourse, group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("id=\"Form_GroupId-error\">Choose a group or cohort of this program, or none.", await HtmlAsync(courseWithMioGroup));

        var classroomAsGroup = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, classroom.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("id=\"Form_GroupId-error\">Choose a group or cohort of this program, or none.", await HtmlAsync(classroomAsGroup));

        var unknown = await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioRostering, "", "999999");
        Assert.Contains("id=\"Form_ClassroomGroupId-error\">", await HtmlAsync(unknown));
        Assert.Empty(await EnrollmentsOfAsync(person.Id));
    }

    [Fact]
    public async Task Garbage_is_a_message_not_a_500()
    {
        var client = await AdminAsync();

        var response = await client.PostFormAsync(NewPage,
            ("Form.PersonEmail", "not an address"), ("Form.ProgramKey", "no-such-program"), ("Form.GroupId", "abc"), ("Form.ClassroomGroupId", "-1x"), ("Form.Category", "<b>x</b>"));

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter an e-mail address like name@example.org.", html);
        Assert.Contains("Choose a program from the list.", html);
        Assert.Contains("error-summary", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/enrollments?program=%3Cscript%3E&status=Nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/enrollments/987654/withdraw")).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_cannot_happen_twice_and_notices_a_change_made_meanwhile()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        await EnrollAsync(client, person.Email!, DefaultRuleSets.Keys.MioTrainTheTrainer);
        var enrollment = Assert.Single(await EnrollmentsOfAsync(person.Id));
        var page = $"/admin/enrollments/{enrollment.Id}/withdraw";

        var noReason = await client.PostFormAsync(page, ("Form.Reason", "   "), ("Form.Version", enrollment.Version.ToString()));
        Assert.Contains("id=\"Form_Reason-error\">Say why the enrollment is withdrawn.", await HtmlAsync(noReason));

        var stale = await client.PostFormAsync(page, ("Form.Reason", "Kept reason"), ("Form.Version", Guid.NewGuid().ToString()));
        var staleHtml = await HtmlAsync(stale);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone changed this enrollment while you were looking at it.", staleHtml);
        Assert.Contains("Kept reason</textarea>", staleHtml);
        Assert.Equal(EnrollmentStatus.Active, Assert.Single(await EnrollmentsOfAsync(person.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, ("Form.Reason", "Left the agency"), ("Form.Version", enrollment.Version.ToString()))).StatusCode);
        var again = await client.PostFormAsync(page, ("Form.Reason", "Again"), ("Form.Version", enrollment.Version.ToString()));
        Assert.Contains("This enrollment is already withdrawn.", await HtmlAsync(again));
        Assert.Equal("Left the agency", Assert.Single(await EnrollmentsOfAsync(person.Id)).WithdrawalReason);
    }

    [Theory]
    [InlineData(Roles.Trainee)]
    [InlineData(Roles.Trainer)]
    public async Task Trainees_and_trainers_cannot_use_the_enrollment_screens(string role)
    {
        var adminClient = await AdminAsync();
        var victim = await factory.CreateAsync();
        await EnrollAsync(adminClient, victim.Email!, DefaultRuleSets.Keys.ImhCourse);
        var enrollment = Assert.Single(await EnrollmentsOfAsync(victim.Id));
        var user = await factory.CreateAsync(role);
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var token = await client.GetTokenAsync("/profile");

        foreach (var path in new[] { "/admin/enrollments", NewPage, $"/admin/enrollments/{enrollment.Id}/withdraw" })
        {
            var get = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("/account/access-denied", get.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        var post = await client.PostAsync($"/admin/enrollments/{enrollment.Id}/withdraw", new FormUrlEncodedContent(
            [new("Form.Reason", "sneaky"), new("Form.Version", enrollment.Version.ToString()), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/access-denied", post.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var enroll = await client.PostAsync(NewPage, new FormUrlEncodedContent(
            [new("Form.PersonEmail", user.Email!), new("Form.ProgramKey", "imh-course"), new("__RequestVerificationToken", token)]));
        Assert.StartsWith("/account/access-denied", enroll.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        Assert.Equal(EnrollmentStatus.Active, Assert.Single(await EnrollmentsOfAsync(victim.Id)).Status);
        Assert.Empty(await EnrollmentsOfAsync(user.Id));
        Assert.DoesNotContain("/admin/enrollments", await client.GetStringAsync("/profile"), StringComparison.Ordinal); // no menu link either
    }

    [Fact]
    public async Task The_database_itself_refuses_two_active_enrollments_of_one_person_in_one_program()
    {
        await using var db = factory.NewContext();
        var person = Person("twice");
        db.Users.Add(person);
        db.Enrollments.Add(Enroll(person, DefaultRuleSets.Keys.ImhCourse, TodayInNewYork));
        await db.SaveChangesAsync();
        var withdrawn = Enroll(person, DefaultRuleSets.Keys.ImhCourse, TodayInNewYork);
        withdrawn.Withdraw(TodayInNewYork, "test");
        db.Enrollments.Add(withdrawn);
        await db.SaveChangesAsync(); // a withdrawn one beside the active one is fine

        db.Enrollments.Add(Enroll(person, DefaultRuleSets.Keys.ImhCourse, TodayInNewYork));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_renewal_renews_the_endorsement_the_person_holds_and_is_refused_next_to_the_program_when_they_hold_none()
    {
        var client = await AdminAsync();
        var unendorsed = Person("unendorsed");
        await using (var db = factory.NewContext())
        {
            db.Users.Add(unendorsed);
            await db.SaveChangesAsync();
        }
        var (endorsedId, endorsedEmail, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL3, TodayInNewYork.AddDays(-40));

        var refused = await HtmlAsync(await EnrollAsync(client, unendorsed.Email!, DefaultRuleSets.Keys.ImhRenewal));
        var enrolled = await EnrollAsync(client, endorsedEmail, DefaultRuleSets.Keys.ImhRenewal);

        Assert.Contains("id=\"Form_ProgramKey-error\">This person holds no IMH endorsement, so there is nothing to renew.", refused);
        Assert.Contains($"value=\"{unendorsed.Email}\"", refused); // what was typed is kept
        Assert.Empty(await EnrollmentsOfAsync(unendorsed.Id));
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var renewal = (await EnrollmentsOfAsync(endorsedId)).Single(e => e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal);
        Assert.Equal((EnrollmentStatus.Active, EndorsementLevel.LevelIII, false), (renewal.Status, renewal.HeldEndorsement, renewal.ProvidesReflectiveSupervision));
    }
}
