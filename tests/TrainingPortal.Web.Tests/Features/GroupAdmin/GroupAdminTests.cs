using System.Globalization;

namespace TrainingPortal.Web.Tests.Features.GroupAdmin;

/// <summary>Administrators create each kind of group; the meetings come from the weekly schedule.</summary>
public sealed class GroupAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPage = "/admin/groups/new";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(NewPage, [.. fields.Select(f => ("Form." + f.Key, f.Value))]);

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/groups/", location, StringComparison.Ordinal);
        return int.Parse(location["/groups/".Length..], CultureInfo.InvariantCulture);
    }

    private Task<TrainingGroup> GroupAsync(int id) =>
        factory.WithDbAsync(db => db.Groups.AsNoTracking().Include(g => g.Meetings).Include(g => g.SkipDates).SingleAsync(g => g.Id == id));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    [Fact]
    public async Task A_consultation_group_has_26_weekly_meetings_at_the_same_local_time_across_DST_minus_the_skip_dates()
    {
        var client = await AdminAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);

        // Monday 2026-03-02; New York moves its clocks forward on Sunday 2026-03-08.
        var response = await CreateAsync(client, ("Kind", "MioConsultation"), ("TrainerId", trainer.Id), ("StartDate", "2026-03-01"),
            ("MeetingDay", "Monday"), ("MeetingTime", "12:00"), ("TimeZoneId", "America/New_York"), ("SkipDates", "2026-05-25\r\n\r\n2026-07-06\r\n"));

        var group = await GroupAsync(IdFrom(response));
        Assert.Equal(GroupKind.MioConsultation, group.Kind);
        Assert.Equal(DefaultRuleSets.Keys.MioRostering, group.ProgramKey);
        Assert.Equal(trainer.Id, group.TrainerId);
        Assert.Equal(26, group.Weeks);
        Assert.Equal(60, group.DurationMinutes);
        Assert.Equal("MIO consultation group, Mondays 12:00 from 2026-03-01 (Test Trainer)", group.Name);
        var meetings = group.Meetings.OrderBy(m => m.StartsUtc).ToList();
        Assert.Equal(24, meetings.Count);
        Assert.All(meetings, m => Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(Local(m.StartsUtc, NewYork))));
        Assert.All(meetings, m => Assert.Equal(DayOfWeek.Monday, Local(m.StartsUtc, NewYork).DayOfWeek));
        Assert.Equal(new DateTime(2026, 3, 2, 17, 0, 0), meetings[0].StartsUtc); // EST, UTC−5
        Assert.Equal(new DateTime(2026, 3, 9, 16, 0, 0), meetings[1].StartsUtc); // EDT, UTC−4
        Assert.DoesNotContain(meetings, m => DateOnly.FromDateTime(Local(m.StartsUtc, NewYork)) is var d && (d == new DateOnly(2026, 5, 25) || d == new DateOnly(2026, 7, 6)));
        Assert.Equal([new DateOnly(2026, 5, 25), new DateOnly(2026, 7, 6)], group.SkipDates.Select(s => s.Date).Order());
        Assert.Equal(new DateOnly(2026, 3, 2).AddDays(7 * 25), group.EndDate); // the period is not extended by skipped weeks

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.EntityType == nameof(TrainingGroup) && a.EntityId == group.Id.ToString(CultureInfo.InvariantCulture) && a.Action == "Added"));
        Assert.Equal(1, audit);

        var page = PortalClient.Decode(await client.GetStringAsync($"/groups/{group.Id}"));
        Assert.Contains(group.Name, page);
        Assert.Contains("Mon 2 Mar 2026, 12:00 Eastern Time (UTC\u221205:00)", page);
        Assert.Contains("Mon 9 Mar 2026, 12:00 Eastern Time (UTC\u221204:00)", page);
        var list = PortalClient.Decode(await client.GetStringAsync("/admin/groups"));
        Assert.Contains(group.Name, list);
        Assert.Contains("MIO consultation group", list);
    }

    [Fact]
    public async Task Classroom_training_is_16_hours_in_two_or_four_weekly_parts()
    {
        var client = await AdminAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);

        var two = await GroupAsync(IdFrom(await CreateAsync(client, ("Kind", "MioClassroom"), ("TrainerId", trainer.Id),
            ("StartDate", "2026-10-01"), ("MeetingTime", "09:00"), ("TimeZoneId", "America/Chicago"))));
        var four = await GroupAsync(IdFrom(await CreateAsync(client, ("Kind", "MioClassroom"), ("TrainerId", trainer.Id), ("Name", "Fall classroom"),
            ("StartDate", "2026-10-01"), ("MeetingTime", "13:00"), ("TimeZoneId", "America/Chicago"), ("Weeks", "4"))));

        Assert.Equal(DefaultRuleSets.Keys.MioRostering, two.ProgramKey);
        Assert.Equal([480, 480], two.Meetings.Select(m => m.DurationMinutes));
        Assert.Equal(DayOfWeek.Thursday, two.MeetingDay); // the start date's weekday
        Assert.Equal(new DateOnly(2026, 10, 8), two.EndDate);
        Assert.Equal("Fall classroom", four.Name);
        Assert.Equal(4, four.Meetings.Count);
        Assert.All(four.Meetings, m => Assert.Equal(240, m.DurationMinutes));
        Assert.Equal(16 * 60, four.Meetings.Sum(m => m.DurationMinutes));
        // Chicago goes back to standard time on 2026-11-01: the fourth part (2026-10-22) is still CDT; all at 13:00 local.
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        Assert.All(four.Meetings, m => Assert.Equal(13, Local(m.StartsUtc, chicago).Hour));

        var wrong = await CreateAsync(client, ("Kind", "MioClassroom"), ("TrainerId", trainer.Id), ("StartDate", "2026-10-01"),
            ("MeetingTime", "09:00"), ("TimeZoneId", "America/Chicago"), ("Weeks", "3"));
        Assert.Contains("id=\"Form_Weeks-error\">Classroom training is 16 hours in 2 weekly parts of 8 hours or 4 weekly parts of 4 hours", await HtmlAsync(wrong));
    }

    [Fact]
    public async Task An_IMH_course_cohort_has_11_sessions_of_90_minutes_across_the_fall_DST_change_and_a_Train_the_Trainer_cohort_serves_its_program()
    {
        var client = await AdminAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);

        var course = await GroupAsync(IdFrom(await CreateAsync(client, ("Kind", "ImhCourseCohort"), ("TrainerId", trainer.Id), ("StartDate", "2026-09-15"),
            ("MeetingTime", "18:00"), ("TimeZoneId", "America/New_York"), ("Term", "Fall"), ("Year", "2026"))));
        Assert.Equal(DefaultRuleSets.Keys.ImhCourse, course.ProgramKey);
        Assert.Equal("IMH course Fall 2026", course.Name);
        Assert.Equal((CourseTerm?)CourseTerm.Fall, course.Term);
        Assert.Equal(2026, course.Year);
        Assert.Equal(11, course.Meetings.Count);
        Assert.All(course.Meetings, m => Assert.Equal(90, m.DurationMinutes));
        Assert.All(course.Meetings, m => Assert.Equal(new TimeOnly(18, 0), TimeOnly.FromDateTime(Local(m.StartsUtc, NewYork))));
        Assert.Equal(2, course.Meetings.Select(m => m.StartsUtc.Hour).Distinct().Count()); // 22:00 UTC in EDT, 23:00 UTC in EST
        Assert.Equal(new DateOnly(2026, 11, 24), course.EndDate);

        var ttt = await GroupAsync(IdFrom(await CreateAsync(client, ("Kind", "TrainTheTrainerCohort"), ("TrainerId", trainer.Id), ("StartDate", "2026-09-18"),
            ("MeetingTime", "13:00"), ("TimeZoneId", "Europe/London"), ("Weeks", "8"))));
        Assert.Equal(DefaultRuleSets.Keys.MioTrainTheTrainer, ttt.ProgramKey);
        Assert.Equal(8, ttt.Meetings.Count);
        Assert.All(ttt.Meetings, m => Assert.Equal(120, m.DurationMinutes));
        Assert.Null(ttt.Term);
    }

    [Fact]
    public async Task Bad_input_is_named_next_to_each_field_and_what_was_typed_is_kept()
    {
        var client = await AdminAsync();
        var trainee = await factory.CreateAsync();
        var before = await factory.WithDbAsync(db => db.Groups.CountAsync());

        var response = await CreateAsync(client, ("Kind", "MioConsultation"), ("TrainerId", trainee.Id), ("StartDate", "0001-01-01"),
            ("MeetingTime", "noon"), ("TimeZoneId", "Mars/Olympus_Mons"), ("Weeks", "200"), ("DurationMinutes", "5"),
            ("SkipDates", "2026-01-05\nnext tuesday\n2026-02-30"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains("id=\"Form_TrainerId-error\">That person is not a trainer: choose a trainer from the list.", html);
        Assert.Contains("id=\"Form_StartDate-error\">Enter a start date between 2000-01-01 and 2100-12-31.", html);
        Assert.Contains("id=\"Form_MeetingTime-error\">“noon” is not a time", html);
        Assert.Contains("id=\"Form_TimeZoneId-error\">Choose a time zone from the list.", html);
        Assert.Contains("id=\"Form_Weeks-error\">A group meets for 1 to 104 weeks.", html);
        Assert.Contains("id=\"Form_DurationMinutes-error\">A meeting lasts 15 to 600 minutes", html);
        Assert.Contains("Line 2: “next tuesday” is not a date", html);
        Assert.Contains("Line 3: “2026-02-30” is not a date", html);
        Assert.DoesNotContain("Line 1", html);
        Assert.Contains("value=\"0001-01-01\"", html);
        Assert.Contains("value=\"noon\"", html);
        Assert.Contains("value=\"200\"", html);
        Assert.Contains("next tuesday", html);
        Assert.Contains("data-testid=\"error-summary\"", html);

        var zero = await HtmlAsync(await CreateAsync(client, ("Kind", "MioConsultation"), ("TrainerId", trainee.Id), ("StartDate", "2026-13-01"),
            ("MeetingTime", "12:00"), ("TimeZoneId", "UTC"), ("Weeks", "0"), ("SkipDates", "2026-01-06")));
        Assert.Contains("id=\"Form_Weeks-error\">A group meets for 1 to 104 weeks.", zero);
        Assert.Contains("id=\"Form_StartDate-error\">“2026-13-01” is not a date", zero);

        var notOnSchedule = await HtmlAsync(await CreateAsync(client, ("Kind", "ImhCourseCohort"), ("TrainerId", trainee.Id), ("StartDate", "2026-01-05"),
            ("MeetingDay", "Monday"), ("MeetingTime", "12:00"), ("TimeZoneId", "UTC"), ("SkipDates", "2026-01-06"), ("Year", "nineteen")));
        Assert.Contains("Line 1: 2026-01-06 is not one of the schedule's meeting dates (Tuesday)", notOnSchedule);
        Assert.Contains("id=\"Form_Term-error\">Choose the course term.", notOnSchedule);
        Assert.Contains("id=\"Form_Year-error\"", notOnSchedule);

        var empty = await CreateAsync(client, ("Kind", ""), ("TrainerId", ""), ("StartDate", ""), ("MeetingTime", ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyHtml = await HtmlAsync(empty);
        Assert.Contains("id=\"Form_Kind-error\">Choose what kind of group this is.", emptyHtml);
        Assert.Contains("id=\"Form_TrainerId-error\">Choose the trainer who leads the group.", emptyHtml);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Theory]
    [InlineData(Roles.Trainee)]
    [InlineData(Roles.Trainer)]
    public async Task Trainees_and_trainers_are_denied_the_admin_screens(string role)
    {
        var user = await factory.CreateAsync(role);
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var token = await client.GetTokenAsync("/profile");
        var before = await factory.WithDbAsync(db => db.Groups.CountAsync());

        foreach (var path in new[] { "/admin/groups", NewPage })
        {
            var get = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("/account/access-denied", get.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        var post = await client.PostAsync(NewPage, new FormUrlEncodedContent(
        [
            new("Form.Kind", "MioConsultation"), new("Form.TrainerId", user.Id), new("Form.StartDate", "2026-03-02"),
            new("Form.MeetingTime", "12:00"), new("Form.TimeZoneId", "UTC"), new("__RequestVerificationToken", token),
        ]));
        Assert.StartsWith("/account/access-denied", post.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Groups.CountAsync()));
        Assert.DoesNotContain("/admin/groups", await client.GetStringAsync("/profile"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_each_groups_trainer_dates_and_member_count()
    {
        var client = await AdminAsync();
        var trainer = await factory.CreateAsync(Roles.Trainer);
        int id;
        await using (var db = factory.NewContext())
        {
            var group = TrainingData.ConsultationGroup(new DateOnly(2031, 1, 6), trainerId: trainer.Id, name: "Listed group " + Guid.NewGuid().ToString("N")[..6]);
            db.Groups.Add(group);
            for (var i = 0; i < 3; i++)
            {
                var person = TrainingData.Person("member");
                db.AddRange(person, TrainingData.Enroll(person, DefaultRuleSets.Keys.MioRostering, new DateOnly(2031, 1, 1), group));
            }
            await db.SaveChangesAsync();
            id = group.Id;
        }

        var html = PortalClient.Decode(await client.GetStringAsync("/admin/groups"));
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-group=\"{id}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("Test Trainer", row);
        Assert.Contains("Mon 6 Jan 2031", row);
        Assert.Contains("<td data-testid=\"members\">3</td>", row);
        Assert.Contains("Eastern Time", row);
        Assert.Contains("href=\"/admin/groups/new\"", html);
        Assert.Contains("href=\"/admin/groups\"", html); // the menu link

        var unknownKind = await client.GetAsync("/admin/groups/new?kind=bogus");
        Assert.Equal(HttpStatusCode.OK, unknownKind.StatusCode);
        Assert.DoesNotContain("error-summary", await unknownKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<option value=\"ImhCourseCohort\" selected=\"selected\">", await client.GetStringAsync("/admin/groups/new?kind=ImhCourseCohort"), StringComparison.Ordinal);
    }
}
