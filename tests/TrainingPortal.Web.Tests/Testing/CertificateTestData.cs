using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>Certificates for tests: a completed enrollment with its certificate issued by the service.</summary>
internal static class CertificateTestData
{
    public static DateOnly PortalToday(this PortalFactory factory) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    /// <summary>A completed enrollment of <paramref name="program"/> awarded on <paramref name="awardedOn"/>, with its certificate issued.</summary>
    public static async Task<(string PersonId, string Email, CertificateResult Certificate)> IssuedCertificateAsync(this PortalFactory factory, string program, DateOnly awardedOn,
        EndorsementLevel held = EndorsementLevel.None, string? personId = null)
    {
        string id, email;
        int enrollmentId;
        await using (var db = factory.NewContext())
        {
            Web.Identity.AppUser person;
            if (personId is null)
            {
                person = Person("holder");
                person.CertificateName = "Jordan Avery";
                db.Users.Add(person);
            }
            else
            {
                person = await db.Users.SingleAsync(u => u.Id == personId);
            }
            var enrollment = Enroll(person, program, awardedOn.AddDays(-200));
            enrollment.Status = EnrollmentStatus.Completed;
            enrollment.CompletedOn = awardedOn;
            enrollment.HeldEndorsement = held;
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            (id, email, enrollmentId) = (person.Id, person.Email!, enrollment.Id);
        }
        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().IssueAsync(enrollmentId));
        Assert.Equal(CertificateOutcome.Done, result.Outcome);
        return (id, email, result);
    }

    public static async Task<(HttpStatusCode Status, string Html)> AnonymousGetAsync(this PortalFactory factory, string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);
        return (response.StatusCode, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
    }
}
