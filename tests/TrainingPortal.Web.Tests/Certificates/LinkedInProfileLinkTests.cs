using Microsoft.AspNetCore.WebUtilities;

namespace TrainingPortal.Web.Tests.Certificates;

/// <summary>LinkedIn's "Add to profile" address: its parts, their encoding, the dates, and a certificate without an end.</summary>
public sealed class LinkedInProfileLinkTests
{
    private static Dictionary<string, string> Parts(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        Assert.Equal("https://www.linkedin.com/profile/add", url[..question]);
        return QueryHelpers.ParseQuery(url[question..]).ToDictionary(p => p.Key, p => Assert.Single(p.Value.ToArray())!);
    }

    [Fact]
    public void Every_part_is_filled_in_and_the_months_are_numbers()
    {
        var url = LinkedInProfileLink.For("Infant Family Specialist (IMH Endorsement Level II)", "Northfield Institute for Infant and Family Training",
            new DateOnly(2026, 3, 14), new DateOnly(2028, 1, 31), "https://training.example.org/verify/K7QM-3WPX-9HTC", "K7QM-3WPX-9HTC");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["startTask"] = "CERTIFICATION_NAME",
                ["name"] = "Infant Family Specialist (IMH Endorsement Level II)",
                ["organizationName"] = "Northfield Institute for Infant and Family Training",
                ["issueYear"] = "2026",
                ["issueMonth"] = "3",
                ["expirationYear"] = "2028",
                ["expirationMonth"] = "1",
                ["certUrl"] = "https://training.example.org/verify/K7QM-3WPX-9HTC",
                ["certId"] = "K7QM-3WPX-9HTC",
            },
            Parts(url));
        Assert.StartsWith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=", url, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_an_end_has_no_expiration_parts()
    {
        var url = LinkedInProfileLink.For("Rostered MIO Clinician", "Northfield Institute", new DateOnly(2026, 12, 1), null,
            "https://training.example.org/verify/K7QM-3WPX-9HTC", "K7QM-3WPX-9HTC");

        var parts = Parts(url);
        Assert.DoesNotContain("expirationYear", parts.Keys);
        Assert.DoesNotContain("expirationMonth", parts.Keys);
        Assert.DoesNotContain("expiration", url, StringComparison.Ordinal);
        Assert.Equal(("2026", "12"), (parts["issueYear"], parts["issueMonth"]));
    }

    [Fact]
    public void Values_are_percent_encoded_so_that_no_character_of_a_name_can_end_or_add_a_part()
    {
        var url = LinkedInProfileLink.For("Level I & II — Zoë's \"course\" 100% #1", "Ångström + Søn = Co/Ltd?", new DateOnly(2026, 5, 2), new DateOnly(2027, 10, 31),
            "https://training.example.org/verify/K7QM-3WPX-9HTC?v=2&x=1", "K7QM-3WPX-9HTC");

        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];
        Assert.Equal(["startTask", "name", "organizationName", "issueYear", "issueMonth", "expirationYear", "expirationMonth", "certUrl", "certId"],
            query.Split('&').Select(p => p.Split('=')[0]));
        Assert.Contains("name=Level%20I%20%26%20II%20%E2%80%94%20Zo%C3%AB%27s%20%22course%22%20100%25%20%231&", url, StringComparison.Ordinal);
        Assert.Contains("organizationName=%C3%85ngstr%C3%B6m%20%2B%20S%C3%B8n%20%3D%20Co%2FLtd%3F&", url, StringComparison.Ordinal);
        Assert.Contains("certUrl=https%3A%2F%2Ftraining.example.org%2Fverify%2FK7QM-3WPX-9HTC%3Fv%3D2%26x%3D1&", url, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", url, StringComparison.Ordinal);
        var parts = Parts(url);
        Assert.Equal("Level I & II — Zoë's \"course\" 100% #1", parts["name"]);
        Assert.Equal("Ångström + Søn = Co/Ltd?", parts["organizationName"]);
        Assert.Equal("https://training.example.org/verify/K7QM-3WPX-9HTC?v=2&x=1", parts["certUrl"]);
    }

    [Fact]
    public void An_empty_name_or_issuer_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LinkedInProfileLink.For(" ", "Issuer", new DateOnly(2026, 1, 1), null, "https://x.example/verify/A", "A"));
        Assert.Throws<ArgumentException>(() => LinkedInProfileLink.For("Name", "", new DateOnly(2026, 1, 1), null, "https://x.example/verify/A", "A"));
    }
}
