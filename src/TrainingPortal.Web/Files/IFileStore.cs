namespace TrainingPortal.Web.Files;

/// <summary>Where the bytes of uploaded files are kept. The description (<see cref="UploadedFile"/>) is always in the database.</summary>
public interface IFileStore
{
    /// <summary>Keeps <paramref name="content"/> for <paramref name="file"/>, saved with the context's next save.</summary>
    void Add(UploadedFile file, byte[] content);

    /// <summary>The bytes of a file, or null when they are missing.</summary>
    Task<byte[]?> ReadAsync(UploadedFile file, CancellationToken cancellationToken);
}

/// <summary>
/// The default store: the bytes in their own table (<c>UploadedFileContents</c>), one row per file, saved in the same
/// transaction as the description and deleted with it (cascade). Needs no setup.
/// </summary>
public sealed class DatabaseFileStore(AppDbContext db) : IFileStore
{
    public void Add(UploadedFile file, byte[] content) => db.Add(new UploadedFileContent { File = file, Bytes = content });

    public async Task<byte[]?> ReadAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await db.Set<UploadedFileContent>().AsNoTracking()
            .Where(c => c.FileId == file.Id)
            .Select(c => c.Bytes)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
