using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// Endorsements and renewals that can be approved: until the applicant's evidence can be entered, every blocking
/// requirement is waived (as an administrator would), so the live verdict is "eligible".
/// </summary>
internal static class RenewalData
{
    public const string WaiverReason = "Evidence checked on paper by the association";

    /// <summary>A new person's active enrollment of <paramref name="program"/> begun on <paramref name="createdOn"/>, every blocking requirement waived.</summary>
    public static async Task<(string PersonId, string Email, int EnrollmentId)> WaivedEnrollmentAsync(this PortalFactory factory, string program,
        DateOnly createdOn, string? category = null)
    {
        await using var db = factory.NewContext();
        var person = Person("endorsed");
        db.Users.Add(person);
        var enrollment = Enroll(person, program, createdOn, category: category);
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync();
        await factory.WaiveBlockingAsync(enrollment.Id, person.Id);
        return (person.Id, person.Email!, enrollment.Id);
    }

    /// <summary>Waives every blocking requirement of the enrollment that is not waived yet.</summary>
    public static async Task WaiveBlockingAsync(this PortalFactory factory, int enrollmentId, string grantedById)
    {
        await using var db = factory.NewContext();
        var enrollment = await db.Enrollments.Include(e => e.Waivers).SingleAsync(e => e.Id == enrollmentId);
        var ruleSet = RuleSetCatalog.Default.Find(enrollment.RuleSetId)!;
        foreach (var requirement in ruleSet.RequirementsFor(enrollment.Category).Where(r => r.Blocking))
        {
            if (enrollment.Waivers.All(w => w.RequirementKey != requirement.Key))
            {
                enrollment.Waivers.Add(new WaiverRecord
                {
                    RequirementKey = requirement.Key,
                    Reason = WaiverReason,
                    GrantedOn = factory.PortalToday(),
                    GrantedById = grantedById,
                });
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Approves through the service, as the review page does, on <paramref name="awardedOn"/>.</summary>
    public static async Task<ApprovalResult> ApproveWithServiceAsync(this PortalFactory factory, int enrollmentId, DateOnly awardedOn)
    {
        var version = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => e.Version).SingleAsync());
        return await factory.WithScopeAsync(sp => sp.GetRequiredService<ApprovalService>().ApproveAsync(enrollmentId, awardedOn, version));
    }

    /// <summary>The person's renewal enrollments, oldest year first.</summary>
    public static Task<List<Enrollment>> RenewalsOfAsync(this PortalFactory factory, string personId) =>
        factory.WithDbAsync(db => db.Enrollments.AsNoTracking()
            .Where(e => e.PersonId == personId && e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal)
            .OrderBy(e => e.CreatedOn).ToListAsync());

    /// <summary>The endorsement certificate of the person's enrollment.</summary>
    public static Task<Certificate> CertificateOfAsync(this PortalFactory factory, int enrollmentId) =>
        factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.EnrollmentId == enrollmentId));
}
