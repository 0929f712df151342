using System.Text.RegularExpressions;
using TrainingPortal.Web.Files;
using static TrainingPortal.Web.Tests.Testing.EvidenceFileData;

namespace TrainingPortal.Web.Tests.Features.Endorsement;

/// <summary>
/// Uploaded evidence on the application page: a degree's transcript (with the degree or later on its row), a
/// training's certificate, portfolio documents. Size and type (by content) are checked and answered next to the
/// field with everything typed kept; upload and removal are audited without the file's name; removal follows the
/// entries' rules (until verified) and is the owner's only.
/// </summary>
public sealed partial class UploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const long MaxBytes = 10 * 1024 * 1024;

    private DateOnly Today => factory.PortalToday();

    [GeneratedRegex("data-valmsg-for=\"(?<field>[^\"]+)\"[^>]*>(?<message>[^<]+)</span>")]
    private static partial Regex FieldErrorPattern();

    private static string? FieldError(string html, string field) =>
        FieldErrorPattern().Matches(html).Where(m => m.Groups["field"].Value == field).Select(m => PortalClient.Decode(m.Groups["message"].Value)).FirstOrDefault();

    private static string? InputValue(string html, string name)
    {
        var m = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        var v = m.Success ? Regex.Match(m.Value, "value=\"([^\"]*)\"") : Match.Empty;
        return v.Success ? PortalClient.Decode(v.Groups[1].Value) : null;
    }

    public static TheoryData<string, string, string> AcceptedTypes => new()
    {
        { "pdf", "transcript.pdf", FileRules.Pdf },
        { "png", "transcript.png", FileRules.Png },
        { "jpeg", "transcript.jpg", FileRules.Jpeg },
    };

    private static byte[] Sample(string kind, int length = 2048) => kind switch
    {
        "pdf" => Pdf(length),
        "png" => Png(length),
        "jpeg" => Jpeg(length),
        "exe" => Exe(length),
        _ => Text(length),
    };

    [Theory]
    [MemberData(nameof(AcceptedTypes))]
    public async Task A_degree_is_added_with_its_transcript_of_each_accepted_type_stored_with_its_hash_and_listed_with_a_download_link(string kind, string name, string type)
    {
        var a = await factory.ApplicantAsync();
        var content = Sample(kind);
        var response = await a.AddDegreeAsync(Today.AddYears(-3), ("Degree.Transcript", name, content, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var degree = await factory.WithDbAsync(db => db.Degrees.AsNoTracking().SingleAsync(d => d.PersonId == a.Person.Id));
        var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal((FilePurpose.Transcript, degree.Id, type, content.LongLength), (file.Purpose, file.DegreeId, file.ContentType, file.Length));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), file.Sha256);
        Assert.Equal(name, file.FileName);
        var stored = await factory.WithDbAsync(db => db.Set<UploadedFileContent>().AsNoTracking().SingleAsync(c => c.FileId == file.Id));
        Assert.Equal(content, stored.Bytes);

        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Matches($"<a href=\"/files/{file.PublicId}\"[^>]*data-testid=\"file-link\"", html);
        Assert.DoesNotContain("data-testid=\"transcript-upload\"", html); // the row has its transcript
    }

    [Fact]
    public async Task A_file_over_the_limit_by_one_byte_is_refused_next_to_the_field_with_the_typed_fields_kept_and_exactly_the_limit_is_accepted()
    {
        var a = await factory.ApplicantAsync();
        var awarded = Today.AddYears(-2);

        var tooLarge = await a.AddDegreeAsync(awarded, ("Degree.Transcript", "scan.pdf", Pdf((int)MaxBytes + 1), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, tooLarge.StatusCode);
        var html = await tooLarge.Content.ReadAsStringAsync();
        Assert.Contains("The file is too large (10.1 MB): files can be at most 10 MB", FieldError(html, "Degree.Transcript"));
        Assert.Matches("<input[^>]*aria-describedby=\"[^\"]*Degree_Transcript-error[^\"]*\"[^>]*name=\"Degree.Transcript\"|<input[^>]*name=\"Degree.Transcript\"[^>]*aria-describedby=\"[^\"]*Degree_Transcript-error", html);
        Assert.Equal("Lakeside University", InputValue(html, "Degree.Institution"));
        Assert.Equal("Child development", InputValue(html, "Degree.Field"));
        Assert.Equal(Iso(awarded), InputValue(html, "Degree.AwardedOn"));
        Assert.Matches("<option[^>]*selected=\"selected\"[^>]*value=\"BA\"|<option value=\"BA\" selected=\"selected\"", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Degrees.CountAsync(d => d.PersonId == a.Person.Id)));
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));

        var exactly = await a.AddDegreeAsync(awarded, ("Degree.Transcript", "scan.pdf", Pdf((int)MaxBytes), "application/pdf"));
        Assert.Equal(HttpStatusCode.Redirect, exactly.StatusCode);
        Assert.Equal(MaxBytes, Assert.Single(await factory.FilesOfAsync(a.Person.Id)).Length);
    }

    [Fact]
    public async Task A_request_far_over_the_limit_is_answered_by_the_friendly_400_page_not_a_500()
    {
        var a = await factory.ApplicantAsync();
        var response = await a.AddDegreeAsync(Today.AddYears(-2), ("Degree.Transcript", "huge.pdf", Pdf((int)(MaxBytes + 2 * FileRules.RequestAllowance)), "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("(Error 400)", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
    }

    public static TheoryData<string, string, string, string> TypeByContent => new()
    {
        // kind of content, name sent, browser's content type, stored type or "" when refused
        { "png", "photo-of-transcript.pdf", "application/pdf", FileRules.Png },
        { "text", "transcript.pdf", "application/pdf", "" },
        { "exe", "transcript.pdf", "application/pdf", "" },
        { "exe", "transcript.png", "image/png", "" },
        { "text", "transcript.jpg", "image/jpeg", "" },
    };

    [Theory]
    [MemberData(nameof(TypeByContent))]
    public async Task The_type_is_decided_by_the_content_not_the_name_nor_the_browsers_claim(string kind, string name, string claimed, string stored)
    {
        var a = await factory.ApplicantAsync();
        var response = await a.AddDegreeAsync(Today.AddYears(-1), ("Degree.Transcript", name, Sample(kind), claimed));
        if (stored.Length > 0)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
            Assert.Equal(stored, file.ContentType);
            Assert.Equal("photo-of-transcript.png", file.FileName); // downloads under its real type's extension
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("is not a PDF, PNG or JPEG", FieldError(html, "Degree.Transcript"));
        Assert.Equal("Lakeside University", InputValue(html, "Degree.Institution"));
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
    }

    [Fact]
    public async Task An_empty_file_is_refused_and_no_file_at_all_adds_the_degree_alone_with_an_upload_form_on_its_row()
    {
        var a = await factory.ApplicantAsync();
        var empty = await a.AddDegreeAsync(Today.AddYears(-1), ("Degree.Transcript", "transcript.pdf", [], "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("is empty", FieldError(await empty.Content.ReadAsStringAsync(), "Degree.Transcript"));

        Assert.Equal(HttpStatusCode.Redirect, (await a.AddDegreeAsync(Today.AddYears(-1))).StatusCode);
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
        var degree = await factory.WithDbAsync(db => db.Degrees.AsNoTracking().SingleAsync(d => d.PersonId == a.Person.Id));
        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Contains($"action=\"/endorsement/{a.Enrollment.Id}/degrees/{degree.Id}/transcript\"", html);

        // Uploading later on the row: a wrong type is answered on that row's field; a PDF is stored.
        var wrong = await a.Client.PostMultipartAsync(a.Page, $"{a.Page}/degrees/{degree.Id}/transcript", [], ("Upload.File", "t.pdf", Text(), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("is not a PDF, PNG or JPEG", FieldError(wrongHtml, "Upload.File"));
        Assert.Matches("<input[^>]*id=\"Upload_File\"[^>]*aria-describedby=\"Upload_File-error", wrongHtml);
        Assert.Contains("href=\"#Upload_File\"", wrongHtml); // the error summary links to it

        var ok = await a.Client.PostMultipartAsync(a.Page, $"{a.Page}/degrees/{degree.Id}/transcript", [], ("Upload.File", "t.pdf", Pdf(), "application/pdf"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(degree.Id, Assert.Single(await factory.FilesOfAsync(a.Person.Id)).DegreeId);

        // A second upload replaces the first while the transcript waits for verification.
        await a.Client.PostMultipartAsync(a.Page, $"{a.Page}/degrees/{degree.Id}/transcript", [], ("Upload.File", "t2.png", Png(), "image/png"));
        Assert.Equal(FileRules.Png, Assert.Single(await factory.FilesOfAsync(a.Person.Id)).ContentType);
    }

    [Fact]
    public async Task A_training_entry_takes_an_optional_certificate_and_a_bad_one_keeps_the_typed_entry()
    {
        var a = await factory.ApplicantAsync();
        (string, string)[] fields =
        [
            ("Training.Date", Iso(Today.AddDays(-3))), ("Training.Title", "Attachment in the first year"), ("Training.Provider", "State IMH Association"),
            ("Training.Hours", "6"), ("Training.RelationshipBased", "true"), ("Training.Areas", nameof(CompetencyAreas.Reflection)),
        ];
        var bad = await a.Client.PostMultipartAsync(a.Page, a.Page + "/training", fields, ("Training.Certificate", "cert.pdf", Exe(), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("is not a PDF, PNG or JPEG", FieldError(html, "Training.Certificate"));
        Assert.Equal("Attachment in the first year", InputValue(html, "Training.Title"));
        Assert.Equal("6", InputValue(html, "Training.Hours"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.TrainingHours.CountAsync(t => t.PersonId == a.Person.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostMultipartAsync(a.Page, a.Page + "/training", fields, ("Training.Certificate", "cert.jpg", Jpeg(), "image/jpeg"))).StatusCode);
        var training = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.PersonId == a.Person.Id));
        var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal((FilePurpose.TrainingCertificate, training.Id, FileRules.Jpeg), (file.Purpose, file.TrainingHoursId, file.ContentType));
        Assert.Contains($"href=\"/files/{file.PublicId}\"", await a.Client.GetStringAsync(a.Page));

        // Without a certificate, the entry is added alone.
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostMultipartAsync(a.Page, a.Page + "/training", fields)).StatusCode);
        Assert.Single(await factory.FilesOfAsync(a.Person.Id));

        // Removing the entry removes its certificate, audited.
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/training/{training.Id}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<UploadedFileContent>().CountAsync(c => c.FileId == file.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(UploadedFile) && e.EntityId == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == "Deleted")));
    }

    [Fact]
    public async Task Portfolio_documents_are_uploaded_with_a_description_listed_and_removed_and_every_step_is_audited_without_the_name()
    {
        var a = await factory.ApplicantAsync();
        var html = await a.Client.GetStringAsync(a.Page);
        Assert.Contains("id=\"portfolio\"", html);
        Assert.Contains($"action=\"/endorsement/{a.Enrollment.Id}/portfolio\" enctype=\"multipart/form-data\"", html);

        var noDescription = await a.AddPortfolioAsync("", "Essay Rosalind Home Visit.pdf", Pdf());
        Assert.Equal(HttpStatusCode.OK, noDescription.StatusCode);
        Assert.Contains("Say what the document is", FieldError(await noDescription.Content.ReadAsStringAsync(), "Portfolio.File") ?? FieldError(await noDescription.Content.ReadAsStringAsync(), "Portfolio.Description"));

        var wrong = await a.AddPortfolioAsync("Reflective essay", "essay.pdf", Text());
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("is not a PDF, PNG or JPEG", FieldError(wrongHtml, "Portfolio.File"));
        Assert.Matches(">\\s*Reflective essay</textarea>", wrongHtml);

        Assert.Equal(HttpStatusCode.Redirect, (await a.AddPortfolioAsync("Reflective essay", "Essay Rosalind Home Visit.pdf", Pdf())).StatusCode);
        var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal((FilePurpose.Portfolio, "Reflective essay", "Essay Rosalind Home Visit.pdf"), (file.Purpose, file.Description, file.FileName));
        html = PortalClient.Decode(await a.Client.GetStringAsync(a.Page));
        Assert.Contains("Reflective essay —", html);
        Assert.Contains($"href=\"/files/{file.PublicId}\"", html);

        // Another applicant cannot remove it: 404, and it stays.
        var other = await factory.ApplicantAsync();
        var theirs = await other.Client.PostFormAsync(other.Page, $"{other.Page}/files/{file.PublicId}/delete", [new("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        var viaMyPage = await other.Client.PostFormAsync(other.Page, $"{a.Page}/files/{file.PublicId}/delete", [new("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, viaMyPage.StatusCode);
        Assert.Single(await factory.FilesOfAsync(a.Person.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/files/{file.PublicId}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<UploadedFileContent>().CountAsync(c => c.FileId == file.Id)));

        var audits = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(UploadedFile) && e.EntityId == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Added", "Deleted"], audits.Select(e => e.Action));
        Assert.All(audits, e => Assert.Equal((a.Person.Id, a.Person.Id), (e.ActorId, e.PersonId)));
        Assert.Contains("\"Purpose\"", audits[0].Changes);
        Assert.Contains("\"Length\"", audits[0].Changes);
        Assert.Contains("\"ContentType\"", audits[0].Changes);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Changes != null && (e.Changes.Contains("Rosalind") || e.Changes.Contains("Reflective essay") || e.Changes.Contains(file.PublicId)))));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(UploadedFileContent))));
    }

    [Fact]
    public async Task Files_of_verified_entries_and_an_approved_portfolio_stay()
    {
        var a = await factory.ApplicantAsync();
        await a.AddDegreeAsync(Today.AddYears(-3), ("Degree.Transcript", "t.pdf", Pdf(), "application/pdf"));
        await a.AddPortfolioAsync("Letter from my supervisor", "letter.pdf", Pdf());
        await factory.WithDbAsync(async db =>
        {
            await db.Degrees.Where(d => d.PersonId == a.Person.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.TranscriptVerified, true));
            return await db.Enrollments.Where(e => e.Id == a.Enrollment.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.PortfolioApprovedOn, Today));
        });
        var html = await a.Client.GetStringAsync(a.Page);
        Assert.DoesNotContain("data-testid=\"file-remove\"", html);
        Assert.Equal(2, Regex.Count(html, "data-testid=\"file-link\""));

        foreach (var file in await factory.FilesOfAsync(a.Person.Id))
        {
            var response = await a.Client.PostFormAsync(a.Page, $"{a.Page}/files/{file.PublicId}/delete", [new("Confirm", "true")]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Equal(2, (await factory.FilesOfAsync(a.Person.Id)).Count);
    }

    [Fact]
    public async Task A_certificate_is_uploaded_later_on_a_training_row_until_the_training_is_verified()
    {
        var a = await factory.ApplicantAsync();
        (string, string)[] fields =
        [
            ("Training.Date", Iso(Today.AddDays(-3))), ("Training.Title", "Home visiting basics"), ("Training.Provider", "State IMH Association"),
            ("Training.Hours", "3"), ("Training.RelationshipBased", "true"),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostMultipartAsync(a.Page, a.Page + "/training", fields)).StatusCode);
        var training = await factory.WithDbAsync(db => db.TrainingHours.AsNoTracking().SingleAsync(t => t.PersonId == a.Person.Id));
        var action = $"{a.Page}/training/{training.Id}/certificate";
        Assert.Contains($"action=\"{action}\"", await a.Client.GetStringAsync(a.Page));

        var wrong = await a.Client.PostMultipartAsync(a.Page, action, [], ("Upload.File", "cert.pdf", Exe(), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("is not a PDF, PNG or JPEG", FieldError(html, "Upload.File"));
        Assert.Matches("<details[^>]*open=\"open\"[^>]*data-testid=\"certificate-upload\"", html);
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostMultipartAsync(a.Page, action, [], ("Upload.File", "cert.pdf", Pdf(), "application/pdf"))).StatusCode);
        var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        Assert.Equal((FilePurpose.TrainingCertificate, training.Id), (file.Purpose, file.TrainingHoursId));

        // Verified: the certificate stays, no upload is offered and a posted one is not stored.
        await factory.WithDbAsync(db => db.TrainingHours.Where(t => t.Id == training.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Verified, true)));
        Assert.DoesNotContain($"action=\"{action}\"", await a.Client.GetStringAsync(a.Page));
        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostMultipartAsync(a.Page, action, [], ("Upload.File", "other.pdf", Pdf(), "application/pdf"))).StatusCode);
        Assert.Equal(file.PublicId, Assert.Single(await factory.FilesOfAsync(a.Person.Id)).PublicId);

        // Someone else's entry: 404.
        var other = await factory.ApplicantAsync();
        var theirs = await other.Client.PostMultipartAsync(other.Page, $"{other.Page}/training/{training.Id}/certificate", [], ("Upload.File", "c.pdf", Pdf(), "application/pdf"));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
