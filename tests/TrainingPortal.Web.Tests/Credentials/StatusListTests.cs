using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>Test data for the status list tests: holders who can sign in, and their credentials as they download them.</summary>
internal static class StatusListData
{
    public const string Revocation = "revocation";
    public const string Suspension = "suspension";

    /// <summary>An account that can sign in, holding a certificate of <paramref name="program"/> issued by the service.</summary>
    public static async Task<(AppUser Holder, CertificateResult Certificate, int EnrollmentId)> HolderAsync(this PortalFactory factory,
        string program = DefaultRuleSets.Keys.MioRostering, DateOnly? awardedOn = null)
    {
        var holder = await factory.CreateAsync();
        var (_, _, certificate) = await factory.IssuedCertificateAsync(program, awardedOn ?? factory.PortalToday().AddDays(-3), personId: holder.Id);
        var enrollmentId = await factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == certificate.CertificateId).Select(c => c.EnrollmentId!.Value).SingleAsync());
        return (holder, certificate, enrollmentId);
    }

    /// <summary>The holder signs in and downloads the credential of their certificate, as from their certificate page.</summary>
    public static async Task<string> DownloadCredentialAsync(this PortalFactory factory, AppUser holder, string code)
    {
        var client = await factory.SignedInAsync(holder.Email!, TestUsers.Password);
        var response = await client.GetAsync($"/certificates/{CertificateCodes.Format(code)}/credential");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Credentials that carry their status (W3C Bitstring Status List): the entries in a new credential, the published lists
/// checked as an outside verifier checks them (<see cref="OutsideVerifier"/>), a revocation made by an administrator on
/// the real page, what the list answer looks like, and credentials stored before the lists.
/// </summary>
public sealed class StatusListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Revocation = StatusListData.Revocation;
    private const string Suspension = StatusListData.Suspension;

    [Fact]
    public async Task A_new_credential_carries_a_revocation_and_a_suspension_entry_at_its_enrollments_place()
    {
        var (holder, certificate, enrollmentId) = await factory.HolderAsync();

        var jwt = await factory.DownloadCredentialAsync(holder, certificate.Code!);

        var (list, index) = (enrollmentId / 131_072, enrollmentId % 131_072);
        Assert.Equal(
            [
                (Revocation, index, $"https://localhost/credentials/status/revocation/{list}"),
                (Suspension, index, $"https://localhost/credentials/status/suspension/{list}"),
            ],
            OutsideVerifier.Entries(jwt).Select(e => (e.Purpose, e.Index, e.ListUrl)));
        Assert.All(OutsideVerifier.Entries(jwt), e => Assert.Equal(("BitstringStatusListEntry", $"{e.ListUrl}#{e.Index}"), (e.Type, e.Id)));
        // statusListIndex is written as a base-10 string, as the specification requires.
        Assert.All(Badges.Part(jwt, 1)["credentialStatus"]!.AsArray(), e =>
            Assert.Equal((JsonValueKind.String, StatusListData.Number(index)), (e!["statusListIndex"]!.GetValueKind(), (string)e["statusListIndex"]!)));
        // Still a valid badge for the portal's own verifier.
        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
    }

    [Fact]
    public async Task An_outside_verifier_reads_0_before_and_1_after_the_administrator_revokes_the_certificate()
    {
        var (holder, certificate, _) = await factory.HolderAsync();
        var jwt = await factory.DownloadCredentialAsync(holder, certificate.Code!);
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, Revocation));
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, Suspension));

        // The administrator revokes it on the certificate's page.
        var (_, admin) = await factory.AdminAsync();
        var page = $"/admin/certificates/{certificate.CertificateId}";
        var response = await admin.PostFormAsync(page, page + "/revoke", [new("Revoke.Reason", "Issued in error")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(1, await OutsideVerifier.StatusAsync(factory, jwt, Revocation));
        // Revocation wins over the other states, as on the verification page: the suspension bit stays 0.
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, Suspension));
        // The signature of the credential itself still holds: only the status says it no longer counts.
        Assert.True((await factory.VerifyAsync(jwt)).IsValid);
    }

    [Fact]
    public async Task A_list_is_public_signed_now_valid_for_a_day_cacheable_for_five_minutes_and_names_nobody()
    {
        var (holder, certificate, _) = await factory.HolderAsync();
        var entry = OutsideVerifier.Entry(await factory.DownloadCredentialAsync(holder, certificate.Code!), Revocation);

        var response = await factory.CreatePortalClient().GetAsync(new Uri(entry.ListUrl)); // no sign-in

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl?.MaxAge);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var jwt = await response.Content.ReadAsStringAsync();
        var header = Badges.Part(jwt, 0);
        Assert.Equal(["alg", "kid", "typ"], header.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("ES256", "JWT"), ((string)header["alg"]!, (string)header["typ"]!));

        var vc = (await OutsideVerifier.FetchAsync(factory, entry, factory.Time.GetUtcNow())).Payload;
        var now = factory.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(["https://www.w3.org/ns/credentials/v2"], vc["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["VerifiableCredential", "BitstringStatusListCredential"], vc["type"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("https://localhost", (string)vc["issuer"]!);
        Assert.Equal(now, DateTimeOffset.Parse((string)vc["validFrom"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.Equal(now + 86_400, DateTimeOffset.Parse((string)vc["validUntil"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        var subject = vc["credentialSubject"]!;
        Assert.Equal((entry.ListUrl + "#list", 300_000L), ((string)subject["id"]!, (long)subject["ttl"]!));
        // The JWT claims mirror the credential, as on the badges.
        Assert.Equal(((string)vc["issuer"]!, (string)vc["id"]!, (string)subject["id"]!, now, now, now + 86_400),
            ((string)vc["iss"]!, (string)vc["jti"]!, (string)vc["sub"]!, (long)vc["nbf"]!, (long)vc["iat"]!, (long)vc["exp"]!));

        // Bits only: no member beyond the specification's and the JWT's, no name, code or e-mail address.
        Assert.Equal(["@context", "credentialSubject", "exp", "iat", "id", "iss", "issuer", "jti", "nbf", "sub", "type", "validFrom", "validUntil"],
            vc.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["encodedList", "id", "statusPurpose", "ttl", "type"], subject.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var text = vc.ToJsonString();
        Assert.DoesNotContain(holder.Email!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Jordan Avery", text, StringComparison.Ordinal);
        Assert.DoesNotContain(certificate.Code!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_two_purposes_and_the_lists_an_index_can_reach_are_answered()
    {
        var client = factory.CreatePortalClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/credentials/status/revocation/0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/credentials/status/suspension/16383")).StatusCode); // the list holding int.MaxValue
        foreach (var path in new[]
        {
            "/credentials/status/refresh/0", "/credentials/status/message/0", "/credentials/status/Revocation/0",
            "/credentials/status/revocation/-1", "/credentials/status/revocation/+1", "/credentials/status/revocation/01",
            "/credentials/status/revocation/16384", "/credentials/status/revocation/99999999999", "/credentials/status/revocation/x",
            "/credentials/status/revocation/%20",
        })
        {
            var status = (await client.GetAsync(path)).StatusCode;
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {(int)status}");
        }
    }

    [Fact]
    public async Task A_list_is_read_with_one_query()
    {
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/credentials/status/suspension/0")).StatusCode); // the signing key is loaded
        var counter = factory.Services.GetRequiredService<CommandCounter>();
        counter.Reset();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/credentials/status/suspension/0")).StatusCode);

        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task A_version_stored_before_the_lists_keeps_its_credential_and_a_reissue_carries_the_status()
    {
        // A certificate as the portal issued it before credentials carried their status.
        var holder = await factory.CreateAsync();
        var today = factory.PortalToday();
        var code = CertificateCodes.NewCode();
        var old = await factory.IssueAsync(Badges.Input(today.AddDays(-30), code: code) with { RecipientName = "Jordan Avery" });
        Assert.Empty(OutsideVerifier.Entries(old));
        int certificateId, enrollmentId;
        await using (var db = factory.NewContext())
        {
            var enrollment = Enroll(holder, DefaultRuleSets.Keys.MioRostering, today.AddDays(-300));
            enrollment.Status = EnrollmentStatus.Completed;
            enrollment.CompletedOn = today.AddDays(-32);
            db.Enrollments.Add(enrollment);
            var certificate = new Certificate
            {
                PersonId = holder.Id,
                ProgramKey = DefaultRuleSets.Keys.MioRostering,
                RuleSetId = enrollment.RuleSetId,
                Code = code,
                AwardedOn = today.AddDays(-32),
                IssuedOn = today.AddDays(-30),
                Versions =
                [
                    new CertificateVersion
                    {
                        Number = 1, IssuedOn = today.AddDays(-30), IssuedUtc = factory.Time.GetUtcNow().UtcDateTime.AddDays(-30),
                        RecipientName = "Jordan Avery", CredentialTitle = "Rostered MIO Clinician", ProgramTitle = "Mothering from the Inside Out",
                        RuleSetId = enrollment.RuleSetId, AwardedOn = today.AddDays(-32), IssuerName = "Northfield Institute for Infant and Family Training",
                        SignatoryName = "Dr. Elena Marsh", SignatoryTitle = "Director of Training", VerificationUrl = $"https://localhost/verify/{CertificateCodes.Format(code)}",
                        Pdf = [0x25], PdfSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([0x25])), CredentialJwt = old,
                    },
                ],
            };
            await db.SaveChangesAsync();
            certificate.EnrollmentId = enrollment.Id;
            db.Certificates.Add(certificate);
            await db.SaveChangesAsync();
            (certificateId, enrollmentId) = (certificate.Id, enrollment.Id);
        }

        var (_, admin) = await factory.AdminAsync();
        var page = $"/admin/certificates/{certificateId}";
        var response = await admin.PostFormAsync(page, page + "/reissue", [new("Reissue.Reason", "Name changed")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var versions = await factory.WithDbAsync(db => db.CertificateVersions.AsNoTracking().Where(v => v.CertificateId == certificateId)
            .OrderBy(v => v.Number).Select(v => v.CredentialJwt!).ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.Equal(old, versions[0]); // the stored version is never changed
        Assert.Equal(versions[1], await factory.DownloadCredentialAsync(holder, code));
        Assert.Equal([(Revocation, enrollmentId % 131_072), (Suspension, enrollmentId % 131_072)],
            OutsideVerifier.Entries(versions[1]).Select(e => (e.Purpose, e.Index)));
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, versions[1], Revocation));
    }
}

/// <summary>
/// The suspension list over time: an endorsement that lapses, the renewal an administrator approves late, the renewal's
/// own certificate expiring. This class moves its own clock forward by years.
/// </summary>
public sealed class StatusListSuspensionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [Fact]
    public async Task A_lapse_sets_the_suspension_bit_a_renewal_approved_by_the_administrator_clears_it_and_an_expiry_sets_it()
    {
        // Awarded 14 March last year: the renewal is due 31 January next year.
        var today = factory.PortalToday();
        var (holder, endorsement, _) = await factory.HolderAsync(DefaultRuleSets.Keys.ImhEndorsementL1, new DateOnly(today.Year - 1, 3, 14));
        var jwt = await factory.DownloadCredentialAsync(holder, endorsement.Code!);
        var through = (await factory.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id == endorsement.CertificateId))).ValidThrough!.Value;
        Assert.Equal((0, 0), (await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Revocation), await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Suspension)));

        // Its last valid day, then the day after: lapsed.
        factory.Time.SetUtcNow(Noon(through));
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Suspension));
        factory.Time.SetUtcNow(Noon(through.AddDays(1)));
        Assert.Equal(1, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Suspension));
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Revocation));

        // The year's renewal, its work done (waived here), approved late by an administrator on the review page.
        factory.Time.SetUtcNow(Noon(through.AddDays(10)));
        int renewalId;
        await using (var db = factory.NewContext())
        {
            var renewal = Enroll(holder, DefaultRuleSets.Keys.ImhRenewal, through.AddDays(-200));
            renewal.HeldEndorsement = EndorsementLevel.LevelI;
            db.Enrollments.Add(renewal);
            await db.SaveChangesAsync();
            renewalId = renewal.Id;
        }
        var (admin, client) = await factory.AdminAsync();
        await factory.WaiveBlockingAsync(renewalId, admin.Id);
        var review = "/admin/approvals/" + QueueData.Id(renewalId);
        var version = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == renewalId).Select(e => e.Version).SingleAsync());
        var response = await client.PostFormAsync(review, review + "/approve",
            [new("Approve.AwardedOn", QueueData.Iso(factory.PortalToday())), new("Approve.Version", version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EnrollmentStatus.Completed, (await factory.EnrollmentAsync(renewalId)).Status);

        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Suspension));
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Revocation));

        // The renewal's own credential carries its status too; after its last day it has expired, and the endorsement,
        // not renewed again, has lapsed: both on the suspension list.
        var renewalCertificate = await factory.CertificateOfAsync(renewalId);
        var renewalJwt = await factory.DownloadCredentialAsync(holder, renewalCertificate.Code!);
        Assert.Equal(renewalId % 131_072, OutsideVerifier.Entry(renewalJwt, StatusListData.Suspension).Index);
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, renewalJwt, StatusListData.Suspension));
        factory.Time.SetUtcNow(Noon(renewalCertificate.ExpiresOn!.Value.AddDays(1)));
        Assert.Equal(1, await OutsideVerifier.StatusAsync(factory, renewalJwt, StatusListData.Suspension));
        Assert.Equal(1, await OutsideVerifier.StatusAsync(factory, jwt, StatusListData.Suspension));
    }
}

