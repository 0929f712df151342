using System.Globalization;
using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Endorsement;

/// <summary>
/// The applicant's application page (/endorsement/{id}): a section per requirement of the live verdict, the
/// training and RSC logs with their forms, bad input answered next to the field, and per-record access.
/// </summary>
public sealed partial class ApplicationPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Applicant(AppUser Person, Enrollment Enrollment, HttpClient Client)
    {
        public string Page => $"/endorsement/{Enrollment.Id}";
    }

    private async Task<Applicant> ApplicantAsync(string programKey = DefaultRuleSets.Keys.ImhEndorsementL2, string? category = null)
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        var enrollment = Enroll(person, programKey, Today.AddDays(-30), category: category);
        await factory.WithDbAsync(async db =>
        {
            db.Add(enrollment);
            await db.SaveChangesAsync();
            return 0;
        });
        return new Applicant(person, enrollment, await factory.SignedInAsync(person.Email!, TestUsers.Password));
    }

    private static Task<HttpResponseMessage> AddTrainingAsync(Applicant a, params (string Key, string Value)[] fields) =>
        a.Client.PostFormAsync(a.Page, a.Page + "/training", fields.Select(f => new KeyValuePair<string, string>("Training." + f.Key, f.Value)));

    private static Task<HttpResponseMessage> AddRscAsync(Applicant a, params (string Key, string Value)[] fields) =>
        a.Client.PostFormAsync(a.Page, a.Page + "/rsc", fields.Select(f => new KeyValuePair<string, string>("Rsc." + f.Key, f.Value)));

    private (string, string)[] GoodTraining(decimal hours = 6m) =>
    [
        ("Date", Iso(Today.AddDays(-3))), ("Title", "Attachment in the first year"), ("Provider", "State IMH Association"),
        ("Hours", hours.ToString(CultureInfo.InvariantCulture)), ("RelationshipBased", "true"),
        ("Areas", nameof(CompetencyAreas.TheoreticalFoundations)), ("Areas", nameof(CompetencyAreas.Reflection)),
    ];

    private (string, string)[] GoodRsc(string provider = "Dana Mentor") =>
    [
        ("Date", Iso(Today.AddDays(-10))), ("Hours", "1.5"), ("Group", "false"), ("ProviderName", provider), ("ProviderLevel", nameof(EndorsementLevel.LevelIII)),
    ];

    private Task<RequirementResult> RequirementAsync(Applicant a, string key) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([a.Enrollment.Id])).Single().Verdict[key]!);

    /// <summary>The message shown next to <paramref name="field"/>, or null when there is none.</summary>
    private static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]+)</span>");
        return m.Success ? PortalClient.Decode(m.Groups[1].Value) : null;
    }

    private static string? InputValue(string html, string name)
    {
        var m = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        if (!m.Success)
        {
            return null;
        }
        var v = Regex.Match(m.Value, "value=\"([^\"]*)\"");
        return v.Success ? PortalClient.Decode(v.Groups[1].Value) : null;
    }

    [Fact]
    public async Task The_page_has_a_section_per_requirement_of_the_live_verdict_and_the_home_page_links_to_it()
    {
        var a = await ApplicantAsync();
        var html = await a.Client.GetStringAsync(a.Page);
        var verdict = await factory.WithScopeAsync(async s => (await s.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([a.Enrollment.Id])).Single().Verdict);
        var keys = SectionKey().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(verdict.Requirements.Select(r => r.Key), keys);
        Assert.Contains("id=\"training-log\"", html);
        Assert.Contains("id=\"rsc-log\"", html);
        Assert.Contains($"href=\"/endorsement/{a.Enrollment.Id}/references\"", html);

        var home = await a.Client.GetStringAsync("/");
        Assert.Contains($"href=\"/endorsement/{a.Enrollment.Id}\" data-testid=\"application-link\"", home);
    }

    [Fact]
    public async Task Typed_training_is_stored_unverified_shown_as_pending_and_counts_once_verified()
    {
        var a = await ApplicantAsync();
        Assert.Equal(0m, (await RequirementAsync(a, "training-hours")).Current);

        var response = await AddTrainingAsync(a, GoodTraining(6m));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.PersonId == a.Person.Id));
        Assert.Equal(6m, stored.Hours);
        Assert.Equal("State IMH Association", stored.Provider);
        Assert.Equal(CompetencyAreas.TheoreticalFoundations | CompetencyAreas.Reflection, stored.CompetencyAreas);
        Assert.False(stored.Verified);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(TrainingHoursRecord) && e.ActorId == a.Person.Id)));

        // Pending: not counted, but named among the items behind the figure, and marked on the page.
        var pending = await RequirementAsync(a, "training-hours");
        Assert.Equal(0m, pending.Current);
        Assert.Contains(pending.Findings, f => f.Problem == "not verified yet");
        var html = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains("Waiting for verification", html);
        Assert.Contains("Theoretical Foundations; Reflection", html);

        await factory.WithDbAsync(async db =>
        {
            await db.TrainingHours.Where(t => t.Id == stored.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Verified, true));
            return 0;
        });
        Assert.Equal(6m, (await RequirementAsync(a, "training-hours")).Current);
        Assert.Contains(">6 / 30 hours<", await a.Client.GetStringAsync(a.Page));
    }

    [Fact]
    public async Task The_portals_own_course_sessions_appear_in_the_log_as_from_the_portal_counted_and_not_removable()
    {
        var a = await ApplicantAsync();
        await factory.WithDbAsync(async db =>
        {
            var cohort = CourseCohort(Today.AddDays(-7 * 8));
            db.Add(cohort);
            await db.SaveChangesAsync();
            foreach (var meeting in cohort.Meetings.OrderBy(m => m.StartsUtc).Take(2))
            {
                db.Attendance.Add(new Attendance { MeetingId = meeting.Id, PersonId = a.Person.Id, Mark = AttendanceMark.Present });
            }
            return await db.SaveChangesAsync();
        });
        await AddTrainingAsync(a, GoodTraining(2m));

        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Equal(2, Regex.Count(html, "data-testid=\"portal-entry\""));
        Assert.Equal(1, Regex.Count(html, "data-testid=\"training-entry\""));
        Assert.Contains("From the portal (counted automatically)", html);
        // The course's eight competency areas (seed 003) on each of the portal's course rows, as the applicant's own list names them.
        var areas = string.Join("; ", Web.Features.Endorsement.CompetencyAreaNames.All.Select(Web.Features.Endorsement.CompetencyAreaNames.Of));
        Assert.Equal(2, Regex.Count(PortalClient.Decode(html), $"data-testid=\"portal-entry-areas\">{Regex.Escape(areas)}<"));
        // Only the typed entry has a remove button.
        Assert.Equal(1, Regex.Count(html, "/training/\\d+/delete"));
        // 2 sessions of 90 minutes count (verified); the typed 2 hours wait for verification.
        Assert.Equal(3m, (await RequirementAsync(a, "training-hours")).Current);
    }

    public static TheoryData<string, string, string> BadTraining => new()
    {
        { "Date", "future", "cannot be in the future" },
        { "Hours", "0", "more than 0" },
        { "Hours", "-2", "more than 0" },
        { "Hours", "24.5", "at most 24" },
        { "Hours", "lots", "" },
        { "Title", "", "Enter the title" },
    };

    [Theory]
    [MemberData(nameof(BadTraining))]
    public async Task Bad_training_input_is_answered_next_to_the_field_and_keeps_what_was_typed(string field, string value, string message)
    {
        var a = await ApplicantAsync();
        var fields = GoodTraining().Where(f => f.Item1 != field).ToList();
        fields.Add((field, value == "future" ? Iso(Today.AddDays(1)) : value));
        var response = await AddTrainingAsync(a, [.. fields]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var error = FieldError(html, "Training." + field);
        Assert.NotNull(error);
        Assert.Contains(message, error);
        // Nothing typed is lost: the other fields come back as typed, the areas stay ticked.
        Assert.Equal("State IMH Association", InputValue(html, "Training.Provider"));
        if (field != "Title")
        {
            Assert.Equal("Attachment in the first year", InputValue(html, "Training.Title"));
        }
        Assert.Equal(value == "future" ? Iso(Today.AddDays(1)) : value, InputValue(html, "Training." + field) ?? "");
        Assert.Matches("value=\"Reflection\" checked=\"checked\"|checked=\"checked\"[^>]*value=\"Reflection\"", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.TrainingHours.CountAsync(t => t.PersonId == a.Person.Id)));
    }

    [Fact]
    public async Task Rsc_is_logged_pending_and_naming_yourself_as_the_provider_is_refused_next_to_the_field()
    {
        var a = await ApplicantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AddRscAsync(a, GoodRsc())).StatusCode);
        var entry = await factory.WithDbAsync(db => db.RscLog.AsNoTracking().SingleAsync(r => r.PersonId == a.Person.Id));
        Assert.Equal(1.5m, entry.Hours);
        Assert.False(entry.ProviderApproved);
        Assert.Equal(EndorsementLevel.LevelIII, entry.ProviderLevel);

        foreach (var self in new[] { a.Person.DisplayName, "  " + a.Person.DisplayName.ToUpperInvariant() + " ", a.Person.Email! })
        {
            var response = await AddRscAsync(a, GoodRsc(self));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("not your own", FieldError(html, "Rsc.ProviderName"));
            Assert.Equal(self, InputValue(html, "Rsc.ProviderName"));
            Assert.Equal("1.5", InputValue(html, "Rsc.Hours"));
        }
        Assert.Equal(1, await factory.WithDbAsync(db => db.RscLog.CountAsync(r => r.PersonId == a.Person.Id)));

        var future = GoodRsc().Where(f => f.Item1 != "Date").Append(("Date", Iso(Today.AddDays(1)))).ToArray();
        var futureHtml = await (await AddRscAsync(a, future)).Content.ReadAsStringAsync();
        Assert.Contains("cannot be in the future", FieldError(futureHtml, "Rsc.Date"));
    }

    [Fact]
    public async Task An_applicant_removes_their_own_unverified_entry_but_not_a_verified_one_nor_anyone_elses()
    {
        var a = await ApplicantAsync();
        var b = await ApplicantAsync();
        await AddTrainingAsync(a, GoodTraining());
        await AddTrainingAsync(a, GoodTraining(2m));
        var mine = await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.PersonId == a.Person.Id).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
        await factory.WithDbAsync(async db =>
        {
            await db.TrainingHours.Where(t => t.Id == mine[1]).ExecuteUpdateAsync(u => u.SetProperty(t => t.Verified, true));
            return 0;
        });

        // Someone else's entry, through their own enrollment or the owner's: 404, and it stays.
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostFormAsync(b.Page, $"{b.Page}/training/{mine[0]}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostFormAsync(b.Page, $"{a.Page}/training/{mine[0]}/delete", [new("Confirm", "true")])).StatusCode);
        // The verified one stays.
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/training/{mine[1]}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.TrainingHours.CountAsync(t => t.PersonId == a.Person.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/training/{mine[0]}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal([mine[1]], await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.PersonId == a.Person.Id).Select(t => t.Id).ToListAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(TrainingHoursRecord) && e.EntityId == mine[0].ToString(CultureInfo.InvariantCulture) && e.Action == "Deleted")));
    }

    [Fact]
    public async Task Another_persons_application_answers_404_to_trainees_and_trainers_and_posts_change_nothing()
    {
        var a = await ApplicantAsync();
        var other = await ApplicantAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(a.Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainerClient.GetAsync(a.Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostFormAsync(other.Page, a.Page + "/training", GoodTraining().Select(f => new KeyValuePair<string, string>("Training." + f.Item1, f.Item2)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostFormAsync(other.Page, a.Page + "/rsc", GoodRsc().Select(f => new KeyValuePair<string, string>("Rsc." + f.Item1, f.Item2)))).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.TrainingHours.CountAsync(t => t.PersonId == a.Person.Id || t.PersonId == other.Person.Id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.RscLog.CountAsync(t => t.PersonId == a.Person.Id || t.PersonId == other.Person.Id)));

        // The applicant never sees another's evidence on their own page.
        await AddTrainingAsync(other, [.. GoodTraining().Where(f => f.Item1 != "Title"), ("Title", "Only the other applicant's training")]);
        Assert.DoesNotContain("Only the other applicant", await a.Client.GetStringAsync(a.Page));

        // An enrollment that is not an endorsement application (MIO rostering) has no application page, even for its owner.
        var mio = Enroll(a.Person, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-5));
        await factory.WithDbAsync(async db => { db.Add(mio); return await db.SaveChangesAsync(); });
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync($"/endorsement/{mio.Id}")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(Applicant a, string path, string prefix, params (string Key, string Value)[] fields) =>
        a.Client.PostFormAsync(a.Page, a.Page + path, fields.Select(f => new KeyValuePair<string, string>(prefix + "." + f.Key, f.Value)));

    [Fact]
    public async Task Work_periods_and_degrees_are_added_and_bad_dates_are_answered_next_to_the_field_keeping_what_was_typed()
    {
        var a = await ApplicantAsync();
        var good = await PostAsync(a, "/work", "Work", ("Kind", nameof(WorkKind.InfantFamilyPaid)), ("Start", Iso(Today.AddYears(-3))), ("End", Iso(Today.AddMonths(-1))),
            ("Employer", "Early Head Start"), ("FamiliesServed", "12"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var work = await factory.WithDbAsync(db => db.WorkExperience.AsNoTracking().SingleAsync(w => w.PersonId == a.Person.Id));
        Assert.Equal(12, work.FamiliesServed);
        Assert.Equal("Early Head Start", work.Employer);

        var backwards = await (await PostAsync(a, "/work", "Work", ("Kind", nameof(WorkKind.InfantFamilyPaid)), ("Start", Iso(Today.AddYears(-1))), ("End", Iso(Today.AddYears(-2))),
            ("Employer", "Family Center"), ("FamiliesServed", "3"))).Content.ReadAsStringAsync();
        Assert.Contains("ends before it starts", FieldError(backwards, "Work.End"));
        Assert.Equal("Family Center", InputValue(backwards, "Work.Employer"));
        Assert.Equal(Iso(Today.AddYears(-2)), InputValue(backwards, "Work.End"));

        var future = await (await PostAsync(a, "/work", "Work", ("Kind", nameof(WorkKind.InfantFamilyPaid)), ("Start", Iso(Today.AddDays(1))), ("Employer", "Family Center"))).Content.ReadAsStringAsync();
        Assert.Contains("cannot be in the future", FieldError(future, "Work.Start"));

        // Level III work is not Level II work: a kind the rules do not count is refused.
        var wrongKind = await (await PostAsync(a, "/work", "Work", ("Kind", nameof(WorkKind.SupervisedDyadicImh)), ("Start", Iso(Today.AddYears(-1))), ("Employer", "Clinic"))).Content.ReadAsStringAsync();
        Assert.Contains("does not count that kind of work", FieldError(wrongKind, "Work.Kind"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.WorkExperience.CountAsync(w => w.PersonId == a.Person.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/degrees", "Degree", ("Kind", nameof(DegreeKind.BSW)), ("Institution", "State University"), ("AwardedOn", Iso(Today.AddYears(-5))))).StatusCode);
        var degree = await factory.WithDbAsync(db => db.Degrees.AsNoTracking().SingleAsync(d => d.PersonId == a.Person.Id));
        Assert.False(degree.TranscriptVerified);
        Assert.Contains("Waiting for the transcript to be verified", await a.Client.GetStringAsync(a.Page));

        var futureDegree = await (await PostAsync(a, "/degrees", "Degree", ("Kind", nameof(DegreeKind.BSW)), ("Institution", "State University"), ("AwardedOn", Iso(Today.AddDays(1))))).Content.ReadAsStringAsync();
        Assert.Contains("cannot be in the future", FieldError(futureDegree, "Degree.AwardedOn"));
        Assert.Equal("State University", InputValue(futureDegree, "Degree.Institution"));

        // Level II takes a bachelor's or higher: a CDA is not on its list.
        var cda = await (await PostAsync(a, "/degrees", "Degree", ("Kind", nameof(DegreeKind.Cda)), ("Institution", "Council"), ("AwardedOn", Iso(Today.AddYears(-1))))).Content.ReadAsStringAsync();
        Assert.Contains("does not accept that degree", FieldError(cda, "Degree.Kind"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Degrees.CountAsync(d => d.PersonId == a.Person.Id)));

        // Someone else cannot remove them.
        var b = await ApplicantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostFormAsync(b.Page, $"{b.Page}/work/{work.Id}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostFormAsync(b.Page, $"{b.Page}/degrees/{degree.Id}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/work/{work.Id}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.WorkExperience.CountAsync(w => w.PersonId == a.Person.Id)));
    }

    [Fact]
    public async Task Leadership_activities_and_memberships_are_recorded_and_move_the_verdict()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4, DefaultRuleSets.Categories.Clinical);
        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Contains("id=\"leadership\"", html);
        Assert.Contains("id=\"memberships\"", html);
        Assert.Equal(0m, (await RequirementAsync(a, "leadership")).Current);

        // "Other" needs a description; a kind not on the level's list is refused.
        var other = await (await PostAsync(a, "/leadership", "Leadership", ("Kind", "Other"), ("Description", ""))).Content.ReadAsStringAsync();
        Assert.Contains("Describe the activity", FieldError(other, "Leadership.Description"));
        var made = await (await PostAsync(a, "/leadership", "Leadership", ("Kind", "Made-up activity"), ("Description", "kept text"))).Content.ReadAsStringAsync();
        Assert.Contains("from the list", FieldError(made, "Leadership.Kind"));
        Assert.Matches(">\\s*kept text</textarea>", made);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/leadership", "Leadership", ("Kind", "Other"), ("Description", "Chaired the state IMH conference"))).StatusCode);
        // Typed by the applicant: pending until a reviewer verifies it, then it counts.
        Assert.Equal(0m, (await RequirementAsync(a, "leadership")).Current);
        await VerifyAllAsync(a);
        Assert.Equal(1m, (await RequirementAsync(a, "leadership")).Current);

        var membershipKey = (await RequirementAsync(a, "membership")).Key;
        var backwards = await (await PostAsync(a, "/memberships", "Membership", ("Association", "State IMH Association"), ("From", Iso(Today.AddDays(-10))), ("To", Iso(Today.AddDays(-20))), ("Individual", "true"))).Content.ReadAsStringAsync();
        Assert.Contains("ends before it begins", FieldError(backwards, "Membership.To"));
        Assert.Equal("State IMH Association", InputValue(backwards, "Membership.Association"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/memberships", "Membership", ("Association", "State IMH Association"), ("From", Iso(Today.AddDays(-10))), ("To", Iso(Today.AddYears(1))), ("Individual", "true"))).StatusCode);
        Assert.NotEqual(RequirementStatus.Met, (await RequirementAsync(a, membershipKey)).Status);
        await VerifyAllAsync(a);
        Assert.Equal(RequirementStatus.Met, (await RequirementAsync(a, membershipKey)).Status);
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => (e.EntityType == nameof(LeadershipActivityRecord) || e.EntityType == nameof(MembershipRecord)) && e.ActorId == a.Person.Id)));

        var b = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4, DefaultRuleSets.Categories.Clinical);
        var activity = await factory.WithDbAsync(db => db.LeadershipActivities.Where(l => l.PersonId == a.Person.Id).Select(l => l.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostFormAsync(b.Page, $"{b.Page}/leadership/{activity}/delete", [new("Confirm", "true")])).StatusCode);
        // Verified: it stays (only a reviewer changes it). Not accepted by the reviewer: the applicant removes it.
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/leadership/{activity}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(1m, (await RequirementAsync(a, "leadership")).Current);
        await factory.WithDbAsync(db => db.LeadershipActivities.Where(l => l.Id == activity)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Verified, false).SetProperty(l => l.NotAcceptedReason, "Not at the state level.")));
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/leadership/{activity}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Equal(0m, (await RequirementAsync(a, "leadership")).Current);
    }

    [Fact]
    public async Task A_renewal_uses_the_same_training_log_and_membership_sections()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhRenewal);
        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Contains("id=\"training-log\"", html);
        Assert.Contains("id=\"memberships\"", html);

        Assert.Equal(HttpStatusCode.Redirect, (await AddTrainingAsync(a, [.. GoodTraining(3m), ("AboutReflectiveSupervision", "true")])).StatusCode);
        var stored = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.PersonId == a.Person.Id));
        Assert.True(stored.AboutReflectiveSupervision);
        Assert.Contains((await RequirementAsync(a, "annual-training")).Findings, f => f.Problem == "not verified yet");
    }

    /// <summary>Stands in for the reviewer: marks the applicant's leadership and memberships verified.</summary>
    private Task<int> VerifyAllAsync(Applicant a) => factory.WithDbAsync(async db =>
    {
        foreach (var l in await db.LeadershipActivities.Where(l => l.PersonId == a.Person.Id).ToListAsync())
        {
            l.Verified = true;
        }
        foreach (var m in await db.Memberships.Where(m => m.PersonId == a.Person.Id).ToListAsync())
        {
            m.Verified = true;
        }
        return await db.SaveChangesAsync();
    });

    [GeneratedRegex("data-testid=\"application-section\" data-key=\"([^\"]+)\"")]
    private static partial Regex SectionKey();
}
