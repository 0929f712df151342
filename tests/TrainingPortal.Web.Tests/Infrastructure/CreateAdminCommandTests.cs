using Microsoft.AspNetCore.Identity;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>The first administrator of a production install, created from the command line.</summary>
public sealed class CreateAdminCommandTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    private async Task<(int Exit, string Output)> RunAsync(string stdin, params string[] args)
    {
        _ = factory.Server; // the app is built and its database migrated
        var output = new StringWriter();
        var exit = await CreateAdminCommand.RunAsync(factory.Services, ["create-admin", .. args], new StringReader(stdin), output);
        return (exit, output.ToString());
    }

    private Task<IList<string>> RolesOfAsync(string email) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    });

    [Fact]
    public async Task Creates_an_administrator_with_the_password_from_standard_input()
    {
        var (exit, output) = await RunAsync("a long admin passphrase\n", "--email", "head@program.org", "--name", "Jordan Head");

        Assert.Equal(0, exit);
        Assert.Contains("Administrator head@program.org created.", output);
        Assert.DoesNotContain("a long admin passphrase", output);
        Assert.Equal([Roles.Administrator], await RolesOfAsync("head@program.org"));
        var client = factory.CreatePortalClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.LoginAsync("head@program.org", "a long admin passphrase")).StatusCode);
        // A new administrator sets up two-step sign-in before anything else.
        Assert.Equal(Web.Features.TwoFactor.TwoFactorController.SetUpPath, (await client.GetAsync("/")).Headers.Location?.OriginalString);
        var admin = await factory.SignedInAsync("head@program.org", "a long admin passphrase");
        Assert.Contains("Welcome, Jordan Head", PortalClient.Decode(await admin.GetStringAsync("/")));
    }

    [Fact]
    public async Task Refuses_a_weak_password_and_creates_nothing()
    {
        var (exit, output) = await RunAsync("short\n", "--email", "weak@program.org");

        Assert.Equal(1, exit);
        Assert.Contains("Use at least 12 characters", output);
        Assert.Null(await factory.FindAsync("weak@program.org"));
    }

    [Fact]
    public async Task Without_an_address_it_prints_the_usage()
    {
        var (exit, output) = await RunAsync("");

        Assert.Equal(2, exit);
        Assert.Contains("Usage: create-admin --email", output);
    }

    [Fact]
    public async Task Makes_an_existing_account_an_administrator()
    {
        var user = await factory.CreateAsync(Roles.Trainer);

        var (exit, _) = await RunAsync("", "--email", user.Email!);

        Assert.Equal(0, exit);
        Assert.Contains(Roles.Administrator, await RolesOfAsync(user.Email!));
    }
}
