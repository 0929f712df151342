using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Files;

/// <summary>
/// The store when <c>Files:Folder</c> is set: each file's bytes in that folder, named by its random public id (never by
/// the uploaded name). The description stays in the database. Written when the file is added (a save that then fails
/// leaves an unreferenced file behind, never a reference to a missing one); deleted after a save that removed the file
/// (<see cref="FolderCleanup"/>). The folder must not be served by a web server and should be backed up with the database.
/// </summary>
public sealed class FolderFileStore(string folder) : IFileStore
{
    public void Add(UploadedFile file, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(file);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(PathOf(folder, file.PublicId), content);
    }

    public async Task<byte[]?> ReadAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(folder, file.PublicId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>The path of a file's bytes; a public id is 32 URL-safe characters, so it cannot leave the folder.</summary>
    public static string PathOf(string folder, string publicId) =>
        FileRules.LooksLikePublicId(publicId)
            ? Path.Combine(folder, publicId + ".bin")
            : throw new ArgumentException("Not a public id.", nameof(publicId));

    /// <summary>
    /// Deletes the bytes of the files a save removed (by the applicant, or with the degree or training they supported),
    /// after the save succeeded. Does nothing when the files are in the database (they go with their rows).
    /// </summary>
    public sealed class FolderCleanup(IOptions<UploadOptions> options) : SaveChangesInterceptor
    {
        internal sealed class Removed : List<string>, ISaveState
        {
            public bool IsEmpty => Count == 0;
        }

        private string? Folder => options.Value.Folder is { Length: > 0 } f ? f : null;

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Collect(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Collect(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            DeleteRemoved(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            DeleteRemoved(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => (eventData.Context as AppDbContext)?.SaveState<Removed>().Clear();

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            (eventData.Context as AppDbContext)?.SaveState<Removed>().Clear();
            return Task.CompletedTask;
        }

        private void Collect(DbContext? context)
        {
            if (Folder is null || context is not AppDbContext db)
            {
                return;
            }
            var removed = db.SaveState<Removed>();
            removed.AddRange(db.ChangeTracker.Entries<UploadedFile>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.PublicId));
        }

        private void DeleteRemoved(DbContext? context)
        {
            if (Folder is not { } folder || context is not AppDbContext db)
            {
                return;
            }
            var removed = db.SaveState<Removed>();
            foreach (var publicId in removed.Where(FileRules.LooksLikePublicId))
            {
                File.Delete(PathOf(folder, publicId));
            }
            removed.Clear();
        }
    }
}
