using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Unrecorded;

/// <summary>
/// Past meetings with no attendance recorded: listed for their trainer (every group for an administrator), flagged on
/// the trainer's home page and the group page; never a cancelled, future, under-way or recorded meeting, nor one of a
/// group with no members.
/// </summary>
public sealed class UnrecordedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Only_ended_unrecorded_meetings_of_groups_with_members_are_flagged_for_their_trainer_and_administrators()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var otherTrainer = await factory.CreateAsync(Roles.Trainer);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..6];
        int mine, recordedId, underWayId;
        await using (var db = factory.NewContext())
        {
            var member = Person("member");
            var otherMember = Person("other member");
            db.Users.AddRange(member, otherMember);
            var group = Group($"Mine {tag}", trainer.Id, now);
            var unrecorded = Meeting(group, now.AddDays(-3));
            var recorded = Meeting(group, now.AddDays(-2));
            Meeting(group, now.AddDays(-1)).Cancelled = true;
            var underWay = Meeting(group, now.AddMinutes(-10)); // 60 minutes long: ends in 50 minutes
            Meeting(group, now.AddDays(1));
            var empty = Group($"Empty {tag}", trainer.Id, now); // nobody enrolled: nothing to record
            Meeting(empty, now.AddDays(-3));
            var others = Group($"Others {tag}", otherTrainer.Id, now);
            Meeting(others, now.AddDays(-3));
            db.AddRange(group, empty, others);
            db.Enrollments.Add(Enroll(member, DefaultRuleSets.Keys.MioRostering, DateOnly.FromDateTime(now.AddDays(-30)), group));
            db.Enrollments.Add(Enroll(otherMember, DefaultRuleSets.Keys.MioRostering, DateOnly.FromDateTime(now.AddDays(-30)), others));
            db.Attendance.Add(new Attendance { Meeting = recorded, PersonId = member.Id, Mark = AttendanceMark.Present });
            await db.SaveChangesAsync();
            (mine, recordedId, underWayId) = (unrecorded.Id, recorded.Id, underWay.Id);
        }

        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        var list = await client.GetStringAsync("/meetings/unrecorded").ContinueWith(t => PortalClient.Decode(t.Result));
        var rows = Rows(list);
        var row = Assert.Single(rows);
        Assert.Contains($"Mine {tag}", row);
        Assert.Contains($"/meetings/{mine}/attendance", row);
        Assert.DoesNotContain($"Others {tag}", list);
        Assert.DoesNotContain($"Empty {tag}", list);

        var home = PortalClient.Decode(await client.GetStringAsync("/"));
        Assert.Contains("1 past meeting has no attendance recorded.", home);
        Assert.Contains("1 with no attendance recorded", home);
        var groupId = await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == mine).Select(m => m.GroupId).SingleAsync());
        var groupPage = PortalClient.Decode(await client.GetStringAsync($"/groups/{groupId}"));
        Assert.Equal(1, Regex.Count(groupPage, "data-testid=\"meeting-unrecorded\""));
        Assert.Contains("1 past meeting has no attendance recorded", groupPage);

        var (_, admin) = await factory.AdminAsync();
        var adminList = PortalClient.Decode(await admin.GetStringAsync("/meetings/unrecorded"));
        Assert.Contains($"Mine {tag}", adminList);
        Assert.Contains($"Others {tag}", adminList);
        Assert.DoesNotContain($"Empty {tag}", adminList);

        // Recording the meeting (one mark is enough) takes it off every list.
        await factory.WithDbAsync(async db =>
        {
            db.Attendance.Add(new Attendance { MeetingId = mine, PersonId = (await db.Enrollments.FirstAsync(e => e.GroupId == groupId)).PersonId, Mark = AttendanceMark.Absent });
            return await db.SaveChangesAsync();
        });
        Assert.Contains("Every past meeting has its attendance recorded.", PortalClient.Decode(await client.GetStringAsync("/meetings/unrecorded")));
        Assert.DoesNotContain("data-testid=\"unrecorded-flag\"", await client.GetStringAsync("/"));

        // The meeting under way is flagged from the minute it ends, not before.
        factory.Time.Advance(TimeSpan.FromMinutes(49));
        Assert.Empty(Rows(PortalClient.Decode(await client.GetStringAsync("/meetings/unrecorded"))));
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains($"/meetings/{underWayId}/attendance", Assert.Single(Rows(PortalClient.Decode(await client.GetStringAsync("/meetings/unrecorded")))));
        Assert.DoesNotContain($"/meetings/{recordedId}/attendance\">Record", adminList);
    }

    [Fact]
    public async Task Trainees_cannot_open_the_list()
    {
        var trainee = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);
        var response = await client.GetAsync("/meetings/unrecorded");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        Assert.DoesNotContain("Meetings with no attendance recorded", await response.Content.ReadAsStringAsync());
    }

    private static List<string> Rows(string html) =>
        [.. Regex.Matches(html, "<tr data-testid=\"unrecorded-meeting\".*?</tr>", RegexOptions.Singleline).Select(m => m.Value)];

    private static TrainingGroup Group(string name, string trainerId, DateTime now) => new()
    {
        Kind = GroupKind.MioConsultation,
        ProgramKey = DefaultRuleSets.Keys.MioRostering,
        Name = name,
        TrainerId = trainerId,
        StartDate = DateOnly.FromDateTime(now.AddDays(-30)),
        EndDate = DateOnly.FromDateTime(now.AddDays(30)),
        TimeZoneId = "America/New_York",
        DurationMinutes = 60,
    };

    private static Meeting Meeting(TrainingGroup group, DateTime startsUtc)
    {
        var meeting = new Meeting { StartsUtc = startsUtc, DurationMinutes = 60 };
        group.Meetings.Add(meeting);
        return meeting;
    }
}
