using System.Globalization;

namespace TrainingPortal.Web.Tests.Features.Fees;

/// <summary>Course fees and scholarships: set by administrators (/admin/fees), filtered, exported, shown to the participant only.</summary>
public sealed class FeesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        return await factory.SignedInAsync(admin.Email!, TestUsers.Password);
    }

    private static Task<HttpResponseMessage> SetAsync(HttpClient client, int enrollmentId, string status, string amount = "") =>
        client.PostFormAsync($"/admin/fees/{enrollmentId}", $"/admin/fees/{enrollmentId}", [new("Form.Status", status), new("Form.Amount", amount)]);

    private Task<EnrollmentFee?> FeeAsync(int enrollmentId) =>
        factory.WithDbAsync(db => db.EnrollmentFees.AsNoTracking().SingleOrDefaultAsync(f => f.EnrollmentId == enrollmentId));

    [Fact]
    public async Task An_administrator_sets_a_fee_the_participant_sees_it_and_the_change_is_audited()
    {
        var c = await factory.ImhCourseCohortAsync();
        var admin = await AdminAsync();
        var member = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);
        // Nothing set yet: the course's value, due.
        Assert.Contains("Course fee: $1,200 due", PortalClient.Decode(await member.GetStringAsync("/")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(admin, c.Enrollment.Id, "Paid", "1200")).StatusCode);
        Assert.Equal((FeeStatus.Paid, (decimal?)1200m), ((await FeeAsync(c.Enrollment.Id))!.Status, (await FeeAsync(c.Enrollment.Id))!.Amount));
        Assert.Contains("Course fee: $1,200 paid", PortalClient.Decode(await member.GetStringAsync("/")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(admin, c.Enrollment.Id, "Scholarship", "1200")).StatusCode);
        var fee = (await FeeAsync(c.Enrollment.Id))!;
        Assert.Equal((FeeStatus.Scholarship, (decimal?)null), (fee.Status, fee.Amount)); // a scholarship carries no amount
        Assert.Contains("Scholarship (grant-funded)", PortalClient.Decode(await member.GetStringAsync("/")), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(EnrollmentFee))) >= 2);
    }

    [Fact]
    public async Task The_fee_is_shown_only_on_the_participants_own_page_and_a_trainee_cannot_open_the_fees()
    {
        var c = await factory.ImhCourseCohortAsync();
        var (other, otherEnrollment) = await factory.AddCourseMemberAsync(c.Group);
        var admin = await AdminAsync();
        await SetAsync(admin, c.Enrollment.Id, "GroupRate", "850");
        await SetAsync(admin, otherEnrollment.Id, "Waived");

        var member = await factory.SignedInAsync(c.Member.Email!, TestUsers.Password);
        var home = PortalClient.Decode(await member.GetStringAsync("/"));
        Assert.Contains("Course fee: group rate, $850", home, StringComparison.Ordinal);
        Assert.DoesNotContain("waived", home, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/admin/fees")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync($"/admin/fees/{c.Enrollment.Id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/admin/exports/fees.csv")).StatusCode);

        var otherClient = await factory.SignedInAsync(other.Email!, TestUsers.Password);
        var otherHome = PortalClient.Decode(await otherClient.GetStringAsync("/"));
        Assert.Contains("Course fee waived", otherHome, StringComparison.Ordinal);
        Assert.DoesNotContain("$850", otherHome, StringComparison.Ordinal);

        // The trainer sees the standing on the group page, never the fee.
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        Assert.DoesNotContain("Course fee", PortalClient.Decode(await trainer.GetStringAsync($"/groups/{c.Group.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_fee_input_is_refused_next_to_the_field_and_an_unknown_enrollment_answers_404()
    {
        var c = await factory.ImhCourseCohortAsync();
        var admin = await AdminAsync();

        foreach (var (status, amount, message) in new[]
        {
            ("", "", "Choose a fee status."),
            ("Paid", "", "Enter the amount"),
            ("Due", "-5", "Enter an amount from 0 to 100,000 dollars."),
            ("Due", "1200.555", "dollars and cents"),
            ("Due", "lots", "valid"),
        })
        {
            var response = await SetAsync(admin, c.Enrollment.Id, status, amount);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Null(await FeeAsync(c.Enrollment.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/fees/999999")).StatusCode);
        // An enrollment of a program without a fee is not on the list either.
        var ttt = await factory.TrainTheTrainerCohortAsync("TTT no fee", "fee-ttt");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/fees/{ttt.Enrollment.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_list_and_the_csv_filter_by_status_and_the_csv_cells_are_injection_safe()
    {
        var c = await factory.ImhCourseCohortAsync();
        var (other, otherEnrollment) = await factory.AddCourseMemberAsync(c.Group);
        var (unset, unsetEnrollment) = await factory.AddCourseMemberAsync(c.Group);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == other.Id);
            user.DisplayName = "=HYPERLINK(\"http://evil\")";
            return await db.SaveChangesAsync();
        });
        var admin = await AdminAsync();
        await SetAsync(admin, c.Enrollment.Id, "Scholarship");
        await SetAsync(admin, otherEnrollment.Id, "Paid", "1187.50");

        var scholarships = PortalClient.Decode(await admin.GetStringAsync("/admin/fees?status=Scholarship"));
        Assert.Contains($"data-enrollment=\"{c.Enrollment.Id}\"", scholarships, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-enrollment=\"{otherEnrollment.Id}\"", scholarships, StringComparison.Ordinal);
        // Not set yet counts as due.
        var due = PortalClient.Decode(await admin.GetStringAsync("/admin/fees?status=Due"));
        Assert.Contains($"data-enrollment=\"{unsetEnrollment.Id}\"", due, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-enrollment=\"{c.Enrollment.Id}\"", due, StringComparison.Ordinal);
        var refused = await admin.GetAsync("/admin/fees?status=Bribe");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose a fee status from the list.", PortalClient.Decode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var paid = await admin.GetAsync("/admin/exports/fees.csv?status=Paid");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var csv = await paid.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Person,E-mail,Program,Cohort,Enrollment status,Fee status,Amount (USD)", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("'=HYPERLINK", row, StringComparison.Ordinal); // the formula is neutralised
        Assert.Contains(",Paid,1187.50,yes,", row, StringComparison.Ordinal);
        Assert.Contains("Infant Mental Health: Theory to Practice", row, StringComparison.Ordinal);

        var all = await admin.GetStringAsync("/admin/exports/fees.csv");
        Assert.Contains(unset.Email!, all, StringComparison.Ordinal);
        Assert.Contains("Amount due,1200.00,no,", all, StringComparison.Ordinal);
        Assert.Contains("Scholarship (grant-funded),,yes,", all, StringComparison.Ordinal);

        var badCsv = await admin.GetAsync("/admin/exports/fees.csv?status=Bribe");
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Contains("Choose a fee status from the list.", PortalClient.Decode(await badCsv.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
