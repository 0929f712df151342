using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Transcript;

/// <summary>
/// The training transcript: attended meetings (partial: its minutes) and logged trainings, CE hours only on the
/// course's face-to-face hours and only for a licence the course grants CE for, totals per renewal year; the page,
/// the CSV and the PDF; only one's own, or any for an administrator.
/// </summary>
public sealed class TranscriptTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record Person(AppUser User, HttpClient Client);

    /// <summary>
    /// A person with <paramref name="licence"/>: IMH course sessions last year (present 90 min, part of one: 45 min,
    /// absent at one), a consultation call this year (present), a cancelled meeting and a future one (marked present,
    /// never counted), a verified logged training (3 h) this year, one not verified (2 h), one not accepted (5 h).
    /// </summary>
    private async Task<Person> SeedAsync(LicenceType? licence)
    {
        var user = await factory.CreateAsync();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var thisYear = factory.TodayInNewYork().Year;
        var lastYear = new DateTime(thisYear - 1, 10, 6, 22, 0, 0, DateTimeKind.Utc); // 18:00 New York
        await using (var db = factory.NewContext())
        {
            if (licence is { } l)
            {
                db.Licences.Add(new ProfessionalLicence { UserId = user.Id, Type = l });
            }
            var course = new TrainingGroup
            {
                Kind = GroupKind.ImhCourseCohort, ProgramKey = DefaultRuleSets.Keys.ImhCourse, Name = "Course " + user.Id[..6],
                StartDate = DateOnly.FromDateTime(lastYear), EndDate = DateOnly.FromDateTime(lastYear.AddDays(30)), TimeZoneId = "America/New_York", DurationMinutes = 90,
            };
            var present = new Meeting { StartsUtc = lastYear, DurationMinutes = 90 };
            var partial = new Meeting { StartsUtc = lastYear.AddDays(7), DurationMinutes = 90 };
            var absent = new Meeting { StartsUtc = lastYear.AddDays(14), DurationMinutes = 90 };
            var cancelled = new Meeting { StartsUtc = lastYear.AddDays(21), DurationMinutes = 90, Cancelled = true };
            course.Meetings.AddRange([present, partial, absent, cancelled]);
            var consultation = new TrainingGroup
            {
                Kind = GroupKind.MioConsultation, ProgramKey = DefaultRuleSets.Keys.MioRostering, Name = "Calls " + user.Id[..6],
                StartDate = DateOnly.FromDateTime(now.AddDays(-30)), EndDate = DateOnly.FromDateTime(now.AddDays(30)), TimeZoneId = "America/New_York", DurationMinutes = 60,
            };
            var call = new Meeting { StartsUtc = now.AddDays(-2), DurationMinutes = 60 };
            var future = new Meeting { StartsUtc = now.AddDays(2), DurationMinutes = 60 };
            consultation.Meetings.AddRange([call, future]);
            db.AddRange(course, consultation);
            db.Attendance.AddRange(
                new Attendance { Meeting = present, PersonId = user.Id, Mark = AttendanceMark.Present },
                new Attendance { Meeting = partial, PersonId = user.Id, Mark = AttendanceMark.Partial, MinutesPresent = 45 },
                new Attendance { Meeting = absent, PersonId = user.Id, Mark = AttendanceMark.Absent },
                new Attendance { Meeting = cancelled, PersonId = user.Id, Mark = AttendanceMark.Present },
                new Attendance { Meeting = call, PersonId = user.Id, Mark = AttendanceMark.Present },
                new Attendance { Meeting = future, PersonId = user.Id, Mark = AttendanceMark.Present });
            var today = factory.TodayInNewYork();
            db.TrainingHours.AddRange(
                new TrainingHoursRecord { PersonId = user.Id, Date = today.AddDays(-10), Hours = 3, Title = "Reflective practice day", Provider = "State association", Verified = true },
                new TrainingHoursRecord { PersonId = user.Id, Date = today.AddDays(-5), Hours = 2, Title = "Webinar on attachment" },
                new TrainingHoursRecord { PersonId = user.Id, Date = today.AddDays(-3), Hours = 5, Title = "Refused course", NotAcceptedReason = "Not relationship-based." });
            await db.SaveChangesAsync();
        }
        return new Person(user, await factory.SignedInAsync(user.Email!, TestUsers.Password));
    }

    private static List<string> Rows(string html, string testId) =>
        [.. Regex.Matches(html, $"<tr data-testid=\"{testId}\".*?</tr>", RegexOptions.Singleline).Select(m => Regex.Replace(Regex.Replace(m.Value, "<[^>]+>", " "), "\\s+", " ").Trim())];

    [Fact]
    public async Task An_LCSW_sees_every_activity_with_CE_hours_on_the_course_hours_only_and_totals_per_renewal_year()
    {
        var p = await SeedAsync(LicenceType.LCSW);
        var thisYear = factory.TodayInNewYork().Year;

        var html = PortalClient.Decode(await p.Client.GetStringAsync("/transcript"));

        var lines = Rows(html, "line");
        Assert.Equal(5, lines.Count); // two course sessions, one call, two logged trainings (not the refused one)
        Assert.Contains(lines, l => l.Contains("Course ", StringComparison.Ordinal) && l.EndsWith("1.5 1.5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Course ", StringComparison.Ordinal) && l.EndsWith("0.75 0.75", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Calls ", StringComparison.Ordinal) && l.EndsWith("1 —", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Reflective practice day (State association)", StringComparison.Ordinal) && l.Contains("logged, verified", StringComparison.Ordinal) && l.EndsWith("3 —", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Webinar on attachment", StringComparison.Ordinal) && l.Contains("not verified yet", StringComparison.Ordinal));
        Assert.DoesNotContain("Refused course", html);
        var years = Rows(html, "year");
        Assert.Equal($"{thisYear} 1 3 4 2 0", years[0]); // portal 1 + logged 3 = 4; 2 not verified; no CE this year
        Assert.Equal($"{thisYear - 1} 2.25 0 2.25 0 2.25", years[1]);
        Assert.Contains("data-earns-ce=\"yes\"", html);
        Assert.Contains("Readings and exercises earn neither hours nor CE credit.", html);

        var csv = await p.Client.GetStringAsync("/transcript.csv");
        var csvLines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,activity,kind,source,hours,ce_hours,renewal_year", csvLines[0]);
        Assert.Equal(6, csvLines.Length);
        Assert.Single(csvLines, l => l.EndsWith(",portal,0.75,0.75," + (thisYear - 1), StringComparison.Ordinal));
        Assert.Single(csvLines, l => l.Contains(",logged-not-verified,2,,", StringComparison.Ordinal));

        var pdf = await p.Client.GetAsync("/transcript.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
    }

    [Fact]
    public async Task A_licence_the_course_does_not_grant_CE_for_earns_none_and_says_why()
    {
        var p = await SeedAsync(LicenceType.LMFT);
        var html = PortalClient.Decode(await p.Client.GetStringAsync("/transcript"));
        Assert.Contains("data-earns-ce=\"no\"", html);
        Assert.Contains("No CE credit: the portal's courses grant CE for LMSW, LCSW, LMHC, LCAT licences only.", html);
        Assert.All(Rows(html, "line"), l => Assert.EndsWith("—", l, StringComparison.Ordinal));
        Assert.All(Rows(html, "year"), y => Assert.EndsWith("—", y, StringComparison.Ordinal));
        var csv = await p.Client.GetStringAsync("/transcript.csv");
        Assert.DoesNotContain(",0.75,0.75,", csv);
        Assert.Contains(",portal,0.75,,", csv);

        var none = await SeedAsync(null);
        Assert.Contains("data-testid=\"no-licence\"", await none.Client.GetStringAsync("/transcript"));
    }

    /// <summary>The transcript's own reads (the reader's four queries: name, licences, attended meetings, logged trainings).</summary>
    public const int TranscriptReads = 4;

    private CommandCounter Counter => factory.Services.GetRequiredService<CommandCounter>();

    private async Task<int> ReadsAsync(HttpClient client, string path)
    {
        await client.GetAsync(path); // views compiled, caches warm
        Counter.Reset();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Counter.Reads;
    }

    [Fact]
    public async Task A_long_history_fills_several_pdf_pages_and_the_page_reads_a_fixed_number_of_times()
    {
        var p = await SeedAsync(LicenceType.LMSW);
        var shortHistory = await ReadsAsync(p.Client, "/transcript");
        await using (var db = factory.NewContext())
        {
            var today = factory.TodayInNewYork();
            for (var i = 0; i < 150; i++)
            {
                db.TrainingHours.Add(new TrainingHoursRecord { PersonId = p.User.Id, Date = today.AddDays(-7 * i - 20), Hours = 1.5m, Title = $"Seminar {i}", Verified = true });
            }
            await db.SaveChangesAsync();
        }
        var bytes = await p.Client.GetByteArrayAsync("/transcript.pdf");
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.True(Regex.Count(text, "/Type /Page\\b") >= 4, "155 lines take at least four pages");
        Assert.True(Rows(await p.Client.GetStringAsync("/transcript"), "year").Count >= 3);

        // Five lines or 155 over three years: the same reads, exactly the reader's four.
        var longHistory = await ReadsAsync(p.Client, "/transcript");
        Assert.Equal(shortHistory, longHistory);
        Assert.Equal(TranscriptReads, longHistory);
        Assert.Equal(longHistory, await ReadsAsync(p.Client, "/transcript.pdf"));
    }

    [Fact]
    public async Task Only_ones_own_transcript_and_any_for_an_administrator()
    {
        var p = await SeedAsync(LicenceType.LCSW);
        var other = await SeedAsync(null);
        Assert.DoesNotContain(p.User.Id[..6], await other.Client.GetStringAsync("/transcript"));
        foreach (var path in new[] { "", ".pdf", ".csv" })
        {
            var refused = await other.Client.GetAsync($"/admin/people/{p.User.Id}/transcript{path}");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        }
        var (_, admin) = await factory.AdminAsync();
        var html = PortalClient.Decode(await admin.GetStringAsync($"/admin/people/{p.User.Id}/transcript"));
        Assert.Contains("Training transcript of", html);
        Assert.Equal(5, Rows(html, "line").Count);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/people/no-such-person/transcript.pdf")).StatusCode);

        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/transcript.pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
