using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Home;

/// <summary>The trainee's home page shows their own standing in each program, read from the database.</summary>
public sealed class TraineeHomeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateOnly GroupStart = new(2025, 12, 1); // 20 weekly calls, the period ended in April 2026

    private async Task<AppUser> MioClinicianAsync(int attended)
    {
        var user = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var person = await db.Users.SingleAsync(u => u.Id == user.Id);
        var group = ConsultationGroup(GroupStart, name: "Tuesday consultation group");
        var classroom = Classroom(GroupStart.AddDays(-14));
        db.AddRange(group, classroom, Enroll(person, DefaultRuleSets.Keys.MioRostering, GroupStart.AddDays(-20), group, classroom));
        AddMioRecords(db, person, group, classroom, attended);
        await db.SaveChangesAsync();
        return user;
    }

    private static IEnumerable<(string Key, string Status, string Figure)> Requirements(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html,
                "data-key=\"(?<key>[^\"]+)\" data-status=\"(?<status>[^\"]+)\"[\\s\\S]*?data-testid=\"figure\">(?<figure>[^<]+)<")
            .Select(m => (m.Groups["key"].Value, m.Groups["status"].Value, m.Groups["figure"].Value));

    [Fact]
    public async Task An_eligible_clinician_sees_every_requirement_met_with_figures()
    {
        var user = await MioClinicianAsync(attended: 14);
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync("/"));

        Assert.Contains("MIO clinician training: rostering", html);
        Assert.Contains("Tuesday consultation group", html);
        Assert.Contains("data-testid=\"overall-status\">All requirements met<", html);
        var requirements = Requirements(html).ToList();
        Assert.Equal(["classroom-hours", "consultation-attendance", "training-cases-begun", "training-case-dose", "consent-and-recording", "audio-clips"],
            requirements.Select(r => r.Key));
        Assert.All(requirements, r => Assert.Equal("Met", r.Status));
        Assert.Contains(requirements, r => r.Key == "consultation-attendance" && r.Figure == "14 / 14 calls");
        Assert.Contains(requirements, r => r.Key == "classroom-hours" && r.Figure == "16 / 16 hours");
        Assert.Contains("You attended 14 of 20 consultation calls (70%)", html);
        Assert.Contains("<progress class=\"tp-progress\" max=\"100\" value=\"100\"", html);
    }

    [Fact]
    public async Task One_call_short_says_so_and_what_to_do()
    {
        var user = await MioClinicianAsync(attended: 13);
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync("/"));

        Assert.Contains("data-testid=\"overall-status\">Cannot be completed under these rules<", html);
        Assert.Contains(Requirements(html), r => r.Key == "consultation-attendance" && r.Status == "NotMet" && r.Figure == "13 / 14 calls");
        Assert.Contains("data-testid=\"next-step\"", html);
        Assert.Contains("Can no longer be met", html);
        Assert.Contains("<progress class=\"tp-progress\" max=\"100\" value=\"92\"", html); // 13 of 14
    }

    [Fact]
    public async Task A_trainee_sees_only_their_own_enrollments()
    {
        await MioClinicianAsync(attended: 14);
        var other = await factory.CreateAsync();
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        var html = await client.GetStringAsync("/");

        Assert.Contains("data-testid=\"no-enrollments\"", html);
        Assert.DoesNotContain("data-testid=\"enrollment\"", html);
    }
}
