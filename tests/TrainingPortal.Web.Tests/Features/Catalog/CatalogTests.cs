using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Catalog;

/// <summary>The public program catalog: every program, what it takes under today's rules, its groups that have not ended; no person.</summary>
public sealed class CatalogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anyone_sees_every_program_with_its_summary_and_todays_requirements()
    {
        var (status, html) = await factory.AnonymousGetAsync("/programs");

        Assert.Equal(HttpStatusCode.OK, status);
        var today = factory.TodayInNewYork();
        foreach (var program in ProgramCatalog.Default.All)
        {
            var section = Section(html, program.Key);
            Assert.Contains(program.Title, section);
            Assert.Contains(program.Summary, section);
            var rules = RuleSetCatalog.Default.Current(program.Key, today)!;
            foreach (var requirement in rules.Requirements)
            {
                Assert.Contains(requirement.Title, section);
            }
        }
        // Level III under today's rules (version 2) has no exam; Level IV has one.
        Assert.DoesNotContain("exam", Section(html, DefaultRuleSets.Keys.ImhEndorsementL3), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("written exam", Section(html, DefaultRuleSets.Keys.ImhEndorsementL4), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Groups_are_listed_until_their_last_day_without_their_trainer_or_members()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var today = factory.TodayInNewYork();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using (var db = factory.NewContext())
        {
            var running = ConsultationGroup(today.AddDays(-70), weeks: 10, trainerId: trainer.Id, name: $"Running {tag}"); // ends within the next days
            running.EndDate = today;
            var ended = ConsultationGroup(today.AddDays(-80), weeks: 10, trainerId: trainer.Id, name: $"Ended {tag}");
            ended.EndDate = today.AddDays(-1);
            var upcoming = ConsultationGroup(today.AddDays(14), weeks: 20, trainerId: trainer.Id, name: $"Upcoming {tag}");
            var member = Person("catalog member");
            db.AddRange(running, ended, upcoming, member, Enroll(member, DefaultRuleSets.Keys.MioRostering, today.AddDays(-70), running));
            await db.SaveChangesAsync();
        }

        var (_, html) = await factory.AnonymousGetAsync("/programs");

        var mio = Section(html, DefaultRuleSets.Keys.MioRostering);
        Assert.Contains("(running)", Row(mio, $"Running {tag}"));
        Assert.DoesNotContain("(running)", Row(mio, $"Upcoming {tag}"));
        Assert.DoesNotContain($"Ended {tag}", html);
        Assert.DoesNotContain(trainer.DisplayName, html);
        Assert.DoesNotContain("catalog member", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Running " + tag, Section(html, DefaultRuleSets.Keys.ImhCourse));
    }

    [Fact]
    public async Task Someone_enrolled_nowhere_is_sent_to_the_catalog_and_every_page_links_it()
    {
        var person = await factory.CreateAsync();
        var home = await (await factory.SignedInAsync(person.Email!, TestUsers.Password)).GetStringAsync("/");
        Assert.Matches("data-testid=\"no-enrollments\"[^<]*<a href=\"/programs\">", home);
        var (_, login) = await factory.AnonymousGetAsync("/account/login");
        Assert.Contains("<a href=\"/programs\"", login);
    }

    private static string Row(string html, string name) =>
        Regex.Matches(html, "<tr data-testid=\"catalog-group\">.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Single(r => r.Contains(name, StringComparison.Ordinal));

    private static string Section(string html, string key) =>
        Regex.Match(html, $"data-program=\"{Regex.Escape(key)}\".*?</section>", RegexOptions.Singleline).Value is { Length: > 0 } s
            ? s
            : throw new Xunit.Sdk.XunitException($"no section for {key}");
}
