using Microsoft.AspNetCore.Hosting;
using TrainingPortal.Web.Features.Certificates;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Verify;

public sealed class VerificationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    private Task<(string PersonId, string Email, CertificateResult Certificate)> IssuedAsync(string program, DateOnly awardedOn,
        EndorsementLevel held = EndorsementLevel.None, string? personId = null) => factory.IssuedCertificateAsync(program, awardedOn, held, personId);

    private Task<(HttpStatusCode Status, string Html)> VerifyAsync(string path) => factory.AnonymousGetAsync(path);

    [Fact]
    public async Task A_valid_certificate_shows_name_credential_date_and_status_and_nothing_more()
    {
        var (personId, email, issued) = await IssuedAsync(DefaultRuleSets.Keys.MioRostering, Today.AddDays(-3));
        var code = CertificateCodes.Format(issued.Code!);
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        var client = factory.CreatePortalClient();
        await client.GetAsync("/verify"); // warm up: the first request of a host does one-off work
        counter.Reset();

        var response = await client.GetAsync($"/verify/{code}");
        var (status, html) = (response.StatusCode, PortalClient.Decode(await response.Content.ReadAsStringAsync()));

        Assert.Equal(1, counter.Count); // one query: the certificate with its current version's printed fields
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">Valid<", html);
        Assert.Contains("Jordan Avery", html);
        Assert.Contains("Rostered MIO Clinician", html);
        Assert.Contains(Web.Infrastructure.DateDisplay.Date(Today.AddDays(-3)), html);
        // Nothing more personal: no e-mail, no account id, no display name, no hours, no rule set or internal ids.
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(personId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Test holder", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mio-rostering@1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hours", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"/admin/certificates/{issued.CertificateId}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_are_read_whatever_the_case_and_dashes_and_the_form_sends_you_on()
    {
        var (_, _, issued) = await IssuedAsync(DefaultRuleSets.Keys.MioRostering, Today.AddDays(-1));
        var typed = issued.Code!.ToLowerInvariant();

        var response = await factory.CreatePortalClient().GetAsync($"/verify?code={typed[..6]}%20{typed[6..]}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/verify/{CertificateCodes.Format(issued.Code!)}", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync($"/verify/{typed}")).Status);
    }

    [Fact]
    public async Task Unknown_and_malformed_codes_say_so_plainly()
    {
        var (status, html) = await VerifyAsync("/verify/2345-6789-ABCD");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No certificate has the code 2345-6789-ABCD.", html);

        var (badStatus, bad) = await VerifyAsync("/verify?code=O0O0-1111");
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Contains("id=\"code-error\"", bad);
        Assert.Contains("A certificate code has 12 letters and digits", bad);
        Assert.Contains("value=\"O0O0-1111\"", bad); // what was typed is kept
    }

    [Fact]
    public async Task A_revoked_certificate_verifies_as_revoked_with_its_date()
    {
        var (_, _, issued) = await IssuedAsync(DefaultRuleSets.Keys.MioRostering, Today.AddDays(-30));
        var admin = await factory.SignedInAsync((await factory.CreateAsync(Domain.Roles.Administrator)).Email!, TestUsers.Password);

        var response = await admin.PostFormAsync("/", $"/admin/certificates/{issued.CertificateId}/revoke", [new("Revoke.Reason", "Issued in error: the consultation record was wrong.")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (status, html) = await VerifyAsync($"/verify/{CertificateCodes.Format(issued.Code!)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Revoked on " + Web.Infrastructure.DateDisplay.Date(Today), html);
        Assert.DoesNotContain(">Valid<", html);
        var stored = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == issued.CertificateId));
        Assert.Equal("Issued in error: the consultation record was wrong.", stored.RevocationReason);
        Assert.NotNull(stored.RevokedById);

        // A second revocation, or a re-issue, is refused with a message next to the form.
        var again = await admin.PostFormAsync("/", $"/admin/certificates/{issued.CertificateId}/revoke", [new("Revoke.Reason", "Once more, to be sure")]);
        Assert.Contains("already revoked", PortalClient.Decode(await again.Content.ReadAsStringAsync()));
        var reissue = await admin.PostFormAsync("/", $"/admin/certificates/{issued.CertificateId}/reissue", [new("Reissue.Reason", "Name change")]);
        Assert.Contains("A revoked certificate cannot be re-issued.", PortalClient.Decode(await reissue.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void Codes_are_uniform_over_an_alphabet_without_look_alikes()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => CertificateCodes.NewCode()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Equal(CertificateCodes.Length, c.Length));
        Assert.DoesNotContain(codes.SelectMany(c => c), ch => "01ILOUilou".Contains(ch, StringComparison.Ordinal));
        // Every one of the 30 characters turns up, each near 1/30 of the 240,000 drawn (8,000 ± 6σ ≈ ±530).
        var counts = codes.SelectMany(c => c).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(30, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 7_470, 8_530));
        Assert.Equal("ABCD2345WXYZ", CertificateCodes.Normalize(" abcd-2345 wxyz "));
        Assert.Null(CertificateCodes.Normalize("ABCD-2345-WXY"));   // 11 characters
        Assert.Null(CertificateCodes.Normalize("ABCD-2345-WXYZ2")); // 13
        Assert.Null(CertificateCodes.Normalize("ABCD-2345-WXYO"));  // O is not in the alphabet
    }
}