/// <summary>
/// The edges of a list: the last index of one list, the first indexes of the next (each read from the right list and the
/// right bit), and every bit agreeing with the certificate's state at each date boundary. Enrollment ids are chosen here
/// (inserted explicitly), so this class keeps its own database.
/// </summary>
public sealed class StatusListBoundaryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>A certificate issued by the service for a completed enrollment whose id is <paramref name="enrollmentId"/>.</summary>
    private async Task<(CertificateResult Certificate, string Jwt)> IssuedAtAsync(int enrollmentId)
    {
        var today = factory.PortalToday();
        await using (var db = factory.NewContext())
        {
            var person = Person("edge");
            db.Users.Add(person);
            var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, today.AddDays(-200));
            enrollment.Id = enrollmentId;
            enrollment.Status = EnrollmentStatus.Completed;
            enrollment.CompletedOn = today.AddDays(-1);
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
        }
        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().IssueAsync(enrollmentId));
        Assert.Equal(CertificateOutcome.Done, result.Outcome);
        var jwt = await factory.WithDbAsync(db => db.CertificateVersions.Where(v => v.CertificateId == result.CertificateId).Select(v => v.CredentialJwt!).SingleAsync());
        return (result, jwt);
    }

    private Task<CertificateResult> RevokeAsync(CertificateResult certificate) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "Boundary test"));

    [Fact]
    public async Task The_last_index_of_a_list_and_the_first_indexes_of_the_next_are_read_from_the_right_list_and_bit()
    {
        var lastOfFirst = await IssuedAtAsync(131_071);
        var firstOfSecond = await IssuedAtAsync(131_072);
        var secondOfSecond = await IssuedAtAsync(131_073);
        var lastOfSecond = await IssuedAtAsync(262_143);

        var entries = new[] { lastOfFirst, firstOfSecond, secondOfSecond, lastOfSecond }.Select(c => OutsideVerifier.Entry(c.Jwt, StatusListData.Revocation)).ToList();
        Assert.Equal(
            [
                ("https://localhost/credentials/status/revocation/0", 131_071),
                ("https://localhost/credentials/status/revocation/1", 0),
                ("https://localhost/credentials/status/revocation/1", 1),
                ("https://localhost/credentials/status/revocation/1", 131_071),
            ],
            entries.Select(e => (e.ListUrl, e.Index)));

        // Revoke the first index of the second list and the last index of each list; leave index 1 of the second list valid.
        foreach (var c in new[] { lastOfFirst, firstOfSecond, lastOfSecond })
        {
            Assert.Equal(CertificateOutcome.Done, (await RevokeAsync(c.Certificate)).Outcome);
        }

        var now = factory.Time.GetUtcNow();
        var first = await OutsideVerifier.FetchAsync(factory, entries[0], now);
        var second = await OutsideVerifier.FetchAsync(factory, entries[1], now);
        Assert.Equal((1, 0), (first.Bit(131_071), first.Bit(131_070)));
        Assert.Equal(0x01, first.Bitstring[^1]); // the right-most bit of the last byte
        Assert.Equal([0, 131_071], second.SetBits()); // only this test's certificates are in the second list
        Assert.Equal(0x80, second.Bitstring[0]); // index 0: the left-most bit of the first byte; index 1 (valid) is clear
        Assert.Equal(0, await OutsideVerifier.StatusAsync(factory, secondOfSecond.Jwt, StatusListData.Revocation));
        Assert.Equal(1, await OutsideVerifier.StatusAsync(factory, firstOfSecond.Jwt, StatusListData.Revocation));
        // The suspension lists hold nothing for them.
        Assert.Empty((await OutsideVerifier.FetchAsync(factory, OutsideVerifier.Entry(firstOfSecond.Jwt, StatusListData.Suspension), now)).SetBits());
    }

    [Fact]
    public async Task Every_bit_agrees_with_the_certificate_state_at_every_date_boundary()
    {
        var t = factory.PortalToday();
        const int firstId = 3 * 131_072; // the fourth list: only this test's certificates
        var cases = new (string Name, DateOnly? RevokedOn, DateOnly? ExpiresOn, DateOnly? ValidThrough)[]
        {
            ("no end", null, null, null),
            ("revoked today", t, null, null),
            ("revoked yesterday", t.AddDays(-1), null, null),
            ("revocation dated tomorrow", t.AddDays(1), null, null),
            ("lapsed yesterday", null, null, t.AddDays(-1)),
            ("lapses after today", null, null, t),
            ("expired yesterday", null, t.AddDays(-1), null),
            ("expires after today", null, t, null),
            ("revoked today though valid through tomorrow", t, null, t.AddDays(1)),
            ("revoked and lapsed", t.AddDays(-5), null, t.AddDays(-10)),
            ("expired and lapsed", null, t.AddDays(-3), t.AddDays(-2)),
        };
        var certificates = new List<Certificate>();
        await using (var db = factory.NewContext())
        {
            var person = Person("states");
            db.Users.Add(person);
            for (var i = 0; i < cases.Length; i++)
            {
                var enrollment = Enroll(person, DefaultRuleSets.Keys.MioRostering, t.AddDays(-400));
                enrollment.Id = firstId + i;
                enrollment.Status = EnrollmentStatus.Completed;
                db.Enrollments.Add(enrollment);
                var certificate = new Certificate
                {
                    EnrollmentId = firstId + i,
                    PersonId = person.Id,
                    ProgramKey = DefaultRuleSets.Keys.MioRostering,
                    Code = CertificateCodes.NewCode(),
                    IssuedOn = t.AddDays(-400),
                    AwardedOn = t.AddDays(-400),
                    RevokedOn = cases[i].RevokedOn,
                    ExpiresOn = cases[i].ExpiresOn,
                    ValidThrough = cases[i].ValidThrough,
                };
                certificates.Add(certificate);
                db.Certificates.Add(certificate);
            }
            await db.SaveChangesAsync();
        }

        var now = factory.Time.GetUtcNow();
        var revocation = await OutsideVerifier.FetchAsync(factory, new StatusEntry(StatusListData.Revocation, 0, "https://localhost/credentials/status/revocation/3", "", null), now);
        var suspension = await OutsideVerifier.FetchAsync(factory, new StatusEntry(StatusListData.Suspension, 0, "https://localhost/credentials/status/suspension/3", "", null), now);

        for (var i = 0; i < cases.Length; i++)
        {
            var state = certificates[i].StateOn(t);
            Assert.True(revocation.Bit(i) == (state == CertificateState.Revoked ? 1 : 0), $"{cases[i].Name}: state {state}, revocation bit {revocation.Bit(i)}");
            Assert.True(suspension.Bit(i) == (state is CertificateState.Expired or CertificateState.Lapsed ? 1 : 0), $"{cases[i].Name}: state {state}, suspension bit {suspension.Bit(i)}");
        }
        Assert.Equal([1, 2, 8, 9], revocation.SetBits());
        Assert.Equal([4, 6, 10], suspension.SetBits());
    }
}

