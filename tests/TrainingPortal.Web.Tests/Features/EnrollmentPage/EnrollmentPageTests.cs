using System.Globalization;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.EnrollmentPage;

/// <summary>
/// The enrollment's own page: administrators only; moving it to another group (the effect shown first, then saved and
/// audited), changing its rules version with a reason, reopening a withdrawn one, and a change from an older screen refused.
/// </summary>
public sealed class EnrollmentPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static string Page(int id) => string.Create(Inv, $"/admin/enrollments/{id}");

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    private Task<Enrollment> EnrollmentAsync(int id) => factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>
    /// A clinician in group A (10 calls held, none attended) who attended every held call of group B (same dates), and a
    /// third group of another program.
    /// </summary>
    private async Task<(int Enrollment, int A, int B, int Course, string Name)> MioClinicianAsync()
    {
        await using var db = factory.NewContext();
        var person = Person("clinician");
        var start = Today.AddDays(-69);
        var a = ConsultationGroup(start, name: "Group A " + Guid.NewGuid().ToString("N")[..6]);
        var b = ConsultationGroup(start, name: "Group B " + Guid.NewGuid().ToString("N")[..6]);
        var course = CourseCohort(Today.AddDays(7));
        db.Users.Add(person);
        db.Groups.AddRange(a, b, course);
        var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-10), a);
        db.Enrollments.Add(enrollment);
        foreach (var m in b.Meetings.Where(m => DateOnly.FromDateTime(m.StartsUtc) <= Today))
        {
            db.Attendance.Add(new Attendance { Meeting = m, PersonId = person.Id, Mark = AttendanceMark.Present });
        }
        await db.SaveChangesAsync();
        return (enrollment.Id, a.Id, b.Id, course.Id, person.DisplayName);
    }

    private static string Row(string html, string key)
    {
        var at = html.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No row {key}");
        return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Moving_shows_the_standing_in_the_new_group_before_saving_then_saves_it_audited()
    {
        var client = await AdminAsync();
        var (id, a, b, _, name) = await MioClinicianAsync();
        var before = await EnrollmentAsync(id);

        var page = PortalClient.Decode(await client.GetStringAsync(Page(id)));
        Assert.Contains(name, page);
        Assert.Contains("href=\"/admin/approvals/" + id.ToString(Inv) + "\"", page);
        Assert.Contains("data-key=\"consultation-attendance\"", page);

        var unanswered = await client.PostFormAsync(Page(id), Page(id) + "/move/preview",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.Version", before.Version.ToString())]);
        Assert.Contains("id=\"Move_PastMeetings-error\">", await HtmlAsync(unanswered)); // group B has met: asked first

        var preview = await client.PostFormAsync(Page(id), Page(id) + "/move/preview",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.PastMeetings", "count"), new("Move.Version", before.Version.ToString())]);
        var html = await HtmlAsync(preview);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var effect = Row(html, "consultation-attendance");
        Assert.Contains("0 / ", effect[..effect.IndexOf("data-testid=\"after\"", StringComparison.Ordinal)]);
        Assert.Contains("10 / ", effect[effect.IndexOf("data-testid=\"after\"", StringComparison.Ordinal)..]);
        Assert.Equal(a, (await EnrollmentAsync(id)).GroupId); // nothing saved yet

        var saved = await client.PostFormAsync(Page(id), Page(id) + "/move",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.PastMeetings", "count"), new("Move.Version", before.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await EnrollmentAsync(id);
        Assert.Equal(b, after.GroupId);
        Assert.NotEqual(before.Version, after.Version);
        var shown = PortalClient.Decode(await client.GetStringAsync(Page(id)));
        var standing = shown[shown.IndexOf("data-testid=\"requirement\" data-key=\"consultation-attendance\"", StringComparison.Ordinal)..];
        Assert.Contains("10 / ", standing[..standing.IndexOf("</li>", StringComparison.Ordinal)]);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(x => x.EntityType == nameof(Enrollment) && x.EntityId == id.ToString(Inv) && x.Action == "Modified").Select(x => x.Changes).ToListAsync());
        Assert.Contains(audit, c => c!.Contains("GroupId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moving_into_a_group_whose_earlier_meetings_do_not_apply_counts_only_its_meetings_from_today()
    {
        var client = await AdminAsync();
        var (id, _, b, _, _) = await MioClinicianAsync();
        var version = (await EnrollmentAsync(id)).Version.ToString();

        var preview = await HtmlAsync(await client.PostFormAsync(Page(id), Page(id) + "/move/preview",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.PastMeetings", "not-applicable"), new("Move.Version", version)]));
        var effect = Row(preview, "consultation-attendance");
        Assert.DoesNotContain("10 / ", effect); // the calls before today do not count in group B
        var saved = await client.PostFormAsync(Page(id), Page(id) + "/move",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.PastMeetings", "not-applicable"), new("Move.Version", version)]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var moved = await EnrollmentAsync(id);
        Assert.Equal((b, Today, true), (moved.GroupId!.Value, moved.JoinedOn!.Value, moved.PastMeetingsNotApplicable));
    }

    [Fact]
    public async Task A_move_to_an_unknown_group_a_group_of_another_program_or_the_same_group_is_refused_next_to_the_field()
    {
        var client = await AdminAsync();
        var (id, a, _, course, _) = await MioClinicianAsync();
        var version = (await EnrollmentAsync(id)).Version.ToString();

        foreach (var (group, message) in new[]
        {
            ("999999", "There is no such group: choose one from the list."),
            (course.ToString(Inv), "is not a group of this program: choose a MIO"),
            (a.ToString(Inv), "The enrollment is already in"),
        })
        {
            var response = await client.PostFormAsync(Page(id), Page(id) + "/move/preview", [new("Move.GroupId", group), new("Move.Version", version)]);
            var html = await HtmlAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("id=\"Move_GroupId-error\"", html);
            Assert.Contains(message, html);
        }
        Assert.Equal(a, (await EnrollmentAsync(id)).GroupId);
    }

    [Fact]
    public async Task A_completed_enrollment_is_not_moved()
    {
        var client = await AdminAsync();
        var (id, a, b, _, _) = await MioClinicianAsync();
        await factory.WithDbAsync(async db =>
        {
            var e = await db.Enrollments.SingleAsync(x => x.Id == id);
            e.Approve(Today, null, factory.Time.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var version = (await EnrollmentAsync(id)).Version.ToString();

        var response = await client.PostFormAsync(Page(id), Page(id) + "/move", [new("Move.GroupId", b.ToString(Inv)), new("Move.Version", version)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This enrollment is completed: its group can no longer be changed", await HtmlAsync(response));
        Assert.Equal(a, (await EnrollmentAsync(id)).GroupId);
    }

    [Fact]
    public async Task Two_administrators_changing_the_same_enrollment_the_second_is_refused_with_409_and_the_newer_state()
    {
        var first = await AdminAsync();
        var second = await AdminAsync();
        var (id, a, b, _, _) = await MioClinicianAsync();
        var version = (await EnrollmentAsync(id)).Version.ToString();
        var token = await second.GetTokenAsync(Page(id)); // the second administrator's screen, opened before the first saves

        var saved = await first.PostFormAsync(Page(id), Page(id) + "/move",
            [new("Move.GroupId", b.ToString(Inv)), new("Move.PastMeetings", "count"), new("Move.Version", version)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stale = await second.PostAsync(Page(id) + "/move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Move.GroupId"] = a.ToString(Inv), ["Move.Version"] = version, ["__RequestVerificationToken"] = token,
        }));
        var html = await HtmlAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone changed this enrollment while you were looking at it.", html);
        Assert.Contains($"<option value=\"{a.ToString(Inv)}\" selected=\"selected\">", html); // what was chosen is kept
        var now = await EnrollmentAsync(id);
        Assert.Equal(b, now.GroupId); // the first change stands
        Assert.Contains(now.Version.ToString(), html); // the page carries the newer version
    }

    [Fact]
    public async Task The_rules_version_changes_only_to_another_version_of_the_same_program_with_a_reason_that_is_audited()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var enrollment = Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL3, Today);
        enrollment.RuleSetId = "imh-endorsement-l3@1";
        await factory.WithDbAsync(async db => { db.Enrollments.Add(enrollment); return await db.SaveChangesAsync(); });
        var id = enrollment.Id;
        var version = (await EnrollmentAsync(id)).Version.ToString();

        async Task<string> PostAsync(string ruleSet, string reason, HttpStatusCode expected)
        {
            var response = await client.PostFormAsync(Page(id), Page(id) + "/rules",
                [new("RuleSet.RuleSetId", ruleSet), new("RuleSet.Reason", reason), new("RuleSet.Version", version)]);
            Assert.Equal(expected, response.StatusCode);
            return await HtmlAsync(response);
        }

        var other = await PostAsync("mio-rostering@1", "A reason", HttpStatusCode.OK);
        Assert.Contains("id=\"RuleSet_RuleSetId-error\">Choose a rules version of this program from the list.", other);
        var empty = await PostAsync("imh-endorsement-l3@2", "   ", HttpStatusCode.OK);
        Assert.Contains("id=\"RuleSet_Reason-error\">Say why the rules version is changed.", empty);
        Assert.Contains("<option value=\"imh-endorsement-l3@2\" selected=\"selected\">", empty);
        Assert.Equal("imh-endorsement-l3@1", (await EnrollmentAsync(id)).RuleSetId);

        await PostAsync("imh-endorsement-l3@2", "Started under the new handbook", HttpStatusCode.Redirect);
        var saved = await EnrollmentAsync(id);
        Assert.Equal("imh-endorsement-l3@2", saved.RuleSetId);
        Assert.Equal("Started under the new handbook", saved.RuleSetChangeReason);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(x => x.EntityType == nameof(Enrollment) && x.EntityId == id.ToString(Inv) && x.Action == "Modified").Select(x => x.Changes).ToListAsync());
        Assert.Contains(audit, c => c!.Contains("imh-endorsement-l3@2", StringComparison.Ordinal) && c.Contains("Started under the new handbook", StringComparison.Ordinal));
        Assert.Contains("data-rule-set=\"imh-endorsement-l3@2\"", PortalClient.Decode(await client.GetStringAsync(Page(id))));
    }

    [Fact]
    public async Task A_withdrawn_enrollment_is_reopened_and_the_withdrawal_reason_stays_in_the_audit()
    {
        var client = await AdminAsync();
        var person = await factory.CreateAsync();
        var enrollment = Enroll(person, DefaultRuleSets.Keys.ImhCourse, Today);
        enrollment.Withdraw(Today, "Moved away for a while");
        await factory.WithDbAsync(async db => { db.Enrollments.Add(enrollment); return await db.SaveChangesAsync(); });
        var id = enrollment.Id;

        var response = await client.PostFormAsync(Page(id), Page(id) + "/reopen", [new("Reopen.Version", enrollment.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reopened = await EnrollmentAsync(id);
        Assert.Equal(EnrollmentStatus.Active, reopened.Status);
        Assert.Null(reopened.WithdrawalReason);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(x => x.EntityType == nameof(Enrollment) && x.EntityId == id.ToString(Inv) && x.Action == "Modified").Select(x => x.Changes).ToListAsync());
        Assert.Contains(audit, c => c!.Contains("Moved away for a while", StringComparison.Ordinal));

        var again = await client.PostFormAsync(Page(id), Page(id) + "/reopen", [new("Reopen.Version", reopened.Version.ToString())]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Only a withdrawn enrollment can be reopened.", await HtmlAsync(again));
    }

    [Fact]
    public async Task A_trainer_cannot_open_an_enrollment_page_not_even_of_their_own_group()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var (id, a, _, _, name) = await MioClinicianAsync();
        await factory.WithDbAsync(async db =>
        {
            var g = await db.Groups.SingleAsync(x => x.Id == a);
            g.TrainerId = trainer.Id;
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        var response = await client.GetAsync(Page(id));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal)),
            $"A trainer got {(int)response.StatusCode}");
        Assert.DoesNotContain(name, await HtmlAsync(response));
    }
}
