using Microsoft.AspNetCore.Hosting;
using System.Security.Cryptography;
using System.Text;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Features.References;

/// <summary>
/// Issue 12, references: the applicant names raters, each rater answers once from an e-mailed link that expires, the
/// token is stored only as a hash, the applicant sees statuses but never a rating, and the verdict counts what is received.
/// </summary>
public sealed class ReferencesTests(ReferencesTests.Factory factory) : IClassFixture<ReferencesTests.Factory>
{
    /// <summary>The rating form's rate limit raised: this class opens many links from one client address.</summary>
    public sealed class Factory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("References:PermitsPerMinute", "10000");
        }
    }

    private sealed record Applicant(AppUser User, int EnrollmentId, HttpClient Client)
    {
        public string Page => $"/endorsement/{EnrollmentId}/references";
    }

    private async Task<Applicant> ApplicantAsync(string programKey = DefaultRuleSets.Keys.ImhEndorsementL2)
    {
        var user = await factory.CreateAsync();
        var enrollmentId = await factory.WithDbAsync(async db =>
        {
            var enrollment = TrainingData.Enroll(user, programKey, factory.PortalToday());
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });
        return new Applicant(user, enrollmentId, await factory.SignedInAsync(user.Email!, TestUsers.Password));
    }

    private static string RaterEmail() => $"rater-{Guid.NewGuid():N}@example.org";

    private static Task<HttpResponseMessage> NameAsync(Applicant applicant, string name, string email, string relationship) =>
        applicant.Client.PostFormAsync(applicant.Page, ("RaterName", name), ("RaterEmail", email), ("Relationship", relationship));

    /// <summary>Names a rater and returns the link's path read from the rater's e-mail.</summary>
    private async Task<string> InviteAsync(Applicant applicant, string email, string relationship = "Supervisor", string name = "Rita Rater")
    {
        var response = await NameAsync(applicant, name, email, relationship);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return factory.LastTo(email).LinkPath();
    }

    private static Task<HttpResponseMessage> RateAsync(HttpClient rater, string link, string recommendation = "Recommend", string level = "LevelIII", string comments = "") =>
        rater.PostFormAsync(link, ("Recommendation", recommendation), ("RaterLevel", level), ("Comments", comments));

    private static string TokenOf(string link) => link["/references/".Length..];

    private Task<ReferenceRecord> ReferenceAsync(int enrollmentId, string email) =>
        factory.WithDbAsync(db => db.References.AsNoTracking().SingleAsync(r => r.EnrollmentId == enrollmentId && r.RaterEmail == email));

    [Fact]
    public async Task A_rater_answers_once_from_the_mailed_link_and_the_link_is_then_dead()
    {
        var applicant = await ApplicantAsync();
        var email = RaterEmail();
        var link = await InviteAsync(applicant, email);
        Assert.Matches("^/references/[A-Za-z0-9_-]{43}$", link); // 256 random bits, base64url

        var rater = factory.CreatePortalClient();
        var form = PortalClient.Decode(await rater.GetStringAsync(link));
        Assert.Contains(applicant.User.DisplayName, form, StringComparison.Ordinal);
        Assert.Contains("Level II", form, StringComparison.Ordinal);
        Assert.Contains("Opened", PortalClient.Decode(await applicant.Client.GetStringAsync(applicant.Page)), StringComparison.Ordinal);

        var answered = await RateAsync(rater, link);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("received", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await ReferenceAsync(applicant.EnrollmentId, email);
        Assert.NotNull(stored.ReceivedOn);
        Assert.Equal(EndorsementLevel.LevelIII, stored.RaterLevel);
        Assert.Null(stored.TokenHash);
        // The applicant is told that it came, once, and never what it says.
        var told = Assert.Single(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == applicant.User.Id && n.Kind == NotificationKind.ReferenceReceived).ToListAsync()));
        Assert.Contains("Rita Rater", told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Recommend", told.Body, StringComparison.Ordinal);

        var again = await rater.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("no longer valid", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A form kept open in a second tab cannot answer twice either.
        var token = await factory.CreatePortalClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Contains("Rating received", PortalClient.Decode(await applicant.Client.GetStringAsync(applicant.Page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_answer_posted_from_an_open_form_is_refused()
    {
        var applicant = await ApplicantAsync();
        var email = RaterEmail();
        var link = await InviteAsync(applicant, email);
        var rater = factory.CreatePortalClient();
        var antiforgery = await rater.GetTokenAsync(link);

        Assert.Equal(HttpStatusCode.OK, (await RateAsync(rater, link, level: "LevelII")).StatusCode);
        var second = await rater.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recommendation"] = "DoNotRecommend", ["RaterLevel"] = "None", ["__RequestVerificationToken"] = antiforgery,
        }));

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var stored = await ReferenceAsync(applicant.EnrollmentId, email);
        Assert.Equal(ReferenceRecommendation.Recommend, stored.Recommendation);
        Assert.Equal(EndorsementLevel.LevelII, stored.RaterLevel);
    }

    [Fact]
    public async Task Unknown_malformed_and_empty_links_answer_the_same_plain_page()
    {
        var client = factory.CreatePortalClient();
        var unknown = WebUtility.UrlEncode(new string('A', 43));
        foreach (var path in new[] { "/references/" + unknown, "/references/abc", "/references/" + new string('%', 1) + "41", "/references/" + new string('x', 500) })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("This link is no longer valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_link_expires_after_thirty_days_and_a_resent_link_works()
    {
        using var local = new Factory();
        var user = await local.CreateAsync();
        var enrollmentId = await local.WithDbAsync(async db =>
        {
            var enrollment = TrainingData.Enroll(user, DefaultRuleSets.Keys.ImhEndorsementL2, local.PortalToday());
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });
        var page = $"/endorsement/{enrollmentId}/references";
        var email = RaterEmail();
        var client = await local.SignedInAsync(user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, ("RaterName", "Rita"), ("RaterEmail", email), ("Relationship", "Supervisor"))).StatusCode);
        var link = local.LastTo(email).LinkPath();

        local.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await local.CreatePortalClient().GetAsync(link)).StatusCode);
        local.Time.Advance(TimeSpan.FromDays(1));
        var expired = await local.CreatePortalClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("no longer valid", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        client = await local.SignedInAsync(user.Email!, TestUsers.Password);
        Assert.Contains("link expired", PortalClient.Decode(await client.GetStringAsync(page)), StringComparison.Ordinal);
        var id = (await local.WithDbAsync(db => db.References.SingleAsync(r => r.EnrollmentId == enrollmentId))).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, $"{page}/{id}/resend", [])).StatusCode);
        var fresh = local.LastTo(email).LinkPath();
        Assert.NotEqual(link, fresh);
        Assert.Equal(HttpStatusCode.OK, (await local.CreatePortalClient().GetAsync(fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await local.CreatePortalClient().GetAsync(link)).StatusCode);
    }

    [SqliteFact]
    public async Task The_token_is_stored_only_as_its_sha256_hash()
    {
        var applicant = await ApplicantAsync();
        var email = RaterEmail();
        var link = await InviteAsync(applicant, email);
        var token = TokenOf(link);

        var stored = await ReferenceAsync(applicant.EnrollmentId, email);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token))), stored.TokenHash);
        // Nowhere in the database: not in a column, not in the audit log, not in the file (or its write-ahead log) at all.
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Changes != null && a.Changes.Contains(token))));
        foreach (var bytes in await DatabaseFiles.ReadAsync(factory.DatabasePath))
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(token)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(token)));
        }
    }

    [Fact]
    public async Task Resending_or_replacing_kills_the_old_link()
    {
        var applicant = await ApplicantAsync();
        var first = RaterEmail();
        var oldLink = await InviteAsync(applicant, first);
        var id = (await ReferenceAsync(applicant.EnrollmentId, first)).Id;

        Assert.Equal(HttpStatusCode.Redirect, (await applicant.Client.PostFormAsync(applicant.Page, $"{applicant.Page}/{id}/resend", [])).StatusCode);
        var resent = factory.LastTo(first).LinkPath();
        Assert.Equal(2, factory.CountTo(first));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync(oldLink)).StatusCode);

        var second = RaterEmail();
        var replaced = await applicant.Client.PostFormAsync($"{applicant.Page}/{id}/replace",
            ("RaterName", "Nora New"), ("RaterEmail", second), ("Relationship", "Teacher"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync(resent)).StatusCode);
        var newLink = factory.LastTo(second).LinkPath();
        var form = PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync(newLink));
        Assert.Contains("teacher", form, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.References.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("Nora New", second, ReferenceSource.Teacher), (stored.RaterName, stored.RaterEmail, stored.Source));
    }

    [Fact]
    public async Task Each_step_leaves_an_audit_row_without_the_token()
    {
        var applicant = await ApplicantAsync();
        var email = RaterEmail();
        var tokens = new List<string> { TokenOf(await InviteAsync(applicant, email)) };
        var id = (await ReferenceAsync(applicant.EnrollmentId, email)).Id;
        await applicant.Client.PostFormAsync(applicant.Page, $"{applicant.Page}/{id}/resend", []);
        tokens.Add(TokenOf(factory.LastTo(email).LinkPath()));
        var other = RaterEmail();
        await applicant.Client.PostFormAsync($"{applicant.Page}/{id}/replace", ("RaterName", "Nora"), ("RaterEmail", other), ("Relationship", "Mentor"));
        var link = factory.LastTo(other).LinkPath();
        tokens.Add(TokenOf(link));
        Assert.Equal(HttpStatusCode.OK, (await RateAsync(factory.CreatePortalClient(), link)).StatusCode);

        var rows = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ReferenceRecord) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());
        var steps = rows.Select(r => r.Action).Where(a => a.StartsWith("Reference", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ReferenceInvited", "ReferenceResent", "ReferenceReplaced", "ReferenceReceived"], steps);
        Assert.All(rows.Where(r => r.Action.StartsWith("Reference", StringComparison.Ordinal)), r => Assert.Equal(applicant.User.Id, r.PersonId));
        Assert.Equal(applicant.User.Id, rows.First(r => r.Action == "ReferenceInvited").ActorId);
        Assert.Null(rows.First(r => r.Action == "ReferenceReceived").ActorId);
        foreach (var row in rows)
        {
            Assert.DoesNotContain("TokenHash", row.Changes ?? "", StringComparison.Ordinal);
            Assert.All(tokens, t => Assert.DoesNotContain(t, row.Changes ?? "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_applicant_never_sees_the_rating_nor_another_applicants_references()
    {
        var applicant = await ApplicantAsync();
        var email = RaterEmail();
        var link = await InviteAsync(applicant, email);
        Assert.Equal(HttpStatusCode.OK, (await RateAsync(factory.CreatePortalClient(), link, "DoNotRecommend", "LevelIVPolicy", "Secret-comment-8841")).StatusCode);

        var own = PortalClient.Decode(await applicant.Client.GetStringAsync(applicant.Page));
        Assert.Contains("Rating received", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-comment-8841", own, StringComparison.Ordinal);
        Assert.DoesNotContain("recommend", own, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Policy", own, StringComparison.Ordinal);

        var other = await ApplicantAsync();
        var otherEmail = RaterEmail();
        await InviteAsync(other, otherEmail);
        var otherId = (await ReferenceAsync(other.EnrollmentId, otherEmail)).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.GetAsync(other.Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.GetAsync($"{other.Page}/{otherId}/replace")).StatusCode);
        // The other's reference through one's own enrollment is not reachable either.
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.GetAsync($"{applicant.Page}/{otherId}/replace")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.PostFormAsync(applicant.Page, $"{other.Page}/{otherId}/resend", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.PostFormAsync(applicant.Page, $"{applicant.Page}/{otherId}/resend", [])).StatusCode);
        Assert.Equal(1, factory.CountTo(otherEmail));
        Assert.DoesNotContain(otherEmail, own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rater_sees_only_their_own_form()
    {
        var applicant = await ApplicantAsync();
        var first = RaterEmail();
        var second = RaterEmail();
        var mine = await InviteAsync(applicant, first);
        var theirs = await InviteAsync(applicant, second, "RscProvider", "Other Rater");

        var page = PortalClient.Decode(await factory.CreatePortalClient().GetStringAsync(mine));
        Assert.DoesNotContain(TokenOf(theirs), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Rater", page, StringComparison.Ordinal);
        Assert.DoesNotContain(second, page, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant.Page, page, StringComparison.Ordinal);
        // The rater is not signed in: the applicant's pages send them to sign in.
        Assert.True((await factory.CreatePortalClient().GetAsync(applicant.Page)).IsRedirectToLogin());
    }

    [Fact]
    public async Task The_verdict_counts_received_references()
    {
        var applicant = await ApplicantAsync();
        async Task<RequirementResult> ReferencesAsync() => (await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([applicant.EnrollmentId]))).Single().Verdict["references"]!;
        var links = new List<string>();
        foreach (var relationship in new[] { "Supervisor", "RscProvider", "Colleague" })
        {
            links.Add(await InviteAsync(applicant, RaterEmail(), relationship));
        }
        Assert.Equal(RequirementStatus.NotMet, (await ReferencesAsync()).Status);

        await RateAsync(factory.CreatePortalClient(), links[0], level: "LevelII");
        await RateAsync(factory.CreatePortalClient(), links[1], level: "None");
        var partial = await ReferencesAsync();
        Assert.Equal(RequirementStatus.NotMet, partial.Status);
        Assert.Equal(2, partial.Current);

        await RateAsync(factory.CreatePortalClient(), links[2], level: "None");
        Assert.Equal(RequirementStatus.Met, (await ReferencesAsync()).Status);
    }

    [Fact]
    public async Task Bad_rater_input_is_answered_next_to_the_field_with_what_was_typed_kept()
    {
        var applicant = await ApplicantAsync();

        async Task<string> RefusedAsync(string name, string email, string relationship, string field, string message)
        {
            var response = await NameAsync(applicant, name, email, relationship);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
            Assert.Matches($"data-valmsg-for=\"{field}\"[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", html);
            Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
            return html;
        }

        await RefusedAsync("Me Myself", applicant.User.Email!.ToUpperInvariant(), "Supervisor", "RaterEmail", "your own e-mail address");
        await RefusedAsync("Bad Address", "not-an-address", "Supervisor", "RaterEmail", "like name@example.org");
        await RefusedAsync("Bad Address", "a b@example.org", "Supervisor", "RaterEmail", "like name@example.org");
        var kept = await RefusedAsync("No Relation", RaterEmail(), "7", "Relationship", "Choose how the rater knows you");
        Assert.Contains("No Relation", kept, StringComparison.Ordinal);

        var twice = RaterEmail();
        await InviteAsync(applicant, twice);
        await RefusedAsync("Same Again", twice.ToUpperInvariant(), "Teacher", "RaterEmail", "named this rater already");
        await InviteAsync(applicant, RaterEmail(), "Teacher");
        await InviteAsync(applicant, RaterEmail(), "Colleague");
        var fourth = RaterEmail();
        await RefusedAsync("Fourth Rater", fourth, "Colleague", "RaterName", "named 3 raters already");
        Assert.Equal(0, factory.CountTo(fourth));
        Assert.Equal(3, await factory.WithDbAsync(db => db.References.CountAsync(r => r.EnrollmentId == applicant.EnrollmentId)));
    }

    [Fact]
    public async Task A_rating_without_its_answers_is_refused_next_to_the_fields_and_the_link_still_works()
    {
        var applicant = await ApplicantAsync();
        var link = await InviteAsync(applicant, RaterEmail());
        var rater = factory.CreatePortalClient();

        var response = await RateAsync(rater, link, recommendation: "", level: "Bogus", comments: "Kept comment");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"Recommendation-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"RaterLevel-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Kept comment", html, StringComparison.Ordinal);

        var tooLong = await RateAsync(rater, link, comments: new string('x', 2001));
        Assert.Contains("id=\"Comments-error\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await RateAsync(rater, link)).StatusCode);
    }

    [Fact]
    public async Task An_enrollment_that_asks_for_no_references_has_no_references_page()
    {
        var applicant = await ApplicantAsync(DefaultRuleSets.Keys.ImhCourse);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.Client.GetAsync(applicant.Page)).StatusCode);
    }
}

/// <summary>The rating form is rate-limited per client address, like /verify: the limit is lowered to 3 a minute here.</summary>
public sealed class ReferenceLinkRateLimitTests(ReferenceLinkRateLimitTests.LowLimitFactory factory) : IClassFixture<ReferenceLinkRateLimitTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("References:PermitsPerMinute", "3");
        }
    }

    [Fact]
    public async Task Guessing_links_is_refused_after_three_tries_a_minute()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/references/" + new string((char)('a' + i), 43))).StatusCode);
        }

        var refused = await client.GetAsync("/references/" + new string('z', 43));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode);
    }
}
