using TrainingPortal.Web.Features.Certificates;
using UglyToad.PdfPig;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Certificates;

public sealed class CertificateIssueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    /// <summary>A person who attended all 11 course sessions, approved as completed a week ago.</summary>
    private async Task<(AppUser Person, int EnrollmentId)> CompletedCourseAsync(string name, LicenceType? licence = null)
    {
        await using var db = factory.NewContext();
        var person = Person("course");
        person.CertificateName = name;
        db.Users.Add(person);
        if (licence is { } l)
        {
            db.Licences.Add(new ProfessionalLicence { UserId = person.Id, Type = l });
        }
        var cohort = CourseCohort(Today.AddDays(-20 * 7));
        db.Groups.Add(cohort);
        foreach (var meeting in cohort.Meetings)
        {
            db.Attendance.Add(new Attendance { Meeting = meeting, PersonId = person.Id, Mark = AttendanceMark.Present });
        }
        var enrollment = Enroll(person, DefaultRuleSets.Keys.ImhCourse, Today.AddDays(-21 * 7), cohort);
        enrollment.Status = EnrollmentStatus.Completed;
        enrollment.CompletedOn = Today.AddDays(-7);
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync();
        return (person, enrollment.Id);
    }

    private Task<CertificateResult> IssueAsync(int enrollmentId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().IssueAsync(enrollmentId));

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    [Fact]
    public async Task An_administrator_issues_a_certificate_whose_PDF_names_the_holder_program_and_code()
    {
        var (person, enrollmentId) = await CompletedCourseAsync("Zoë Ångström-Nuñez", LicenceType.LCSW);
        var admin = await AdminAsync();

        var response = await admin.PostFormAsync("/", "/admin/certificates/issue", [new("enrollmentId", enrollmentId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var certificate = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().Include(c => c.Versions).SingleAsync(c => c.EnrollmentId == enrollmentId));
        var version = Assert.Single(certificate.Versions);
        Assert.Equal($"/admin/certificates/{certificate.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(12, certificate.Code!.Length);
        Assert.All(certificate.Code, c => Assert.Contains(c, CertificateCodes.Alphabet));
        Assert.Equal(Today.AddDays(-7), certificate.AwardedOn);
        Assert.Equal("imh-course@1", certificate.RuleSetId);
        Assert.Equal(16.5m, version.Hours);
        Assert.Equal(16.5m, version.ContinuingEducationHours); // LCSW earns CE
        Assert.Equal("Dr. Elena Marsh", version.SignatoryName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(version.Pdf)), version.PdfSha256);

        using var pdf = PdfDocument.Open(version.Pdf);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Zoë Ångström-Nuñez", text);
        Assert.Contains("Infant Mental Health: Theory to Practice", text);
        Assert.Contains(CertificateCodes.Format(certificate.Code), text);

        // The issue is audited with the administrator as the actor.
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(Certificate) && a.EntityId == certificate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Added", audit.Action);
        Assert.Equal(certificate.IssuedById, audit.ActorId);
        Assert.Equal(person.Id, audit.PersonId);
        Assert.DoesNotContain("JVBER", audit.Changes!, StringComparison.Ordinal); // the PDF bytes are not copied into the audit log
    }

    [Fact]
    public async Task No_continuing_education_hours_without_a_qualifying_licence()
    {
        var (_, enrollmentId) = await CompletedCourseAsync("Sam Okafor", LicenceType.LMFT);

        var result = await IssueAsync(enrollmentId);

        Assert.Equal(CertificateOutcome.Done, result.Outcome);
        var version = await factory.WithDbAsync(db => db.CertificateVersions.AsNoTracking().SingleAsync(v => v.CertificateId == result.CertificateId));
        Assert.Equal(16.5m, version.Hours);
        Assert.Null(version.ContinuingEducationHours);
    }

    [Fact]
    public async Task Two_concurrent_issues_give_one_certificate()
    {
        var (_, enrollmentId) = await CompletedCourseAsync("Concurrent Person");

        var results = await Task.WhenAll(IssueAsync(enrollmentId), IssueAsync(enrollmentId), IssueAsync(enrollmentId));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => r.Outcome == CertificateOutcome.Done);
        Assert.Single(results.Select(r => r.Code).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.EnrollmentId == enrollmentId)));
        // A later click gets the same certificate back.
        var again = await IssueAsync(enrollmentId);
        Assert.Equal((CertificateOutcome.AlreadyIssued, results[0].Code), (again.Outcome, again.Code));
    }

    [Fact]
    public async Task An_enrollment_that_is_not_completed_gets_no_certificate()
    {
        await using (var db = factory.NewContext())
        {
            var person = Person("active");
            db.Users.Add(person);
            var enrollment = Enroll(person, DefaultRuleSets.Keys.ImhCourse, Today.AddDays(-30));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            var result = await IssueAsync(enrollment.Id);
            Assert.Equal(CertificateOutcome.NotCompleted, result.Outcome);
            Assert.False(await db.Certificates.AnyAsync(c => c.EnrollmentId == enrollment.Id));
        }
    }

    [Fact]
    public async Task A_reissue_keeps_the_code_and_the_old_version_and_records_why()
    {
        var (person, enrollmentId) = await CompletedCourseAsync("Maria Lopez");
        var first = await IssueAsync(enrollmentId);
        await using (var db = factory.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == person.Id);
            user.CertificateName = "Maria Lopez-Grant";
            await db.SaveChangesAsync();
        }
        var admin = await AdminAsync();

        var empty = await admin.PostFormAsync("/", $"/admin/certificates/{first.CertificateId}/reissue", [new("Reissue.Reason", " ")]);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Write the reason", PortalClient.Decode(await empty.Content.ReadAsStringAsync()));

        var response = await admin.PostFormAsync("/", $"/admin/certificates/{first.CertificateId}/reissue", [new("Reissue.Reason", "Name changed after marriage")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var certificate = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().Include(c => c.Versions).SingleAsync(c => c.Id == first.CertificateId));
        Assert.Equal(first.Code, certificate.Code);
        Assert.Equal(2, certificate.CurrentVersion);
        var versions = certificate.Versions.OrderBy(v => v.Number).ToList();
        Assert.Equal(["Maria Lopez", "Maria Lopez-Grant"], versions.Select(v => v.RecipientName));
        Assert.Equal([null, "Name changed after marriage"], versions.Select(v => v.Reason));
        Assert.Equal(versions[0].AwardedOn, versions[1].AwardedOn);
        using var pdf = PdfDocument.Open(versions[1].Pdf);
        Assert.Contains("Maria Lopez-Grant", string.Concat(pdf.GetPages().Select(p => p.Text)));

        // The old copy verifies as superseded; the page names the current holder name.
        var anonymous = factory.CreatePortalClient();
        var old = PortalClient.Decode(await anonymous.GetStringAsync($"/verify/{CertificateCodes.Format(first.Code!)}?v=1"));
        Assert.Contains("superseded by a newer version", old);
        Assert.Contains("Maria Lopez-Grant", old);
    }

    [Fact]
    public async Task A_certificate_version_cannot_be_changed()
    {
        var (_, enrollmentId) = await CompletedCourseAsync("Immutable Person");
        var issued = await IssueAsync(enrollmentId);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingPortal.Web.Data.AppDbContext>();
        var version = await db.CertificateVersions.SingleAsync(v => v.CertificateId == issued.CertificateId);
        version.RecipientName = "Someone Else";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_holder_downloads_their_certificate_and_nobody_else_can()
    {
        var (person, enrollmentId) = await CompletedCourseAsync("Owner Person");
        var issued = await IssueAsync(enrollmentId);
        var code = CertificateCodes.Format(issued.Code!);
        await using (var db = factory.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == person.Id);
            user.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>().HashPassword(user, TestUsers.Password);
            await db.SaveChangesAsync();
        }
        var owner = await factory.SignedInAsync(person.Email!, TestUsers.Password);

        var home = PortalClient.Decode(await owner.GetStringAsync("/"));
        Assert.Contains("Your certificates", home);
        Assert.Contains($"/certificates/{code}/pdf", home);
        var download = await owner.GetAsync($"/certificates/{code}/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        var credential = await owner.GetAsync($"/certificates/{code}/credential");
        Assert.Equal(HttpStatusCode.OK, credential.StatusCode);
        Assert.Equal(3, (await credential.Content.ReadAsStringAsync()).Split('.').Length);

        var other = await factory.CreateAsync();
        var stranger = await factory.SignedInAsync(other.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/certificates/{code}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/certificates/{code}/credential")).StatusCode);
        var anonymous = await factory.CreatePortalClient().GetAsync($"/certificates/{code}/pdf");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_administrators_reach_the_certificate_administration()
    {
        var trainee = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);

        foreach (var response in new[] { await client.GetAsync("/admin/certificates"), await client.PostFormAsync("/", "/admin/certificates/issue", [new("enrollmentId", "1")]) })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }
}
