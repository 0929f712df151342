using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Features.Profile;

/// <summary>Keeps the text of every SQL command the app sends.</summary>
public sealed class CommandTextRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _texts = new();

    public IReadOnlyList<string> Texts => [.. _texts];

    public void Clear() => _texts.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}

public sealed class RecordingPortalFactory : PortalFactory
{
    public CommandTextRecorder Recorder { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Recorder);
}

/// <summary>
/// Showing the profile reads what the form shows: one query of the person's names, place, roster choice and licences —
/// not the whole user row (password hash, security stamp, lockout fields), which the form never needs.
/// </summary>
public sealed class ProfileQueryTests(RecordingPortalFactory factory) : IClassFixture<RecordingPortalFactory>
{
    [Fact]
    public async Task Showing_the_profile_reads_only_the_forms_columns()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        factory.Recorder.Clear();

        var response = await client.GetAsync("/profile");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var reads = factory.Recorder.Texts.Where(t => !t.Contains("\"UserSessions\"", StringComparison.Ordinal)).ToList();
        var profile = Assert.Single(reads);
        Assert.Contains("\"CertificateName\"", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("\"PasswordHash\"", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("\"SecurityStamp\"", profile, StringComparison.Ordinal);
    }
}
