using TrainingPortal.Web.Files;
using static TrainingPortal.Web.Tests.Testing.EvidenceFileData;

namespace TrainingPortal.Web.Tests.Files;

/// <summary>A portal configured with <c>Files:Folder</c>: the bytes in that folder under the random id, none in the database.</summary>
public sealed class FolderStoreFactory : PortalFactory
{
    public string FilesFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "files");

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<UploadOptions>(o => o.Folder = FilesFolder);
}

/// <summary>Files:Folder: bytes written under the public id, served from there, deleted when the file or its entry is removed.</summary>
public sealed class FolderFileStoreTests(FolderStoreFactory factory) : IClassFixture<FolderStoreFactory>
{
    [Fact]
    public async Task The_bytes_are_kept_in_the_folder_under_the_random_id_served_from_there_and_deleted_with_the_file()
    {
        var a = await factory.ApplicantAsync();
        var content = Pdf(5000);
        Assert.Equal(HttpStatusCode.Redirect, (await a.AddPortfolioAsync("Reflective essay", "Essay Rosalind.pdf", content)).StatusCode);
        var file = Assert.Single(await factory.FilesOfAsync(a.Person.Id));

        var path = Path.Combine(factory.FilesFolder, file.PublicId + ".bin");
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<UploadedFileContent>().CountAsync()));
        Assert.DoesNotContain(Directory.GetFiles(factory.FilesFolder), f => f.Contains("Rosalind", StringComparison.Ordinal));

        var download = await a.Client.GetAsync($"/files/{file.PublicId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/files/{file.PublicId}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Removing_a_degree_deletes_its_transcripts_bytes_and_a_replaced_transcripts_bytes()
    {
        var a = await factory.ApplicantAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await a.AddDegreeAsync(factory.PortalToday().AddYears(-2), ("Degree.Transcript", "t.pdf", Pdf(), "application/pdf"))).StatusCode);
        var first = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        var degreeId = first.DegreeId!.Value;

        await a.Client.PostMultipartAsync(a.Page, $"{a.Page}/degrees/{degreeId}/transcript", [], ("Upload.File", "t2.png", Png(), "image/png"));
        var second = Assert.Single(await factory.FilesOfAsync(a.Person.Id));
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, first.PublicId + ".bin")));
        Assert.True(File.Exists(Path.Combine(factory.FilesFolder, second.PublicId + ".bin")));

        Assert.Equal(HttpStatusCode.Redirect, (await a.Client.PostFormAsync(a.Page, $"{a.Page}/degrees/{degreeId}/delete", [new("Confirm", "true")])).StatusCode);
        Assert.Empty(await factory.FilesOfAsync(a.Person.Id));
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, second.PublicId + ".bin")));
    }
}
