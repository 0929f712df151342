namespace TrainingPortal.Web.Tests.Identity;

public sealed class CommonPasswordValidatorTests
{
    private static readonly CommonPasswordValidator Shipped = new(
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Identity", "common-passwords.txt")));

    [Fact]
    public void The_shipped_list_holds_at_least_10000_passwords_and_its_licence()
    {
        Assert.True(Shipped.Count >= 10_000, $"{Shipped.Count} passwords");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Identity", "common-passwords.LICENSE.txt")));
    }

    [Theory]
    [InlineData("password1234", false)]
    [InlineData("Password1234", false)]
    [InlineData("123qweasdzxc", false)]
    [InlineData("correct horse battery staple", true)]
    [InlineData("Demo-Portal-2026", true)]
    public async Task Common_passwords_are_refused_whatever_their_case(string password, bool accepted)
    {
        var result = await Shipped.ValidateAsync(null!, new AppUser(), password);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public async Task Long_passwords_are_allowed_up_to_128_characters(int length, bool accepted)
    {
        var result = await Shipped.ValidateAsync(null!, new AppUser(), new string('x', length - 1) + "y");

        Assert.Equal(accepted, result.Succeeded);
    }
}
