namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// A test host that counts how often <typeparamref name="TService"/> is built (registered scoped, as
/// <typeparamref name="TImplementation"/>): for tests that a request path does not build an expensive service it does not use.
/// </summary>
public sealed class BuildCountingPortalFactory<TService, TImplementation> : PortalFactory
    where TService : class
    where TImplementation : TService
{
    private int _built;

    public int Built => Volatile.Read(ref _built);

    public void Reset() => Interlocked.Exchange(ref _built, 0);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<TService>(sp =>
        {
            Interlocked.Increment(ref _built);
            return ActivatorUtilities.CreateInstance<TImplementation>(sp);
        });
}
