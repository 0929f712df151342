namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// The bytes of a test host's SQLite database as it lies on disk, for "this secret is nowhere in the file" checks: the
/// write-ahead log first, then the database file, so a checkpoint between the two moves rows into what is read second.
/// The <c>-shm</c> index holds no row data; a log that vanished meanwhile (the last connection closed and checkpointed)
/// is skipped, its rows being in the database file.
/// </summary>
public static class DatabaseFiles
{
    public static async Task<IReadOnlyList<byte[]>> ReadAsync(string databasePath)
    {
        var contents = new List<byte[]>();
        foreach (var file in new[] { databasePath + "-wal", databasePath })
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                contents.Add(memory.ToArray());
            }
            catch (FileNotFoundException) when (file != databasePath)
            {
            }
        }
        return contents;
    }
}
