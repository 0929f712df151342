using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>
/// The classes of input that answered 500 in the sweep of issue 9 answer the form again with a plain
/// message next to the field instead (the guard over every action is <see cref="NoServerErrorSweepTests"/>).
/// </summary>
public sealed class InputSafetyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);

    private sealed record Group(HttpClient Trainer, int GroupId, int MeetingId, string MemberId);

    private async Task<Group> GroupAsync()
    {
        var trainer = await factory.CreateAsync(Roles.Trainer);
        await using var db = factory.NewContext();
        var group = ConsultationGroup(Today.AddDays(-7 * 5 - 1), weeks: 10, trainerId: trainer.Id, name: "Input group");
        var member = Person("member");
        db.AddRange(group, member, Enroll(member, DefaultRuleSets.Keys.MioRostering, Today.AddDays(-60), group));
        await db.SaveChangesAsync();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var past = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        return new Group(await factory.SignedInAsync(trainer.Email!, TestUsers.Password), group.Id, past.Id, member.Id);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("on")]
    public async Task A_check_box_sent_with_a_non_boolean_value_answers_the_form_with_a_message_next_to_it(string value)
    {
        var g = await GroupAsync();
        var page = $"/groups/{g.GroupId}/meetings/{g.MeetingId}";

        // The form carries the meeting's version (a stale form is refused with 409): send the one the page shows.
        var version = System.Text.RegularExpressions.Regex.Match(await g.Trainer.GetStringAsync(page), "name=\"Cancel.Version\" value=\"([^\"]+)\"");
        Assert.True(version.Success, "No Cancel.Version on the meeting page");
        var response = await g.Trainer.PostFormAsync(page, page + "/cancel", [new("Cancel.Confirm", value), new("Cancel.Version", version.Groups[1].Value)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tick the box “Yes, cancel this meeting: it will not count as held for anyone” or leave it clear.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Cancel_Confirm-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid for", html, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == g.MeetingId).Select(m => m.Cancelled).SingleAsync()));
    }

    [Fact]
    public async Task A_malformed_date_gets_the_portals_own_message_naming_the_field_and_keeps_what_was_typed()
    {
        var trainee = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/my/training-cases", ("Form.Code", "TC-9"), ("Form.ConsentDate", "2026-13-40"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter a real date for Date consent for audio recording was obtained, like 2026-03-14.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-13-40\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid for", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_date_far_outside_any_real_use_is_refused_with_the_range(string date)
    {
        var trainee = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);

        var response = await client.PostFormAsync("/my/training-cases", ("Form.Code", "TC-8"), ("Form.ConsentDate", date));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter a date for Date consent for audio recording was obtained between 1900-01-01 and 2199-12-31.", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.TrainingCases.CountAsync(c => c.PersonId == trainee.Id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Attendance_posted_with_an_empty_person_id_is_refused_with_a_message(string personId)
    {
        var g = await GroupAsync();
        var page = $"/groups/{g.GroupId}/meetings/{g.MeetingId}/attendance";

        var response = await g.Trainer.PostFormAsync(page, page,
            [new("Version", Guid.Empty.ToString()), new("Rows[0].PersonId", personId), new("Rows[0].Mark", "Present")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The list of members has changed since this screen was opened", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attendance.CountAsync(a => a.MeetingId == g.MeetingId)));
    }

    [Theory]
    [InlineData("to", "9999-12-31")]
    [InlineData("from", "0001-01-01")]
    [InlineData("to", "0001-01-01")]
    public async Task The_audit_log_refuses_a_day_outside_the_portals_range_instead_of_overflowing(string field, string date)
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var client = await factory.SignedInAsync(admin.Email!, TestUsers.Password);

        var response = await client.GetAsync($"/admin/audit?{field}={date}");

        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}");
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter a date between 1900-01-01 and 2199-12-31.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from", "0001-01-01")]
    [InlineData("to", "9999-12-31")]
    public async Task The_attendance_export_refuses_a_day_outside_the_portals_range_beside_the_field(string field, string date)
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var client = await factory.SignedInAsync(admin.Email!, TestUsers.Password);

        var response = await client.GetAsync($"/admin/exports/attendance.csv?{field}={date}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter a date between 1900-01-01 and 2199-12-31.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_names_become_words_for_messages()
    {
        Assert.Equal("Consent date", Web.Infrastructure.PlainBindingMessages.Words("ConsentDate"));
        Assert.Equal("Verified", Web.Infrastructure.PlainBindingMessages.Words("verified"));
    }
}