/// <summary>The bitstring itself: its order, its size, its encoding; and the test's own decoder against the specification's example.</summary>
public sealed class StatusListEncodingTests
{
    [Fact]
    public void The_encoded_list_sets_exactly_the_given_bits_index_0_being_the_left_most_bit_of_the_first_byte()
    {
        var bits = OutsideVerifier.Expand(StatusLists.EncodedList([0, 9, 131_071]));

        Assert.Equal(16_384, bits.Length); // 131,072 bits: 16 KB, the specification's minimum
        Assert.Equal(0x80, bits[0]);
        Assert.Equal(0x40, bits[1]);
        Assert.Equal(0x01, bits[^1]);
        Assert.Equal(3, bits.Count(b => b != 0));
    }

    [Fact]
    public void An_empty_list_compresses_to_a_few_dozen_characters()
    {
        var encoded = StatusLists.EncodedList([]);

        Assert.All(OutsideVerifier.Expand(encoded), b => Assert.Equal(0, b));
        Assert.InRange(encoded.Length, 2, 200);
    }

    [Fact]
    public void The_test_decoder_reads_the_specifications_example_as_16_KB_of_zeros()
    {
        // Bitstring Status List v1.0, Example 3 (a BitstringStatusListCredential with nothing revoked).
        var bits = OutsideVerifier.Expand("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");

        Assert.Equal(16_384, bits.Length);
        Assert.All(bits, b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_index_outside_a_list_is_refused_and_a_status_index_is_split_into_list_and_position()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusLists.EncodedList([-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusLists.EncodedList([131_072]));
        Assert.Equal((0, 0), StatusLists.Position(0));
        Assert.Equal((0, 131_071), StatusLists.Position(131_071));
        Assert.Equal((1, 0), StatusLists.Position(131_072));
        Assert.Equal((16_383, 131_071), StatusLists.Position(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusLists.Position(-1));
    }
}

/// <summary>The status lists are rate-limited per client address: the limit is lowered to 3 a minute for this test.</summary>
public sealed class StatusListRateLimitTests(StatusListRateLimitTests.LowLimitFactory factory) : IClassFixture<StatusListRateLimitTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Verification:StatusListPermitsPerMinute", "3");
        }
    }

    [Fact]
    public async Task The_fourth_list_in_a_minute_is_refused_with_429_and_the_keys_are_not_limited()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/credentials/status/revocation/0")).StatusCode);
        }

        var refused = await client.GetAsync("/credentials/status/suspension/0");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/.well-known/jwks.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode); // its own budget
    }
}
