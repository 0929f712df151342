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
        if (IsApi(feature?.Path))
        {
            // The JSON API answers problem+json, errors included (ADR-008), never the HTML page.
            return ApiProblem(StatusCodes.Status500InternalServerError, "Something went wrong on our side",
                $"Nothing was changed. If it happens again, give this correlation id to the portal's administrators: {correlationId}.", correlationId);
        }
        return View("ServerError", correlationId);
    }

    private static bool IsApi(string? path) => path is not null && path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    private static ObjectResult ApiProblem(int status, string title, string? detail, string correlationId)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["traceId"] = correlationId } };
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
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
        if (IsApi(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath))
        {
            return ApiProblem(Response.StatusCode, Response.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "The request could not be handled", null,
                Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        }
        return code == StatusCodes.Status404NotFound ? View("NotFound") : View("Status", code);
    }
}
