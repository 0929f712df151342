using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TrainingPortal.Web.Features.Groups;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// A CSV file streamed to the response as it is written (rows go out while the query is still being
/// read, so memory does not grow with the file). UTF-8 with a byte order mark, so Excel reads names
/// with accents correctly; fields that a spreadsheet would run as formulas are escaped (the attendance
/// export's options, <see cref="AttendanceExportController.Options"/>). Not cached.
/// </summary>
public sealed class CsvDownload(string fileName, IReadOnlyList<string> header, Func<CsvWriter, CancellationToken, Task> writeRows) : IActionResult
{
    public string FileName => fileName;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = fileName,
            FileNameStar = fileName,
        }.ToString();

        await using var csv = CsvWriter.Create(response.Body, AttendanceExportController.Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. header], cancellationToken);
        await writeRows(csv, cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
