using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Identity;

/// <summary>
/// Context-specific passwords are refused (ASVS V6.2.11): the e-mail address, its local part, the person's name, or
/// anything containing "TrainingPortal" — on registration, change and reset, next to the field.
/// </summary>
public sealed class ContextPasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Name = "Robin Ellis Fairweather";

    private static (string, string)[] Form(string email, string password) =>
        [("DisplayName", Name), ("Email", email), ("Password", password), ("ConfirmPassword", password)];

    public static TheoryData<string, string> Refused() => new()
    {
        { "{email}", "e-mail address or your name" },
        { "{EMAIL}", "e-mail address or your name" },
        { "{local}", "e-mail address or your name" },
        { "robin ellis fairweather", "e-mail address or your name" },
        { "Robin-Ellis-Fairweather!", "e-mail address or your name" },
        { "MyTrainingPortal-2026", "portal's name (TrainingPortal)" },
        { "training portal rocks", "portal's name (TrainingPortal)" },
    };

    private static string Fill(string pattern, string email) => pattern
        .Replace("{email}", email, StringComparison.Ordinal)
        .Replace("{EMAIL}", email.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{local}", email[..email.IndexOf('@', StringComparison.Ordinal)], StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Registration_refuses_a_context_specific_password_next_to_the_field(string pattern, string message)
    {
        var email = $"robin.ellis-{Guid.NewGuid():N}@test.local";

        var response = await factory.CreatePortalClient().PostFormAsync("/account/register", Form(email, Fill(pattern, email)));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"id=\"Password-error\">[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.Null(await factory.FindAsync(email));
    }

    [Fact]
    public async Task The_demo_password_and_ordinary_passphrases_stay_valid()
    {
        var email = $"robin.ellis-{Guid.NewGuid():N}@test.local";

        var response = await factory.CreatePortalClient().PostFormAsync("/account/register", Form(email, PortalClient.DemoPassword));

        Assert.Contains("Check your e-mail", await response.Content.ReadAsStringAsync());
        Assert.NotNull(await factory.FindAsync(email));
    }

    [Fact]
    public async Task Changing_the_password_to_ones_own_address_is_refused_next_to_the_new_password()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/account/change-password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", user.Email!), ("ConfirmPassword", user.Email!));

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"NewPassword-error\">[^<]*e-mail address or your name", html);
    }

    [Fact]
    public async Task A_reset_to_the_portals_name_is_refused_next_to_the_password()
    {
        var user = await factory.CreateAsync();
        var client = factory.CreatePortalClient();
        await client.PostFormAsync("/account/forgot-password", ("Email", user.Email!));
        var link = factory.LastTo(user.Email!).LinkPath();
        var query = Mail.Query(link);

        var response = await client.PostFormAsync(link, "/account/reset-password",
            [new("UserId", query["userId"]), new("Code", query["code"]), new("Password", "Training Portal 2026"), new("ConfirmPassword", "Training Portal 2026")]);

        Assert.Matches("id=\"Password-error\">[^<]*portal's name", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("dana.reyes@example.org", "Dana Reyes", "DANA.REYES@EXAMPLE.ORG", false)]
    [InlineData("dana.reyes@example.org", "Dana Reyes", "dana-reyes", false)]
    [InlineData("dana.reyes@example.org", "Dana Reyes", "Dana Reyes and her garden", true)]
    [InlineData("dana.reyes@example.org", "Dana Reyes", "Demo-Portal-2026", true)]
    [InlineData("dana.reyes@example.org", "Dana Reyes", "trainingportal", false)]
    [InlineData("x@example.org", "", "!!!!!!!!!!!!", true)]
    public async Task The_validator_compares_without_case_spaces_or_punctuation(string email, string name, string password, bool valid)
    {
        var result = await factory.WithScopeAsync(services => new ContextPasswordValidator().ValidateAsync(
            services.GetRequiredService<UserManager<AppUser>>(), new AppUser { Email = email, UserName = email, DisplayName = name, CertificateName = name }, password));

        Assert.Equal(valid, result.Succeeded);
    }
}
