using Microsoft.AspNetCore.Hosting;
using System.Text.RegularExpressions;

namespace TrainingPortal.Web.Tests.Features.TrainingRequests;

/// <summary>
/// Organisations request MIO training without an account: stored and listed for administrators, answered with a
/// note; bad input answered next to the field with the rest kept; a filled honeypot stores nothing.
/// </summary>
public sealed class TrainingRequestTests(TrainingRequestTests.Factory factory) : IClassFixture<TrainingRequestTests.Factory>
{
    /// <summary>The form's rate limit raised: this class sends many requests from one client address.</summary>
    public sealed class Factory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("TrainingRequests:PermitsPerMinute", "10000");
        }
    }

    internal const string Form = "/programs/request-training";

    internal static (string, string)[] Fields(string organisation, string clinicians = "8", string email = "lead@riverside.example", string message = "Spring, in person.", string? website = null) =>
    [
        ("Organisation", organisation), ("ContactName", "Jordan Lee"), ("ContactEmail", email), ("Clinicians", clinicians),
        ("Region", "Albany County, NY"), ("Message", message), ("Website", website ?? ""),
    ];

    private Task<List<TrainingRequest>> StoredAsync(string organisation) =>
        factory.WithDbAsync(db => db.TrainingRequests.AsNoTracking().Where(r => r.Organisation == organisation).ToListAsync());

    [Fact]
    public async Task A_visitor_sends_a_request_an_administrator_sees_it_counted_and_marks_it_answered()
    {
        var (_, admin) = await factory.AdminAsync();
        var before = Count(await admin.GetStringAsync("/"));
        var organisation = "Riverside Family Services " + Guid.NewGuid().ToString("N")[..6];
        var visitor = factory.CreatePortalClient();

        var sent = await visitor.PostFormAsync(Form, Fields(organisation));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.EndsWith("/programs/request-training/thanks", sent.Headers.Location!.ToString(), StringComparison.Ordinal);
        var stored = Assert.Single(await StoredAsync(organisation));
        Assert.Equal((8, "Jordan Lee", "lead@riverside.example", "Albany County, NY", "Spring, in person."),
            (stored.Clinicians, stored.ContactName, stored.ContactEmail, stored.Region, stored.Message));
        Assert.Null(stored.AnsweredUtc);
        Assert.Equal(before + 1, Count(await admin.GetStringAsync("/")));
        var list = PortalClient.Decode(await admin.GetStringAsync("/admin/training-requests"));
        Assert.Contains($"{organisation} — 8 clinicians, Albany County, NY", list);

        var answered = await admin.PostFormAsync("/admin/training-requests", $"/admin/training-requests/{stored.Id}/answered",
            [new KeyValuePair<string, string>("Answer.Note", "Classroom booked for 12 March.")]);

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        stored = Assert.Single(await StoredAsync(organisation));
        Assert.NotNull(stored.AnsweredUtc);
        Assert.Equal("Classroom booked for 12 March.", stored.AnswerNote);
        Assert.Equal(before, Count(await admin.GetStringAsync("/")));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(TrainingRequest) && a.EntityId == stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")));
    }

    [Theory]
    [InlineData("Organisation", "", "Enter the organisation's name.")]
    [InlineData("ContactEmail", "not-an-address", "Enter an e-mail address like name@example.org.")]
    [InlineData("Clinicians", "0", "Enter a whole number of clinicians from 1 to 1,000.")]
    [InlineData("Clinicians", "1001", "Enter a whole number of clinicians from 1 to 1,000.")]
    [InlineData("Clinicians", "ten", "Enter a whole number of clinicians from 1 to 1,000.")]
    [InlineData("Region", " ", "Enter the region where the clinicians work.")]
    public async Task Bad_input_is_answered_next_to_the_field_the_rest_kept_and_nothing_stored(string field, string value, string message)
    {
        var organisation = "Bad input " + Guid.NewGuid().ToString("N")[..6];
        var fields = Fields(organisation).Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();
        var keep = field == "Organisation" ? "Albany County, NY" : organisation;

        var response = await factory.CreatePortalClient().PostFormAsync(Form, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"id=\"{field}-error\"[^>]*>{Regex.Escape(message)}", html.Replace("\"" + field + "-error\" ", "\"" + field + "-error\""));
        Assert.Contains($"value=\"{keep}\"", html);
        Assert.Empty(await StoredAsync(organisation));
    }

    [Fact]
    public async Task A_message_of_100000_characters_is_refused_with_its_length_and_a_filled_honeypot_stores_nothing()
    {
        var organisation = "Long " + Guid.NewGuid().ToString("N")[..6];
        var response = await factory.CreatePortalClient().PostFormAsync(Form, Fields(organisation, message: new string('x', 100_000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("you typed 100,000", PortalClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await StoredAsync(organisation));

        var bot = "Bot " + Guid.NewGuid().ToString("N")[..6];
        var trapped = await factory.CreatePortalClient().PostFormAsync(Form, Fields(bot, website: "https://spam.example"));
        Assert.Equal(HttpStatusCode.Redirect, trapped.StatusCode); // answered as if sent
        Assert.Empty(await StoredAsync(bot));
    }

    [Fact]
    public async Task Only_administrators_read_the_requests()
    {
        foreach (var role in new[] { Roles.Trainer, Roles.Trainee })
        {
            var person = await factory.CreateAsync(role);
            var response = await (await factory.SignedInAsync(person.Email!, TestUsers.Password)).GetAsync("/admin/training-requests");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        }
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/training-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Form)).StatusCode);
    }

    private static int Count(string html) =>
        int.Parse(Regex.Match(html, "data-testid=\"admin-requests\">\\s*<span class=\"card-body\"><span class=\"d-block fs-3 fw-semibold\">(\\d+)</span>").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The public form is rate-limited per client address: lowered to 2 a minute here.</summary>
public sealed class TrainingRequestRateLimitTests(TrainingRequestRateLimitTests.LowLimitFactory factory) : IClassFixture<TrainingRequestRateLimitTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("TrainingRequests:PermitsPerMinute", "2");
        }
    }

    [Fact]
    public async Task The_third_request_in_a_minute_is_refused_with_429()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(TrainingRequestTests.Form, TrainingRequestTests.Fields($"Org {i}"))).StatusCode);
        }
        var refused = await client.PostFormAsync(TrainingRequestTests.Form, TrainingRequestTests.Fields("Org 3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.TrainingRequests.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TrainingRequestTests.Form)).StatusCode); // reading the form is not limited
    }
}
