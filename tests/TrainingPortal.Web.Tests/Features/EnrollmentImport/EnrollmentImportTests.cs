using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.EnrollmentImport;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.EnrollmentImport;

/// <summary>The CSV import of enrollments: all rows or none, a report that names row and column, one transaction.</summary>
public sealed partial class EnrollmentImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/admin/imports/enrollments";
    private const string Header = "email,program,group,category,enrolled_on";

    private DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    private async Task<(AppUser Admin, HttpClient Client)> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return (admin, await factory.SignedInAsync(admin.Email!, TestUsers.Password));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName = "enrollments.csv")
    {
        var token = await client.GetTokenAsync(Page);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "File", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(Page, form);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv) => UploadAsync(client, Encoding.UTF8.GetBytes(csv));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => PortalClient.Decode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("<tr data-row=\"(?<row>[^\"]*)\" data-column=\"(?<column>[^\"]*)\">\\s*<th scope=\"row\">[^<]*</th>\\s*<td>[^<]*</td>\\s*<td>(?<value>[\\s\\S]*?)</td>\\s*<td>(?<message>[^<]*)</td>")]
    private static partial Regex ProblemPattern();

    private static List<(string Row, string Column, string Value, string Message)> Problems(string html) =>
        [.. ProblemPattern().Matches(html).Select(m => (m.Groups["row"].Value, m.Groups["column"].Value,
            Regex.Replace(m.Groups["value"].Value, "<[^>]+>", "").Trim(), m.Groups["message"].Value.Trim()))];

    private sealed record People(AppUser A, AppUser B, AppUser C, int Consultation, string ConsultationName, int Cohort);

    private async Task<People> PeopleAsync()
    {
        await using var db = factory.NewContext();
        var a = Person("imp-a");
        var b = Person("imp-b");
        var c = Person("imp-c");
        var consultation = ConsultationGroup(Today.AddDays(14), name: "Import consultation " + Guid.NewGuid().ToString("N")[..6]);
        var cohort = CourseCohort(Today.AddDays(20));
        db.AddRange(a, b, c, consultation, cohort);
        await db.SaveChangesAsync();
        return new People(a, b, c, consultation.Id, consultation.Name, cohort.Id);
    }

    private Task<List<Enrollment>> EnrollmentsAsync(params AppUser[] people)
    {
        var ids = people.Select(p => p.Id).ToList();
        return factory.WithDbAsync(db => db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.PersonId)).OrderBy(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task A_good_file_is_imported_in_full_with_groups_by_name_or_id_categories_and_the_rule_set_of_its_date()
    {
        var (admin, client) = await AdminAsync();
        var p = await PeopleAsync();
        var csv = $"""
            {Header}
            {p.A.Email},mio-rostering,{p.ConsultationName},,
            {p.B.Email!.ToUpperInvariant()}, imh-course ,{p.Cohort},,2026-01-15
            {p.C.Email},imh-endorsement-l3,,,2024-12-31
            {p.C.Email},imh-endorsement-l4,,Research-Faculty,
            {p.A.Email},imh-endorsement-l3,,,2025-01-01

            """;

        var response = await UploadAsync(client, "\uFEFF" + csv.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = PortalClient.Decode(await client.GetStringAsync(Page));
        Assert.Contains("5 enrollments were imported.", page);
        var stored = await EnrollmentsAsync(p.A, p.B, p.C);
        Assert.Equal(5, stored.Count);
        Assert.All(stored, e => Assert.Equal((EnrollmentStatus.Active, admin.Id), (e.Status, e.CreatedById)));
        var a = stored.Where(e => e.PersonId == p.A.Id).ToList();
        Assert.Equal(("mio-rostering@1", p.Consultation, Today), (a[0].RuleSetId, a[0].GroupId!.Value, a[0].CreatedOn));
        Assert.Equal(("imh-endorsement-l3@2", new DateOnly(2025, 1, 1)), (a[1].RuleSetId, a[1].CreatedOn));
        var b = stored.Single(e => e.PersonId == p.B.Id);
        Assert.Equal(("imh-course@1", p.Cohort, new DateOnly(2026, 1, 15)), (b.RuleSetId, b.GroupId!.Value, b.CreatedOn));
        var c = stored.Where(e => e.PersonId == p.C.Id).ToList();
        Assert.Equal("imh-endorsement-l3@1", c[0].RuleSetId); // enrolled before the exam was dropped
        Assert.Equal(("imh-endorsement-l4@1", "research-faculty"), (c[1].RuleSetId, c[1].Category));
        var ids = stored.Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(x => x.EntityType == nameof(Enrollment) && ids.Contains(x.EntityId) && x.ActorId == admin.Id));
        Assert.Equal(5, audited);
    }

    [Fact]
    public async Task A_row_placing_someone_in_a_cohort_that_ended_before_the_enrollment_date_is_refused()
    {
        var (_, client) = await AdminAsync();
        var p = await PeopleAsync();
        var ended = CourseCohort(Today.AddDays(-120));
        await factory.WithDbAsync(async db => { db.Groups.Add(ended); return await db.SaveChangesAsync(); });
        var csv = $"{Header}\n{p.A.Email},imh-course,{ended.Id},,\n";

        var response = await UploadAsync(client, csv);

        var html = await HtmlAsync(response);
        Assert.Empty(await EnrollmentsAsync(p.A));
        var problem = Assert.Single(Problems(html));
        Assert.Equal(("2", "group"), (problem.Row, problem.Column));
        Assert.Contains("ended on", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_bad_row_among_good_ones_imports_nothing_and_the_report_names_its_row_and_column()
    {
        var (_, client) = await AdminAsync();
        var p = await PeopleAsync();
        var csv = $"{Header}\n{p.A.Email},mio-rostering,,,\n{p.B.Email},imh-course,,,2026-13-01\n{p.C.Email},imh-course,,,\n";

        var response = await UploadAsync(client, csv);

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await EnrollmentsAsync(p.A, p.B, p.C));
        var problem = Assert.Single(Problems(html));
        Assert.Equal(("3", "enrolled_on", "2026-13-01"), (problem.Row, problem.Column, problem.Value));
        Assert.StartsWith("Write the date as year-month-day", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported: the file has a problem, listed below.", html);
        Assert.Contains("id=\"File-error\"", html);
        Assert.Contains("<input type=\"file\" id=\"File\" name=\"File\"", html); // the form is still there
        Assert.Contains("<th scope=\"col\">Row</th>", html);
    }

    [Fact]
    public async Task Every_kind_of_row_problem_is_reported_with_its_row_column_and_value()
    {
        var (_, client) = await AdminAsync();
        var p = await PeopleAsync();
        await using (var db = factory.NewContext())
        {
            var person = await db.Users.SingleAsync(u => u.Id == p.C.Id);
            db.Enrollments.Add(Enroll(person, DefaultRuleSets.Keys.ImhCourse, new DateOnly(2026, 2, 1)));
            await db.SaveChangesAsync();
        }
        var tomorrow = Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string[] rows =
        [
            $"nobody-{Guid.NewGuid():N}@test.local,mio-rostering,,,",       // 2 unknown e-mail
            "not an address,mio-rostering,,,",                                // 3
            $"{p.A.Email},basket-weaving,,,",                                  // 4 unknown program
            $"{p.A.Email},imh-endorsement-l4,,,",                              // 5 category required
            $"{p.A.Email},imh-course,,clinical,",                              // 6 category where none
            $"{p.B.Email},mio-rostering,{p.Cohort},,",                         // 7 a course cohort for rostering
            $"{p.B.Email},mio-ttt,No such group,,",                            // 8 unknown group name
            $"{p.B.Email},imh-endorsement-l1,{p.ConsultationName},,",          // 9 a program without groups
            $"{p.B.Email},imh-endorsement-l3,,,{tomorrow}",                    // 10 future date
            $"{p.C.Email},imh-course,,,",                                      // 11 already enrolled
            $"{p.A.Email},mio-ttt,,,",                                         // 12 fine
            $"{p.A.Email!.ToUpperInvariant()},MIO-TTT,,,",                      // 13 duplicate of 12
            $"{p.A.Email},imh-endorsement-l2",                                 // 14 missing columns
            $"{p.A.Email},imh-endorsement-l2,,,,extra",                        // 15 too many
        ];

        var html = await HtmlAsync(await UploadAsync(client, Header + "\n" + string.Join("\n", rows) + "\n"));

        Assert.Empty(await EnrollmentsAsync(p.A, p.B));
        var problems = Problems(html).ToDictionary(x => int.Parse(x.Row, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15], problems.Keys.Order());
        Assert.Equal(("email", "No account has this e-mail address. The person must register first."), (problems[2].Column, problems[2].Message));
        Assert.Equal(("email", "not an address"), (problems[3].Column, problems[3].Value));
        Assert.Equal(("program", "basket-weaving"), (problems[4].Column, problems[4].Value));
        Assert.Equal(("category", "Enter the category the applicant applies in: clinical, policy, research-faculty."), (problems[5].Column, problems[5].Message));
        Assert.Equal(("category", "This program has no categories: leave the category empty."), (problems[6].Column, problems[6].Message));
        Assert.Equal(("group", $"Group {p.Cohort} (\""), (problems[7].Column, problems[7].Message[..$"Group {p.Cohort} (\"".Length]));
        Assert.EndsWith("is not a MIO consultation group of this program.", problems[7].Message, StringComparison.Ordinal);
        Assert.Equal(("group", "No such group"), (problems[8].Column, problems[8].Value));
        Assert.Equal("This program has no groups or cohorts: leave the group empty.", problems[9].Message);
        Assert.Equal(("enrolled_on", tomorrow), (problems[10].Column, problems[10].Value));
        Assert.Equal(("program", "This person is already enrolled in this program (active since 2026-02-01). Remove this row, or withdraw that enrollment first."),
            (problems[11].Column, problems[11].Message));
        Assert.Equal(("email", "Row 12 already enrolls this person in mio-ttt: keep only one of the two rows."), (problems[13].Column, problems[13].Message));
        Assert.Equal(("(whole row)", $"{p.A.Email},imh-endorsement-l2"), (problems[14].Column, problems[14].Value));
        Assert.StartsWith("This row has 2 values; every row needs 5", problems[14].Message, StringComparison.Ordinal);
        Assert.StartsWith("This row has 6 values", problems[15].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_person_and_program_twice_in_the_file_is_refused()
    {
        var (_, client) = await AdminAsync();
        var p = await PeopleAsync();

        var html = await HtmlAsync(await UploadAsync(client, $"{Header}\n{p.A.Email},imh-course,,,\n\n{p.B.Email},imh-course,,,\n{p.A.Email},imh-course,,,2026-01-02\n"));

        Assert.Empty(await EnrollmentsAsync(p.A, p.B));
        Assert.Equal([("5", "email", p.A.Email!, "Row 2 already enrolls this person in imh-course: keep only one of the two rows.")], Problems(html));
    }

    [Theory]
    [InlineData("e-mail,program,group,category,date\nx@y.z,imh-course,,,\n", "1", "header")]
    [InlineData("email;program;group;category;enrolled_on\nx@y.z;imh-course;;;\n", "1", "header")]
    [InlineData("program,email,group,category,enrolled_on\n", "1", "header")]
    [InlineData("", "—", "(file)")]
    [InlineData("\n\n  \n", "—", "(file)")]
    [InlineData("email,program,group,category,enrolled_on\n", "—", "(file)")]
    [InlineData("email,program,group,category,enrolled_on\n\"x@y.z,imh-course,,,\n", "2", "(whole row)")]
    public async Task A_wrong_header_an_empty_file_or_broken_quotes_are_reported_and_the_form_stays_usable(string csv, string row, string column)
    {
        var (_, client) = await AdminAsync();

        var response = await UploadAsync(client, csv);

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problem = Assert.Single(Problems(html));
        Assert.Equal((row, column), (problem.Row == "" ? "—" : problem.Row, problem.Column));
        Assert.Contains("<input type=\"file\" id=\"File\"", html);
    }

    [Fact]
    public async Task Binary_junk_and_text_that_is_not_utf8_are_refused_in_plain_words()
    {
        var (_, client) = await AdminAsync();

        var png = await HtmlAsync(await UploadAsync(client, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "photo.png"));
        var latin1 = await HtmlAsync(await UploadAsync(client, Encoding.Latin1.GetBytes($"{Header}\nrené@example.org,imh-course,,,\n")));

        Assert.Contains("This is not a CSV text file (it holds binary data).", Assert.Single(Problems(png)).Message);
        Assert.Contains("The file is not UTF-8 text.", Assert.Single(Problems(latin1)).Message);
    }

    [Fact]
    public async Task A_file_over_1_MB_or_over_5000_rows_is_refused_before_anything_is_checked_and_a_huge_request_gets_a_400()
    {
        var (_, client) = await AdminAsync();
        var big = Encoding.UTF8.GetBytes(Header + "\n" + new string('x', EnrollmentImporter.MaxBytes));

        var tooBig = await UploadAsync(client, big);
        var html = await HtmlAsync(tooBig);
        Assert.Equal(HttpStatusCode.OK, tooBig.StatusCode);
        Assert.Matches("id=\"File-error\"[^>]*>The file is larger than 1 MB", html);

        var rows = string.Join("\n", Enumerable.Range(0, EnrollmentImporter.MaxRows + 1).Select(i => $"p{i}@test.local,imh-course,,,"));
        var tooLong = await HtmlAsync(await UploadAsync(client, Header + "\n" + rows));
        Assert.Contains("The file has more than 5,000 rows", Assert.Single(Problems(tooLong)).Message);

        var huge = await UploadAsync(client, new byte[EnrollmentImportController.MaxRequestBytes + 1]);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode); // the form cannot be read: the friendly 400 page, never a 500
        Assert.Contains("(Error 400)", await HtmlAsync(huge));

        var empty = await HtmlAsync(await client.PostFormAsync(Page, Page, []));
        Assert.Matches("id=\"File-error\"[^>]*>Choose a CSV file to upload.", empty);
    }

    [Fact]
    public async Task When_the_database_refuses_one_row_at_save_nothing_is_imported_and_the_message_says_so()
    {
        var p = await PeopleAsync();
        var csv = $"{Header}\n{p.A.Email},imh-course,,,\n{p.B.Email},imh-course,,,\n{p.C.Email},imh-course,,,\n";

        var outcome = await factory.WithScopeAsync(async services =>
        {
            var importer = services.GetRequiredService<EnrollmentImporter>();
            var check = await importer.CheckAsync(Encoding.UTF8.GetBytes(csv));
            Assert.True(check.CanImport);
            // Meanwhile another administrator enrolls B in the same program (the one-active-enrollment index will refuse the import's row).
            await using (var other = factory.NewContext())
            {
                var b = await other.Users.SingleAsync(u => u.Id == p.B.Id);
                other.Enrollments.Add(Enroll(b, DefaultRuleSets.Keys.ImhCourse, Today));
                await other.SaveChangesAsync();
            }
            return await importer.SaveAsync(check.Rows, null);
        });

        Assert.Equal(0, outcome.Imported);
        Assert.StartsWith("Nothing was imported", outcome.Failure, StringComparison.Ordinal);
        var stored = await EnrollmentsAsync(p.A, p.B, p.C);
        Assert.Equal([p.B.Id], stored.Select(e => e.PersonId)); // only the other administrator's enrollment
        var audits = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Enrollment) && (a.PersonId == p.A.Id || a.PersonId == p.C.Id)));
        Assert.Equal(0, audits);
    }

    [Fact]
    public async Task The_template_has_the_header_and_one_example_row_and_only_administrators_may_import()
    {
        var (_, client) = await AdminAsync();

        var response = await client.GetAsync(Page + "/template.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([Header, string.Join(",", EnrollmentImporter.ExampleRow)], lines);
        Assert.Contains("href=\"/admin/imports/enrollments/template.csv\"", await client.GetStringAsync(Page));

        var trainee = await factory.CreateAsync();
        var traineeClient = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);
        var denied = await traineeClient.GetAsync(Page);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewal_row_renews_the_endorsement_the_person_holds_and_a_person_without_one_is_named_in_the_report()
    {
        var (_, client) = await AdminAsync();
        var p = await PeopleAsync();
        var (endorsedId, endorsedEmail, _) = await factory.IssuedCertificateAsync(DefaultRuleSets.Keys.ImhEndorsementL1, Today.AddDays(-50));

        var refused = await HtmlAsync(await UploadAsync(client, $"{Header}\n{endorsedEmail},imh-renewal,,,\n{p.A.Email},imh-renewal,,,\n"));

        Assert.Equal([("3", "program", "imh-renewal", Web.Renewals.RenewalService.NothingToRenew)], Problems(refused));
        Assert.Empty(await factory.WithDbAsync(db => db.Enrollments.Where(e => e.PersonId == endorsedId && e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal).ToListAsync()));

        var response = await UploadAsync(client, $"{Header}\n{endorsedEmail},imh-renewal,,,\n");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var renewal = await factory.WithDbAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == endorsedId && e.ProgramKey == DefaultRuleSets.Keys.ImhRenewal));
        Assert.Equal((EndorsementLevel.LevelI, false), (renewal.HeldEndorsement, renewal.ProvidesReflectiveSupervision));
    }
}
