using System.Globalization;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Applications;
using TrainingPortal.Web.Infrastructure;
using TrainingPortal.Web.Time;
using TrainingPortal.Web.Features.Endorsement;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Endorsement;

/// <summary>
/// The applicant's side of submitting on /endorsement/{id}: the ethics agreement, entry states, known RSC providers,
/// submit for review with its frozen snapshot, the closed forms while under review, and the returned application.
/// </summary>
public sealed partial class SubmitTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Applicant(AppUser Person, Enrollment Enrollment, HttpClient Client)
    {
        public string Page => $"/endorsement/{Enrollment.Id}";
    }

    private async Task<Applicant> ApplicantAsync(string programKey = DefaultRuleSets.Keys.ImhEndorsementL2, string? displayName = null)
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        var enrollment = Enroll(person, programKey, Today.AddDays(-30));
        await factory.WithDbAsync(async db =>
        {
            db.Add(enrollment);
            if (displayName is not null)
            {
                (await db.Users.SingleAsync(u => u.Id == person.Id)).DisplayName = displayName;
            }
            return await db.SaveChangesAsync();
        });
        if (displayName is not null)
        {
            person.DisplayName = displayName;
        }
        return new Applicant(person, enrollment, await factory.SignedInAsync(person.Email!, TestUsers.Password));
    }

    private static Task<HttpResponseMessage> PostAsync(Applicant a, string path, string prefix, params (string Key, string Value)[] fields) =>
        a.Client.PostFormAsync(a.Page, a.Page + path, fields.Select(f => new KeyValuePair<string, string>(prefix + "." + f.Key, f.Value)));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

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

    private Task<RequirementResult> RequirementAsync(Applicant a, string key) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([a.Enrollment.Id])).Single().Verdict[key]!);

    /// <summary>The section of one requirement on the page.</summary>
    private static string Section(string html, string key)
    {
        var start = html.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {key}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    // ---------------------------------------------------------------- ethics

    [Fact]
    public async Task Four_sign_clicks_at_once_store_one_signature_and_every_answer_says_it_is_signed()
    {
        var a = await ApplicantAsync(displayName: "Ana María López");
        var posters = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < 4; i++)
        {
            var client = await factory.SignedInAsync(a.Person.Email!, TestUsers.Password);
            posters.Add((client, TokenPattern().Match(await client.GetStringAsync(a.Page)).Groups[1].Value));
        }
        using var start = new SemaphoreSlim(0);
        var tasks = posters.Select(async p =>
        {
            await start.WaitAsync();
            using var response = await p.Client.PostAsync(a.Page + "/ethics", new FormUrlEncodedContent(
                [new("Ethics.FullName", "Ana María López"), new("__RequestVerificationToken", p.Token)]));
            return response.StatusCode;
        }).ToList();
        start.Release(posters.Count);

        Assert.All(await Task.WhenAll(tasks), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(1, await factory.WithDbAsync(db => db.SignedAttestations.CountAsync(s => s.PersonId == a.Person.Id)));
    }

    [Fact]
    public async Task Ethics_is_signed_with_the_account_name_ignoring_case_and_spaces_stores_date_and_version_and_not_twice()
    {
        var a = await ApplicantAsync(displayName: "Ana María López");
        var page = await a.Client.GetStringAsync(a.Page);
        var ethics = Section(PortalClient.Decode(page), EthicsAgreement.RequirementKey);
        Assert.Contains(EthicsAgreement.Title, ethics);
        Assert.Contains("version " + EthicsAgreement.Version, ethics);
        Assert.Contains("15 clock hours", ethics);
        Assert.Contains($"action=\"/endorsement/{a.Enrollment.Id}/ethics\"", ethics);

        // Another name: refused next to the field, what was typed kept, nothing stored.
        var wrong = await PostAsync(a, "/ethics", "Ethics", ("FullName", "Ana Lopez"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await HtmlAsync(wrong);
        Assert.Contains("full name as it is on your account: Ana María López", FieldError(wrongHtml, "Ethics.FullName"));
        Assert.Equal("Ana Lopez", InputValue(wrongHtml, "Ethics.FullName"));
        var empty = await HtmlAsync(await PostAsync(a, "/ethics", "Ethics", ("FullName", "   ")));
        Assert.Contains("Type your full name", FieldError(empty, "Ethics.FullName"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SignedAttestations.CountAsync(s => s.PersonId == a.Person.Id)));
        Assert.Equal(RequirementStatus.NotMet, (await RequirementAsync(a, EthicsAgreement.RequirementKey)).Status);

        // The same name in other capitals and spacing signs.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/ethics", "Ethics", ("FullName", "  ana  MARÍA lópez "))).StatusCode);
        var signature = await factory.WithDbAsync(db => db.SignedAttestations.AsNoTracking().SingleAsync(s => s.PersonId == a.Person.Id));
        Assert.Equal(AttestationKind.EthicsAgreement, signature.Kind);
        Assert.Equal("ana MARÍA lópez", signature.SignedName);
        Assert.Equal(Today, signature.SignedOn);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, signature.SignedUtc);
        Assert.Equal("2026-01", signature.TextVersion);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(SignedAttestation) && e.ActorId == a.Person.Id)));
        Assert.Equal(RequirementStatus.Met, (await RequirementAsync(a, EthicsAgreement.RequirementKey)).Status);

        var signed = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains($"Signed by ana MARÍA lópez on {DateDisplay.Date(Today)} (agreement version 2026-01).", signed);
        Assert.DoesNotContain($"action=\"/endorsement/{a.Enrollment.Id}/ethics\"", signed);

        // Twice: refused politely, still one signature.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/ethics", "Ethics", ("FullName", "Ana María López"))).StatusCode);
        Assert.Contains("already", PortalClient.Decode(await a.Client.GetStringAsync(a.Page)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.SignedAttestations.CountAsync(s => s.PersonId == a.Person.Id)));

        // Someone else cannot sign on this application.
        var other = await ApplicantAsync(displayName: "Ana María López");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostFormAsync(other.Page, a.Page + "/ethics", [new("Ethics.FullName", "Ana María López")])).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.SignedAttestations.CountAsync(s => s.PersonId == other.Person.Id)));
    }

    // ---------------------------------------------------------------- entry states

    [Fact]
    public async Task Every_kind_of_entry_shows_pending_verified_or_not_accepted_with_the_reason_and_only_unverified_ones_are_removable()
    {
        var a = await ApplicantAsync(DefaultRuleSets.Keys.ImhEndorsementL4);
        await factory.WithDbAsync(async db =>
        {
            await db.Enrollments.Where(e => e.Id == a.Enrollment.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Category, DefaultRuleSets.Categories.Clinical));
            var p = a.Person.Id;
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = p, Date = Today.AddDays(-5), Title = "Verified training", Hours = 3, RelationshipBased = true, Verified = true });
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = p, Date = Today.AddDays(-6), Title = "Refused training", Hours = 3, RelationshipBased = true, NotAcceptedReason = "The certificate names another person." });
            db.Degrees.Add(new DegreeRecord { PersonId = p, Kind = DegreeKind.MSW, Institution = "State University", AwardedOn = Today.AddYears(-9), NotAcceptedReason = "The transcript is unreadable." });
            db.WorkExperience.Add(new WorkExperienceRecord { PersonId = p, Kind = WorkKind.SupervisedDyadicImh, Start = Today.AddYears(-6), End = Today.AddYears(-3), Employer = "Pending clinic" });
            db.WorkExperience.Add(new WorkExperienceRecord { PersonId = p, Kind = WorkKind.SupervisedDyadicImh, Start = Today.AddYears(-3), Employer = "Verified clinic", Verified = true });
            db.LeadershipActivities.Add(new LeadershipActivityRecord { PersonId = p, Kind = "Other", Description = "Refused activity", NotAcceptedReason = "Not at the regional or state level." });
            db.RscLog.Add(new RscLogEntry { PersonId = p, Date = Today.AddDays(-20), Hours = 2, ProviderName = "Typed Provider", ProviderLevel = EndorsementLevel.LevelIVClinical });
            db.RscLog.Add(new RscLogEntry { PersonId = p, Date = Today.AddDays(-21), Hours = 2, ProviderName = "Refused Provider", ProviderLevel = EndorsementLevel.LevelIVClinical, NotAcceptedReason = "Not endorsed at that level." });
            db.Memberships.Add(new MembershipRecord { PersonId = p, Association = "Verified association", From = Today.AddYears(-1), Verified = true });
            return await db.SaveChangesAsync();
        });

        var html = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        string Entry(string testId, string text)
        {
            var m = Regex.Match(html, $"data-testid=\"{testId}\"(?:(?!data-testid=\"{testId}\").)*?{Regex.Escape(text)}(?:(?!data-testid=\"{testId}\").)*", RegexOptions.Singleline);
            Assert.True(m.Success, $"{testId} {text}");
            return m.Value;
        }
        string State(string testId, string text) => Regex.Match(Entry(testId, text), "data-state=\"([a-z-]+)\"").Groups[1].Value;

        Assert.Equal("verified", State("training-entry", "Verified training"));
        Assert.Equal("not-accepted", State("training-entry", "Refused training"));
        Assert.Contains("The certificate names another person.", Entry("training-entry", "Refused training"));
        Assert.Equal("not-accepted", State("degree-entry", "State University"));
        Assert.Contains("The transcript is unreadable.", Entry("degree-entry", "State University"));
        Assert.Equal("pending", State("work-entry", "Pending clinic"));
        Assert.Equal("verified", State("work-entry", "Verified clinic"));
        Assert.Equal("not-accepted", State("leadership-entry", "Refused activity"));
        Assert.Contains("Not at the regional or state level.", Entry("leadership-entry", "Refused activity"));
        Assert.Equal("pending", State("rsc-entry", "Typed Provider"));
        Assert.Equal("not-accepted", State("rsc-entry", "Refused Provider"));
        Assert.Equal("verified", State("membership-entry", "Verified association"));

        // A pending RSC provider is "pending verification", never "not an approved provider".
        Assert.DoesNotContain("not an approved", html);
        var rsc = await RequirementAsync(a, "reflective-supervision");
        Assert.Contains(rsc.Findings, f => f.Problem == "pending verification of the provider");
        Assert.Contains(rsc.Findings, f => f.Problem == "not accepted by the reviewer");
        Assert.Contains((await RequirementAsync(a, "training-hours")).Findings, f => f.Item == "Refused training" && f.Problem == "not accepted by the reviewer");

        // Verified entries offer no removal and refuse it; not-accepted and pending ones are removed.
        var ids = await factory.WithDbAsync(async db => new
        {
            VerifiedWork = await db.WorkExperience.Where(w => w.PersonId == a.Person.Id && w.Verified).Select(w => w.Id).SingleAsync(),
            PendingWork = await db.WorkExperience.Where(w => w.PersonId == a.Person.Id && !w.Verified).Select(w => w.Id).SingleAsync(),
            Membership = await db.Memberships.Where(m => m.PersonId == a.Person.Id).Select(m => m.Id).SingleAsync(),
            Leadership = await db.LeadershipActivities.Where(l => l.PersonId == a.Person.Id).Select(l => l.Id).SingleAsync(),
            Degree = await db.Degrees.Where(d => d.PersonId == a.Person.Id).Select(d => d.Id).SingleAsync(),
        });
        Assert.DoesNotContain($"/work/{ids.VerifiedWork}/delete", html);
        Assert.DoesNotContain($"/memberships/{ids.Membership}/delete", html);
        Assert.Contains($"/leadership/{ids.Leadership}/delete", html);
        foreach (var path in new[] { $"/work/{ids.VerifiedWork}/delete", $"/memberships/{ids.Membership}/delete" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, a.Page + path, [new("Confirm", "true")])).StatusCode);
        }
        Assert.True(await factory.WithDbAsync(db => db.WorkExperience.AnyAsync(w => w.Id == ids.VerifiedWork)));
        Assert.True(await factory.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Id == ids.Membership)));
        foreach (var path in new[] { $"/work/{ids.PendingWork}/delete", $"/leadership/{ids.Leadership}/delete", $"/degrees/{ids.Degree}/delete" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, a.Page + path, [new("Confirm", "true")])).StatusCode);
        }
        Assert.False(await factory.WithDbAsync(db => db.WorkExperience.AnyAsync(w => w.Id == ids.PendingWork)));
        Assert.False(await factory.WithDbAsync(db => db.LeadershipActivities.AnyAsync(l => l.PersonId == a.Person.Id)));
        Assert.False(await factory.WithDbAsync(db => db.Degrees.AnyAsync(d => d.PersonId == a.Person.Id)));
    }

    // ---------------------------------------------------------------- known RSC providers

    [Fact]
    public async Task A_known_provider_counts_at_once_with_their_level_yourself_is_refused_and_a_typed_provider_stays_pending()
    {
        var (holderId, _, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL3, Today.AddDays(-100));
        var holderName = "Known Provider " + Guid.NewGuid().ToString("N")[..6];
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == holderId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, holderName)));
        var a = await ApplicantAsync();

        var html = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains($"<option value=\"{holderId}\">{holderName} — Level III", html);
        Assert.DoesNotContain($"<option value=\"{a.Person.Id}\"", html);

        // Chosen: counts now, with the provider's name and level from their endorsement, whatever was typed.
        foreach (var days in new[] { -40, -10 })
        {
            var chosen = await PostAsync(a, "/rsc", "Rsc", ("Date", Iso(Today.AddDays(days))), ("Hours", "12"), ("Group", "false"),
                ("ProviderId", holderId), ("ProviderName", ""), ("ProviderLevel", ""));
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }
        var entries = await factory.WithDbAsync(db => db.RscLog.AsNoTracking().Where(r => r.PersonId == a.Person.Id).ToListAsync());
        Assert.All(entries, e =>
        {
            Assert.True(e.ProviderApproved);
            Assert.Equal(holderId, e.ProviderId);
            Assert.Equal(holderName, e.ProviderName);
            Assert.Equal(EndorsementLevel.LevelIII, e.ProviderLevel);
        });
        var rsc = await RequirementAsync(a, "reflective-supervision");
        Assert.Equal(24m, rsc.Current);
        Assert.Equal(RequirementStatus.Met, rsc.Status);
        Assert.Contains("Counts: provider known to the portal", PortalClient.Decode(await a.Client.GetStringAsync(a.Page)));

        // Yourself: refused next to the field, typed values kept.
        var self = await HtmlAsync(await PostAsync(a, "/rsc", "Rsc", ("Date", Iso(Today.AddDays(-3))), ("Hours", "1.5"), ("ProviderId", a.Person.Id)));
        Assert.Contains("not yourself", FieldError(self, "Rsc.ProviderId"));
        Assert.Equal("1.5", InputValue(self, "Rsc.Hours"));
        // Someone who is not a known provider (an id typed into the form): refused.
        var stranger = await factory.CreateAsync(Roles.Trainee);
        var unknown = await HtmlAsync(await PostAsync(a, "/rsc", "Rsc", ("Date", Iso(Today.AddDays(-3))), ("Hours", "1.5"), ("ProviderId", stranger.Id)));
        Assert.Contains("from the list", FieldError(unknown, "Rsc.ProviderId"));
        Assert.Equal(2, await factory.WithDbAsync(db => db.RscLog.CountAsync(r => r.PersonId == a.Person.Id)));

        // Someone else, typed with their level: pending verification, no provider id; a name is then required.
        var noName = await HtmlAsync(await PostAsync(a, "/rsc", "Rsc", ("Date", Iso(Today.AddDays(-3))), ("Hours", "1.5"), ("ProviderId", RscEntryForm.SomeoneElse)));
        Assert.Contains("Enter the name", FieldError(noName, "Rsc.ProviderName"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/rsc", "Rsc", ("Date", Iso(Today.AddDays(-3))), ("Hours", "1.5"),
            ("ProviderId", RscEntryForm.SomeoneElse), ("ProviderName", "Typed Mentor"), ("ProviderLevel", nameof(EndorsementLevel.LevelIVClinical)))).StatusCode);
        var typed = await factory.WithDbAsync(db => db.RscLog.AsNoTracking().SingleAsync(r => r.PersonId == a.Person.Id && r.ProviderName == "Typed Mentor"));
        Assert.False(typed.ProviderApproved);
        Assert.Null(typed.ProviderId);
        Assert.Equal(24m, (await RequirementAsync(a, "reflective-supervision")).Current);

        // A known-provider session may be removed before the application is first submitted (no reviewer decided it).
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/rsc/{entries[0].Id}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.RscLog.AnyAsync(r => r.Id == entries[0].Id)));
    }

    [Fact]
    public async Task Known_providers_are_listed_in_one_query_whatever_their_number()
    {
        for (var i = 0; i < 3; i++)
        {
            await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL3, Today.AddDays(-50 - i));
        }
        var levels = KnownRscProviders.AcceptedLevels(RuleSetCatalog.Default.Find(DefaultRuleSets.Keys.ImhEndorsementL2, 1)!.Requirements);
        Assert.Contains(EndorsementLevel.LevelIII, levels);
        var counter = new CommandCounter();
        await using var db = factory.NewContext(counter);
        var clock = factory.Services.GetRequiredService<PortalClock>();
        var providers = await new KnownRscProviders(db, clock).ListAsync(levels, null);
        Assert.True(providers.Count >= 3);
        Assert.Equal(1, counter.Count);
    }

    // ---------------------------------------------------------------- submit

    private async Task<Applicant> CompleteishApplicantAsync()
    {
        var a = await ApplicantAsync(displayName: "Priya Applicant");
        await factory.WithDbAsync(async db =>
        {
            var p = a.Person.Id;
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = p, Date = Today.AddDays(-5), Title = "Attachment basics", Provider = "State IMH", Hours = 6, RelationshipBased = true, CompetencyAreas = CompetencyAreas.Reflection | CompetencyAreas.Thinking });
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = p, Date = Today.AddDays(-9), Title = "Refused course", Hours = 2, RelationshipBased = true, NotAcceptedReason = "No certificate." });
            db.Degrees.Add(new DegreeRecord { PersonId = p, Kind = DegreeKind.BSW, Institution = "State University", AwardedOn = Today.AddYears(-6), TranscriptVerified = true });
            db.WorkExperience.Add(new WorkExperienceRecord { PersonId = p, Kind = WorkKind.InfantFamilyPaid, Start = Today.AddYears(-4), End = Today.AddMonths(-1), Employer = "Early Head Start", FamiliesServed = 12 });
            db.LeadershipActivities.Add(new LeadershipActivityRecord { PersonId = p, Kind = "Other", Description = "Study group" });
            db.RscLog.Add(new RscLogEntry { PersonId = p, Date = Today.AddDays(-15), Hours = 1.5m, ProviderName = "Dana Mentor", ProviderLevel = EndorsementLevel.LevelIII });
            db.Memberships.Add(new MembershipRecord { PersonId = p, Association = "State IMH Association", From = Today.AddYears(-1), Verified = true });
            db.References.Add(new ReferenceRecord
            {
                EnrollmentId = a.Enrollment.Id, RaterName = "Rita Rater", RaterEmail = "rita@test.local", Source = ReferenceSource.Supervisor,
                RequestedOn = Today.AddDays(-20), SentUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(-20), LinkExpiresUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(10),
            });
            db.References.Add(new ReferenceRecord
            {
                EnrollmentId = a.Enrollment.Id, RaterName = "Ravi Rater", RaterEmail = "ravi@test.local", Source = ReferenceSource.Other, RaterLevel = EndorsementLevel.LevelIII,
                RequestedOn = Today.AddDays(-20), ReceivedOn = Today.AddDays(-2), Recommendation = ReferenceRecommendation.Recommend, Comments = "SECRET RATING COMMENT",
            });
            db.SignedAttestations.Add(new SignedAttestation { PersonId = p, Kind = AttestationKind.EthicsAgreement, SignedName = "Priya Applicant", SignedOn = Today.AddDays(-1), SignedUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(-1), TextVersion = EthicsAgreement.Version });
            return await db.SaveChangesAsync();
        });
        return a;
    }

    private Task<EndorsementApplication?> ApplicationAsync(Applicant a) =>
        factory.WithDbAsync(db => db.EndorsementApplications.AsNoTracking().SingleOrDefaultAsync(x => x.EnrollmentId == a.Enrollment.Id));

    private static Task<HttpResponseMessage> SubmitAsync(Applicant a, bool confirm = true) =>
        PostAsync(a, "/submit", "Submit", ("Confirm", confirm ? "true" : "false"));

    [Fact]
    public async Task Submitting_lists_what_is_missing_needs_the_confirmation_and_freezes_every_entry_in_the_snapshot()
    {
        var a = await CompleteishApplicantAsync();
        var before = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        var verdict = await factory.WithScopeAsync(async s => (await s.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([a.Enrollment.Id])).Single().Verdict);
        var missing = Regex.Match(before, "data-testid=\"still-missing\".*?</ul>", RegexOptions.Singleline).Value;
        foreach (var r in verdict.Requirements.Where(r => !r.IsSatisfied && r.Blocking))
        {
            Assert.Contains($"href=\"#req-{r.Key}\"", missing);
        }
        Assert.Contains("href=\"#req-training-hours\"", missing);
        Assert.Contains("data-testid=\"next-step\"", before);

        // Someone else cannot submit it.
        var other = await ApplicantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostFormAsync(other.Page, a.Page + "/submit", [new("Submit.Confirm", "true")])).StatusCode);
        Assert.Null(await ApplicationAsync(a));

        // Without the confirmation: refused next to the box.
        var unconfirmed = await SubmitAsync(a, confirm: false);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box", FieldError(await HtmlAsync(unconfirmed), "Submit.Confirm"));
        Assert.Null(await ApplicationAsync(a));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(a)).StatusCode);
        var application = await ApplicationAsync(a);
        Assert.NotNull(application);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(1, application.Round);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, application.SubmittedUtc);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(EndorsementApplication) && e.ActorId == a.Person.Id)));

        var json = application.Snapshot!;
        Assert.DoesNotContain("SECRET RATING COMMENT", json);
        Assert.DoesNotContain(nameof(ReferenceRecommendation.Recommend), json);
        var snapshot = ApplicationSnapshot.Parse(json);
        Assert.Equal(1, snapshot.Round);
        Assert.Equal(a.Enrollment.Id, snapshot.EnrollmentId);
        Assert.Equal("Priya Applicant", snapshot.PersonName);
        Assert.Equal(verdict.Requirements.Select(r => (r.Key, r.Status)), snapshot.Requirements.Select(r => (r.Key, r.Status)));
        Assert.Equal(["Attachment basics", "Refused course"], snapshot.Training.Select(t => t.Title).Order());
        var refused = snapshot.Training.Single(t => t.Title == "Refused course");
        Assert.Equal(EntryState.NotAccepted, refused.State);
        Assert.Equal("No certificate.", refused.NotAcceptedReason);
        var attachment = snapshot.Training.Single(t => t.Title == "Attachment basics");
        Assert.Equal((6m, "State IMH", EntryState.Pending, CompetencyAreas.Reflection | CompetencyAreas.Thinking),
            (attachment.Hours, attachment.Provider, attachment.State, attachment.CompetencyAreas));
        Assert.Equal((DegreeKind.BSW, "State University", EntryState.Verified), (snapshot.Degrees.Single().Kind, snapshot.Degrees.Single().Institution, snapshot.Degrees.Single().State));
        Assert.Equal(("Early Head Start", 12, EntryState.Pending), (snapshot.Work.Single().Employer, snapshot.Work.Single().FamiliesServed, snapshot.Work.Single().State));
        Assert.Equal("Study group", snapshot.Leadership.Single().Description);
        Assert.Equal(("Dana Mentor", EndorsementLevel.LevelIII, 1.5m, EntryState.Pending), (snapshot.Rsc.Single().ProviderName, snapshot.Rsc.Single().ProviderLevel, snapshot.Rsc.Single().Hours, snapshot.Rsc.Single().State));
        Assert.Equal(("State IMH Association", EntryState.Verified), (snapshot.Memberships.Single().Association, snapshot.Memberships.Single().State));
        Assert.Equal([("Rita Rater", SnapshotReferenceStatus.Sent), ("Ravi Rater", SnapshotReferenceStatus.Received)], snapshot.References.Select(r => (r.RaterName, r.Status)));
        Assert.Equal(("Priya Applicant", EthicsAgreement.Version), (snapshot.Ethics!.SignedName, snapshot.Ethics.TextVersion));

        // Under review: the page says so with the zone, and the forms are gone.
        var after = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains($"Submitted on {DateDisplay.DateTime(application.SubmittedUtc!.Value, a.Person.TimeZoneId)} — under review", after);
        Assert.Matches("\\(UTC[+\u2212]\\d\\d:\\d\\d\\) — under review", after);
        Assert.DoesNotContain("data-testid=\"next-step\"", after);
        foreach (var path in new[] { "/training\"", "/rsc\"", "/work\"", "/degrees\"", "/memberships\"", "/submit\"", "/delete\"" })
        {
            Assert.DoesNotContain($"action=\"{a.Page}{path}", after);
        }

        // The snapshot does not follow later changes of the entries (a reviewer's decision, an edit in the database).
        await factory.WithDbAsync(async db =>
        {
            await db.TrainingHours.Where(t => t.PersonId == a.Person.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Verified, true).SetProperty(t => t.Title, "Changed later"));
            db.Memberships.Add(new MembershipRecord { PersonId = a.Person.Id, Association = "Added later", From = Today });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(json, (await ApplicationAsync(a))!.Snapshot);
    }

    [Fact]
    public async Task While_submitted_every_change_is_refused_with_a_clear_message_and_nothing_changes()
    {
        var a = await CompleteishApplicantAsync();
        var trainingId = await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.PersonId == a.Person.Id && t.NotAcceptedReason == null).Select(t => t.Id).SingleAsync());
        var rscId = await factory.WithDbAsync(db => db.RscLog.Where(r => r.PersonId == a.Person.Id).Select(r => r.Id).SingleAsync());
        var workId = await factory.WithDbAsync(db => db.WorkExperience.Where(r => r.PersonId == a.Person.Id).Select(r => r.Id).SingleAsync());
        await factory.WithDbAsync(db => db.SignedAttestations.Where(s => s.PersonId == a.Person.Id).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(a)).StatusCode);
        var counts = await CountsAsync(a);

        var posts = new (string Path, string Prefix, (string, string)[] Fields)[]
        {
            ("/training", "Training", [("Date", Iso(Today.AddDays(-1))), ("Title", "Late"), ("Provider", "X"), ("Hours", "2"), ("RelationshipBased", "true")]),
            ("/rsc", "Rsc", [("Date", Iso(Today.AddDays(-1))), ("Hours", "1"), ("ProviderName", "Late Mentor"), ("ProviderLevel", nameof(EndorsementLevel.LevelIII))]),
            ("/work", "Work", [("Kind", nameof(WorkKind.InfantFamilyPaid)), ("Start", Iso(Today.AddYears(-1))), ("Employer", "Late employer")]),
            ("/degrees", "Degree", [("Kind", nameof(DegreeKind.BSW)), ("Institution", "Late University"), ("AwardedOn", Iso(Today.AddYears(-2)))]),
            ("/leadership", "Leadership", [("Kind", "Other"), ("Description", "Late activity")]),
            ("/memberships", "Membership", [("Association", "Late association"), ("From", Iso(Today.AddDays(-1)))]),
            ("/ethics", "Ethics", [("FullName", "Priya Applicant")]),
            ("/submit", "Submit", [("Confirm", "true")]),
            ($"/training/{trainingId}/delete", "x", []),
            ($"/rsc/{rscId}/delete", "x", []),
            ($"/work/{workId}/delete", "x", []),
        };
        foreach (var (path, prefix, fields) in posts)
        {
            var response = await a.Client.PostFormAsync(a.Page, a.Page + path,
                [.. fields.Select(f => new KeyValuePair<string, string>(prefix + "." + f.Item1, f.Item2)), new("Confirm", "true")]);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{path}: {response.StatusCode}");
            Assert.Contains(EndorsementController.UnderReview, await HtmlAsync(response));
        }
        Assert.Equal(counts, await CountsAsync(a));
        var application = await ApplicationAsync(a);
        Assert.Equal((ApplicationStatus.Submitted, 1), (application!.Status, application.Round));
    }

    private Task<string> CountsAsync(Applicant a) => factory.WithDbAsync(async db =>
    {
        var p = a.Person.Id;
        return string.Join(",",
            await db.TrainingHours.CountAsync(x => x.PersonId == p), await db.RscLog.CountAsync(x => x.PersonId == p),
            await db.WorkExperience.CountAsync(x => x.PersonId == p), await db.Degrees.CountAsync(x => x.PersonId == p),
            await db.LeadershipActivities.CountAsync(x => x.PersonId == p), await db.Memberships.CountAsync(x => x.PersonId == p),
            await db.SignedAttestations.CountAsync(x => x.PersonId == p));
    });

    [Fact]
    public async Task A_returned_application_shows_the_note_and_each_sections_comments_reopens_the_forms_and_is_submitted_again_as_round_2()
    {
        var a = await CompleteishApplicantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(a)).StatusCode);
        var reviewer = await factory.CreateAsync(Roles.Administrator);
        var submitted = (await ApplicationAsync(a))!.SubmittedUtc!.Value;
        await factory.WithDbAsync(async db =>
        {
            var app = await db.EndorsementApplications.SingleAsync(x => x.EnrollmentId == a.Enrollment.Id);
            app.Status = ApplicationStatus.Returned;
            app.ReturnNote = "Please add the missing training hours.";
            app.ReturnedUtc = submitted.AddDays(3);
            app.ReturnedById = reviewer.Id;
            db.ApplicationComments.Add(new ApplicationComment { EnrollmentId = a.Enrollment.Id, Section = "training-hours", Text = "Your course of last month has no certificate.", AuthorId = reviewer.Id, CreatedUtc = submitted.AddDays(2) });
            db.ApplicationComments.Add(new ApplicationComment { EnrollmentId = a.Enrollment.Id, Section = "reflective-supervision", Text = "Dana Mentor is not endorsed.", AuthorId = reviewer.Id, CreatedUtc = submitted.AddDays(2) });
            db.ApplicationComments.Add(new ApplicationComment { EnrollmentId = a.Enrollment.Id, Section = "training-hours", Text = "An old comment of an earlier round.", AuthorId = reviewer.Id, CreatedUtc = submitted.AddDays(-30) });
            return await db.SaveChangesAsync();
        });

        var html = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains("data-state=\"returned\"", html);
        Assert.Contains("Please add the missing training hours.", Regex.Match(html, "data-testid=\"return-note\".*?</p>", RegexOptions.Singleline).Value);
        Assert.Contains("Your course of last month has no certificate.", Section(html, "training-hours"));
        Assert.DoesNotContain("Dana Mentor is not endorsed.", Section(html, "training-hours"));
        Assert.Contains("Dana Mentor is not endorsed.", Section(html, "reflective-supervision"));
        Assert.DoesNotContain("An old comment of an earlier round.", html);
        Assert.Contains($"action=\"{a.Page}/training\"", html);
        Assert.Contains("This will be submission 2.", html);

        // The forms are open again: a change is saved, and the application goes back as round 2 with it.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(a, "/training", "Training", ("Date", Iso(Today.AddDays(-2))), ("Title", "Added after return"),
            ("Provider", "State IMH"), ("Hours", "24"), ("RelationshipBased", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(a)).StatusCode);
        var again = await ApplicationAsync(a);
        Assert.Equal((ApplicationStatus.Submitted, 2), (again!.Status, again.Round));
        var snapshot = ApplicationSnapshot.Parse(again.Snapshot!);
        Assert.Equal(2, snapshot.Round);
        Assert.Contains(snapshot.Training, t => t.Title == "Added after return");
        var under = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains("data-state=\"submitted\"", under);
        Assert.DoesNotContain("Your course of last month has no certificate.", under);
    }

    [Fact]
    public async Task Round_is_the_concurrency_token_a_save_from_an_older_read_of_the_application_fails()
    {
        var a = await CompleteishApplicantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(a)).StatusCode);
        await using var first = factory.NewContext();
        await using var second = factory.NewContext();
        var one = await first.EndorsementApplications.SingleAsync(x => x.EnrollmentId == a.Enrollment.Id);
        var two = await second.EndorsementApplications.SingleAsync(x => x.EnrollmentId == a.Enrollment.Id);
        one.Round++;
        two.Round++;
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [Fact]
    public async Task Two_submits_at_once_give_one_submission_and_the_other_is_told()
    {
        foreach (var returned in new[] { false, true })
        {
            var a = await CompleteishApplicantAsync();
            if (returned)
            {
                await factory.WithDbAsync(async db =>
                {
                    db.EndorsementApplications.Add(new EndorsementApplication { EnrollmentId = a.Enrollment.Id, Status = ApplicationStatus.Returned, Round = 1, SubmittedUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(-5) });
                    return await db.SaveChangesAsync();
                });
            }
            var posters = new List<(HttpClient Client, string Token)>();
            for (var i = 0; i < 4; i++)
            {
                var client = await factory.SignedInAsync(a.Person.Email!, TestUsers.Password);
                posters.Add((client, TokenPattern().Match(await client.GetStringAsync(a.Page)).Groups[1].Value));
            }
            using var start = new SemaphoreSlim(0);
            var tasks = posters.Select(async p =>
            {
                await start.WaitAsync();
                using var response = await p.Client.PostAsync(a.Page + "/submit", new FormUrlEncodedContent(
                    [new("Submit.Confirm", "true"), new("__RequestVerificationToken", p.Token)]));
                return (response.StatusCode, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
            }).ToList();
            start.Release(posters.Count);
            var answers = await Task.WhenAll(tasks);

            Assert.Single(answers, x => x.StatusCode == HttpStatusCode.Redirect);
            Assert.All(answers.Where(x => x.StatusCode != HttpStatusCode.Redirect), x =>
            {
                Assert.Equal(HttpStatusCode.Conflict, x.StatusCode);
                Assert.True(x.Item2.Contains(EndorsementController.UnderReview, StringComparison.Ordinal) || x.Item2.Contains("at the same moment", StringComparison.Ordinal));
            });
            Assert.Equal(returned ? 2 : 1, (await ApplicationAsync(a))!.Round);
        }
    }
}
