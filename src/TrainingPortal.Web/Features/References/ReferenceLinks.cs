using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Identity;

namespace TrainingPortal.Web.Features.References;

/// <summary>Settings of the raters' links (section <c>References</c>).</summary>
public sealed class ReferenceOptions
{
    public const string Section = "References";

    /// <summary>How many days a rater's link works after it is sent (default 30).</summary>
    public int LinkValidDays { get; set; } = 30;

    /// <summary>Requests per minute per client address to the rating form (default 30).</summary>
    public int PermitsPerMinute { get; set; } = 30;
}

/// <summary>
/// The raters' single-use links: a random 256-bit token (base64url, 43 characters) mailed to the rater, of which only
/// the SHA-256 hash is stored (<see cref="ReferenceRecord.TokenHash"/>); a new link replaces the old one.
/// </summary>
public sealed class ReferenceLinks(IEmailSender email, Infrastructure.PublicAddress publicAddress, IOptions<ReferenceOptions> options, TimeProvider time)
{
    /// <summary>The length of a token in its address.</summary>
    public const int TokenLength = 43;

    /// <summary>The hash stored for <paramref name="token"/>, or null when it cannot be a token (wrong length or characters).</summary>
    public static string? HashOf(string? token)
    {
        if (token is null || token.Length != TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    /// <summary>
    /// Gives <paramref name="reference"/> a new link (any earlier one stops working), marks it sent now and mails it to the
    /// rater. The caller saves the record, before the mail is sent (<paramref name="save"/>): a link is never mailed that
    /// the database does not know. Returns false when the mail server failed: the rater is saved, the link was not
    /// delivered, and the applicant is told to send a new link (the token itself is never stored, so it cannot be queued).
    /// </summary>
    public async Task<bool> IssueAsync(ReferenceRecord reference, string applicantName, string levelTitle, Func<Task> save, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        reference.TokenHash = HashOf(token);
        reference.SentUtc = now;
        reference.OpenedUtc = null;
        reference.ReminderSentUtc = null; // a new link gets its own reminder
        reference.LinkExpiresUtc = now.AddDays(Math.Max(1, options.Value.LinkValidDays));
        await save();

        var url = publicAddress.Base + "/references/" + token;
        var until = reference.LinkExpiresUtc.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var body = $"""
            Hello {reference.RaterName},

            {applicantName} has named you as a professional reference for their application for {levelTitle}.

            Please give your rating on this page (no account is needed; it takes a few minutes):
            {url}

            The link works once and until {until} (UTC). If you did not expect this e-mail, you can ignore it.

            TrainingPortal
            """;
        try
        {
            await email.SendAsync(reference.RaterEmail!, "Reference request: " + applicantName, body, cancellationToken);
            return true;
        }
#pragma warning disable CA1031 // any failure of the mail server: the saved rater stays, the applicant is told to send again
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>What the applicant reads when the mail server failed.</summary>
    public static string NotSent(string raterName) =>
        $"{raterName} is saved, but the e-mail could not be sent just now (the mail server did not take it). Use “Send a new link” in a few minutes.";
}
