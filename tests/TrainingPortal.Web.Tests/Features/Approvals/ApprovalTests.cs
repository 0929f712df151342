using TrainingPortal.Web.Features.Approvals;
using static TrainingPortal.Web.Tests.Testing.QueueData;

namespace TrainingPortal.Web.Tests.Features.Approvals;

/// <summary>The eligibility queue, the review page, approving and waiving.</summary>
public sealed class ApprovalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Review(int id) => "/admin/approvals/" + Id(id);

    private static async Task<HttpResponseMessage> ApproveAsync(HttpClient client, int id, string awardedOn, Guid? version = null, string? formPage = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Approve.AwardedOn", awardedOn) };
        if (version is { } v)
        {
            fields.Add(new("Approve.Version", v.ToString()));
        }
        return await client.PostFormAsync(formPage ?? Review(id), Review(id) + "/approve", fields);
    }

    private static Task<HttpResponseMessage> WaiveAsync(HttpClient client, int id, string key, string reason) =>
        client.PostFormAsync(Review(id), Review(id) + "/waive", [new("Waive.RequirementKey", key), new("Waive.Reason", reason)]);

    [Fact]
    public async Task The_queue_lists_eligible_unapproved_enrollments_only_with_their_figures()
    {
        var eligible = await factory.MioClinicianAsync(attended: 14);
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var approved = await factory.MioClinicianAsync(attended: 14);
        await factory.CompleteAsync(approved.EnrollmentId, factory.TodayInNewYork());
        var (_, admin) = await factory.AdminAsync();

        var html = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"));

        var ids = QueueIds(html);
        Assert.Contains(eligible.EnrollmentId, ids);
        Assert.DoesNotContain(oneShort.EnrollmentId, ids); // cannot become eligible
        Assert.DoesNotContain(approved.EnrollmentId, ids); // approved already
        Assert.Contains($"Evaluated as of <time datetime=\"{Iso(factory.TodayInNewYork())}\">", html);
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-enrollment=\"{eligible.EnrollmentId}\">[\\s\\S]*?</tr>").Value;
        Assert.Contains("MIO clinician training: rostering", row);
        Assert.Contains("6 of 6 required met or waived", row);
        Assert.Contains("data-key=\"consultation-attendance\" data-status=\"Met\"", row);
        Assert.Contains("14 / 14 calls", row);
        Assert.Contains($"href=\"/admin/approvals/{eligible.EnrollmentId}\"", row);

        // The page stored what it evaluated: the not-eligible one has a fresh standing too.
        var standing = await factory.StandingAsync(oneShort.EnrollmentId);
        Assert.Equal(OverallStatus.CannotBecomeEligible, standing!.Status);
        Assert.Equal((5, 6), (standing.MetCount, standing.BlockingCount));
        Assert.False(standing.Stale);
    }

    [Fact]
    public async Task Filters_by_program_and_by_group()
    {
        var first = await factory.MioClinicianAsync(groupName: "Filter group A");
        var second = await factory.MioClinicianAsync(groupName: "Filter group B");
        var (_, admin) = await factory.AdminAsync();

        var byGroup = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals?group=" + Id(first.GroupId)));
        Assert.Contains(first.EnrollmentId, QueueIds(byGroup));
        Assert.DoesNotContain(second.EnrollmentId, QueueIds(byGroup));
        Assert.Contains($"<option value=\"{first.GroupId}\" selected=\"selected\">Filter group A (1 waiting)</option>", byGroup);

        var mio = QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals?program=mio-rostering")));
        Assert.Contains(first.EnrollmentId, mio);
        Assert.Contains(second.EnrollmentId, mio);

        var course = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals?program=imh-course"));
        Assert.DoesNotContain(first.EnrollmentId, QueueIds(course));
        Assert.DoesNotContain("Filter group A", course); // the group choices follow the program
    }

    [Fact]
    public async Task The_queue_reevaluates_after_an_edit_made_through_the_app()
    {
        var clinician = await factory.MioClinicianAsync(attended: 14);
        var (_, admin) = await factory.AdminAsync();
        Assert.Contains(clinician.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));

        // A trainer's correction through the app (the interceptor marks the standing stale): one call fewer.
        await factory.WithDbAsync(async db =>
        {
            var mark = await db.Attendance
                .Where(a => a.PersonId == clinician.Person.Id && a.Meeting!.GroupId == clinician.GroupId && a.Mark == AttendanceMark.Present)
                .OrderBy(a => a.Meeting!.StartsUtc).FirstAsync();
            mark.Mark = AttendanceMark.Absent;
            return await db.SaveChangesAsync();
        });
        Assert.True((await factory.StandingAsync(clinician.EnrollmentId))!.Stale);

        Assert.DoesNotContain(clinician.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));
        Assert.Equal(OverallStatus.CannotBecomeEligible, (await factory.StandingAsync(clinician.EnrollmentId))!.Status);
    }

    [Fact]
    public async Task An_administrator_approves_an_eligible_enrollment_on_todays_date()
    {
        var clinician = await factory.MioClinicianAsync();
        var (adminUser, admin) = await factory.AdminAsync();
        var today = factory.TodayInNewYork();

        var page = PortalClient.Decode(await admin.GetStringAsync(Review(clinician.EnrollmentId)));
        Assert.Contains(">Approve rostering</button>", page);
        Assert.Contains($"value=\"{Iso(today)}\"", page); // the award date defaults to today
        Assert.Contains("data-testid=\"overall-status\">All requirements met<", page);
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;

        var response = await ApproveAsync(admin, clinician.EnrollmentId, Iso(today), version);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Review(clinician.EnrollmentId), response.Headers.Location!.ToString());
        var stored = await factory.EnrollmentAsync(clinician.EnrollmentId);
        Assert.Equal(EnrollmentStatus.Completed, stored.Status);
        Assert.Equal(today, stored.CompletedOn);
        Assert.Equal(adminUser.Id, stored.ApprovedById);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, stored.ApprovedUtc);
        Assert.NotEqual(version, stored.Version);
        var after = PortalClient.Decode(await admin.GetStringAsync(Review(clinician.EnrollmentId)));
        Assert.Contains($"Approved on <time datetime=\"{Iso(today)}\">", after);
        Assert.DoesNotContain("data-testid=\"approve-form\"", after);
        Assert.DoesNotContain(clinician.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Enrollment) && a.EntityId == Id(clinician.EnrollmentId) && a.Action == "Modified").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(adminUser.Id, entry.ActorId);
        Assert.Contains("\"Status\":[0,2]", entry.Changes, StringComparison.Ordinal); // Active → Completed

        // The approval issued the certificate, awarded on the approval date; the review page links it.
        var certificate = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.EnrollmentId == clinician.EnrollmentId));
        Assert.Equal((today, adminUser.Id, 1), (certificate.AwardedOn!.Value, certificate.IssuedById!, certificate.CurrentVersion));
        var code = CertificateCodes.Format(certificate.Code!);
        Assert.Contains($"Certificate {code} issued.", after);
        Assert.Contains($"/admin/certificates/{certificate.Id}/versions/1/pdf\">Download the certificate (PDF)</a>", after);
    }

    [Fact]
    public async Task Approval_is_refused_when_not_eligible_and_nothing_changes()
    {
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (_, admin) = await factory.AdminAsync();
        var before = await factory.EnrollmentAsync(oneShort.EnrollmentId);

        var page = PortalClient.Decode(await admin.GetStringAsync(Review(oneShort.EnrollmentId)));
        Assert.DoesNotContain("data-testid=\"approve-form\"", page);
        Assert.Contains("data-testid=\"not-eligible\"", page);
        Assert.Contains("Next step for the trainee", page); // the shared verdict partial, worded for the administrator

        // A forged post (no button on the page) is refused on the live verdict.
        var response = await ApproveAsync(admin, oneShort.EnrollmentId, Iso(factory.TodayInNewYork()), before.Version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not every requirement is met today", await response.HtmlAsync());
        Assert.Equal(EnrollmentStatus.Active, (await factory.EnrollmentAsync(oneShort.EnrollmentId)).Status);
    }

    [Fact]
    public async Task The_award_date_may_not_be_in_the_future_nor_before_the_enrollment()
    {
        var clinician = await factory.MioClinicianAsync();
        var (_, admin) = await factory.AdminAsync();
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;
        var today = factory.TodayInNewYork();
        var enrolledOn = GroupStart.AddDays(-20);

        var tomorrow = await (await ApproveAsync(admin, clinician.EnrollmentId, Iso(today.AddDays(1)), version)).HtmlAsync();
        Assert.Contains("id=\"Approve_AwardedOn-error\">The award date cannot be in the future", tomorrow);
        Assert.Contains($"value=\"{Iso(today.AddDays(1))}\"", tomorrow); // what was typed is kept

        var early = await (await ApproveAsync(admin, clinician.EnrollmentId, Iso(enrolledOn.AddDays(-1)), version)).HtmlAsync();
        Assert.Contains($"id=\"Approve_AwardedOn-error\">The award date cannot be before the enrollment began on {Web.Infrastructure.DateDisplay.Date(enrolledOn)}", early);

        var garbage = await (await ApproveAsync(admin, clinician.EnrollmentId, "23/11/2026", version)).HtmlAsync();
        Assert.Contains("id=\"Approve_AwardedOn-error\">“23/11/2026” is not a date: write it as YYYY-MM-DD", garbage);
        Assert.Contains("aria-invalid=\"true\"", garbage);
        Assert.Equal(EnrollmentStatus.Active, (await factory.EnrollmentAsync(clinician.EnrollmentId)).Status);

        // The first day of the enrollment is allowed.
        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(admin, clinician.EnrollmentId, Iso(enrolledOn), version)).StatusCode);
        Assert.Equal(enrolledOn, (await factory.EnrollmentAsync(clinician.EnrollmentId)).CompletedOn);
    }

    [Fact]
    public async Task Two_administrators_approving_at_the_same_moment_give_one_approval()
    {
        var clinician = await factory.MioClinicianAsync();
        var (first, firstClient) = await factory.AdminAsync();
        var (second, secondClient) = await factory.AdminAsync();
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;
        var today = Iso(factory.TodayInNewYork());
        var tokens = await Task.WhenAll(firstClient.GetTokenAsync(Review(clinician.EnrollmentId)), secondClient.GetTokenAsync(Review(clinician.EnrollmentId)));

        Task<HttpResponseMessage> Post(HttpClient client, string token) => client.PostAsync(Review(clinician.EnrollmentId) + "/approve",
            new FormUrlEncodedContent([new("Approve.AwardedOn", today), new("Approve.Version", version.ToString()), new("__RequestVerificationToken", token)]));
        var responses = await Task.WhenAll(Post(firstClient, tokens[0]), Post(secondClient, tokens[1]));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode)); // the loser is told it is approved already
        var stored = await factory.EnrollmentAsync(clinician.EnrollmentId);
        Assert.Equal(EnrollmentStatus.Completed, stored.Status);
        Assert.Contains(stored.ApprovedById, new[] { first.Id, second.Id });
        var approvals = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.EntityType == nameof(Enrollment) && a.EntityId == Id(clinician.EnrollmentId) && a.Action == "Modified"));
        Assert.Equal(1, approvals);

        // A second click later, with the old version, changes nothing either.
        var again = await ApproveAsync(firstClient, clinician.EnrollmentId, today, version);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already approved", PortalClient.Decode(await firstClient.GetStringAsync(Review(clinician.EnrollmentId))));
        Assert.Equal(stored.ApprovedUtc, (await factory.EnrollmentAsync(clinician.EnrollmentId)).ApprovedUtc);
    }

    [Fact]
    public async Task Concurrent_service_calls_approve_once_and_the_other_is_told_so()
    {
        var clinician = await factory.MioClinicianAsync();
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;
        var today = factory.TodayInNewYork();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => factory.WithScopeAsync(services =>
            services.GetRequiredService<ApprovalService>().ApproveAsync(clinician.EnrollmentId, today, version))));

        Assert.Single(results, r => r is ApprovalResult.Approved);
        Assert.Single(results, r => r is ApprovalResult.AlreadyApproved or ApprovalResult.Conflict);
    }

    [Fact]
    public async Task A_stale_page_is_told_that_someone_changed_the_enrollment()
    {
        var clinician = await factory.MioClinicianAsync();
        var (_, admin) = await factory.AdminAsync();

        var response = await ApproveAsync(admin, clinician.EnrollmentId, Iso(factory.TodayInNewYork()), Guid.NewGuid());

        var html = await response.HtmlAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ApprovalsController.ConflictMessage, html);
        Assert.Contains($"value=\"{(await factory.EnrollmentAsync(clinician.EnrollmentId)).Version}\"", html); // the fresh version, to try again
        Assert.Equal(EnrollmentStatus.Active, (await factory.EnrollmentAsync(clinician.EnrollmentId)).Status);
    }

    [Fact]
    public async Task Each_program_has_its_own_approve_label()
    {
        Assert.Equal("Approve rostering", ApprovalService.ApproveLabel(DefaultRuleSets.Keys.MioRostering));
        Assert.Equal("Approve course completion", ApprovalService.ApproveLabel(DefaultRuleSets.Keys.ImhCourse));
        Assert.Equal("Approve Train-the-Trainer completion", ApprovalService.ApproveLabel(DefaultRuleSets.Keys.MioTrainTheTrainer));
        Assert.Equal("Approve renewal", ApprovalService.ApproveLabel(DefaultRuleSets.Keys.ImhRenewal));
        foreach (var level in new[] { DefaultRuleSets.Keys.ImhEndorsementL1, DefaultRuleSets.Keys.ImhEndorsementL2, DefaultRuleSets.Keys.ImhEndorsementL3, DefaultRuleSets.Keys.ImhEndorsementL4 })
        {
            Assert.Equal("Approve endorsement", ApprovalService.ApproveLabel(level));
        }
        var (_, admin) = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Review(999_999))).StatusCode);
    }

    [Fact]
    public async Task A_waiver_with_a_reason_shows_in_the_verdict_and_the_audit_and_makes_it_eligible()
    {
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (adminUser, admin) = await factory.AdminAsync();
        const string reason = "Attended the make-up call of another group while on parental leave";

        var response = await WaiveAsync(admin, oneShort.EnrollmentId, "consultation-attendance", reason);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var waiver = await factory.WithDbAsync(db => db.Waivers.AsNoTracking().SingleAsync(w => w.EnrollmentId == oneShort.EnrollmentId));
        Assert.Equal(("consultation-attendance", reason, adminUser.Id, factory.TodayInNewYork()), (waiver.RequirementKey, waiver.Reason, waiver.GrantedById, waiver.GrantedOn));
        var page = PortalClient.Decode(await admin.GetStringAsync(Review(oneShort.EnrollmentId)));
        Assert.Contains("data-key=\"consultation-attendance\" data-status=\"Waived\"", page);
        Assert.Contains("Waived by an administrator: " + reason, page);
        Assert.Contains("data-testid=\"approve-form\"", page); // eligible now
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(WaiverRecord) && a.EntityId == Id(waiver.Id)));
        Assert.Equal(("Added", adminUser.Id), (audit.Action, audit.ActorId));
        Assert.Contains(reason, audit.Changes, StringComparison.Ordinal);
        Assert.Contains(oneShort.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));
        var row = System.Text.RegularExpressions.Regex.Match(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals")),
            $"<tr data-enrollment=\"{oneShort.EnrollmentId}\">[\\s\\S]*?</tr>").Value;
        Assert.Contains("data-key=\"consultation-attendance\" data-status=\"Waived\"", row);

        // Withdrawing the waiver puts the requirement back.
        var withdraw = await admin.PostFormAsync(Review(oneShort.EnrollmentId), Review(oneShort.EnrollmentId) + $"/waivers/{waiver.Id}/withdraw", []);
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.Contains("data-key=\"consultation-attendance\" data-status=\"NotMet\"", PortalClient.Decode(await admin.GetStringAsync(Review(oneShort.EnrollmentId))));
        Assert.DoesNotContain(oneShort.EnrollmentId, QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));
    }

    [Fact]
    public async Task A_waiver_needs_a_reason_next_to_its_field_and_keeps_what_was_typed()
    {
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (_, admin) = await factory.AdminAsync();

        var empty = await (await WaiveAsync(admin, oneShort.EnrollmentId, "consultation-attendance", "   ")).HtmlAsync();
        Assert.Contains("id=\"Waive_Reason-error\">Write why this requirement is waived", empty);
        Assert.Contains("<details class=\"card mb-2 waive\" open=\"open\" data-testid=\"waive-consultation-attendance\">", empty);
        Assert.Contains("href=\"#Waive_Reason\"", empty); // the summary links to the field

        var tooShort = await (await WaiveAsync(admin, oneShort.EnrollmentId, "consultation-attendance", "On leave")).HtmlAsync();
        Assert.Contains("id=\"Waive_Reason-error\">Write the reason in at least 10 characters", tooShort);
        Assert.Contains(">\nOn leave</textarea>", tooShort);

        Assert.Empty(await factory.WithDbAsync(db => db.Waivers.Where(w => w.EnrollmentId == oneShort.EnrollmentId).ToListAsync()));
    }

    [Fact]
    public async Task A_met_or_unknown_requirement_cannot_be_waived()
    {
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (_, admin) = await factory.AdminAsync();

        var met = await WaiveAsync(admin, oneShort.EnrollmentId, "classroom-hours", "Classroom hours came from another provider");
        Assert.Equal(HttpStatusCode.OK, met.StatusCode);
        Assert.Contains("“16 hours of classroom training” is already met: there is nothing to waive.", await met.HtmlAsync());

        var unknown = await WaiveAsync(admin, oneShort.EnrollmentId, "exam", "There is no exam in this program at all");
        Assert.Contains("This program has no such requirement", await unknown.HtmlAsync());
        Assert.Empty(await factory.WithDbAsync(db => db.Waivers.Where(w => w.EnrollmentId == oneShort.EnrollmentId).ToListAsync()));
    }

    [Fact]
    public async Task Trainers_and_trainees_cannot_reach_any_approval_route()
    {
        var clinician = await factory.MioClinicianAsync(attended: 13);
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;
        foreach (var role in new[] { Roles.Trainee, Roles.Trainer })
        {
            var user = await factory.CreateAsync(role);
            var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
            var token = await client.GetTokenAsync("/profile");
            foreach (var path in new[] { "/admin/approvals", Review(clinician.EnrollmentId) })
            {
                Assert.True(IsAccessDenied(await client.GetAsync(path)), $"{role} GET {path}");
            }
            foreach (var (path, fields) in new (string, KeyValuePair<string, string>[])[]
            {
                (Review(clinician.EnrollmentId) + "/approve", [new("Approve.AwardedOn", Iso(factory.TodayInNewYork())), new("Approve.Version", version.ToString())]),
                (Review(clinician.EnrollmentId) + "/waive", [new("Waive.RequirementKey", "consultation-attendance"), new("Waive.Reason", "I would like to waive this myself")]),
                (Review(clinician.EnrollmentId) + "/waivers/1/withdraw", []),
            })
            {
                var response = await client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
                Assert.True(IsAccessDenied(response), $"{role} POST {path}");
            }
        }
        Assert.Equal(EnrollmentStatus.Active, (await factory.EnrollmentAsync(clinician.EnrollmentId)).Status);
        Assert.Empty(await factory.WithDbAsync(db => db.Waivers.Where(w => w.EnrollmentId == clinician.EnrollmentId).ToListAsync()));
    }

    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal));
}
