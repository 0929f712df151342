using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace TrainingPortal.Web.Features.TrainingRequests;

/// <summary>
/// "Request MIO training": the public form an organisation sends without an account. Guarded against spam by a
/// per-address rate limit on the POST (<c>TrainingRequests:PermitsPerMinute</c>, default 5) and a honeypot field: a
/// form that fills it gets the same thank-you page and nothing is stored. Administrators read the requests at
/// <c>/admin/training-requests</c>.
/// </summary>
[AllowAnonymous]
[Route("programs/request-training")]
public sealed class TrainingRequestsController(AppDbContext db, PortalClock clock) : Controller
{
    public const string RateLimitPolicy = "training-requests";

    [HttpGet("")]
    public IActionResult Index() => View(new TrainingRequestForm());

    [HttpPost("")]
    [EnableRateLimiting(RateLimitPolicy)]
    public async Task<IActionResult> Index(TrainingRequestForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrEmpty(form.Website))
        {
            return RedirectToAction(nameof(Thanks)); // a bot: answered as if sent, nothing kept
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        db.TrainingRequests.Add(new TrainingRequest
        {
            Organisation = form.Organisation!.Trim(),
            ContactName = form.ContactName!.Trim(),
            ContactEmail = form.ContactEmail!.Trim(),
            Clinicians = int.Parse(form.Clinicians!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture),
            Region = form.Region!.Trim(),
            Message = string.IsNullOrWhiteSpace(form.Message) ? null : form.Message.Trim(),
            ReceivedUtc = clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToAction(nameof(Thanks));
    }

    [HttpGet("thanks")]
    public IActionResult Thanks() => View();
}
