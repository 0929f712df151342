using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Features.Account;

public sealed class RegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static (string, string)[] Form(string name, string email, string password, string? confirm = null) =>
        [("DisplayName", name), ("Email", email), ("Password", password), ("ConfirmPassword", confirm ?? password)];

    [Fact]
    public async Task A_new_person_registers_as_a_trainee_confirms_by_mail_and_signs_in()
    {
        var client = factory.CreatePortalClient();
        var email = $"new-{Guid.NewGuid():N}@test.local";

        var response = await client.PostFormAsync("/account/register", Form("Robin Ellis", email, TestUsers.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your e-mail", await response.Content.ReadAsStringAsync());
        var user = await factory.FindAsync(email);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        var roles = await factory.WithScopeAsync(s => s.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(user));
        Assert.Equal([Roles.Trainee], roles);

        // Not yet confirmed: signing in asks for confirmation.
        var early = await client.LoginAsync(email, TestUsers.Password);
        Assert.Contains("Please confirm your e-mail address first", PortalClient.Decode(await early.Content.ReadAsStringAsync()));

        // The link in the mail shows a button; confirming is a POST.
        var link = factory.LastTo(email).LinkPath();
        Assert.StartsWith("/account/confirm-email?", link);
        var query = Mail.Query(link);
        var confirmed = await client.PostFormAsync(link, "/account/confirm-email", [new("UserId", query["userId"]), new("Code", query["code"])]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var signedIn = await client.LoginAsync(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Welcome, Robin Ellis", PortalClient.Decode(await client.GetStringAsync("/")));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_the_same_and_tells_the_owner()
    {
        var existing = await factory.CreateAsync();
        var client = factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/register", Form("Someone Else", existing.Email!, "another long passphrase here"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your e-mail", await response.Content.ReadAsStringAsync());
        Assert.Contains("already has one", factory.LastTo(existing.Email!).TextBody);
        var stored = await factory.FindAsync(existing.Email!);
        Assert.Equal("Test Trainee", stored!.DisplayName); // unchanged
    }

    [Theory]
    [InlineData("elevenchars", "Use at least 12 characters")]
    [InlineData("password1234", "one of the most commonly used passwords")]
    [InlineData("PASSWORD1234", "one of the most commonly used passwords")]
    public async Task Weak_passwords_are_refused_next_to_the_field_and_the_rest_is_kept(string password, string message)
    {
        var client = factory.CreatePortalClient();
        var email = $"weak-{Guid.NewGuid():N}@test.local";

        var response = await client.PostFormAsync("/account/register", Form("Robin Ellis", email, password));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches($"id=\"Password-error\">[^<]*{message}", html);
        Assert.Contains("value=\"Robin Ellis\"", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.Null(await factory.FindAsync(email));
    }

    [Fact]
    public async Task Twelve_characters_are_enough_and_128_are_allowed()
    {
        var client = factory.CreatePortalClient();
        var twelve = $"twelve-{Guid.NewGuid():N}@test.local";
        var long128 = $"long-{Guid.NewGuid():N}@test.local";

        await client.PostFormAsync("/account/register", Form("Twelve", twelve, "qzvkwpmtrbnd"));
        await client.PostFormAsync("/account/register", Form("Long", long128, new string('k', 64) + new string('q', 64)));

        Assert.NotNull(await factory.FindAsync(twelve));
        Assert.NotNull(await factory.FindAsync(long128));
    }

    [Fact]
    public async Task Bad_input_gets_a_message_per_field()
    {
        var client = factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/register", Form("", "not-an-address", TestUsers.Password, "something else"));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"DisplayName-error\">Enter your name.", html);
        Assert.Contains("id=\"Email-error\">Enter an e-mail address like name@example.org.", html);
        Assert.Contains("id=\"ConfirmPassword-error\">The two passwords are not the same.", html);
        Assert.Contains("value=\"not-an-address\"", html);
    }

    [Fact]
    public async Task A_forged_confirmation_code_confirms_nothing()
    {
        var user = await factory.CreateAsync(confirmed: false);
        var client = factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/confirm-email", ("UserId", user.Id), ("Code", "bm90LWEtdG9rZW4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not valid or has expired", await response.Content.ReadAsStringAsync());
        Assert.False((await factory.FindAsync(user.Email!))!.EmailConfirmed);
    }
}
