using TrainingPortal.Web.Features.Account;

namespace TrainingPortal.Web.Tests.Features.Account;

public sealed class LoginTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Demo_trainee_signs_in_and_sees_their_home_page()
    {
        var client = factory.CreatePortalClient();

        var response = await client.LoginAsync("trainee@demo.local");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        var home = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("Welcome, Dana Reyes", home);
        Assert.Contains("<span class=\"visually-hidden\">Signed in as </span>trainee@demo.local", home);
    }

    [Fact]
    public async Task In_development_the_cookies_follow_the_scheme_so_plain_http_localhost_works()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var user = await factory.CreateAsync();

        var page = await client.GetAsync("/account/login");
        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("TrainingPortal.Dev=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_address_get_the_same_answer()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();

        var wrongPassword = await client.LoginAsync(user.Email!, "not the right password");
        var unknownAddress = await client.LoginAsync($"nobody-{Guid.NewGuid():N}@test.local", "not the right password");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownAddress.StatusCode);
        var a = PortalClient.Decode(await wrongPassword.Content.ReadAsStringAsync());
        var b = PortalClient.Decode(await unknownAddress.Content.ReadAsStringAsync());
        Assert.Contains(AccountController.WrongCredentials, a);
        Assert.Contains(AccountController.WrongCredentials, b);
        Assert.Contains($"value=\"{user.Email}\"", a); // the address typed is kept
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();

        for (var i = 1; i <= 4; i++)
        {
            var html = await (await client.LoginAsync(user.Email!, "wrong password " + i)).Content.ReadAsStringAsync();
            Assert.Contains(AccountController.WrongCredentials, PortalClient.Decode(html));
        }
        var fifth = PortalClient.Decode(await (await client.LoginAsync(user.Email!, "wrong password 5")).Content.ReadAsStringAsync());
        Assert.Contains("Too many failed sign-in attempts", fifth);

        // Now even the right password is refused, and says why.
        var right = await client.LoginAsync(user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many failed sign-in attempts", PortalClient.Decode(await right.Content.ReadAsStringAsync()));

        var stored = await factory.FindAsync(user.Email!);
        Assert.NotNull(stored!.LockoutEnd);
        var minutes = (stored.LockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes;
        Assert.InRange(minutes, 14, 15.1);
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        for (var i = 1; i <= 4; i++)
        {
            await client.LoginAsync(user.Email!, "wrong password " + i);
        }

        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_lockout_lets_the_right_password_in()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        for (var i = 1; i <= 5; i++)
        {
            await client.LoginAsync(user.Email!, "wrong password " + i);
        }
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));

        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_address_also_shows_the_lockout_after_five_tries_so_it_reveals_nothing()
    {
        var client = factory.CreatePortalClient();
        var address = $"nobody-{Guid.NewGuid():N}@test.local";
        string last = "";
        for (var i = 1; i <= 5; i++)
        {
            last = PortalClient.Decode(await (await client.LoginAsync(address, "guess " + i)).Content.ReadAsStringAsync());
        }

        Assert.Contains("Too many failed sign-in attempts", last);
    }

    [Fact]
    public async Task Empty_fields_are_named_next_to_the_field()
    {
        var client = factory.CreatePortalClient();

        var response = await client.LoginAsync("", "");

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<span class=\"field-validation-error invalid-feedback d-block\" data-valmsg-for=\"Email\" data-valmsg-replace=\"true\" id=\"Email-error\">Enter your e-mail address.</span>", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("aria-describedby=\"Email-error\"", html);
        Assert.Contains("Enter your password.", html);
    }

    [Fact]
    public async Task Unconfirmed_account_with_the_right_password_is_asked_to_confirm()
    {
        var user = await factory.CreateAsync(confirmed: false);
        var client = factory.CreatePortalClient();

        var right = PortalClient.Decode(await (await client.LoginAsync(user.Email!, TestUsers.Password)).Content.ReadAsStringAsync());
        var wrong = PortalClient.Decode(await (await client.LoginAsync(user.Email!, "not the password")).Content.ReadAsStringAsync());

        Assert.Contains("Please confirm your e-mail address first", right);
        Assert.Contains(AccountController.WrongCredentials, wrong); // a wrong password reveals nothing
    }

    [Fact]
    public async Task Return_url_is_followed_only_when_local()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/login", ("Email", user.Email!), ("Password", TestUsers.Password), ("ReturnUrl", "https://evil.example/"));

        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var token = await client.GetTokenAsync("/");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task Sign_in_and_failures_are_audited_without_personal_data()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        await client.LoginAsync(user.Email!, "wrong password");
        await client.LoginAsync(user.Email!, TestUsers.Password);

        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id).OrderBy(a => a.Id).ToListAsync());

        Assert.Contains(entries, e => e.Action == "SignedIn" && e.ActorId == user.Id);
        Assert.Contains(entries, e => e.Action == "Modified" && e.Changes!.Contains("AccessFailedCount"));
        Assert.DoesNotContain(entries, e => (e.Changes ?? "").Contains("PasswordHash\":[\"AQAAAA", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => (e.Changes ?? "").Contains("SecurityStamp", StringComparison.Ordinal));
    }
}
