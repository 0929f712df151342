using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Identity;

/// <summary>
/// Issue 10's trace: the common-password list (49,233 lines) was read from disk and frozen on every request that
/// resolved <see cref="UserManager{TUser}"/> — the sign-in page and every signed-in request — because Identity's
/// <c>AddPasswordValidator</c> registers validators as scoped. It is read once per process now.
/// </summary>
public sealed class CommonPasswordListLoadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_list_is_read_once_per_process_however_many_requests_and_scopes_use_it()
    {
        var anonymous = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/account/login")).StatusCode);
        }
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        }

        // Every test host in this process shares the one list: other tests running beside this one do not add loads.
        Assert.Equal(1, CommonPasswordValidator.Loads);
    }

    [Fact]
    public async Task Every_scope_gets_the_same_validator_instance()
    {
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();

        var a = Assert.Single(first.ServiceProvider.GetServices<IPasswordValidator<AppUser>>().OfType<CommonPasswordValidator>());
        var b = Assert.Single(second.ServiceProvider.GetServices<IPasswordValidator<AppUser>>().OfType<CommonPasswordValidator>());
        Assert.Same(a, b);
        // UserManager sees it too (the rules it runs on register, change and reset).
        Assert.Contains(first.ServiceProvider.GetRequiredService<UserManager<AppUser>>().PasswordValidators, v => ReferenceEquals(v, a));
    }
}
