namespace TrainingPortal.Web.Data;

/// <summary>
/// A key for the JSON API, created and revoked by an administrator. Only a SHA-256 hash of the
/// secret is stored; the secret is shown once, when the key is created. Keys look like
/// <c>tp_{Prefix}_{secret}</c>; the prefix finds the row, the hash proves the secret.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    /// <summary>What the key is for, e.g. "State association import".</summary>
    public string Name { get; set; } = "";

    /// <summary>Public, unique, shown in lists so people can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Hex SHA-256 of the whole key string.</summary>
    public string KeyHash { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime? RevokedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}
