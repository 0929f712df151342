using TrainingPortal.Web.Renewals;

namespace TrainingPortal.Web.Tests.Renewals;

/// <summary>
/// Renewals that renew: an approved endorsement creates the renewal of its next endorsement year, once, knowing the
/// endorsement it renews and whether the holder provides reflective supervision/consultation.
/// </summary>
public sealed class RenewalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    /// <summary>An endorsement approved today holds through the due date of next year's renewal (31 January).</summary>
    private DateOnly ThroughWhenApprovedToday => new(Today > new DateOnly(Today.Year, 1, 31) ? Today.Year + 2 : Today.Year + 1, 1, 31);

    private async Task<RequirementResult> RequirementOfAsync(int enrollmentId, string key) =>
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollmentId])))
            .Single().Verdict.Requirements.Single(r => r.Key == key);

    [Fact]
    public async Task Approving_a_Level_II_endorsement_twice_at_once_creates_one_renewal_for_the_next_endorsement_year()
    {
        var (personId, _, enrollmentId) = await factory.WaivedEnrollmentAsync(DefaultRuleSets.Keys.ImhEndorsementL2, Today.AddDays(-120));
        var version = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => e.Version).SingleAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => factory.WithScopeAsync(sp =>
            sp.GetRequiredService<ApprovalService>().ApproveAsync(enrollmentId, Today, version))));
        var again = await factory.ApproveWithServiceAsync(enrollmentId, Today);

        var approved = Assert.Single(results.OfType<ApprovalResult.Approved>());
        Assert.IsType<ApprovalResult.AlreadyApproved>(again);
        var renewal = Assert.Single(await factory.RenewalsOfAsync(personId));
        Assert.Equal(renewal.Id, approved.NextRenewalId);
        var through = ThroughWhenApprovedToday;
        Assert.Equal(through, (await factory.CertificateOfAsync(enrollmentId)).ValidThrough);
        // The renewal of the year whose renewal falls due on the day the endorsement would lapse: it begins on that
        // year's first day, under the renewal rules current then, and renews Level II (the holder does not provide RSC).
        var yearStart = new DateOnly(through.Year - 1, 1, 1);
        Assert.Equal((EnrollmentStatus.Active, yearStart, RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.ImhRenewal, yearStart)!.Id),
            (renewal.Status, renewal.CreatedOn, renewal.RuleSetId));
        Assert.Equal((EndorsementLevel.LevelII, false), (renewal.HeldEndorsement, renewal.ProvidesReflectiveSupervision));
        Assert.Equal(RequirementStatus.NotApplicable, (await RequirementOfAsync(renewal.Id, "rsc-training")).Status);
    }

    [Fact]
    public async Task A_Level_IV_clinical_mentor_provides_RSC_so_their_renewal_asks_for_RSC_training()
    {
        var (personId, _, enrollmentId) = await factory.WaivedEnrollmentAsync(DefaultRuleSets.Keys.ImhEndorsementL4, Today.AddDays(-300),
            DefaultRuleSets.Categories.Clinical);

        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(enrollmentId, Today));

        var renewal = Assert.Single(await factory.RenewalsOfAsync(personId));
        Assert.Equal((EndorsementLevel.LevelIVClinical, true), (renewal.HeldEndorsement, renewal.ProvidesReflectiveSupervision));
        var rsc = await RequirementOfAsync(renewal.Id, "rsc-training");
        Assert.NotEqual(RequirementStatus.NotApplicable, rsc.Status);
        Assert.False(rsc.Blocking); // recommended: a warning, never blocking
    }

    [Fact]
    public async Task A_renewal_renews_the_highest_valid_endorsement_the_person_holds()
    {
        // Level III held; a Level I endorsement approved later does not make the renewal a Level I one.
        var (personId, _, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL3, Today.AddDays(-30));
        int levelOne;
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == personId);
            var enrollment = TrainingData.Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL1, Today.AddDays(-20));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            levelOne = enrollment.Id;
        }
        await factory.WaiveBlockingAsync(levelOne, personId);

        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(levelOne, Today));

        var renewal = Assert.Single(await factory.RenewalsOfAsync(personId));
        Assert.Equal(EndorsementLevel.LevelIII, renewal.HeldEndorsement);
        Assert.Equal(EndorsementLevel.LevelIII, (await factory.WithScopeAsync(sp => sp.GetRequiredService<RenewalService>().HeldAsync(personId)))!.Level);
    }

    [Fact]
    public async Task A_renewal_stored_without_the_endorsement_held_renews_the_one_the_person_holds_when_approved()
    {
        // Endorsed more than a year ago; a renewal enrolled before the level was derived (None), its requirements waived.
        var (personId, _, endorsement) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL2, Today.AddDays(-400));
        int renewalId;
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == personId);
            var enrollment = TrainingData.Enroll(person, DefaultRuleSets.Keys.ImhRenewal, Today.AddDays(-30));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            renewalId = enrollment.Id;
        }
        await factory.WaiveBlockingAsync(renewalId, personId);
        var before = (await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == endorsement.CertificateId))).ValidThrough;

        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(renewalId, Today));

        Assert.Equal(EndorsementLevel.LevelII, (await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == renewalId))).HeldEndorsement);
        var after = (await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == endorsement.CertificateId))).ValidThrough;
        Assert.True(after > before, $"the endorsement should move on from {before} (it is {after})");
        Assert.Equal(ThroughWhenApprovedToday, after);
    }

    [Fact]
    public async Task Approving_a_programme_that_is_not_an_endorsement_creates_no_renewal()
    {
        var (personId, _, enrollmentId) = await factory.WaivedEnrollmentAsync(DefaultRuleSets.Keys.ImhCourse, Today.AddDays(-60));

        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(enrollmentId, Today));

        Assert.Empty(await factory.RenewalsOfAsync(personId));
    }
}

