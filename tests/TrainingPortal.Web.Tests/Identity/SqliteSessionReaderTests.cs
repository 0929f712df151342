using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Identity;

namespace TrainingPortal.Web.Tests.Identity;

/// <summary>
/// On SQLite the per-request session check runs through <see cref="SqliteSessionReader"/> (a statement kept prepared on
/// connections of its own) instead of EF Core's compiled query: it must answer exactly as that query does, see every
/// change at once, and hold no read transaction open between requests.
/// </summary>
public sealed class SqliteSessionReaderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 30, 15, DateTimeKind.Utc);

    private SqliteSessionReader Reader => factory.Services.GetRequiredService<SqliteSessionReader>();

    /// <summary>The check through the reader and through EF Core's compiled query (no reader), at <see cref="Now"/>.</summary>
    private async Task<(int? Reader, int? Ef)> CheckBothWaysAsync(string secret, string? userId)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        return await factory.WithDbAsync(async db => (
            await new ServerSessions(db, time, Reader).CheckAsync(secret, userId),
            await new ServerSessions(db, time).CheckAsync(secret, userId)));
    }

    private Task<string> StartAsync(string userId, DateTime expiresUtc) =>
        factory.WithDbAsync(db => new ServerSessions(db, new FakeTimeProvider(new DateTimeOffset(Now))).StartAsync(userId, expiresUtc));

    private Task<int> NotifyAsync(string userId, bool read) =>
        factory.WithScopeAsync(async sp =>
        {
            var n = sp.GetRequiredService<Web.Notifications.Notifier>().Add(userId, NotificationKind.CertificateIssued, "test:" + Guid.NewGuid(), "News", "Body", "/transcript");
            if (read)
            {
                n.ReadUtc = Now;
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });

    [SqliteFact]
    public async Task It_answers_as_the_EF_query_at_the_session_end_and_for_the_wrong_person()
    {
        var person = await factory.CreateAsync();
        var other = await factory.CreateAsync();
        await NotifyAsync(person.Id, read: false);
        await NotifyAsync(person.Id, read: false);
        await NotifyAsync(person.Id, read: true);
        await NotifyAsync(other.Id, read: false);
        // Started in this order: each start sweeps the sessions already past their end, so the expired one comes last.
        var open = await StartAsync(person.Id, Now.AddTicks(1));
        var endsNow = await StartAsync(person.Id, Now);
        var ended = await StartAsync(person.Id, Now.AddTicks(-1));
        var quiet = await StartAsync(other.Id, Now.AddHours(12));

        // Open one tick longer: the person's two unread notifications (the read one and the other person's not counted).
        Assert.Equal((2, 2), await CheckBothWaysAsync(open, person.Id));
        // Ends at this very instant, or a tick ago: refused.
        Assert.Equal((null, null), await CheckBothWaysAsync(endsNow, person.Id));
        Assert.Equal((null, null), await CheckBothWaysAsync(ended, person.Id));
        // Someone else's session secret under this person's id, an unknown secret, no person: refused.
        Assert.Equal((null, null), await CheckBothWaysAsync(quiet, person.Id));
        Assert.Equal((null, null), await CheckBothWaysAsync("not-a-session", person.Id));
        Assert.Equal((null, null), await CheckBothWaysAsync(open, null));
        // The other person's own session: their one unread notification.
        Assert.Equal((1, 1), await CheckBothWaysAsync(quiet, other.Id));
    }

    [SqliteFact]
    public async Task A_session_ended_is_refused_at_the_next_check_by_the_same_prepared_statement_also_when_another_connection_ended_it()
    {
        var person = await factory.CreateAsync();
        var first = await StartAsync(person.Id, Now.AddHours(1));
        var second = await StartAsync(person.Id, Now.AddHours(1));
        var checksBefore = Reader.Checks;
        Assert.Equal(0, (await CheckBothWaysAsync(first, person.Id)).Reader);

        // Ended through EF Core (sign-out) ...
        await factory.WithDbAsync(async db => { await new ServerSessions(db, TimeProvider.System).EndAsync(first); return 0; });
        Assert.Null((await CheckBothWaysAsync(first, person.Id)).Reader);

        // ... and by a connection the reader knows nothing of (another process on the same file).
        Assert.Equal(0, (await CheckBothWaysAsync(second, person.Id)).Reader);
        await using (var outside = new SqliteConnection(factory.OwnConnectionString))
        {
            await outside.OpenAsync();
            await using var delete = outside.CreateCommand();
            delete.CommandText = "DELETE FROM \"UserSessions\" WHERE \"UserId\" = $user";
            delete.Parameters.AddWithValue("$user", person.Id);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        Assert.Null((await CheckBothWaysAsync(second, person.Id)).Reader);
        Assert.Equal(4, Reader.Checks - checksBefore);
    }

    [SqliteFact]
    public async Task No_read_transaction_stays_open_between_checks()
    {
        var person = await factory.CreateAsync();
        var secret = await StartAsync(person.Id, Now.AddHours(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await CheckBothWaysAsync(secret, person.Id)).Reader);
        }
        await StartAsync(person.Id, Now.AddHours(1)); // a write after the reads, in the write-ahead log

        // A checkpoint that truncates the log must wait for every reader; it succeeds (busy = 0) only when none
        // holds a snapshot.
        await using var connection = new SqliteConnection(factory.OwnConnectionString);
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(0, result.GetInt32(0));
    }

    [Fact]
    public void An_in_memory_database_is_left_to_EF_Core()
    {
        using var reader = new SqliteSessionReader();

        Assert.False(reader.TryCheck("Data Source=:memory:", "id", "user", Now, out _));
        Assert.False(reader.TryCheck("Data Source=shared;Mode=Memory;Cache=Shared", "id", "user", Now, out _));
        Assert.Equal(0, reader.Checks);
    }
}
