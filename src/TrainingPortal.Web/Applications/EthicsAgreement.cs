namespace TrainingPortal.Web.Applications;

/// <summary>
/// The Code of Ethics &amp; Endorsement Agreement as the portal shows it to be signed, versioned: a signature stores the
/// <see cref="Version"/> it was made under (<c>SignedAttestation.TextVersion</c>). Change the text only together with a
/// new version, so what each person signed stays known.
/// </summary>
/// <remarks>
/// A summary, not the association's own Code of Ethics (the source documents name the agreement without its text):
/// it states only what the sources require of an endorsee (shared spec: programs.md §4 "Continuing endorsement",
/// endorsement-levels.md "every level" and "Renewal"); nothing else is promised on the signer's behalf.
/// </remarks>
public static class EthicsAgreement
{
    /// <summary>The version of the text below.</summary>
    public const string Version = "2026-01";

    /// <summary>The requirement key of the signature in every endorsement rule set.</summary>
    public const string RequirementKey = "ethics-agreement";

    public const string Title = "Code of Ethics & Endorsement Agreement";

    /// <summary>The opening paragraph.</summary>
    public const string Introduction =
        "Every endorsement level asks you to sign the Code of Ethics & Endorsement Agreement of the infant mental health " +
        "association that endorses you. This is the portal's summary of what you agree to; the association's Code of Ethics " +
        "itself is the full text.";

    /// <summary>What the signer agrees to.</summary>
    public static IReadOnlyList<string> Agreements { get; } =
    [
        "I will follow the Code of Ethics of the infant mental health association that endorses me.",
        "To keep my endorsement once it is awarded, I will complete at least 15 clock hours of relationship-based education " +
            "and training each year, about the promotion of social-emotional development and/or the practice of infant mental health.",
        "I will renew my membership in an infant mental health association every year.",
        "I understand that an endorsement whose yearly renewal is not met lapses, and that its public verification page then says so.",
    ];

    /// <summary>Recommended, not required (said so, so that no obligation is added).</summary>
    public static IReadOnlyList<string> Recommendations { get; } =
    [
        "Endorsed professionals are encouraged to receive reflective supervision/consultation, individually or in a group.",
        "Level IV-Clinical endorsees who provide reflective supervision/consultation are encouraged to make at least 3 of the " +
            "15 yearly hours training about reflective supervision/consultation.",
    ];

    /// <summary>
    /// Whether <paramref name="typed"/> is <paramref name="displayName"/>, ignoring case and extra spaces (inside and around).
    /// </summary>
    public static bool NameMatches(string? typed, string? displayName)
    {
        var t = Normal(typed);
        return t.Length > 0 && t == Normal(displayName);
    }

    /// <summary>Spaces collapsed and trimmed: the name as stored with the signature.</summary>
    public static string Tidy(string? s) => string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Normal(string? s) => Tidy(s).ToUpperInvariant();
}
