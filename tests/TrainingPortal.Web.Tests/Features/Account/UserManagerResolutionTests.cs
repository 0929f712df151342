using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Features.Account;

/// <summary>
/// AccountController resolves UserManager and SignInManager when an action uses them, not in its constructor: the
/// light signed-in page (GET /account/change-password) builds neither; changing the password still works.
/// </summary>
public sealed class UserManagerResolutionTests : IDisposable
{
    private readonly BuildCountingPortalFactory<UserManager<AppUser>, UserManager<AppUser>> _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Showing_the_change_password_form_builds_no_user_manager_and_changing_the_password_still_works()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);
        _factory.Reset();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        }
        Assert.Equal(0, _factory.Built);

        var change = await client.PostFormAsync("/account/change-password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "a brand new passphrase"), ("ConfirmPassword", "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode); // changed: the form redirects
        Assert.True(_factory.Built >= 1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
    }
}
