using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// The test hosts' SQLite connections commit without waiting for the disk: <c>PRAGMA synchronous = NORMAL</c>. In WAL
/// mode (the app's) a commit stays atomic, isolated and visible to every other connection at once; what NORMAL gives up
/// is only that the last commits before a power cut could be lost, which no test simulates. With the default (FULL)
/// each commit waits for an fsync — about 12 ms on a busy shared machine, and a test class commits hundreds of times.
/// Run on the connection itself, not through EF's command pipeline, so <see cref="CommandCounter"/> does not see it.
/// </summary>
public sealed class NoWaitCommits : DbConnectionInterceptor
{
    public static readonly NoWaitCommits Instance = new();

    private const string Pragma = "PRAGMA synchronous = NORMAL";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
