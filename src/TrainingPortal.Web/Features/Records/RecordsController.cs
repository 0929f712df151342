using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Records;

/// <summary>The administrators' records area: links to the audit log, the CSV exports and the enrollment import.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/records")]
public sealed class RecordsController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
