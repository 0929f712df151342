using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Calendar;

/// <summary>The personal iCalendar feed at a secret address.</summary>
public sealed class CalendarFeedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private async Task<(HttpClient Client, int Meetings, int Cancelled, string Name)> MemberOfAGroupAsync()
    {
        var user = await factory.CreateAsync();
        var name = $"Feed group {Guid.NewGuid():N}";
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == user.Id);
            var group = ConsultationGroup(Today.AddDays(-70), weeks: 20, name: name);
            group.Meetings[^1].Cancelled = true;
            db.AddRange(group, Enroll(person, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-80), group));
            await db.SaveChangesAsync();
        }
        var from = factory.Time.GetUtcNow().UtcDateTime.AddDays(-30);
        var expected = await factory.WithDbAsync(db => db.Meetings.CountAsync(m => m.Group!.Name == name && m.StartsUtc >= from));
        return (await factory.SignedInAsync(user.Email!, TestUsers.Password), expected, 1, name);
    }

    private static async Task<string> CreateAddressAsync(HttpClient client)
    {
        var response = await client.PostFormAsync("/profile/calendar");
        var html = await response.Content.ReadAsStringAsync();
        var match = Regex.Match(html, "id=\"calendar-url\" class=\"form-control\" readonly value=\"(https://[^\"]+)\"");
        Assert.True(match.Success, "no calendar address on the page");
        return new Uri(match.Groups[1].Value).PathAndQuery;
    }

    [Fact]
    public async Task The_feed_lists_the_persons_meetings_and_marks_cancelled_ones()
    {
        var (client, meetings, cancelled, name) = await MemberOfAGroupAsync();
        var address = await CreateAddressAsync(client);

        var response = await factory.CreatePortalClient().GetAsync(address); // no cookie: calendar apps do not sign in

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(meetings, calendar.Events.Count);
        Assert.Equal(cancelled, calendar.Events.Count(e => e.Status == "CANCELLED"));
        Assert.All(calendar.Events, e => Assert.Equal(name, e.Summary));
        Assert.InRange(meetings, 10, 16); // of the 20 weekly meetings, those older than 30 days are left out

        Assert.All(calendar.Events, e => Assert.Equal(60, (e.End!.AsUtc - e.Start!.AsUtc).TotalMinutes));
    }

    [Fact]
    public async Task The_feed_and_my_schedule_carry_the_groups_link_and_place_escaped()
    {
        var (client, _, _, name) = await MemberOfAGroupAsync();
        const string Place = "Room 4, Main St; back door\\side";
        await factory.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Name == name);
            group.MeetingLink = "https://meet.example.org/group-12?pwd=a,b";
            group.MeetingPlace = Place;
            return await db.SaveChangesAsync();
        });
        var address = await CreateAddressAsync(client);

        var text = await (await factory.CreatePortalClient().GetAsync(address)).Content.ReadAsStringAsync();

        Assert.Contains("Room 4\\, Main St\\; back door\\\\side", text.Replace("\r\n ", "", StringComparison.Ordinal)); // RFC 5545 text escaping
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.All(calendar.Events, e =>
        {
            Assert.Equal("https://meet.example.org/group-12?pwd=a,b", e.Location);
            Assert.Contains("Join online: https://meet.example.org/group-12?pwd=a,b", e.Description, StringComparison.Ordinal);
            Assert.Contains("Place: " + Place, e.Description, StringComparison.Ordinal);
        });
        var schedule = PortalClient.Decode(await client.GetStringAsync("/schedule"));
        Assert.Contains("href=\"https://meet.example.org/group-12?pwd=a,b\"", schedule);
        Assert.Contains(Place, schedule);
    }

    [Fact]
    public async Task A_new_address_makes_the_old_one_stop_working()
    {
        var (client, _, _, _) = await MemberOfAGroupAsync();
        var first = await CreateAddressAsync(client);
        var second = await CreateAddressAsync(client);
        var anonymous = factory.CreatePortalClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
    }

    [Theory]
    [InlineData("/calendar/nothing.ics")]
    [InlineData("/calendar/.abc.ics")]
    [InlineData("/calendar/someone.wrongsecret.ics")]
    public async Task Wrong_addresses_answer_404(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_guessed_secret_for_a_real_person_answers_404_and_the_secret_is_stored_hashed()
    {
        var (client, _, _, _) = await MemberOfAGroupAsync();
        var address = await CreateAddressAsync(client);
        var userId = address.Split('/')[2].Split('.')[0];
        var secret = address.Split('.')[1];

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/calendar/{userId}.{secret}x.ics")).StatusCode);
        var stored = await factory.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == userId).Select(t => t.Value).SingleAsync());
        Assert.DoesNotContain(secret, stored!);
        Assert.Equal(64, stored!.Length);
    }
}
