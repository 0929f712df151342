using TrainingPortal.Web.Identity;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Identity;

/// <summary>
/// Sessions live on the server (ASVS V7.4.1, V7.4.3): sign-out ends the session so a replayed cookie is refused; a
/// password change ends every other session, a reset and disabling the account end them all; a second instance
/// over the same database sees the same.
/// </summary>
public sealed class ServerSessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Signs in and returns the client and the bare auth cookie ("name=value") a thief could copy.</summary>
    internal static async Task<(HttpClient Client, string Cookie)> SignInAsync(PortalFactory app, string email, string password = TestUsers.Password)
    {
        await app.EnsureAdministratorTwoFactorAsync(email);
        var client = app.CreatePortalClient();
        var response = await client.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.IsSecondStep())
        {
            // An administrator's session is opened by the second step: its cookie is the one a thief would copy.
            response = await client.CompleteSecondStepAsync(app, email);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var name = app.Environment == "Development" ? IdentitySetup.DevelopmentAuthCookieName : IdentitySetup.AuthCookieName;
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A request carrying only the copied cookie, as a replay would.</summary>
    internal static async Task<HttpResponseMessage> ReplayAsync(PortalFactory app, string cookie, string path)
    {
        var client = app.CreateClient(new() { BaseAddress = app.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    internal static Task<HttpResponseMessage> LogoutAsync(HttpClient client) => client.PostFormAsync("/", "/account/logout", []);

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_gets_the_sign_in_page()
    {
        var user = await factory.CreateAsync();
        var (client, cookie) = await SignInAsync(factory, user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(factory, cookie, "/")).StatusCode);

        var logout = await LogoutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.True((await ReplayAsync(factory, cookie, "/")).IsRedirectToLogin());
        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await factory.CreateAsync();
        var (current, _) = await SignInAsync(factory, user.Email!);
        var (other, otherCookie) = await SignInAsync(factory, user.Email!);

        var change = await current.PostFormAsync("/account/change-password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "a brand new passphrase"), ("ConfirmPassword", "a brand new passphrase"));

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/account/change-password")).StatusCode);
        Assert.True((await other.GetAsync("/")).IsRedirectToLogin());
        Assert.True((await ReplayAsync(factory, otherCookie, "/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task A_password_change_does_not_let_the_cookie_from_before_it_back_in()
    {
        var user = await factory.CreateAsync();
        var (current, before) = await SignInAsync(factory, user.Email!);

        await current.PostFormAsync("/account/change-password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "a brand new passphrase"), ("ConfirmPassword", "a brand new passphrase"));

        Assert.True((await ReplayAsync(factory, before, "/")).IsRedirectToLogin());
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session()
    {
        var user = await factory.CreateAsync();
        var (first, _) = await SignInAsync(factory, user.Email!);
        var (second, _) = await SignInAsync(factory, user.Email!);

        var anonymous = factory.CreatePortalClient();
        await anonymous.PostFormAsync("/account/forgot-password", ("Email", user.Email!));
        var link = factory.LastTo(user.Email!).LinkPath();
        var query = Mail.Query(link);
        var reset = await anonymous.PostFormAsync(link, "/account/reset-password",
            [new("UserId", query["userId"]), new("Code", query["code"]), new("Password", "a brand new passphrase"), new("ConfirmPassword", "a brand new passphrase")]);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.True((await first.GetAsync("/")).IsRedirectToLogin());
        Assert.True((await second.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_in_the_database()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        var user = await factory.CreateAsync();
        await SignInAsync(factory, user.Email!);
        Assert.True(await factory.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == user.Id)));

        var response = await admin.PostFormAsync($"/admin/people/{user.Id}", $"/admin/people/{user.Id}/disable",
            [new("Account.Reason", "Left the program.")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == user.Id)));
    }

    [Fact]
    public async Task Checking_the_session_costs_one_query_per_request()
    {
        var user = await factory.CreateAsync();
        var (client, _) = await SignInAsync(factory, user.Email!);
        await client.GetAsync("/account/change-password");
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        // On SQLite the check runs outside EF Core, through a statement kept prepared (SqliteSessionReader).
        var reader = factory.Services.GetService<SqliteSessionReader>();
        var readerChecks = reader?.Checks ?? 0;

        counter.Reset();
        var response = await client.GetAsync("/account/change-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestDatabase.IsPostgres, reader is null);
        Assert.Equal(reader is null ? 1 : 0, counter.SessionChecks);
        Assert.Equal(reader is null ? 0 : 1, (reader?.Checks ?? 0) - readerChecks);
        Assert.Equal(0, counter.Count); // the page itself reads nothing
    }

    [Fact]
    public async Task The_session_table_holds_a_hash_not_the_secret_in_the_cookie()
    {
        var user = await factory.CreateAsync();
        await SignInAsync(factory, user.Email!);

        var ids = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.Id).ToListAsync());

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{64}$", id));
    }
}

/// <summary>The same in Production: the replayed cookie of a signed-out administrator no longer opens /admin/people.</summary>
public sealed class ProductionServerSessionTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task A_cookie_replayed_after_sign_out_gets_the_sign_in_page()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var (client, cookie) = await ServerSessionTests.SignInAsync(factory, admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await ServerSessionTests.ReplayAsync(factory, cookie, "/admin/people")).StatusCode);

        await ServerSessionTests.LogoutAsync(client);

        Assert.True((await ServerSessionTests.ReplayAsync(factory, cookie, "/admin/people")).IsRedirectToLogin());
    }
}

/// <summary>Two instances of the portal over one database (as behind a load balancer).</summary>
public sealed class TwoInstanceSessionTests : IDisposable
{
    private readonly PortalFactory _first = new();
    private readonly SharedDatabaseFactory _second;

    public TwoInstanceSessionTests() => _second = new SharedDatabaseFactory(_first.OwnConnectionString);

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    private sealed class SharedDatabaseFactory(string connectionString) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Portal", connectionString);
            builder.UseSetting("Portal:SeedDemoData", "false");
        }
    }

    [Fact]
    public async Task Signing_out_on_one_instance_ends_the_session_on_the_other()
    {
        var user = await _first.CreateAsync();
        _ = _second.Services; // the second instance starts over the same database
        var (client, cookie) = await ServerSessionTests.SignInAsync(_first, user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await ServerSessionTests.ReplayAsync(_second, cookie, "/")).StatusCode);

        await ServerSessionTests.LogoutAsync(client);

        Assert.True((await ServerSessionTests.ReplayAsync(_second, cookie, "/")).IsRedirectToLogin());
    }
}
