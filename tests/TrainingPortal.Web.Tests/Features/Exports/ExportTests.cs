using System.Text;
using TrainingPortal.Web.Features.Exports;
using static TrainingPortal.Web.Tests.Testing.TrainingData;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.Exports;

/// <summary>The administrators' CSV exports: content, ISO dates, BOM, formula guard, state today, one query whatever the size, bad filters.</summary>
public sealed class ExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static string Tag() => "Xk" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The file's lines (after checking the byte order mark) whose text contains <paramref name="tag"/>, and the header.</summary>
    private static async Task<(string Header, List<string> Lines)> CsvAsync(HttpClient client, string url, string tag)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return (lines[0], [.. lines.Skip(1).Where(l => l.Contains(tag, StringComparison.Ordinal))]);
    }

    [Fact]
    public async Task Enrollments_csv_has_person_program_status_dates_approval_and_stored_eligibility()
    {
        var tag = Tag();
        var client = await AdminAsync();
        await using (var db = factory.NewContext())
        {
            var approver = Person("approver");
            approver.DisplayName = $"{tag} Approver";
            var person = Person("p");
            person.DisplayName = $"{tag} Dana Reyes, Jr.";
            var other = Person("o");
            other.DisplayName = $"=HYPERLINK(\"http://x.test\") {tag}";
            var cohort = CourseCohort(new DateOnly(2026, 3, 3));
            cohort.Name = $"{tag} cohort";
            var approved = Enroll(person, DefaultRuleSets.Keys.ImhCourse, new DateOnly(2026, 2, 1), cohort);
            approved.Status = EnrollmentStatus.Completed;
            approved.CompletedOn = new DateOnly(2026, 6, 1);
            approved.ApprovedById = approver.Id;
            approved.ApprovedUtc = new DateTime(2026, 6, 2, 14, 5, 9, DateTimeKind.Utc);
            var level4 = Enroll(other, DefaultRuleSets.Keys.ImhEndorsementL4, new DateOnly(2026, 1, 10), category: DefaultRuleSets.Categories.Policy);
            db.AddRange(approver, person, other, cohort, approved, level4);
            await db.SaveChangesAsync();
            db.Standings.Add(new CachedStanding
            {
                EnrollmentId = approved.Id, Status = OverallStatus.Eligible, MetCount = 2, BlockingCount = 2,
                EvaluatedOn = new DateOnly(2026, 6, 1), EvaluatedUtc = new DateTime(2026, 6, 1, 5, 0, 0, DateTimeKind.Utc), Stale = true,
            });
            await db.SaveChangesAsync();
        }

        var (header, lines) = await CsvAsync(client, "/admin/exports/enrollments.csv", tag);

        Assert.Equal(string.Join(',', ExportsController.EnrollmentHeader), header);
        Assert.Equal(3 - 1, lines.Count); // the approver has no enrollment
        Assert.Contains(lines, l => l.StartsWith($"\"{tag} Dana Reyes, Jr.\",p-", StringComparison.Ordinal)
            && l.EndsWith($",Infant Mental Health: Theory to Practice,imh-course@1,,{tag} cohort,Completed,2026-02-01,,2026-06-01,{tag} Approver,2026-06-02T14:05:09Z,Eligible,2026-06-01,yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"\"'=HYPERLINK(\"\"http://x.test\"\") {tag}\",", StringComparison.Ordinal)
            && l.EndsWith(",imh-endorsement-l4@1,policy,,Active,2026-01-10,,,,,,,", StringComparison.Ordinal));

        var (_, courseOnly) = await CsvAsync(client, "/admin/exports/enrollments.csv?program=imh-course&status=Completed", tag);
        Assert.Single(courseOnly);
        var (_, none) = await CsvAsync(client, "/admin/exports/enrollments.csv?program=imh-course&status=Withdrawn", tag);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Certificates_csv_says_the_state_today_as_CertificateStates_does_with_the_printed_name_and_revocation()
    {
        var tag = Tag();
        var client = await AdminAsync();
        var t = Today;
        await using (var db = factory.NewContext())
        {
            var person = Person("c");
            person.DisplayName = $"{tag} Screen Name";
            person.CertificateName = $"{tag} Profile Name Now";
            db.Users.Add(person);
            Certificate Cert(string code, string program, DateOnly? revoked = null, string? reason = null, DateOnly? validThrough = null, DateOnly? expires = null) => new()
            {
                PersonId = person.Id, ProgramKey = program, RuleSetId = program + "@1", Code = code, AwardedOn = new DateOnly(2025, 5, 1),
                IssuedOn = new DateOnly(2025, 5, 2), RevokedOn = revoked, RevocationReason = reason, ValidThrough = validThrough, ExpiresOn = expires,
            };
            var versioned = Cert($"V{tag[2..]}", DefaultRuleSets.Keys.MioRostering);
            versioned.CurrentVersion = 2;
            versioned.Versions.Add(Version(1, $"{tag} Old Name"));
            versioned.Versions.Add(Version(2, $"{tag} New Name"));
            db.Certificates.AddRange(
                versioned,
                Cert($"R{tag[2..]}", DefaultRuleSets.Keys.ImhCourse, revoked: t, reason: "Issued in error"),
                Cert($"L{tag[2..]}", DefaultRuleSets.Keys.ImhEndorsementL2, validThrough: t.AddDays(-1)),
                Cert($"E{tag[2..]}", DefaultRuleSets.Keys.ImhRenewal, expires: t.AddDays(-1)),
                Cert($"T{tag[2..]}", DefaultRuleSets.Keys.ImhEndorsementL3, validThrough: t));
            await db.SaveChangesAsync();
        }

        var (header, lines) = await CsvAsync(client, "/admin/exports/certificates.csv", tag[2..]);

        Assert.Equal(string.Join(',', ExportsController.CertificateHeader), header);
        string Line(char first) => Assert.Single(lines, l => l.StartsWith(first + tag[2..], StringComparison.Ordinal));
        Assert.Equal($"V{tag[2..]},{tag} New Name,MIO clinician training: rostering,mio-rostering@1,2025-05-01,2025-05-02,2,Valid,,,,", Line('V'));
        Assert.EndsWith($",Revoked,{t:yyyy-MM-dd},Issued in error,,", Line('R'), StringComparison.Ordinal);
        Assert.Contains($",{tag} Profile Name Now,", Line('R'), StringComparison.Ordinal); // no version yet: the profile's printed name
        Assert.EndsWith($",Lapsed,,,,{t.AddDays(-1):yyyy-MM-dd}", Line('L'), StringComparison.Ordinal);
        Assert.EndsWith($",Expired,,,{t.AddDays(-1):yyyy-MM-dd},", Line('E'), StringComparison.Ordinal);
        Assert.EndsWith($",Valid,,,,{t:yyyy-MM-dd}", Line('T'), StringComparison.Ordinal);

        var (_, revoked) = await CsvAsync(client, "/admin/exports/certificates.csv?state=Revoked", tag[2..]);
        Assert.Equal([Line('R')], revoked);
    }

    [Fact]
    public async Task Certificates_csv_keeps_the_code_as_printed_with_its_dashes()
    {
        var tag = Tag();
        var client = await AdminAsync();
        var code = CertificateCodes.NewCode();
        await using (var db = factory.NewContext())
        {
            var person = Person("c");
            person.CertificateName = $"{tag} Holder";
            db.Users.Add(person);
            db.Certificates.Add(new Certificate
            {
                PersonId = person.Id, ProgramKey = DefaultRuleSets.Keys.ImhCourse, RuleSetId = "imh-course@1", Code = code,
                AwardedOn = new DateOnly(2025, 5, 1), IssuedOn = new DateOnly(2025, 5, 2),
            });
            await db.SaveChangesAsync();
        }

        var (_, lines) = await CsvAsync(client, "/admin/exports/certificates.csv", tag);

        // As on the certificate, the verify page and the admin pages: K7QM-3WPX-9HTC, so a search or a phone call finds it.
        Assert.StartsWith($"{code[..4]}-{code[4..8]}-{code[8..]},{tag} Holder,", Assert.Single(lines), StringComparison.Ordinal);
    }

    private static CertificateVersion Version(int number, string name) => new()
    {
        Number = number, RecipientName = name, CredentialTitle = "Rostered MIO Clinician", ProgramTitle = "MIO", RuleSetId = "mio-rostering@1",
        AwardedOn = new DateOnly(2025, 5, 1), IssuedOn = new DateOnly(2025, 5, 2), IssuedUtc = new DateTime(2025, 5, 2, 12, 0, 0, DateTimeKind.Utc),
        IssuerName = "Org", SignatoryName = "S", SignatoryTitle = "T", VerificationUrl = "https://x.test/verify/x", Pdf = [1, 2, 3], PdfSha256 = "00",
    };

    /// <summary>A weekly 4-meeting group in <paramref name="zone"/> at <paramref name="hour"/> o'clock, with members marked at the first meeting (present, then partial 25 minutes).</summary>
    private async Task<TrainingGroup> GroupAsync(string name, string zone, int hour, DateOnly start, params string[] members)
    {
        await using var db = factory.NewContext();
        var group = new TrainingGroup
        {
            Kind = GroupKind.MioConsultation, ProgramKey = DefaultRuleSets.Keys.MioRostering, Name = name, StartDate = start, EndDate = start.AddDays(7 * 4 - 1),
            MeetingDay = start.DayOfWeek, MeetingTime = new TimeOnly(hour, 0), TimeZoneId = zone, Weeks = 4, DurationMinutes = 60,
        };
        group.Meetings.AddRange(GroupSchedule.Generate(group));
        db.Groups.Add(group);
        var first = group.Meetings.OrderBy(m => m.StartsUtc).First();
        foreach (var (member, i) in members.Select((m, i) => (m, i)))
        {
            var person = Person("a");
            person.DisplayName = member;
            db.AddRange(person, Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-10), group));
            db.Attendance.Add(new Attendance { Meeting = first, PersonId = person.Id, Mark = i == 0 ? AttendanceMark.Present : AttendanceMark.Partial, MinutesPresent = 25 });
        }
        await db.SaveChangesAsync();
        return group;
    }

    [Fact]
    public async Task Attendance_csv_covers_the_meetings_whose_local_date_is_in_the_range_with_start_offset_and_zone()
    {
        var tag = Tag();
        var client = await AdminAsync();
        // Honolulu, Mondays 20:00 = 06:00 UTC on Tuesday: the file goes by the group's own date.
        var hawaii = await GroupAsync($"{tag} Honolulu group", "Pacific/Honolulu", 20, new DateOnly(2026, 3, 2), $"{tag} Ana", $"{tag} Bo");

        var (header, lines) = await CsvAsync(client, $"/admin/exports/attendance.csv?from=2026-03-02&to=2026-03-09&group={hawaii.Id}", tag);

        Assert.Equal(string.Join(',', ExportsController.AttendanceHeader), header);
        Assert.Equal(
            [
                $"{tag} Honolulu group,MIO clinician training: rostering,2026-03-02,2026-03-02T20:00:00-10:00,Pacific/Honolulu,no,{tag} Ana,{Email(lines, $"{tag} Ana")},Present,60",
                $"{tag} Honolulu group,MIO clinician training: rostering,2026-03-02,2026-03-02T20:00:00-10:00,Pacific/Honolulu,no,{tag} Bo,{Email(lines, $"{tag} Bo")},Partial,25",
                $"{tag} Honolulu group,MIO clinician training: rostering,2026-03-09,2026-03-09T20:00:00-10:00,Pacific/Honolulu,no,{tag} Ana,{Email(lines, $"{tag} Ana")},,",
                $"{tag} Honolulu group,MIO clinician training: rostering,2026-03-09,2026-03-09T20:00:00-10:00,Pacific/Honolulu,no,{tag} Bo,{Email(lines, $"{tag} Bo")},,",
            ], lines);

        // 2026-03-03 in UTC is the 2nd in Honolulu: a range of the 3rd alone holds no Honolulu meeting.
        var (_, third) = await CsvAsync(client, $"/admin/exports/attendance.csv?from=2026-03-03&to=2026-03-03&group={hawaii.Id}", tag);
        Assert.Empty(third);
        var (_, all) = await CsvAsync(client, $"/admin/exports/attendance.csv?program=mio-rostering", tag);
        Assert.Equal(4 * 2, all.Count);
        var (_, otherProgram) = await CsvAsync(client, $"/admin/exports/attendance.csv?program=imh-course", tag);
        Assert.Empty(otherProgram);
    }

    private static string Email(List<string> lines, string name) =>
        lines.First(l => l.Contains("," + name + ",", StringComparison.Ordinal)).Split(',')[7];

    [Fact]
    public async Task Each_export_is_one_query_for_a_small_or_a_large_data_set()
    {
        var client = await AdminAsync();
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        var start = new DateOnly(2026, 4, 6);
        await GroupAsync(Tag(), "America/New_York", 12, start, "One");

        var small = new Dictionary<string, int>();
        foreach (var url in Urls(start))
        {
            counter.Reset();
            await client.GetByteArrayAsync(url);
            small[url] = counter.Count;
        }
        await GroupAsync(Tag(), "America/New_York", 12, start, [.. Enumerable.Range(1, 15).Select(i => $"Member {i}")]);
        await using (var db = factory.NewContext())
        {
            var ids = await db.Enrollments.Where(e => e.Group!.StartDate == start).Select(e => new { e.Id, e.PersonId, e.ProgramKey }).ToListAsync();
            db.Certificates.AddRange(ids.Select(e => new Certificate { PersonId = e.PersonId, ProgramKey = e.ProgramKey, EnrollmentId = e.Id, IssuedOn = start }));
            await db.SaveChangesAsync();
        }
        foreach (var url in Urls(start))
        {
            counter.Reset();
            var body = await client.GetByteArrayAsync(url);
            Assert.Equal(1, counter.Count);
            Assert.Equal(small[url], counter.Count);
            Assert.True(body.Length > 200, url);
        }
    }

    private static string[] Urls(DateOnly start) =>
    [
        "/admin/exports/enrollments.csv",
        "/admin/exports/certificates.csv",
        $"/admin/exports/attendance.csv?from={start:yyyy-MM-dd}&to={start.AddDays(30):yyyy-MM-dd}",
    ];

    [Theory]
    [InlineData("attendance.csv?from=2026-03-10&to=2026-03-01", "To", "The last day is before the first day")]
    [InlineData("attendance.csv?from=10/03/2026", "From", "Enter a date like 2026-11-23.")]
    [InlineData("attendance.csv?program=nope", "Program", "Choose a program from the list.")]
    [InlineData("attendance.csv?group=x", "Group", "Enter a whole number for Group, like 12.")]
    [InlineData("enrollments.csv?status=Sleeping", "Status", "Choose a status from the list.")]
    [InlineData("certificates.csv?state=Shiny", "State", "Choose a state from the list.")]
    public async Task A_bad_filter_shows_the_exports_page_with_the_message_beside_the_field(string url, string field, string message)
    {
        var client = await AdminAsync();

        var response = await client.GetAsync("/admin/exports/" + url);

        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches($"id=\"{field}-error\"[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", html);
        Assert.Contains($"id=\"{field}\"", html);
        Assert.Contains($"href=\"#{field}\"", html);
    }

    [Fact]
    public async Task The_exports_page_links_each_file_and_only_administrators_may_download()
    {
        var client = await AdminAsync();
        var page = await client.GetStringAsync("/admin/exports");
        Assert.Contains("action=\"/admin/exports/enrollments.csv\"", page);
        Assert.Contains("action=\"/admin/exports/certificates.csv\"", page);
        Assert.Contains("action=\"/admin/exports/attendance.csv\"", page);
        Assert.Contains("href=\"/admin/exports\"", await client.GetStringAsync("/admin/records"));

        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainerClient = await factory.SignedInAsync(trainer.Email!, TestUsers.Password);
        foreach (var url in new[] { "/admin/exports", "/admin/exports/enrollments.csv", "/admin/exports/certificates.csv", "/admin/exports/attendance.csv" })
        {
            var response = await trainerClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }
}
