using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace TrainingPortal.Web.Features.Credentials;

/// <summary>
/// The credential status lists (W3C Bitstring Status List) at <c>/credentials/status/{purpose}/{list}</c>, named by
/// every credential's <c>credentialStatus</c>: public on purpose (a verifier checks a credential without an account),
/// read-only, made at request time from the certificates table (<see cref="StatusListCredentials"/>) and signed like
/// the badges. Verifiers and proxies may cache a list for <see cref="StatusLists.TimeToLive"/>; a list holds bits only,
/// no name or code. Rate-limited per client address (<see cref="RateLimitPolicy"/>): each answer costs a query and a
/// signature.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicy)]
public sealed class StatusListsController(StatusListCredentials lists) : Controller
{
    public const string RateLimitPolicy = "status-lists";

    /// <summary>The media type of a credential secured as a JWT (the badge download uses the same).</summary>
    public const string MediaType = "application/vc+jwt";

    /// <summary>
    /// One list: <paramref name="purpose"/> <c>revocation</c> or <c>suspension</c>, <paramref name="list"/> its number written
    /// as the credentials write it (digits, no sign, no leading zero), 0 to <see cref="StatusLists.MaxList"/>; anything
    /// else answers 404.
    /// </summary>
    [HttpGet("credentials/status/{purpose}/{list}")]
    public async Task<IActionResult> Show(string? purpose, string? list, CancellationToken cancellationToken)
    {
        if (!StatusLists.TryParse(purpose, out var statusPurpose) || ListNumber(list) is not { } number)
        {
            return NotFound();
        }
        var jwt = await lists.SignedAsync(statusPurpose, number, cancellationToken);
        Response.Headers.CacheControl = "public, max-age=" + ((int)StatusLists.TimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        // Verifiers running in a browser (wallets, displayers) fetch the lists from their own origin, as the keys.
        Response.Headers.AccessControlAllowOrigin = "*";
        return File(System.Text.Encoding.ASCII.GetBytes(jwt), MediaType);
    }

    private static int? ListNumber(string? text) =>
        text is { Length: > 0 and <= 5 } && (text == "0" || text[0] != '0')
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= StatusLists.MaxList
            ? number
            : null;
}