/// <summary>The endorsement year by year through the screens: this class moves its own clock.</summary>
public sealed class RenewalYearTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Review(int id) => "/admin/approvals/" + QueueData.Id(id);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [Fact]
    public async Task An_approved_renewal_moves_the_endorsement_a_year_and_makes_the_next_one_and_a_missed_renewal_lapses_it()
    {
        var today = factory.PortalToday();
        var (personId, _, endorsementId) = await factory.WaivedEnrollmentAsync(DefaultRuleSets.Keys.ImhEndorsementL2, today.AddDays(-120));
        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(endorsementId, today));
        var endorsement = await factory.CertificateOfAsync(endorsementId);
        var code = CertificateCodes.Format(endorsement.Code!);
        var through = endorsement.ValidThrough!.Value;
        var first = Assert.Single(await factory.RenewalsOfAsync(personId));

        // Before its year begins the renewal cannot be approved, so the queue does not offer it even when its standing is eligible.
        await factory.WaiveBlockingAsync(first.Id, personId);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Web.Standings.StandingRefresher>().RefreshAsync([first.Id]));
        Assert.Equal(OverallStatus.Eligible, (await factory.StandingAsync(first.Id))!.Status);
        var (_, early) = await factory.AdminAsync();
        Assert.DoesNotContain(first.Id, QueueData.QueueIds(PortalClient.Decode(await early.GetStringAsync("/admin/approvals"))));

        // In the renewal year, the holder has done the year's work (waived here) and an administrator approves it on the review page.
        factory.Time.SetUtcNow(Noon(first.CreatedOn.AddMonths(6)));
        var approvedOn = factory.PortalToday();
        var (_, admin) = await factory.AdminAsync();
        Assert.Contains(first.Id, QueueData.QueueIds(PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"))));
        var version = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == first.Id).Select(e => e.Version).SingleAsync());
        var response = await admin.PostFormAsync(Review(first.Id), Review(first.Id) + "/approve",
            [new("Approve.AwardedOn", QueueData.Iso(approvedOn)), new("Approve.Version", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var notice = PortalClient.Decode(await admin.GetStringAsync(Review(first.Id)));
        Assert.Contains($"The yearly renewal for {first.CreatedOn.Year + 1} is set up; it opens on {Web.Infrastructure.DateDisplay.Date(first.CreatedOn.AddYears(1))}.", notice);
        Assert.Equal(EnrollmentStatus.Completed, (await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == first.Id))).Status);
        var renewedThrough = (await factory.CertificateOfAsync(endorsementId)).ValidThrough!.Value;
        Assert.Equal(through.AddYears(1), renewedThrough);
        var renewals = await factory.RenewalsOfAsync(personId);
        Assert.Equal(2, renewals.Count);
        var next = renewals[1];
        Assert.Equal((EnrollmentStatus.Active, first.CreatedOn.AddYears(1), EndorsementLevel.LevelII),
            (next.Status, next.CreatedOn, next.HeldEndorsement));

        // Valid through the new date on the public verification page.
        factory.Time.SetUtcNow(Noon(through.AddDays(1)));
        var valid = (await factory.AnonymousGetAsync($"/verify/{code}")).Html;
        Assert.Contains(">Valid<", valid);

        // The next year's renewal is never approved: the day after it fell due, the endorsement has lapsed.
        factory.Time.SetUtcNow(Noon(renewedThrough));
        Assert.Contains(">Valid<", (await factory.AnonymousGetAsync($"/verify/{code}")).Html);
        factory.Time.SetUtcNow(Noon(renewedThrough.AddDays(1)));
        var lapsed = (await factory.AnonymousGetAsync($"/verify/{code}")).Html;
        Assert.Contains("Lapsed on " + Web.Infrastructure.DateDisplay.Date(renewedThrough.AddDays(1)), lapsed);
    }
}

