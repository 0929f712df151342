using System.Globalization;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Meetings;
using TrainingPortal.Web.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Meetings;

/// <summary>One meeting is moved, cancelled or un-cancelled by an administrator or the group's own trainer.</summary>
public sealed class MeetingChangeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private sealed record Setup(AppUser Trainer, TrainingGroup Group, AppUser Member, int EnrollmentId, Meeting Past, Meeting Future);

    /// <summary>A 20-week group (Mondays 12:00 New York) that started 10 weeks ago; one member, present at the past meetings but the last.</summary>
    private async Task<Setup> GroupAsync(int weeks = 20)
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var start = Today.AddDays(-7 * 10 - 1);
        var group = ConsultationGroup(start, weeks: weeks, trainerId: trainer.Id, name: "Move group " + Guid.NewGuid().ToString("N")[..6]);
        var member = Person("member");
        var enrollment = Enroll(member, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group);
        db.AddRange(group, member, enrollment);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var past = group.Meetings.Where(m => m.StartsUtc < now.AddDays(-2)).OrderBy(m => m.StartsUtc).ToList();
        foreach (var m in past)
        {
            db.Attendance.Add(new Attendance { Meeting = m, PersonId = member.Id, Mark = m == past[^1] ? AttendanceMark.Absent : AttendanceMark.Present });
        }
        await db.SaveChangesAsync();
        // An upcoming meeting on a later day: one later today already counts as held (a standing as of D is the
        // standing at the end of day D), so moving it into the past would not change the held count.
        var today = GroupSchedule.LocalDate(now, NewYork);
        var future = group.Meetings.Where(m => GroupSchedule.LocalDate(m.StartsUtc, NewYork) > today).OrderBy(m => m.StartsUtc).First();
        return new Setup(trainer, group, member, enrollment.Id, past[^1], future);
    }

    private static string Url(Setup s, Meeting m) => $"/groups/{s.Group.Id}/meetings/{m.Id}";

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, Setup s, Meeting m, string date, string time, bool confirmPast = false) =>
        await PostAsync(client, Url(s, m) + "/move", await client.GetStringAsync(Url(s, m)), "Move",
            [new("Move.Date", date), new("Move.Time", time), new("Move.ConfirmPast", confirmPast ? "true" : "false")]);

    private static async Task<HttpResponseMessage> CancelAsync(HttpClient client, Setup s, Meeting m, bool confirm = true) =>
        await PostAsync(client, Url(s, m) + "/cancel", await client.GetStringAsync(Url(s, m)), "Cancel", [new("Cancel.Confirm", confirm ? "true" : "false")]);

    private static async Task<HttpResponseMessage> RestoreAsync(HttpClient client, Setup s, Meeting m) =>
        await PostAsync(client, Url(s, m) + "/restore", await client.GetStringAsync(Url(s, m)), "Restore", []);

    /// <summary>Posts one of the page's forms as the browser would: with the page's antiforgery token and the version the page showed.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string action, string page, string form, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var version = Regex.Match(page, $"name=\"{form}.Version\" value=\"([^\"]+)\"");
        Assert.True(version.Success, $"No {form}.Version on the page");
        return client.PostAsync(action, new FormUrlEncodedContent([.. fields, new($"{form}.Version", version.Groups[1].Value), new("__RequestVerificationToken", token)]));
    }

    private Task<Meeting> MeetingAsync(int id) => factory.WithDbAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    private async Task<HttpClient> SignInAsync(AppUser user) => await factory.SignedInAsync(user.Email!, TestUsers.Password);

    [Fact]
    public async Task The_trainer_moves_a_future_meeting_to_a_new_local_date_and_time()
    {
        var s = await GroupAsync();
        var client = await SignInAsync(s.Trainer);
        var page = PortalClient.Decode(await client.GetStringAsync($"/groups/{s.Group.Id}"));
        Assert.Contains($"href=\"{Url(s, s.Future)}\"", page);

        var target = DateOnly.FromDateTime(s.Future.StartsUtc).AddDays(2);
        var response = await MoveAsync(client, s, s.Future, target.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "15:30");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/groups/{s.Group.Id}", response.Headers.Location!.OriginalString);
        var moved = await MeetingAsync(s.Future.Id);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(moved.StartsUtc, DateTimeKind.Utc), NewYork);
        Assert.Equal(target.ToDateTime(new TimeOnly(15, 30)), local);
        Assert.False(moved.Cancelled);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.EntityType == nameof(Meeting) && a.EntityId == s.Future.Id.ToString(CultureInfo.InvariantCulture) && a.Action == "Modified"));
        Assert.Equal(1, audit);
        Assert.Contains("now takes place", PortalClient.Decode(await client.GetStringAsync($"/groups/{s.Group.Id}")));
    }

    [Fact]
    public async Task A_moved_past_meeting_keeps_its_attendance_and_cannot_move_into_the_future_once_marked()
    {
        var s = await GroupAsync();
        var admin = await SignInAsync(await factory.CreateAsync(Roles.Administrator));
        var newDate = GroupSchedule.LocalDate(s.Past.StartsUtc, NewYork).AddDays(1);

        var moved = await MoveAsync(admin, s, s.Past, newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "09:00");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(newDate, GroupSchedule.LocalDate((await MeetingAsync(s.Past.Id)).StartsUtc, NewYork));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Attendance.CountAsync(a => a.MeetingId == s.Past.Id && a.PersonId == s.Member.Id)));

        var future = Today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refused = await MoveAsync(admin, s, s.Past, future, "09:00");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"Move_Date-error\">This meeting already has 1 attendance mark: it cannot move into the future.", await HtmlAsync(refused));
    }

    [Fact]
    public async Task Bad_dates_and_times_are_named_next_to_the_field_and_kept()
    {
        // Long enough to include the next spring-forward day.
        var s = await GroupAsync(weeks: 60);
        var client = await SignInAsync(s.Trainer);

        var yearOne = await HtmlAsync(await MoveAsync(client, s, s.Future, "0001-01-01", "25:99"));
        Assert.Contains("id=\"Move_Date-error\">Enter a date between 2000-01-01 and 2100-12-31.", yearOne);
        Assert.Contains("id=\"Move_Time-error\">“25:99” is not a time", yearOne);
        Assert.Contains("value=\"0001-01-01\"", yearOne);
        Assert.Contains("value=\"25:99\"", yearOne);

        var garbage = await HtmlAsync(await MoveAsync(client, s, s.Future, "someday", ""));
        Assert.Contains("id=\"Move_Date-error\">“someday” is not a date", garbage);
        Assert.Contains("id=\"Move_Time-error\">Enter the new local start time", garbage);

        // 02:30 does not exist in New York on the second Sunday of March (clocks go from 02:00 to 03:00).
        var springForward = Enumerable.Range(0, 366).Select(Today.AddDays).First(d => NewYork.IsInvalidTime(d.ToDateTime(new TimeOnly(2, 30))));
        var day = springForward.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var gap = await HtmlAsync(await MoveAsync(client, s, s.Future, day, "02:30"));
        Assert.Contains($"id=\"Move_Time-error\">02:30 does not exist on {day} in Eastern Time", gap);

        Assert.Equal(s.Future.StartsUtc, (await MeetingAsync(s.Future.Id)).StartsUtc);
    }

    [Fact]
    public async Task A_cancelled_meeting_is_not_counted_as_held_in_a_members_verdict_and_can_be_uncancelled()
    {
        var s = await GroupAsync();
        var client = await SignInAsync(s.Trainer);
        var before = await HeldAsync(s);

        var unconfirmed = await CancelAsync(client, s, s.Past, confirm: false);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("id=\"Cancel_Confirm-error\">Tick the box to confirm that this meeting is cancelled.", await HtmlAsync(unconfirmed));
        Assert.False((await MeetingAsync(s.Past.Id)).Cancelled);

        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(client, s, s.Past)).StatusCode);
        Assert.True((await MeetingAsync(s.Past.Id)).Cancelled);
        var after = await HeldAsync(s);
        Assert.Equal(before.Attended, after.Attended); // the member missed it: attended calls unchanged
        Assert.Equal(before.Held - 1, after.Held);
        var page = PortalClient.Decode(await client.GetStringAsync($"/groups/{s.Group.Id}"));
        Assert.Contains("Cancelled", page);
        Assert.Contains("Un-cancel", page);

        // Cancelling it again (e.g. a second tab with the current version) says so.
        var cancelledPage = await client.GetStringAsync(Url(s, s.Past));
        var current = Regex.Match(cancelledPage, "name=\"Restore.Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var again = await PostAsync(client, Url(s, s.Past) + "/cancel", cancelledPage, "Restore", [new("Cancel.Confirm", "true"), new("Cancel.Version", current)]);
        Assert.Contains("This meeting is already cancelled.", await HtmlAsync(again));

        var restore = await RestoreAsync(client, s, s.Past);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.False((await MeetingAsync(s.Past.Id)).Cancelled);
        Assert.Equal(before, await HeldAsync(s));
    }

    [Fact]
    public async Task A_trainer_cannot_touch_another_trainers_meetings_and_a_foreign_meeting_id_is_404()
    {
        var s = await GroupAsync();
        var other = await GroupAsync();
        var stranger = await SignInAsync(other.Trainer);
        var token = await stranger.GetTokenAsync($"/groups/{other.Group.Id}");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Url(s, s.Future))).StatusCode);
        foreach (var (action, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ("move", [new("Move.Date", "2030-01-01"), new("Move.Time", "10:00")]),
            ("cancel", [new("Cancel.Confirm", "true")]),
            ("restore", []),
        })
        {
            var post = await stranger.PostAsync($"{Url(s, s.Future)}/{action}", new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            // Own group id with another group's meeting id: 404 too.
            var mixed = await stranger.PostAsync($"/groups/{other.Group.Id}/meetings/{s.Future.Id}/{action}", new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);
        }
        var unchanged = await MeetingAsync(s.Future.Id);
        Assert.Equal((s.Future.StartsUtc, false), (unchanged.StartsUtc, unchanged.Cancelled));

        var trainee = await SignInAsync(await factory.CreateAsync(Roles.Trainee));
        var denied = await trainee.GetAsync(Url(s, s.Future));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_outside_the_groups_period_is_refused_next_to_the_field()
    {
        var s = await GroupAsync();
        var client = await SignInAsync(s.Trainer);
        var (first, last) = (s.Group.StartDate, s.Group.EndDate);

        foreach (var date in new[] { "2020-01-06", first.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })
        {
            var response = await MoveAsync(client, s, s.Future, date, "12:00", confirmPast: true);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await HtmlAsync(response);
            Assert.Contains("id=\"Move_Date-error\">Choose a date in the group's period,", html);
            Assert.DoesNotContain("data-testid=\"confirm-past\"", html); // no question about the past for another problem
            Assert.Contains($"value=\"{date}\"", html); // kept as typed
        }
        Assert.Equal(s.Future.StartsUtc, (await MeetingAsync(s.Future.Id)).StartsUtc);

        // The first and the last day of the period are in it.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(client, s, s.Future, last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "12:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(client, s, s.Past, first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "12:00")).StatusCode);
    }

    [Fact]
    public async Task An_upcoming_meeting_moves_into_the_past_only_after_a_confirmed_warning()
    {
        var s = await GroupAsync();
        var client = await SignInAsync(s.Trainer);
        var before = await HeldAsync(s);
        var lastWeek = Today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var warned = await MoveAsync(client, s, s.Future, lastWeek, "10:00");

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = await HtmlAsync(warned);
        Assert.Contains("data-testid=\"confirm-past\"", html);
        Assert.Contains("id=\"Move_ConfirmPast-error\">", html);
        Assert.Contains("counts as held at once, and as a missed call for every member until you record its attendance", html);
        Assert.Contains($"value=\"{lastWeek}\"", html);
        Assert.Equal(s.Future.StartsUtc, (await MeetingAsync(s.Future.Id)).StartsUtc);
        Assert.Equal(before, await HeldAsync(s));

        var confirmed = await PostAsync(client, Url(s, s.Future) + "/move", PortalClient.Decode(await warned.Content.ReadAsStringAsync()), "Move",
            [new("Move.Date", lastWeek), new("Move.Time", "10:00"), new("Move.ConfirmPast", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(DateOnly.ParseExact(lastWeek, "yyyy-MM-dd", CultureInfo.InvariantCulture), GroupSchedule.LocalDate((await MeetingAsync(s.Future.Id)).StartsUtc, NewYork));
        Assert.Equal((before.Attended, before.Held + 1), await HeldAsync(s));
        Assert.Contains("record its attendance now", PortalClient.Decode(await client.GetStringAsync($"/groups/{s.Group.Id}")));

        // A confirmation that is not a yes/no is asked again, not a crash.
        var garbled = await PostAsync(client, Url(s, s.Past) + "/move", await client.GetStringAsync(Url(s, s.Past)), "Move",
            [new("Move.Date", lastWeek), new("Move.Time", "10:00"), new("Move.ConfirmPast", "maybe")]);
        Assert.NotEqual(HttpStatusCode.InternalServerError, garbled.StatusCode);

        // A past meeting moved to another past day stays held: no question asked.
        var other = GroupSchedule.LocalDate(s.Past.StartsUtc, NewYork).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(client, s, s.Past, other, "12:00")).StatusCode);
    }

    [Fact]
    public async Task A_move_cancel_or_uncancel_from_a_stale_page_is_refused_and_the_newer_state_shown()
    {
        var s = await GroupAsync();
        var trainer = await SignInAsync(s.Trainer);
        var admin = await SignInAsync(await factory.CreateAsync(Roles.Administrator));
        var stale = await trainer.GetStringAsync(Url(s, s.Future));
        var target = GroupSchedule.LocalDate(s.Future.StartsUtc, NewYork);
        string Day(int days) => target.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The administrator moves it; the trainer's move from the older page is refused, not applied over it.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(admin, s, s.Future, Day(1), "09:00")).StatusCode);
        var moved = (await MeetingAsync(s.Future.Id)).StartsUtc;
        var refused = await PostAsync(trainer, Url(s, s.Future) + "/move", stale, "Move", [new("Move.Date", Day(2)), new("Move.Time", "17:00")]);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await HtmlAsync(refused);
        Assert.Contains(MeetingsController.ConflictMessage, html);
        Assert.Contains(DateDisplay.DateTime(moved, "America/New_York"), html); // the newer state
        Assert.Contains($"value=\"{Day(2)}\"", html); // what the trainer typed, kept
        Assert.Equal(moved, (await MeetingAsync(s.Future.Id)).StartsUtc);

        // A cancel from the stale page is refused too; from the refreshed page it works.
        var staleCancel = await PostAsync(trainer, Url(s, s.Future) + "/cancel", stale, "Cancel", [new("Cancel.Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Conflict, staleCancel.StatusCode);
        Assert.False((await MeetingAsync(s.Future.Id)).Cancelled);
        var fresh = PortalClient.Decode(await staleCancel.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(trainer, Url(s, s.Future) + "/cancel", fresh, "Cancel", [new("Cancel.Confirm", "true")])).StatusCode);

        // Un-cancel from a page opened before someone else un-cancelled and cancelled again: refused.
        var cancelledPage = await admin.GetStringAsync(Url(s, s.Future));
        Assert.Equal(HttpStatusCode.Redirect, (await RestoreAsync(trainer, s, s.Future)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(trainer, s, s.Future)).StatusCode);
        var staleRestore = await PostAsync(admin, Url(s, s.Future) + "/restore", cancelledPage, "Restore", []);
        Assert.Equal(HttpStatusCode.Conflict, staleRestore.StatusCode);
        Assert.True((await MeetingAsync(s.Future.Id)).Cancelled);
    }

    [Fact]
    public async Task An_attendance_save_after_the_page_was_opened_refuses_a_move_from_it()
    {
        var s = await GroupAsync();
        var trainer = await SignInAsync(s.Trainer);
        var stale = await trainer.GetStringAsync(Url(s, s.Past));
        var attendancePage = await trainer.GetStringAsync($"{Url(s, s.Past)}/attendance");
        var token = Regex.Match(attendancePage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var version = Regex.Match(attendancePage, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var saved = await trainer.PostAsync($"{Url(s, s.Past)}/attendance", new FormUrlEncodedContent([
            new("Version", version), new("Rows[0].PersonId", s.Member.Id), new("Rows[0].Mark", "Present"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var earlier = GroupSchedule.LocalDate(s.Past.StartsUtc, NewYork).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refused = await PostAsync(trainer, Url(s, s.Past) + "/move", stale, "Move", [new("Move.Date", earlier), new("Move.Time", "12:00")]);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(s.Past.StartsUtc, (await MeetingAsync(s.Past.Id)).StartsUtc);
    }

    /// <summary>"So far you attended A of H held calls" from the member's consultation-attendance result.</summary>
    private async Task<(int Attended, int Held)> HeldAsync(Setup s)
    {
        var verdicts = await factory.WithScopeAsync(sp => sp.GetRequiredService<EligibilityService>().ForEnrollmentsAsync([s.EnrollmentId]));
        var result = Assert.Single(verdicts).Verdict["consultation-attendance"]!;
        var match = Regex.Match(result.Explanation, @"attended (\d+) of (\d+) held calls?");
        Assert.True(match.Success, result.Explanation);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
