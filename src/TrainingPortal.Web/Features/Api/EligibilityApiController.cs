using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Api;

/// <summary>
/// The eligibility API: evaluates a self-contained evidence document and returns the verdict. It
/// reads and writes no stored data (apart from the API key's last-used time). See docs/eligibility-api.md.
/// </summary>
[ApiController]
[Route("api/v1/eligibility")]
[Authorize(Policy = Policies.Api)]
// Called by machines with bearer keys, which carry no antiforgery token. Cross-site forms are kept
// out by requiring Content-Type: application/json instead (see ADR-008).
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EligibilityApiController(EvaluateRequestReader reader) : ControllerBase
{
    /// <summary>The largest request body accepted (1 MiB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Evaluates an evidence document under a rule set on a date.</summary>
    /// <remarks>Pure: nothing is read from or written to the portal's records.</remarks>
    [HttpPost("evaluate")]
    [EndpointName("EvaluateEligibility")]
    [EndpointSummary("Evaluate an evidence document")]
    [EndpointDescription("Evaluates a self-contained evidence document under one rule set (a version or \"current\") on one date and returns the verdict. Touches no stored data.")]
    [OpenApiRequestBody(typeof(EvaluateRequest))]
    [ProducesResponseType<EvaluateResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<IActionResult> Evaluate()
    {
        // No parameters: MVC binds nothing (and reads no form) before the content type is checked.
        var cancellationToken = HttpContext.RequestAborted;
        if (!IsJson(Request.ContentType))
        {
            return Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the document with 'Content-Type: application/json' (UTF-8).");
        }
        if (Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            return Problem(statusCode: e.StatusCode, title: "The request body could not be read");
        }
        if (body is null)
        {
            return TooLarge();
        }

        var read = await reader.ReadAsync(body, RuleSetCatalog.Default, cancellationToken);
        if (read.Input is not { } input)
        {
            return ValidationProblem(Invalid(read.Errors, "The evidence document has errors"));
        }

        Verdict verdict;
        try
        {
            verdict = RuleEvaluator.Evaluate(input.RuleSet, input.Evidence, input.AsOf);
        }
        catch (ArgumentException e)
        {
            // The reader already checks categories; this is the engine's own guard.
            return ValidationProblem(Invalid(new Dictionary<string, string[]> { ["category"] = [e.Message] }, "The category is not valid"));
        }
        return Ok(EvaluateResponse.From(verdict));
    }

    private ValidationProblemDetails Invalid(IDictionary<string, string[]> errors, string title) => new(errors)
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = title,
        Detail = "Each entry of 'errors' names a field by its JSON path ('$' is the whole document).",
        Status = StatusCodes.Status400BadRequest,
        Extensions = { ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? HttpContext.TraceIdentifier },
    };

    private ObjectResult TooLarge() =>
        Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"The body may be at most {MaxBodyBytes / 1024} KiB.");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or <c>null</c> when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private async Task<byte[]?> ReadBodyAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
