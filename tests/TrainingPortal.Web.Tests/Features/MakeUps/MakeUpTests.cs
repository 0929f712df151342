using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.MakeUps;

/// <summary>Make-ups for missed course sessions: logging, the rules, removal, per-record access, the sessions figure.</summary>
public sealed class MakeUpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Today in the portal's zone, as the pages judge it (PortalClock.Today).</summary>
    private DateOnly Today => factory.PortalToday();

    /// <summary>Members: 0 absent, 1 excused, 2 present, 3 unmarked at <see cref="Past"/>; every earlier session attended.</summary>
    private sealed record Setup(AppUser Trainer, TrainingGroup Group, IReadOnlyList<AppUser> Members, IReadOnlyList<Enrollment> Enrollments, Meeting Past, Meeting Future);

    /// <summary>An IMH course cohort that started six weeks ago (11 weekly sessions, 6 held).</summary>
    private async Task<Setup> CohortAsync()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 6 + 1);
        var group = CourseCohort(start);
        group.TrainerId = trainer.Id;
        db.Add(group);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var held = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).ToList();
        var past = held[^1];
        var future = group.Meetings.Where(m => m.StartsUtc > now).OrderBy(m => m.StartsUtc).First();
        var people = new List<AppUser>();
        var enrollments = new List<Enrollment>();
        var marks = new AttendanceMark?[] { AttendanceMark.Absent, AttendanceMark.Excused, AttendanceMark.Present, null };
        for (var i = 0; i < marks.Length; i++)
        {
            var person = Person($"c{i}");
            person.DisplayName = $"Member {i}";
            var enrollment = Enroll(person, DefaultRuleSets.Keys.ImhCourse, start.AddDays(-10), group);
            people.Add(person);
            enrollments.Add(enrollment);
            db.AddRange(person, enrollment);
            foreach (var m in held.Take(held.Count - 1))
            {
                db.Attendance.Add(new Attendance { Meeting = m, PersonId = person.Id, Mark = AttendanceMark.Present });
            }
            if (marks[i] is { } mark)
            {
                db.Attendance.Add(new Attendance { Meeting = past, PersonId = person.Id, Mark = mark });
            }
        }
        await db.SaveChangesAsync();
        return new Setup(trainer, group, people, enrollments, past, future);
    }

    private static string Url(Setup s, Meeting m) => $"/groups/{s.Group.Id}/meetings/{m.Id}/make-ups";

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, Setup s, Meeting m, string? personId, string? note)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (personId is not null)
        {
            fields.Add(new("PersonId", personId));
        }
        if (note is not null)
        {
            fields.Add(new("Note", note));
        }
        return client.PostFormAsync("/", Url(s, m), fields);
    }

    private Task<List<SessionMakeUp>> StoredAsync(Meeting m) =>
        factory.WithDbAsync(db => db.SessionMakeUps.AsNoTracking().Where(x => x.MeetingId == m.Id).ToListAsync());

    private Task<decimal> SessionsFigureAsync(Enrollment e) =>
        factory.WithScopeAsync(async sp =>
        {
            var verdicts = await sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([e.Id]);
            return verdicts.Single().Verdict["sessions"]!.Current;
        });

    [Fact]
    public async Task The_instructor_logs_a_make_up_for_an_absent_member_and_it_is_listed_and_audited()
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var page = PortalClient.Decode(await client.GetStringAsync(Url(s, s.Past)));
        Assert.Contains("<label class=\"form-label\" for=\"PersonId\">Member</label>", page);
        Assert.Contains("<label class=\"form-label\" for=\"Note\">How the session was made up</label>", page);
        Assert.Contains($"value=\"{s.Members[0].Id}\"", page);
        Assert.Contains($"value=\"{s.Members[1].Id}\"", page);
        Assert.DoesNotContain($"value=\"{s.Members[2].Id}\"", page); // present
        Assert.DoesNotContain($"value=\"{s.Members[3].Id}\"", page); // not marked

        var response = await AddAsync(client, s, s.Past, s.Members[0].Id, "  Watched the recording and discussed it.  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = Assert.Single(await StoredAsync(s.Past));
        Assert.Equal(s.Members[0].Id, stored.PersonId);
        Assert.Equal("Watched the recording and discussed it.", stored.Note);
        Assert.Equal(s.Trainer.Id, stored.LoggedById);
        var audits = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(SessionMakeUp) && a.ActorId == s.Trainer.Id && a.EntityId == stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, audits);
        var after = PortalClient.Decode(await client.GetStringAsync(Url(s, s.Past)));
        Assert.Contains("data-testid=\"make-up\"", after);
        Assert.Contains("Watched the recording and discussed it.", after);
        Assert.DoesNotContain($"<option value=\"{s.Members[0].Id}\"", after); // no second make-up offered
    }

    [Fact]
    public async Task Logging_a_make_up_moves_the_members_sessions_figure_by_one()
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var before = await SessionsFigureAsync(s.Enrollments[1]);

        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, s, s.Past, s.Members[1].Id, "Excused; did the reading and a call.")).StatusCode);

        Assert.Equal(before + 1, await SessionsFigureAsync(s.Enrollments[1]));
        Assert.Equal(await SessionsFigureAsync(s.Enrollments[0]), before); // the absent member without a make-up is unchanged
    }

    [Theory]
    [InlineData(2, "Note", "Only a member marked absent or excused at this meeting can make it up.")] // present
    [InlineData(3, "Note", "Only a member marked absent or excused at this meeting can make it up.")] // not marked
    [InlineData(-1, "Note", "Only a member marked absent or excused at this meeting can make it up.")] // not a member at all
    [InlineData(null, "Note", "Choose the member who made up this session.")]
    [InlineData(0, null, "Say how the session was made up")]
    [InlineData(0, "   ", "Say how the session was made up")]
    [InlineData(0, "long", "Keep the note to 2,000 characters (you typed 2,001).")]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_stored(int? member, string? note, string message)
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        var personId = member switch { null => null, -1 => "no-such-person", _ => s.Members[member.Value].Id };
        note = note == "long" ? new string('x', 2001) : note;

        var response = await AddAsync(client, s, s.Past, personId, note);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await StoredAsync(s.Past));
    }

    [Fact]
    public async Task A_make_up_cannot_be_logged_twice()
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, s, s.Past, s.Members[0].Id, "First")).StatusCode);

        var again = await AddAsync(client, s, s.Past, s.Members[0].Id, "Second");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("A make-up is already logged for this member at this meeting.", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
        Assert.Equal("First", Assert.Single(await StoredAsync(s.Past)).Note);
    }

    [Fact]
    public async Task A_future_or_cancelled_meeting_takes_no_make_up()
    {
        var s = await CohortAsync();
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == s.Past.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Cancelled, true)));
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var future = await AddAsync(client, s, s.Future, s.Members[0].Id, "Too early");
        var cancelled = await AddAsync(client, s, s.Past, s.Members[0].Id, "Cancelled");

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("This meeting has not taken place yet.", PortalClient.Decode(await future.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, cancelled.StatusCode);
        Assert.Contains("This meeting was cancelled", PortalClient.Decode(await cancelled.Content.ReadAsStringAsync()));
        Assert.Empty(await StoredAsync(s.Future));
        Assert.Empty(await StoredAsync(s.Past));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url(s, s.Future))).StatusCode);
    }

    [Fact]
    public async Task A_make_up_is_removed_and_the_removal_is_audited()
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        await AddAsync(client, s, s.Past, s.Members[0].Id, "Logged by mistake");
        var id = Assert.Single(await StoredAsync(s.Past)).Id;

        var response = await client.PostFormAsync(Url(s, s.Past), $"{Url(s, s.Past)}/{id}/remove", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await StoredAsync(s.Past));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(SessionMakeUp) && a.Action == "Deleted" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/", $"{Url(s, s.Past)}/{id}/remove", [])).StatusCode);
    }

    [Fact]
    public async Task Another_trainers_cohort_answers_404_and_a_trainee_is_denied()
    {
        var s = await CohortAsync();
        var owner = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);
        await AddAsync(owner, s, s.Past, s.Members[0].Id, "Owner's");
        var id = Assert.Single(await StoredAsync(s.Past)).Id;
        var other = await factory.CreateAsync(Roles.Trainer);
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(s, s.Past))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AddAsync(client, s, s.Past, s.Members[1].Id, "Not mine")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/", $"{Url(s, s.Past)}/{id}/remove", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/groups/{s.Group.Id}/meetings/999999/make-ups")).StatusCode);
        Assert.Single(await StoredAsync(s.Past));

        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Url(s, s.Past))).StatusCode);

        var trainee = await factory.SignedInAsync("trainee3@demo.local");
        var denied = await trainee.GetAsync(Url(s, s.Past));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_consultation_group_has_no_make_ups()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-30), trainerId: trainer.Id);
        db.Add(group);
        await db.SaveChangesAsync();
        var client = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/groups/{group.Id}/meetings/{group.Meetings[0].Id}/make-ups")).StatusCode);
        Assert.DoesNotContain("make-ups-link", await client.GetStringAsync($"/groups/{group.Id}"));
    }

    [Fact]
    public async Task The_cohort_page_links_each_held_sessions_make_ups()
    {
        var s = await CohortAsync();
        var client = await factory.SignedInAsync(s.Trainer.Email!, TestUsers.Password);

        var html = await client.GetStringAsync($"/groups/{s.Group.Id}");

        Assert.Contains($"href=\"{Url(s, s.Past)}\"", html);
        Assert.DoesNotContain($"href=\"{Url(s, s.Future)}\"", html);
    }
}
