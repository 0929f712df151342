using TrainingPortal.Web.Files;
using static TrainingPortal.Web.Tests.Testing.EvidenceFileData;

namespace TrainingPortal.Web.Tests.Features.Files;

/// <summary>
/// GET /files/{public id}: the owner and reviewers (Reviewer role, administrators) download it as an attachment of
/// its real type, never cached or sniffed, audited; another applicant gets the same 404 as an unknown id; anonymous
/// visitors are sent to sign in. The public id is random, not the row's number.
/// </summary>
public sealed class DownloadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(Applicant Owner, UploadedFile File, byte[] Content)> UploadedAsync()
    {
        var a = await factory.ApplicantAsync();
        var content = Png(4096);
        Assert.Equal(HttpStatusCode.Redirect, (await a.AddPortfolioAsync("Photo of my poster", "Poster: Rosalind's family.png", content, "image/png")).StatusCode);
        return (a, Assert.Single(await factory.FilesOfAsync(a.Person.Id)), content);
    }

    private Task<int> DownloadAuditsAsync(UploadedFile file, string actorId) =>
        factory.WithDbAsync(db => db.AuditEntries.CountAsync(e =>
            e.Action == "Downloaded" && e.EntityType == nameof(UploadedFile) && e.EntityId == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.ActorId == actorId && e.PersonId == file.PersonId));

    [Fact]
    public async Task The_owner_downloads_the_file_as_an_attachment_of_its_real_type_never_stored_nor_sniffed_and_it_is_audited()
    {
        var (owner, file, content) = await UploadedAsync();
        var response = await owner.Client.GetAsync($"/files/{file.PublicId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        // The name is cleaned: no quotes, colons or apostrophes reach the header.
        Assert.Equal("Poster_ Rosalind_s family.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));

        Assert.Equal(1, await DownloadAuditsAsync(file, owner.Person.Id));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "Downloaded" && e.EntityId == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Rosalind", audit.Changes);
        Assert.DoesNotContain("Poster", audit.Changes);
        Assert.Contains("Portfolio", audit.Changes);
        Assert.Contains("4096", audit.Changes);
    }

    [Fact]
    public async Task Another_applicant_gets_404_like_an_unknown_id_and_nothing_is_audited()
    {
        var (_, file, _) = await UploadedAsync();
        var other = await factory.ApplicantAsync();

        var theirs = await other.Client.GetAsync($"/files/{file.PublicId}");
        var unknown = await other.Client.GetAsync($"/files/{FileRules.NewPublicId()}");
        var malformed = await other.Client.GetAsync("/files/" + file.Id);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Contains("<h1", await theirs.Content.ReadAsStringAsync()); // the same friendly "not found" page
        Assert.Equal(0, await DownloadAuditsAsync(file, other.Person.Id));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Administrator)]
    public async Task A_reviewer_and_an_administrator_download_any_applicants_file(string role)
    {
        var (_, file, content) = await UploadedAsync();
        var reviewer = await factory.CreateAsync(role);
        var client = await factory.SignedInAsync(reviewer.Email!, TestUsers.Password);

        var response = await client.GetAsync($"/files/{file.PublicId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await DownloadAuditsAsync(file, reviewer.Id));
    }

    [Fact]
    public async Task A_trainer_is_not_a_reviewer_and_gets_404()
    {
        var (_, file, _) = await UploadedAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/files/{file.PublicId}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (_, file, _) = await UploadedAsync();
        var response = await factory.CreatePortalClient().GetAsync($"/files/{file.PublicId}");
        Assert.True(response.IsRedirectToLogin(), $"answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task The_public_id_is_random_url_safe_192_bits_and_not_the_row_number()
    {
        var (owner, file, _) = await UploadedAsync();
        await owner.AddPortfolioAsync("Second", "b.pdf", Pdf());
        var files = await factory.FilesOfAsync(owner.Person.Id);

        Assert.All(files, f => Assert.Matches("^[A-Za-z0-9_-]{32}$", f.PublicId));
        Assert.All(files, f => Assert.NotEqual(f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), f.PublicId));
        Assert.NotEqual(files[0].PublicId, files[1].PublicId);
        // 32 base64url characters carry 192 bits; the page links by the public id only.
        var html = await owner.Client.GetStringAsync(owner.Page);
        Assert.DoesNotContain($"href=\"/files/{file.Id}\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/files/{file.Id}")).StatusCode);
    }
}
