using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.MiChampions;

/// <summary>
/// MI Champions' front page (seed 002): what the program is and its three parts — the free introductory course, the
/// practice groups hosted by Champions and the directory of professional MI trainers. Public; no query.
/// </summary>
[AllowAnonymous]
public sealed class MiChampionsController : Controller
{
    [HttpGet("mi")]
    public IActionResult Index() => View(DefaultPrograms.MiPractice);
}
