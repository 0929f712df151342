using TrainingPortal.Web.Tests.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.References;

/// <summary>A portal whose mail server fails (as one that is down).</summary>
public sealed class BrokenMailPortalFactory : PortalFactory
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IEmailSender, BrokenEmailSender>();
}

/// <summary>Naming a rater while the mail server is down: the rater is kept and the applicant told, never a 500 page.</summary>
public sealed class ReferenceMailFailureTests(BrokenMailPortalFactory factory) : IClassFixture<BrokenMailPortalFactory>
{
    [Fact]
    public async Task The_rater_is_saved_and_the_applicant_is_told_to_send_a_new_link()
    {
        var user = await factory.CreateAsync();
        var enrollmentId = await factory.WithDbAsync(async db =>
        {
            var enrollment = TrainingData.Enroll(user, DefaultRuleSets.Keys.ImhEndorsementL2, factory.PortalToday());
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var page = $"/endorsement/{enrollmentId}/references";

        var named = await client.PostFormAsync(page, ("RaterName", "Rita Rater"), ("RaterEmail", "rita.down@example.org"), ("Relationship", "Supervisor"));

        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        var html = PortalClient.Decode(await client.GetStringAsync(page));
        Assert.Contains("Rita Rater is saved, but the e-mail could not be sent just now", html, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.References.AsNoTracking().SingleAsync(r => r.EnrollmentId == enrollmentId));
        Assert.Equal("rita.down@example.org", stored.RaterEmail);
        Assert.DoesNotContain("secret-detail-in-exception", html, StringComparison.Ordinal);

        var again = await client.PostFormAsync(page, $"{page}/{stored.Id}/resend", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("could not be sent just now", PortalClient.Decode(await client.GetStringAsync(page)), StringComparison.Ordinal);
    }
}
