namespace TrainingPortal.Web.Tests.Features.RuleSets;

public sealed class RuleSetPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Administrator_sees_every_program_and_version()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        var html = PortalClient.Decode(await client.GetStringAsync("/admin/rule-sets"));

        foreach (var id in new[] { "mio-rostering/1", "mio-ttt/1", "imh-course/1", "imh-endorsement-l1/1", "imh-endorsement-l2/1",
                     "imh-endorsement-l3/1", "imh-endorsement-l3/2", "imh-endorsement-l4/1", "imh-renewal/1" })
        {
            Assert.Contains($"href=\"/admin/rule-sets/{id}\"", html);
        }
        Assert.Contains("for enrollments from 1 January 2025", html); // L3 version 2
    }

    [Fact]
    public async Task A_rule_set_shows_each_requirement_with_its_parameters()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        var html = PortalClient.Decode(await client.GetStringAsync("/admin/rule-sets/mio-rostering/1"));

        Assert.Contains("<code>consultation-attendance</code>", html);
        Assert.Contains("<code>classroom-hours</code>", html);
        Assert.Contains("<code>audio-clips</code>", html);
        Assert.Contains("70", html);
        Assert.Contains("current version", html);
    }

    [Fact]
    public async Task Level_three_version_two_has_no_exam_and_version_one_has()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        var v1 = PortalClient.Decode(await client.GetStringAsync("/admin/rule-sets/imh-endorsement-l3/1"));
        var v2 = PortalClient.Decode(await client.GetStringAsync("/admin/rule-sets/imh-endorsement-l3/2"));

        Assert.Contains("<code>exam</code>", v1);
        Assert.DoesNotContain("<code>exam</code>", v2);
    }

    [Fact]
    public async Task Unknown_rule_set_is_404()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/rule-sets/no-such-program/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/rule-sets/mio-rostering/9")).StatusCode);
    }

    [Theory]
    [InlineData("trainee@demo.local")]
    [InlineData("trainer@demo.local")]
    public async Task Trainees_and_trainers_are_denied(string email)
    {
        var client = await factory.SignedInAsync(email);

        var response = await client.GetAsync("/admin/rule-sets");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQuery);
    }
}
