namespace TrainingPortal.Web.Tests.Features.Account;

public sealed class PasswordTests(RealPasswordHashingFactory factory) : IClassFixture<RealPasswordHashingFactory>
{
    private async Task<string> RequestResetAsync(HttpClient client, string email)
    {
        var response = await client.PostFormAsync("/account/forgot-password", ("Email", email));
        Assert.Contains("If an account exists", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        return factory.LastTo(email).LinkPath();
    }

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, string link, string password)
    {
        var query = Mail.Query(link);
        return client.PostFormAsync(link, "/account/reset-password",
            [new("UserId", query["userId"]), new("Code", query["code"]), new("Password", password), new("ConfirmPassword", password)]);
    }

    [Fact]
    public async Task Forgotten_password_is_reset_by_the_mailed_link_once()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        var link = await RequestResetAsync(client, user.Email!);

        var reset = await ResetAsync(client, link, "a brand new passphrase");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user.Email!, TestUsers.Password)).StatusCode); // old one refused
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePortalClient().LoginAsync(user.Email!, "a brand new passphrase")).StatusCode);

        var again = await ResetAsync(factory.CreatePortalClient(), link, "yet another passphrase");
        Assert.Contains("This link has expired or has already been used", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_and_no_mail()
    {
        var client = factory.CreatePortalClient();
        var address = $"nobody-{Guid.NewGuid():N}@test.local";

        var response = await client.PostFormAsync("/account/forgot-password", ("Email", address));

        Assert.Contains("If an account exists", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, factory.CountTo(address));
    }

    [Fact]
    public async Task A_reset_ends_a_lockout()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(user.Email!, "wrong " + i);
        }
        var link = await RequestResetAsync(client, user.Email!);

        await ResetAsync(client, link, "a brand new passphrase");

        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user.Email!, "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var wrong = await client.PostFormAsync("/account/change-password",
            ("CurrentPassword", "not my password"), ("NewPassword", "a fresh long passphrase"), ("ConfirmPassword", "a fresh long passphrase"));
        Assert.Contains("id=\"CurrentPassword-error\">The current password is not correct.", PortalClient.Decode(await wrong.Content.ReadAsStringAsync()));

        var right = await client.PostFormAsync("/account/change-password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "a fresh long passphrase"), ("ConfirmPassword", "a fresh long passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // still signed in
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePortalClient().LoginAsync(user.Email!, "a fresh long passphrase")).StatusCode);

        var audited = await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == user.Id && a.Action == "PasswordChanged" && a.ActorId == user.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task Stored_hashes_use_pbkdf2_with_at_least_210000_iterations()
    {
        var user = await factory.CreateAsync();

        var hash = Convert.FromBase64String((await factory.FindAsync(user.Email!))!.PasswordHash!);

        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }
}
