using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace TrainingPortal.Web.Credentials;

/// <summary>What a status list says about the credentials it covers (the W3C Bitstring Status List's <c>statusPurpose</c>).</summary>
public enum StatusPurpose
{
    /// <summary>The certificate is revoked: final (a revoked certificate is never re-instated).</summary>
    Revocation = 0,

    /// <summary>The certificate has expired or its endorsement has lapsed: a renewal clears it again.</summary>
    Suspension,
}

/// <summary>
/// The portal's W3C Bitstring Status Lists (https://www.w3.org/TR/vc-bitstring-status-list/): where a credential's
/// status is, and how a list is written. Every credential signed since the lists exist carries two entries, one in
/// the revocation list and one in the suspension list, at the same index: its certificate's <em>status index</em>,
/// which is the id of the enrollment the certificate was issued for (one certificate per enrollment, known before the
/// credential is signed, the same for every version). List <c>n</c> holds indexes
/// <c>n × <see cref="ListSize"/></c> to <c>(n + 1) × <see cref="ListSize"/> − 1</c>; inside it a credential's
/// <c>statusListIndex</c> is the remainder. A list is published at
/// <c>{public address}/credentials/status/{purpose}/{n}</c> (<see cref="ListUrl"/>).
/// </summary>
public static class StatusLists
{
    /// <summary>Entries per list: the specification's minimum (16 KB of bits), for herd privacy.</summary>
    public const int ListSize = 131_072;

    /// <summary>The highest list number an index can reach (indexes are non-negative <see cref="int"/>s).</summary>
    public const int MaxList = int.MaxValue / ListSize;

    /// <summary>
    /// How long a verifier may keep a list before fetching it again (the credential's <c>ttl</c>, and the response's
    /// <c>Cache-Control: max-age</c>): a revocation or a lapse reaches verifiers within this time.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>How long one signed copy of a list stays valid (its <c>validUntil</c>), for a copy handed over by the holder.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    /// <summary>Both purposes, in the order a credential lists its entries.</summary>
    public static readonly IReadOnlyList<StatusPurpose> Purposes = [StatusPurpose.Revocation, StatusPurpose.Suspension];

    /// <summary>The purpose as the specification spells it (<c>revocation</c>, <c>suspension</c>), also the list's address segment.</summary>
    public static string Name(this StatusPurpose purpose) => purpose switch
    {
        StatusPurpose.Revocation => "revocation",
        StatusPurpose.Suspension => "suspension",
    };

    /// <summary>The purpose an address segment names; false for anything else (the segment is compared exactly, lower case).</summary>
    public static bool TryParse(string? name, out StatusPurpose purpose)
    {
        foreach (var candidate in Purposes)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                purpose = candidate;
                return true;
            }
        }
        purpose = default;
        return false;
    }

    /// <summary>The list a status index falls in, and its position (the <c>statusListIndex</c>) inside that list.</summary>
    public static (int List, int Index) Position(int statusIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(statusIndex);
        return (statusIndex / ListSize, statusIndex % ListSize);
    }

    /// <summary>The address of list <paramref name="list"/> of a purpose: <c>{issuerUrl}/credentials/status/{purpose}/{list}</c>.</summary>
    public static string ListUrl(string issuerUrl, StatusPurpose purpose, int list) =>
        $"{issuerUrl.TrimEnd('/')}/credentials/status/{purpose.Name()}/{list.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Writes a credential's <c>credentialStatus</c>: an array of one <c>BitstringStatusListEntry</c> per purpose, each
    /// with an <c>id</c> (the list's address and the index as fragment), its purpose, the index as a base-10 string and
    /// the list's address.
    /// </summary>
    public static void WriteEntries(Utf8JsonWriter writer, string issuerUrl, int statusIndex)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (list, index) = Position(statusIndex);
        var position = index.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartArray("credentialStatus");
        foreach (var purpose in Purposes)
        {
            var url = ListUrl(issuerUrl, purpose, list);
            writer.WriteStartObject();
            writer.WriteString("id", url + "#" + position);
            writer.WriteString("type", "BitstringStatusListEntry");
            writer.WriteString("statusPurpose", purpose.Name());
            writer.WriteString("statusListIndex", position);
            writer.WriteString("statusListCredential", url);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// The <c>encodedList</c> of a list whose set positions are <paramref name="setIndexes"/> (positions inside the list,
    /// 0 to <see cref="ListSize"/> − 1): a bitstring of <see cref="ListSize"/> bits, position 0 being the left-most (most
    /// significant) bit of the first byte, GZIP-compressed, base64url-encoded without padding and prefixed with
    /// <c>u</c> (the multibase code for base64url).
    /// </summary>
    public static string EncodedList(IEnumerable<int> setIndexes)
    {
        ArgumentNullException.ThrowIfNull(setIndexes);
        var bits = new byte[ListSize / 8];
        foreach (var index in setIndexes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(setIndexes));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ListSize, nameof(setIndexes));
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }
        return "u" + Jose.Encode(compressed.ToArray());
    }
}
