using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Identity;

/// <summary>Session lifetime: security-stamp revalidation within a minute, idle and absolute limits.</summary>
public sealed class SessionTests : IDisposable
{
    // Each test moves the clock, so each gets an app of its own.
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<int> ChangeAsync(AppUser user, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change) =>
        _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var fresh = await users.FindByIdAsync(user.Id);
            Assert.True((await change(users, fresh!)).Succeeded);
            return 0;
        });

    [Fact]
    public async Task Removing_a_role_takes_effect_within_one_minute()
    {
        var user = await _factory.CreateAsync(Roles.Trainer);
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);
        Assert.Contains("Your groups and cohorts", await client.GetStringAsync("/"));

        await ChangeAsync(user, (users, u) => users.RemoveFromRoleAsync(u, Roles.Trainer));
        _factory.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Contains("Your groups and cohorts", await client.GetStringAsync("/")); // the cookie still says Trainer

        _factory.Time.Advance(TimeSpan.FromSeconds(31));

        // Revalidated: the roles come from the database again.
        Assert.DoesNotContain("Your groups and cohorts", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Within_the_minute_the_old_session_still_works_so_the_check_is_not_per_request()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);

        await ChangeAsync(user, (users, u) => users.UpdateSecurityStampAsync(u));
        _factory.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_and_blocks_sign_in()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);

        await ChangeAsync(user, async (users, u) =>
        {
            u.DisabledUtc = DateTime.UtcNow;
            await users.UpdateAsync(u);
            return await users.UpdateSecurityStampAsync(u);
        });
        _factory.Time.Advance(TimeSpan.FromSeconds(61));

        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());
        var again = await _factory.CreatePortalClient().LoginAsync(user.Email!, TestUsers.Password);
        Assert.Contains("This account has been disabled", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_idle_session_ends_after_eight_hours()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);

        _factory.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task An_active_session_slides_but_ends_at_the_twelve_hour_cap()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);

        for (var hour = 0; hour < 11; hour++)
        {
            _factory.Time.Advance(TimeSpan.FromHours(1));
            var response = await client.GetAsync("/");
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"signed out after {hour + 1} h");
        }

        _factory.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());
    }
}
