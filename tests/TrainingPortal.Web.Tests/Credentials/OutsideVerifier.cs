using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace TrainingPortal.Web.Tests.Credentials;

/// <summary>One <c>BitstringStatusListEntry</c> of a credential, as a verifier reads it.</summary>
internal sealed record StatusEntry(string Purpose, int Index, string ListUrl, string Type, string? Id);

/// <summary>A status list as a verifier sees it after checking it: its bits and the credential's payload.</summary>
internal sealed record CheckedStatusList(byte[] Bitstring, JsonObject Payload)
{
    /// <summary>The bit at <paramref name="index"/>: index 0 is the left-most (most significant) bit of the first byte.</summary>
    public int Bit(int index) => (Bitstring[index / 8] >> (7 - index % 8)) & 1;

    /// <summary>Every set position, in order.</summary>
    public IReadOnlyList<int> SetBits() => [.. Enumerable.Range(0, Bitstring.Length * 8).Where(i => Bit(i) == 1)];
}

/// <summary>
/// What a verifier outside the portal does with a credential's status (W3C Bitstring Status List v1.0 §3.2), written
/// without any of the portal's code: the payload read with <see cref="JsonNode"/>, base64url with
/// <see cref="WebEncoders"/>, the list fetched anonymously over HTTP, its ES256 signature checked against the JWK Set the
/// portal publishes (also fetched over HTTP) in a fresh <c>ECDsa</c> (<see cref="Badges.SignatureMatches"/>), the
/// multibase prefix and GZIP undone with <see cref="GZipStream"/>, the bit read in the specification's order.
/// </summary>
internal static class OutsideVerifier
{
    /// <summary>The specification's minimum list length, which a verifier enforces (STATUS_LIST_LENGTH_ERROR).</summary>
    public const int MinimumEntries = 131_072;

    /// <summary>The credential's <c>credentialStatus</c> entries (none for a credential without status).</summary>
    public static IReadOnlyList<StatusEntry> Entries(string credentialJwt)
    {
        var status = Badges.Part(credentialJwt, 1)["credentialStatus"];
        if (status is null)
        {
            return [];
        }
        List<JsonNode?> entries = status is JsonArray array ? [.. array] : [status];
        return [.. entries.Select(e => new StatusEntry(
            (string)e!["statusPurpose"]!,
            int.Parse((string)e["statusListIndex"]!, NumberStyles.None, CultureInfo.InvariantCulture), // a base-10 string
            (string)e["statusListCredential"]!,
            (string)e["type"]!,
            (string?)e["id"]))];
    }

    /// <summary>The entry of one purpose.</summary>
    public static StatusEntry Entry(string credentialJwt, string purpose) => Assert.Single(Entries(credentialJwt), e => e.Purpose == purpose);

    /// <summary>
    /// Fetches the entry's status list without signing in, checks it as a verifier must (signature against the published
    /// keys, type, purpose, validity period at <paramref name="now"/>, at least 131,072 entries) and returns it.
    /// </summary>
    public static async Task<CheckedStatusList> FetchAsync(PortalFactory factory, StatusEntry entry, DateTimeOffset now)
    {
        var anonymous = factory.CreatePortalClient();
        var response = await anonymous.GetAsync(new Uri(entry.ListUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = (await response.Content.ReadAsStringAsync()).Trim();

        // The signature, against the key the header names in the published JWK Set.
        var header = Badges.Part(jwt, 0);
        Assert.Equal("ES256", (string)header["alg"]!);
        var kid = (string)header["kid"]!;
        var jwk = Assert.Single(await factory.JwksAsync(), k => (string)k!["kid"]! == kid)!;
        Assert.True(Badges.SignatureMatches(jwt, jwk), "the status list's signature does not match the published key");

        // The credential: a BitstringStatusListCredential for this purpose, at this address, valid now.
        var payload = Badges.Part(jwt, 1);
        var types = payload["type"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains("VerifiableCredential", types);
        Assert.Contains("BitstringStatusListCredential", types);
        Assert.Equal(entry.ListUrl, (string)payload["id"]!);
        var subject = payload["credentialSubject"]!;
        Assert.Equal("BitstringStatusList", (string)subject["type"]!);
        Assert.Equal(entry.Purpose, (string)subject["statusPurpose"]!);
        var validFrom = DateTimeOffset.Parse((string)payload["validFrom"]!, CultureInfo.InvariantCulture);
        var validUntil = DateTimeOffset.Parse((string)payload["validUntil"]!, CultureInfo.InvariantCulture);
        Assert.InRange(now, validFrom, validUntil);

        var bitstring = Expand((string)subject["encodedList"]!);
        Assert.True(bitstring.Length * 8 >= MinimumEntries, $"the list has {bitstring.Length * 8} entries, fewer than {MinimumEntries}");
        Assert.InRange(entry.Index, 0, bitstring.Length * 8 - 1); // RANGE_ERROR otherwise
        return new CheckedStatusList(bitstring, payload);
    }

    /// <summary>The bit of the credential's entry of <paramref name="purpose"/>, checked as <see cref="FetchAsync"/> does.</summary>
    public static async Task<int> StatusAsync(PortalFactory factory, string credentialJwt, string purpose)
    {
        var entry = Entry(credentialJwt, purpose);
        return (await FetchAsync(factory, entry, factory.Time.GetUtcNow())).Bit(entry.Index);
    }

    /// <summary>The Bitstring Expansion Algorithm: multibase base64url (prefix <c>u</c>, no padding), then GZIP.</summary>
    public static byte[] Expand(string encodedList)
    {
        Assert.StartsWith("u", encodedList, StringComparison.Ordinal);
        Assert.DoesNotContain("=", encodedList, StringComparison.Ordinal);
        var compressed = WebEncoders.Base64UrlDecode(encodedList[1..]);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        return bits.ToArray();
    }
}