/// <summary>A renewal met by the year's logged hours and membership, not by waivers: this class moves its own clock.</summary>
public sealed class RenewalHoursTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<RequirementResult> RequirementOfAsync(int enrollmentId, string key) =>
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollmentId])))
            .Single().Verdict.Requirements.Single(r => r.Key == key);

    private async Task<OverallStatus> StatusOfAsync(int enrollmentId) =>
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([enrollmentId]))).Single().Verdict.Status;

    [Fact]
    public async Task A_mentor_who_logs_the_years_hours_and_renews_membership_is_renewed_and_RSC_hours_are_asked_for_but_not_required()
    {
        var today = factory.PortalToday();
        var (personId, _, endorsementId) = await factory.WaivedEnrollmentAsync(DefaultRuleSets.Keys.ImhEndorsementL4, today.AddDays(-200),
            DefaultRuleSets.Categories.Clinical);
        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(endorsementId, today));
        var through = (await factory.CertificateOfAsync(endorsementId)).ValidThrough!.Value;
        var renewal = Assert.Single(await factory.RenewalsOfAsync(personId));
        factory.Time.SetUtcNow(new DateTimeOffset(renewal.CreatedOn.AddMonths(7).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        Assert.Equal(OverallStatus.NotYetEligible, await StatusOfAsync(renewal.Id));

        // The year's training log: 15 relationship-based hours, none of them about RSC, and a renewed membership.
        await using (var db = factory.NewContext())
        {
            for (var month = 0; month < 5; month++)
            {
                db.TrainingHours.Add(new TrainingHoursRecord
                {
                    PersonId = personId, Date = renewal.CreatedOn.AddMonths(month).AddDays(9), Hours = 3m, Title = "Relationship-based workshop",
                    RelationshipBased = true, Verified = true, FaceToFace = true,
                });
            }
            db.Memberships.Add(new MembershipRecord { Verified = true, PersonId = personId, Association = "State IMH association", From = renewal.CreatedOn, To = renewal.CreatedOn.AddYears(2) });
            await db.SaveChangesAsync();
        }

        Assert.Equal(OverallStatus.Eligible, await StatusOfAsync(renewal.Id));
        var rsc = await RequirementOfAsync(renewal.Id, "rsc-training");
        Assert.Equal((RequirementStatus.NotMet, false), (rsc.Status, rsc.Blocking)); // shown as a warning, never blocking

        await using (var db = factory.NewContext())
        {
            db.TrainingHours.Add(new TrainingHoursRecord
            {
                PersonId = personId, Date = renewal.CreatedOn.AddMonths(6), Hours = 3m, Title = "Reflective supervision seminar",
                RelationshipBased = true, Verified = true, FaceToFace = true, AboutReflectiveSupervision = true,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(RequirementStatus.Met, (await RequirementOfAsync(renewal.Id, "rsc-training")).Status);

        Assert.IsType<ApprovalResult.Approved>(await factory.ApproveWithServiceAsync(renewal.Id, factory.PortalToday()));

        Assert.Equal(through.AddYears(1), (await factory.CertificateOfAsync(endorsementId)).ValidThrough);
        var renewals = await factory.RenewalsOfAsync(personId);
        Assert.Equal(2, renewals.Count);
        Assert.Equal((EndorsementLevel.LevelIVClinical, true), (renewals[1].HeldEndorsement, renewals[1].ProvidesReflectiveSupervision));
    }
}
