using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>
/// The security-stamp validator is built only when its one-minute interval has passed (IdentitySetup.StampCheckDue):
/// before, every signed-in request built it — SignInManager, UserManager with its validators and metrics, the user
/// store — only for it to find the interval not yet over. The revalidation itself is unchanged (SessionTests).
/// </summary>
public sealed class StampValidatorResolutionTests : IDisposable
{
    private readonly BuildCountingPortalFactory<ISecurityStampValidator, SecurityStampValidator<AppUser>> _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_signed_in_request_builds_the_stamp_validator_only_when_the_interval_is_over()
    {
        var user = await _factory.CreateAsync();
        var client = await _factory.SignedInAsync(user.Email!, TestUsers.Password);
        _factory.Reset();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        }
        Assert.Equal(0, _factory.Built);

        _factory.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        Assert.Equal(1, _factory.Built); // due: validated (and the cookie renewed)

        _factory.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        Assert.Equal(0, _factory.Built); // the renewed cookie starts a new minute
    }
}
