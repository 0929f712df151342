using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Errors;

/// <summary>Friendly error pages. No stack trace ever reaches the browser outside Development.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // re-executed for whatever request failed; it changes nothing
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed partial class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}; correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path, string correlationId);

    [Route("error")]
    public IActionResult ServerError()
    {
        var correlationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (feature is not null)
        {
            // The path and exception type only: never the request's data.
            LogUnhandled(logger, feature.Error, feature.Path, correlationId);
        }
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("ServerError", correlationId);
    }

    [Route("error/{code:int}")]
    public IActionResult Status()
    {
        // Read from the route, not bound as a parameter: when the failed request's form cannot be read
        // (e.g. an upload over the size limit), model binding binds nothing and the code would be 0.
        var code = int.Parse((string)RouteData.Values["code"]!, CultureInfo.InvariantCulture);
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && code is < 400 or > 599)
        {
            return NotFound();
        }
        Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        return code == StatusCodes.Status404NotFound ? View("NotFound") : View("Status", code);
    }
}
