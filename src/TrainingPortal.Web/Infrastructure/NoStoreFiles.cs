using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Every file an action sends — certificate PDFs, Open Badges credentials, CSV exports — carries
/// <c>Cache-Control: no-store</c> (ASVS 5.0 V14.3.2), so no browser or proxy keeps a copy of personal records. An
/// action that sets its own Cache-Control on purpose (the public key set, the calendar feed) keeps it.
/// </summary>
public sealed class NoStoreFiles : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is FileResult && !context.HttpContext.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
