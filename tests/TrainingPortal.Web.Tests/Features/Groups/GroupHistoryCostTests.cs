using TrainingPortal.Web.Tests.Features.Approvals;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Groups;

/// <summary>
/// A trainer's group page and attendance screen cost the same whatever the members' history: they read the members'
/// stored standings and evaluate live only those not current (one batch).
/// </summary>
public sealed class GroupHistoryCostTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Group page: the group with its trainer, the meetings with their mark counts, the members with their stored standings.</summary>
    public const int GroupPageReads = 3;

    /// <summary>Attendance screen: the meeting with its group and last saver, the members with their stored standings, this meeting's marks.</summary>
    public const int AttendanceReads = 3;

    private CommandCounter Counter => factory.Services.GetRequiredService<CommandCounter>();

    /// <summary>A 26-week consultation group 13 weeks in, with 4 members; with <paramref name="years"/> each member also has that many earlier yearly groups of 26 meetings attended, and weekly hours entries.</summary>
    private async Task<(TrainingGroup Group, int MeetingId)> GroupAsync(AppUser trainer, string name, int years)
    {
        await using var db = factory.NewContext();
        var today = factory.TodayInNewYork();
        var start = today.AddDays(-7 * 13 - 1);
        var group = ConsultationGroup(start, weeks: 26, trainerId: trainer.Id, name: name);
        var classroom = Classroom(start.AddDays(-14));
        db.AddRange(group, classroom);
        for (var i = 0; i < 4; i++)
        {
            var person = Person($"{name}-member{i}");
            db.AddRange(person, Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group, classroom));
            AddMioRecords(db, person, group, classroom, attended: 10 - i, markedBefore: today);
            for (var year = years; year >= 1; year--)
            {
                var old = ConsultationGroup(today.AddYears(-year), weeks: 26, name: $"{name} {year} years ago");
                db.Groups.Add(old);
                foreach (var m in old.Meetings)
                {
                    db.Attendance.Add(new Attendance { Meeting = m, PersonId = person.Id, Mark = AttendanceMark.Present });
                }
                for (var week = 0; week < 52; week++)
                {
                    db.TrainingHours.Add(new TrainingHoursRecord { PersonId = person.Id, Date = today.AddYears(-year).AddDays(7 * week), Hours = 1, Title = "Session" });
                }
            }
        }
        await db.SaveChangesAsync();
        var held = group.Meetings.Where(m => m.StartsUtc < factory.Time.GetUtcNow().UtcDateTime).OrderBy(m => m.StartsUtc).Last();
        return (group, held.Id);
    }

    private async Task<int> CountAsync(HttpClient client, string path)
    {
        Counter.Reset();
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Counter.Count;
    }

    [Fact]
    public async Task Group_page_and_attendance_screen_cost_the_same_for_members_with_five_years_of_records()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var (fresh, freshMeeting) = await GroupAsync(trainer, "New", years: 0);
        var (veteran, veteranMeeting) = await GroupAsync(trainer, "Veteran", years: 5);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var pages = new[]
        {
            (Path: $"/groups/{fresh.Id}", Other: $"/groups/{veteran.Id}", Reads: GroupPageReads),
            (Path: $"/groups/{fresh.Id}/meetings/{freshMeeting}/attendance", Other: $"/groups/{veteran.Id}/meetings/{veteranMeeting}/attendance", Reads: AttendanceReads),
        };
        foreach (var page in pages)
        {
            await client.GetStringAsync(page.Path); // views compiled
        }

        await factory.RefreshDueAsync();
        foreach (var page in pages)
        {
            Assert.Equal(page.Reads, await CountAsync(client, page.Path));
            Assert.Equal(page.Reads, await CountAsync(client, page.Other));
        }

        // Standings not current (evidence changed, or a new day): one live batch, still the same for both.
        await factory.WithDbAsync(db => db.Standings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true)));
        foreach (var page in pages)
        {
            Assert.Equal(page.Reads + EvidenceLoader.QueryCount, await CountAsync(client, page.Path));
            Assert.Equal(page.Reads + EvidenceLoader.QueryCount, await CountAsync(client, page.Other));
        }
    }

    [Fact]
    public async Task The_group_page_shows_the_same_standings_from_stored_verdicts_as_live()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var (group, meeting) = await GroupAsync(trainer, "Same", years: 1);
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        await factory.RefreshDueAsync();
        await factory.WithDbAsync(db => db.Standings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true)));
        var livePage = await client.GetStringAsync($"/groups/{group.Id}");
        var liveScreen = await client.GetStringAsync($"/groups/{group.Id}/meetings/{meeting}/attendance");

        await factory.RefreshDueAsync();
        var storedPage = await client.GetStringAsync($"/groups/{group.Id}");
        var storedScreen = await client.GetStringAsync($"/groups/{group.Id}/meetings/{meeting}/attendance");

        Assert.Contains("data-testid=\"member\"", storedPage);
        Assert.Equal(MainOf(livePage), MainOf(storedPage));
        Assert.Equal(MainOf(Tokenless(liveScreen)), MainOf(Tokenless(storedScreen)));
    }

    private static string MainOf(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        return html[start..end];
    }

    private static string Tokenless(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"", "");
}
