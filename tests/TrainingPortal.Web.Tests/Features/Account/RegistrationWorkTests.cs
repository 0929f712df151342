using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Tests.Features.Account;

/// <summary>Counts the password hashes the app computes (the expensive part of registering).</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new(options);
    private int _hashes;

    public int Hashes => Volatile.Read(ref _hashes);

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _hashes);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword) =>
        _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
}

public sealed class CountingHasherFactory : PortalFactory
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<CountingPasswordHasher>();
        services.AddSingleton<IPasswordHasher<AppUser>>(sp => sp.GetRequiredService<CountingPasswordHasher>());
    }
}

/// <summary>
/// Registration does not tell by its timing which addresses have accounts (issue 9: 24 ms vs 168 ms): a taken address
/// and a new one do the same work — the same password rules, one password hash, one mail. Asserted by counting the
/// work, not by timing.
/// </summary>
public sealed class RegistrationWorkTests(CountingHasherFactory factory) : IClassFixture<CountingHasherFactory>
{
    private CountingPasswordHasher Hasher => factory.Services.GetRequiredService<CountingPasswordHasher>();

    private static (string, string)[] Form(string email, string password) =>
        [("DisplayName", "Robin Ellis"), ("Email", email), ("Password", password), ("ConfirmPassword", password)];

    private async Task<(int Hashes, int Mails, string Html)> RegisterAsync(string email, string password)
    {
        var client = factory.CreatePortalClient();
        await client.GetTokenAsync("/account/register");
        var (hashes, mails) = (Hasher.Hashes, factory.Mails().Count);
        var response = await client.PostFormAsync("/account/register", Form(email, password));
        return (Hasher.Hashes - hashes, factory.Mails().Count - mails, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_taken_address_and_a_new_one_hash_the_password_once_and_send_one_mail()
    {
        var taken = await factory.CreateAsync();

        var fresh = await RegisterAsync($"new-{Guid.NewGuid():N}@test.local", "a long new passphrase");
        var existing = await RegisterAsync(taken.Email!, "a long new passphrase");

        Assert.Equal((1, 1), (fresh.Hashes, fresh.Mails));
        Assert.Equal((1, 1), (existing.Hashes, existing.Mails));
        Assert.Contains("Check your e-mail", fresh.Html);
        Assert.Contains("Check your e-mail", existing.Html);
    }

    [Theory]
    [InlineData("password1234", "one of the most commonly used passwords")]
    [InlineData("Training Portal 2026", "portal's name")]
    public async Task A_refused_password_gets_the_same_answer_for_a_taken_address_as_for_a_new_one(string password, string message)
    {
        var taken = await factory.CreateAsync();

        var fresh = await RegisterAsync($"new-{Guid.NewGuid():N}@test.local", password);
        var existing = await RegisterAsync(taken.Email!, password);

        Assert.Matches($"id=\"Password-error\">[^<]*{message}", fresh.Html);
        Assert.Matches($"id=\"Password-error\">[^<]*{message}", existing.Html);
        Assert.Equal((0, 0), (existing.Hashes, existing.Mails));
        Assert.Equal((0, 0), (fresh.Hashes, fresh.Mails));
    }
}
