using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using TrainingPortal.Web.Tests.Credentials;

namespace TrainingPortal.Web.Tests.Features.Certificates;

/// <summary>
/// The holder's page of a certificate (<c>/certificates/{code}</c>): what it says, the downloads, and the "Add to LinkedIn
/// profile" link — shown only while the certificate is valid, its parts taken from the certificate.
/// </summary>
public sealed partial class HeldCertificatePageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex("<a [^>]*data-testid=\"linkedin-link\"[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex LinkedInLink();

    [GeneratedRegex("href=\"(?<href>[^\"]*)\"")]
    private static partial Regex Href();

    private async Task<(HttpClient Holder, string Code, string Html)> PageAsync(string program, DateOnly awardedOn)
    {
        var (holder, certificate, _) = await factory.HolderAsync(program, awardedOn);
        var client = await factory.SignedInAsync(holder.Email!, TestUsers.Password);
        var code = CertificateCodes.Format(certificate.Code!);
        var response = await client.GetAsync($"/certificates/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, code, PortalClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The LinkedIn link's attributes and text, and the parts of its address (the raw, HTML-decoded href).</summary>
    private static (string Tag, string Text, string Href, Dictionary<string, string> Parts) LinkedIn(string html)
    {
        var match = LinkedInLink().Match(html);
        Assert.True(match.Success, "no LinkedIn link on the page");
        var href = Href().Match(match.Value).Groups["href"].Value;
        var parts = QueryHelpers.ParseQuery(href[href.IndexOf('?', StringComparison.Ordinal)..]).ToDictionary(p => p.Key, p => Assert.Single(p.Value.ToArray())!);
        // The text a screen reader says: without the arrow, which is hidden from it.
        var spoken = Regex.Replace(match.Groups["text"].Value, "<span aria-hidden=\"true\">.*?</span>|<[^>]+>", "");
        return (match.Value, spoken, href, parts);
    }

    [Fact]
    public async Task A_valid_certificate_offers_the_downloads_and_a_linkedin_link_that_opens_in_a_new_tab_filled_in_from_the_certificate()
    {
        var awarded = factory.PortalToday().AddDays(-40);
        var (_, code, html) = await PageAsync(DefaultRuleSets.Keys.MioRostering, awarded);

        Assert.Contains("<h1 class=\"h3 mb-1\">Rostered MIO Clinician</h1>", html);
        Assert.Contains($"href=\"/certificates/{code}/pdf\"", html);
        Assert.Contains($"href=\"/certificates/{code}/credential\"", html);
        Assert.Contains($"href=\"https://localhost/verify/{code}\"", html);
        var (tag, text, href, parts) = LinkedIn(html);
        Assert.Equal("Add to LinkedIn profile (opens LinkedIn in a new tab)", text);
        Assert.Contains("target=\"_blank\"", tag);
        Assert.Contains("rel=\"noopener noreferrer\"", tag);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["startTask"] = "CERTIFICATION_NAME",
                ["name"] = "Rostered MIO Clinician",
                ["organizationName"] = "Northfield Institute for Infant and Family Training",
                ["issueYear"] = awarded.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["issueMonth"] = awarded.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["certUrl"] = $"https://localhost/verify/{code}",
                ["certId"] = code,
            },
            parts); // rostering does not end: no expiration parts
        Assert.StartsWith(LinkedInProfileLink.Address + "?", href, StringComparison.Ordinal);
        Assert.Contains("organizationName=Northfield%20Institute%20for%20Infant%20and%20Family%20Training&", href, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endorsement_is_added_with_the_month_its_renewal_falls_due_as_its_end()
    {
        var awarded = new DateOnly(factory.PortalToday().Year - 1, 3, 14);
        var (_, _, html) = await PageAsync(DefaultRuleSets.Keys.ImhEndorsementL1, awarded);

        var parts = LinkedIn(html).Parts;
        var through = new DateOnly(awarded.Year + 2, 1, 31);
        Assert.Equal((through.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "3"),
            (parts["expirationYear"], parts["expirationMonth"], parts["issueMonth"]));
        Assert.Contains("renew by " + Web.Infrastructure.DateDisplay.Date(through), html);
        Assert.Contains("After each renewal, change the end date on LinkedIn.", html);
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_and_offers_no_download_and_no_linkedin_link()
    {
        var (holder, certificate, _) = await factory.HolderAsync();
        await factory.WithScopeAsync(sp => sp.GetRequiredService<CertificateService>().RevokeAsync(certificate.CertificateId!.Value, "Issued in error"));
        var client = await factory.SignedInAsync(holder.Email!, TestUsers.Password);
        var code = CertificateCodes.Format(certificate.Code!);

        var html = PortalClient.Decode(await client.GetStringAsync($"/certificates/{code}"));

        Assert.Contains(">Revoked</span>", html);
        Assert.Contains("withdrew this certificate", html);
        Assert.DoesNotContain("linkedin", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"/certificates/{code}/pdf", html);
        Assert.DoesNotContain($"/certificates/{code}/credential", html);
        // Nor does the home page link to the page any longer.
        Assert.DoesNotContain($"href=\"/certificates/{code}\"", PortalClient.Decode(await client.GetStringAsync("/")));
    }

    [Fact]
    public async Task A_lapsed_endorsement_keeps_its_downloads_but_cannot_be_added_to_linkedin()
    {
        // Awarded three years ago: its renewal fell due on January 31 of last year.
        var (holder, certificate, _) = await factory.HolderAsync(DefaultRuleSets.Keys.ImhEndorsementL1, factory.PortalToday().AddYears(-3));
        var client = await factory.SignedInAsync(holder.Email!, TestUsers.Password);
        var code = CertificateCodes.Format(certificate.Code!);

        var html = PortalClient.Decode(await client.GetStringAsync($"/certificates/{code}"));

        Assert.Contains(">Lapsed</span>", html);
        Assert.Contains($"/certificates/{code}/pdf", html);
        Assert.Contains("Only a valid certificate can be added to a LinkedIn profile.", html);
        Assert.DoesNotContain("linkedin.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_links_a_valid_certificate_to_its_page()
    {
        var (holder, certificate, _) = await factory.HolderAsync();
        var client = await factory.SignedInAsync(holder.Email!, TestUsers.Password);
        var code = CertificateCodes.Format(certificate.Code!);

        var home = PortalClient.Decode(await client.GetStringAsync("/"));

        Assert.Contains($"<a href=\"/certificates/{code}\" data-testid=\"certificate-page\">Share it or add it to your LinkedIn profile<span class=\"visually-hidden\">: Rostered MIO Clinician</span></a>", home);
    }

    [Fact]
    public async Task Someone_elses_unknown_or_malformed_code_answers_404_and_an_anonymous_visitor_is_sent_to_sign_in()
    {
        var (_, certificate, _) = await factory.HolderAsync();
        var code = CertificateCodes.Format(certificate.Code!);
        var other = await factory.CreateAsync();
        var client = await factory.SignedInAsync(other.Email!, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/certificates/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/certificates/2345-6789-ABCD")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/certificates/not-a-code")).StatusCode);
        var anonymous = await factory.CreatePortalClient().GetAsync($"/certificates/{code}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
