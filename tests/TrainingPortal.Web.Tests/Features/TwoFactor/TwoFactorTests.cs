using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Tests.Features.TwoFactor;

/// <summary>Two-step sign-in: set-up, the second sign-in step, code reuse, recovery codes, turning it off.</summary>
public sealed partial class TwoFactorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex("data-testid=\"setup-key\">([A-Z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li>([A-Z0-9-]+)</li>")]
    private static partial Regex RecoveryCodePattern();

    private Task<AppUser> UserAsync(string id) => factory.WithScopeAsync(async s => (await s.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id))!);

    private Task<List<Web.Data.AuditEntry>> AuditOfAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(a => a.PersonId == userId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>A trainee signed in with the password, who opens the set-up page; returns the key the page shows.</summary>
    private async Task<(AppUser User, HttpClient Client, string Key)> OnSetUpPageAsync()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var html = await client.GetStringAsync(TwoFactorController.SetUpPath);
        var key = KeyPattern().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        return (user, client, key);
    }

    /// <summary>A trainee who set up two-step sign-in through the pages; returns the recovery codes shown.</summary>
    private async Task<(AppUser User, string Key, List<string> RecoveryCodes)> EnabledThroughThePagesAsync()
    {
        var (user, client, key) = await OnSetUpPageAsync();
        var response = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var codes = RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        return (user, key, codes);
    }

    [Fact]
    public void The_code_follows_RFC_6238_in_the_app_and_in_the_test_helper()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (Base32 below); the last 6 of its 8-digit values.
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        foreach (var (seconds, expected) in new[] { (59L, "287082"), (1111111109L, "081804"), (1234567890L, "005924"), (2000000000L, "279037") })
        {
            var step = TotpCodes.StepAt(DateTimeOffset.FromUnixTimeSeconds(seconds));
            Assert.Equal(expected, Totp.Code(key, step));
            Assert.Equal(expected, TotpCodes.Code(key, step));
        }
    }

    [Fact]
    public async Task The_set_up_page_shows_a_QR_code_and_the_key_in_groups_of_four_with_accessible_fields()
    {
        var (_, client, _) = await OnSetUpPageAsync();
        var html = await client.GetStringAsync(TwoFactorController.SetUpPath);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"setup-key\">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<", html);
        Assert.Contains("<label class=\"form-label\" for=\"Form_Code\">", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*autocomplete=\"one-time-code\"[^>]*id=\"Form_Code\"|<input[^>]*id=\"Form_Code\"[^>]*autocomplete=\"one-time-code\"", html);
        Assert.Matches("<input[^>]*inputmode=\"numeric\"[^>]*id=\"Form_Code\"|<input[^>]*id=\"Form_Code\"[^>]*inputmode=\"numeric\"", html);
    }

    [Fact]
    public async Task Enabling_with_a_wrong_code_fails_and_nothing_is_enabled()
    {
        var (user, client, key) = await OnSetUpPageAsync();
        var right = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()));
        var wrong = right == "123456" ? "654321" : "123456";

        var response = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", wrong));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not right", PortalClient.Decode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = await UserAsync(user.Id);
        Assert.False(after.TwoFactorEnabled);
        Assert.Null(await factory.WithScopeAsync(s => s.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(after)));
        Assert.Equal(0, await factory.WithScopeAsync(s => s.GetRequiredService<UserManager<AppUser>>().CountRecoveryCodesAsync(after)));
        // The password alone still signs in.
        Assert.False((await factory.CreatePortalClient().LoginAsync(user.Email!, TestUsers.Password)).IsSecondStep());
    }

    [Fact]
    public async Task Letters_or_too_few_digits_get_a_message_next_to_the_field()
    {
        var (_, client, _) = await OnSetUpPageAsync();
        var response = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", "12ab"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter the 6-digit code your authenticator app shows now.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabling_with_the_right_code_shows_ten_recovery_codes_once_and_is_audited_without_secrets()
    {
        var (user, key, codes) = await EnabledThroughThePagesAsync();

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True((await UserAsync(user.Id)).TwoFactorEnabled);
        var audit = await AuditOfAsync(user.Id);
        var enabled = Assert.Single(audit, a => a.Action == "TwoFactorEnabled");
        var everything = string.Join("\n", audit.Select(a => a.Changes ?? ""));
        Assert.DoesNotContain(key, everything, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, c => Assert.DoesNotContain(c, everything, StringComparison.OrdinalIgnoreCase));

        // The settings page counts them but never shows them again.
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var settings = await client.GetStringAsync(TwoFactorController.IndexPath);
        Assert.Contains("<strong>10</strong> unused recovery codes", settings, StringComparison.Ordinal);
        Assert.All(codes, c => Assert.DoesNotContain(c, settings, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_then_requires_the_code_and_a_wrong_code_is_refused()
    {
        var user = await factory.CreateAsync();
        var key = await factory.EnableTwoFactorAsync(user.Email!);
        var client = factory.CreatePortalClient();

        var password = await client.LoginAsync(user.Email!, TestUsers.Password);
        Assert.True(password.IsSecondStep());
        Assert.True((await client.GetAsync("/")).IsRedirectToLogin()); // the password alone is not a session

        var right = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()));
        var wrong = (int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000;
        var refused = await client.PostFormAsync(TwoFactorController.SignInPath, ("Code", wrong.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(TwoFactorController.WrongCode, PortalClient.Decode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await client.GetAsync("/")).IsRedirectToLogin());

        var accepted = await client.PostFormAsync(TwoFactorController.SignInPath, ("Code", right));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Contains(await AuditOfAsync(user.Id), a => a.Action == "SignInCodeRefused");
        Assert.Contains(await AuditOfAsync(user.Id), a => a.Action == "SignedIn" && a.Changes!.Contains("authenticator app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_code_twice_is_refused_even_within_its_30_seconds()
    {
        var user = await factory.CreateAsync();
        var key = await factory.EnableTwoFactorAsync(user.Email!);
        var code = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()));

        var first = factory.CreatePortalClient();
        await first.LoginAsync(user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(TwoFactorController.SignInPath, ("Code", code))).StatusCode);

        var second = factory.CreatePortalClient();
        Assert.True((await second.LoginAsync(user.Email!, TestUsers.Password)).IsSecondStep());
        var again = await second.PostFormAsync(TwoFactorController.SignInPath, ("Code", code));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(TwoFactorController.WrongCode, PortalClient.Decode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Nor is the code of the step before it (still within the accepted drift), once a later one was used.
        var earlier = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()) - 1);
        Assert.Equal(HttpStatusCode.OK, (await second.PostFormAsync(TwoFactorController.SignInPath, ("Code", earlier))).StatusCode);
        // The next step's code works.
        var next = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()) + 1);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(TwoFactorController.SignInPath, ("Code", next))).StatusCode);
    }

    [Fact]
    public async Task A_code_from_two_steps_away_is_refused()
    {
        var user = await factory.CreateAsync();
        var key = await factory.EnableTwoFactorAsync(user.Email!);
        var client = factory.CreatePortalClient();
        await client.LoginAsync(user.Email!, TestUsers.Password);

        var old = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()) - 2);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(TwoFactorController.SignInPath, ("Code", old))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (user, _, codes) = await EnabledThroughThePagesAsync();

        var first = factory.CreatePortalClient();
        Assert.True((await first.LoginAsync(user.Email!, TestUsers.Password)).IsSecondStep());
        var used = await first.PostFormAsync(TwoFactorController.RecoveryPath, ("RecoveryCode", " " + codes[3].ToLowerInvariant() + " "));
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);
        Assert.Equal(9, await factory.WithScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().CountRecoveryCodesAsync(await UserAsync(user.Id))));

        var second = factory.CreatePortalClient();
        await second.LoginAsync(user.Email!, TestUsers.Password);
        var again = await second.PostFormAsync(TwoFactorController.RecoveryPath, ("RecoveryCode", codes[3]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(TwoFactorController.WrongRecoveryCode, PortalClient.Decode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await second.GetAsync("/")).IsRedirectToLogin());
    }

    [Fact]
    public async Task Recovery_codes_are_stored_as_salted_hashes_not_in_clear()
    {
        var (user, _, codes) = await EnabledThroughThePagesAsync();

        var stored = await factory.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        var entries = stored!.Split(';');
        Assert.Equal(10, entries.Length);
        Assert.All(entries, e => Assert.StartsWith("p1$", e, StringComparison.Ordinal));
        Assert.Equal(10, entries.Distinct().Count());
        Assert.All(codes, c => Assert.DoesNotContain(c, stored, StringComparison.OrdinalIgnoreCase));
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_and_replace_the_old_ones()
    {
        var (user, _, old) = await EnabledThroughThePagesAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var wrongPassword = await client.PostFormAsync(TwoFactorController.IndexPath, "/account/two-factor/recovery-codes",
            [new("Codes.Password", "not my password")]);
        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Contains("The password is not correct.", PortalClient.Decode(await wrongPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var response = await client.PostFormAsync(TwoFactorController.IndexPath, "/account/two-factor/recovery-codes",
            [new("Codes.Password", TestUsers.Password)]);
        var fresh = RecoveryCodePattern().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Contains(await AuditOfAsync(user.Id), a => a.Action == "RecoveryCodesReplaced");

        var stale = factory.CreatePortalClient();
        await stale.LoginAsync(user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await stale.PostFormAsync(TwoFactorController.RecoveryPath, ("RecoveryCode", old[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stale.PostFormAsync(TwoFactorController.RecoveryPath, ("RecoveryCode", fresh[0]))).StatusCode);
    }

    [Fact]
    public async Task Moving_to_a_new_app_needs_the_password_and_keeps_the_old_key_until_the_new_one_works()
    {
        var (user, oldKey, _) = await EnabledThroughThePagesAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var html = await client.GetStringAsync(TwoFactorController.SetUpPath);
        Assert.Contains("Move two-step sign-in to a new app", PortalClient.Decode(html), StringComparison.Ordinal);
        var newKey = KeyPattern().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEqual(oldKey, newKey);
        var step = TotpCodes.StepAt(factory.Time.GetUtcNow()) + 1; // the next step: this step's codes were used by the helper

        var noPassword = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", TotpCodes.Code(newKey, step)));
        Assert.Contains("Enter your password.", PortalClient.Decode(await noPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var wrongCode = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", TotpCodes.Code(oldKey, step)), ("Form.Password", TestUsers.Password));
        Assert.Contains("That code is not right", PortalClient.Decode(await wrongCode.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(oldKey, await factory.WithScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(await UserAsync(user.Id))));

        var moved = await client.PostFormAsync(TwoFactorController.SetUpPath, ("Form.Code", TotpCodes.Code(newKey, step)), ("Form.Password", TestUsers.Password));
        Assert.Equal(10, RecoveryCodePattern().Count(await moved.Content.ReadAsStringAsync()));
        Assert.Equal(newKey, await factory.WithScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(await UserAsync(user.Id))));
        Assert.Contains(await AuditOfAsync(user.Id), a => a.Action == "AuthenticatorReplaced");
    }

    [Fact]
    public async Task A_trainee_turns_it_off_with_the_password_and_then_signs_in_with_the_password_only()
    {
        var (user, _, _) = await EnabledThroughThePagesAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync(TwoFactorController.IndexPath, "/account/two-factor/turn-off", [new("TurnOff.Password", TestUsers.Password)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await UserAsync(user.Id)).TwoFactorEnabled);
        Assert.Contains(await AuditOfAsync(user.Id), a => a.Action == "TwoFactorDisabled");
        Assert.False((await factory.CreatePortalClient().LoginAsync(user.Email!, TestUsers.Password)).IsSecondStep());
    }

    [Fact]
    public async Task An_administrator_cannot_turn_it_off()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var client = await factory.SignedInAsync(admin.Email!, TestUsers.Password);

        Assert.Contains("Administrators must keep two-step sign-in on.", PortalClient.Decode(await client.GetStringAsync(TwoFactorController.IndexPath)), StringComparison.Ordinal);
        var token = await client.GetTokenAsync(TwoFactorController.IndexPath);
        var response = await client.PostAsync("/account/two-factor/turn-off", new FormUrlEncodedContent(
            [new("TurnOff.Password", TestUsers.Password), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TwoFactorController.AdministratorsKeepIt, PortalClient.Decode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await UserAsync(admin.Id)).TwoFactorEnabled);
    }

    [Fact]
    public async Task A_trainee_without_it_signs_in_with_the_password_only()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();

        var response = await client.LoginAsync(user.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_like_wrong_passwords()
    {
        var user = await factory.CreateAsync();
        var key = await factory.EnableTwoFactorAsync(user.Email!);
        var client = factory.CreatePortalClient();
        await client.LoginAsync(user.Email!, TestUsers.Password);
        var right = TotpCodes.Code(key, TotpCodes.StepAt(factory.Time.GetUtcNow()));
        var wrong = right == "000000" ? "999999" : "000000";

        string html = "";
        for (var i = 0; i < Web.Infrastructure.IdentitySetup.MaxFailedLogins; i++)
        {
            var path = i % 2 == 0 ? TwoFactorController.SignInPath : TwoFactorController.RecoveryPath;
            var field = i % 2 == 0 ? "Code" : "RecoveryCode";
            html = PortalClient.Decode(await (await client.PostFormAsync(TwoFactorController.SignInPath, path,
                [new(field, field == "Code" ? wrong : "AAAAA-BBBBB")])).Content.ReadAsStringAsync());
        }

        Assert.Contains("Too many failed sign-in attempts", html, StringComparison.Ordinal);
        Assert.NotNull((await UserAsync(user.Id)).LockoutEnd);
        var later = factory.CreatePortalClient();
        var password = await later.LoginAsync(user.Email!, TestUsers.Password);
        Assert.False(password.IsSecondStep()); // locked: the password is refused before any second step
        Assert.Contains("Too many failed sign-in attempts", PortalClient.Decode(await password.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_step_without_a_password_first_goes_back_to_sign_in()
    {
        var client = factory.CreatePortalClient();
        var response = await client.GetAsync(TwoFactorController.SignInPath);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_step_page_is_accessible()
    {
        var user = await factory.CreateAsync();
        await factory.EnableTwoFactorAsync(user.Email!);
        var client = factory.CreatePortalClient();
        await client.LoginAsync(user.Email!, TestUsers.Password);

        var html = await client.GetStringAsync(TwoFactorController.SignInPath);
        Assert.Contains("<label class=\"form-label\" for=\"Code\">6-digit code</label>", html, StringComparison.Ordinal);
        var input = Regex.Match(html, "<input[^>]*id=\"Code\"[^>]*>").Value;
        Assert.Contains("autocomplete=\"one-time-code\"", input, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", input, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/two-factor/recovery\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("remember", html, StringComparison.OrdinalIgnoreCase);

        var recovery = await client.GetStringAsync(TwoFactorController.RecoveryPath);
        Assert.Contains("<label class=\"form-label\" for=\"RecoveryCode\">Recovery code</label>", recovery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/two-factor/set-up")]
    [InlineData("/account/two-factor/recovery-codes")]
    [InlineData("/account/two-factor/turn-off")]
    [InlineData("/account/two-factor/sign-in")]
    [InlineData("/account/two-factor/recovery")]
    public async Task Every_post_needs_the_antiforgery_token(string path)
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostAsync(path, new FormUrlEncodedContent([new("Code", "123456"), new("Form.Code", "123456")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
