using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingPortal.Web.Features.Exports;

namespace TrainingPortal.Web.Features.EnrollmentImport;

/// <summary>
/// Administrators import enrollments from a CSV file: all rows or none. A refused file is reported row
/// by row (row as in the file, column, value, message) and nothing is saved; an accepted file is
/// inserted in one transaction. Every enrollment is audited by the interceptor.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/imports/enrollments")]
public sealed class EnrollmentImportController(EnrollmentImporter importer, UserManager<AppUser> users, IOptions<PortalOptions> options) : Controller
{
    /// <summary>The largest request accepted at all; files between 1 MB and this get a message, larger requests a 400/413.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View(Page());

    [HttpPost("")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Index(ImportForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid || form.File is not { } file)
        {
            return View(Page(form));
        }
        if (file.Length > EnrollmentImporter.MaxBytes)
        {
            ModelState.AddModelError("File", $"The file is larger than 1 MB ({file.Length / 1024} KB). Split it into smaller files of at most {EnrollmentImporter.MaxRows:N0} rows.");
            return View(Page(form));
        }

        byte[] content;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await using var stream = file.OpenReadStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var check = await importer.CheckAsync(content, cancellationToken);
        if (!check.CanImport)
        {
            var count = check.Problems.Count;
            ModelState.AddModelError("File", count == 1
                ? "Nothing was imported: the file has a problem, listed below. Correct it and upload the file again."
                : $"Nothing was imported: the file has {count:N0} problems, listed below. Correct them and upload the file again.");
            return View(Page(form, check.Problems));
        }

        var outcome = await importer.SaveAsync(check.Rows, users.GetUserId(User), cancellationToken);
        if (outcome.Failure is { } failure)
        {
            ModelState.AddModelError("File", failure);
            return View(Page(form));
        }
        TempData["Notice"] = outcome.Imported == 1 ? "1 enrollment was imported." : $"{outcome.Imported:N0} enrollments were imported.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The header and one example row, to fill in.</summary>
    [HttpGet("template.csv")]
    public IActionResult Template() =>
        new CsvDownload("enrollments-import-template.csv", EnrollmentImporter.Header, (csv, ct) => csv.WriteRecordAsync(EnrollmentImporter.ExampleRow, ct).AsTask());

    private ImportPage Page(ImportForm? form = null, IReadOnlyList<ImportProblem>? problems = null) => new()
    {
        Form = form ?? new ImportForm(),
        FileName = form?.File?.FileName,
        Problems = problems ?? [],
        TimeZoneId = options.Value.DefaultTimeZone,
    };
}
