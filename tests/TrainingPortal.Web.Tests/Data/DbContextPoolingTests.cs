using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;

namespace TrainingPortal.Web.Tests.Data;

/// <summary>
/// The database context is pooled (DatabaseSetup): its options, interceptors and internal services are built once per
/// process, not on every request — a trace put that set-up at about 15% of a light signed-in page. The save
/// interceptors are therefore singletons whose per-save state lives on the context and never outlives a lease.
/// </summary>
public sealed class DbContextPoolingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void The_context_options_and_the_save_interceptors_are_built_once_per_process()
    {
        var services = factory.Services;
        var options = TestDatabase.IsPostgres ? typeof(DbContextOptions<PostgreSqlDbContext>) : typeof(DbContextOptions<SqliteDbContext>);
        Assert.Same(services.GetRequiredService(options), services.GetRequiredService(options));
        using var one = services.CreateScope();
        using var two = services.CreateScope();
        Assert.Same(one.ServiceProvider.GetRequiredService<AuditInterceptor>(), two.ServiceProvider.GetRequiredService<AuditInterceptor>());
        Assert.Same(one.ServiceProvider.GetRequiredService<StandingInvalidator>(), two.ServiceProvider.GetRequiredService<StandingInvalidator>());
    }

    [Fact]
    public async Task Requests_one_after_the_other_reuse_pooled_contexts_instead_of_building_new_ones()
    {
        var seen = new HashSet<AppDbContext>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 20; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.CountAsync();
            seen.Add(db);
        }

        // Built per scope, there would be 20; the pool hands back the few it holds (first in, first out).
        Assert.True(seen.Count < 20, $"{seen.Count} contexts for 20 requests");
    }

    [Fact]
    public async Task Nothing_a_save_interceptor_kept_reaches_the_next_lease()
    {
        AppDbContext leased;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            leased = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A save that never reached SavedChanges or SaveChangesFailed (an exception in between): state was kept.
            leased.SaveState<StandingInvalidator.Keys>().People.Add("someone");
            leased.SaveState<AuditInterceptor.PendingKeys>().Add((new AuditEntry(), leased.Entry(new AuditEntry())));
            Assert.True(leased.HoldsSaveState);
        }

        // Back in the pool: emptied before any other request can lease it.
        Assert.False(leased.HoldsSaveState);
    }

    [Fact]
    public async Task Two_contexts_saving_at_once_keep_their_own_keys()
    {
        await using var scopeA = factory.Services.CreateAsyncScope();
        await using var scopeB = factory.Services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.NotSame(a, b);

        a.SaveState<StandingInvalidator.Keys>().People.Add("a");

        Assert.Empty(b.SaveState<StandingInvalidator.Keys>().People);
        a.SaveState<StandingInvalidator.Keys>().Clear();
    }
}