/// <summary>Endorsements lapse with time: this class moves its own clock forward by years.</summary>
public sealed class EndorsementLapseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.PortalToday();

    private Task<(string PersonId, string Email, CertificateResult Certificate)> IssuedAsync(string program, DateOnly awardedOn,
        EndorsementLevel held = EndorsementLevel.None, string? personId = null) => factory.IssuedCertificateAsync(program, awardedOn, held, personId);

    private Task<(HttpStatusCode Status, string Html)> VerifyAsync(string path) => factory.AnonymousGetAsync(path);

    [Fact]
    public async Task An_endorsement_lapses_the_day_after_its_renewal_falls_due_and_a_renewal_moves_it_on()
    {
        // Awarded 14 March 2025: the 2026 renewal is due 31 January 2027.
        var awarded = new DateOnly(Today.Year - 1, 3, 14);
        var (personId, _, endorsement) = await IssuedAsync(DefaultRuleSets.Keys.ImhEndorsementL1, awarded);
        var code = CertificateCodes.Format(endorsement.Code!);
        var through = new DateOnly(Today.Year + 1, 1, 31);
        Assert.Equal(through, await factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == endorsement.CertificateId).Select(c => c.ValidThrough).SingleAsync()));

        factory.Time.SetUtcNow(new DateTimeOffset(through.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        Assert.Contains(">Valid<", (await VerifyAsync($"/verify/{code}")).Html);
        factory.Time.Advance(TimeSpan.FromDays(1));
        var lapsed = (await VerifyAsync($"/verify/{code}")).Html;
        Assert.Contains("Lapsed on " + Web.Infrastructure.DateDisplay.Date(through.AddDays(1)), lapsed);
        Assert.Contains("renewal of this endorsement was due", lapsed);

        // The renewal for the year, approved late on 10 February, covers that year and restores the endorsement.
        factory.Time.SetUtcNow(new DateTimeOffset(new DateTime(through.Year, 2, 10, 12, 0, 0, DateTimeKind.Utc)));
        var renewal = await IssuedAsync(DefaultRuleSets.Keys.ImhRenewal, new DateOnly(through.Year, 2, 10), EndorsementLevel.LevelI, personId);
        Assert.Equal(new DateOnly(through.Year + 2, 1, 31),
            await factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == endorsement.CertificateId).Select(c => c.ValidThrough).SingleAsync()));
        Assert.Contains(">Valid<", (await VerifyAsync($"/verify/{code}")).Html);
        // The renewal's own certificate expires with the cycle.
        factory.Time.SetUtcNow(new DateTimeOffset(new DateTime(through.Year + 2, 2, 1, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("Expired on", (await VerifyAsync($"/verify/{CertificateCodes.Format(renewal.Certificate.Code!)}")).Html);
    }
}

/// <summary>Verification is rate-limited per client: the limit is lowered to 3 a minute for this test.</summary>
public sealed class VerificationRateLimitTests : IClassFixture<VerificationRateLimitTests.LowLimitFactory>
{
    private readonly LowLimitFactory _factory;

    public VerificationRateLimitTests(LowLimitFactory factory) => _factory = factory;

    public sealed class LowLimitFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Verification:PermitsPerMinute", "3");
        }
    }

    [Fact]
    public async Task The_fourth_request_in_a_minute_is_refused_with_429_and_retry_after()
    {
        var client = _factory.CreatePortalClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/verify/2345-6789-ABCD")).StatusCode);
        }

        var refused = await client.GetAsync("/verify/2345-6789-ABCD");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync());
        // Other pages are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
