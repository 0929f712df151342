using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Files;

/// <summary>
/// Downloads an uploaded evidence file by its random public id: only its owner and reviewers (the Reviewer policy:
/// Reviewer or Administrator) get it; anyone else gets the same 404 as for an id that does not exist. Sent as an
/// attachment of the type found in its content, never cached, never sniffed; every download is audited.
/// </summary>
[Authorize]
[Route("files")]
public sealed class FilesController(EvidenceFiles files, UserManager<AppUser> users, IAuthorizationService authorization) : Controller
{
    [HttpGet("{publicId}")]
    public async Task<IActionResult> Download(string publicId, CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(publicId, cancellationToken);
        if (file is null || !await MaySeeAsync(file))
        {
            return NotFound();
        }
        var content = await files.ContentAsync(file, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }
        await files.AuditDownloadAsync(file, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(content, file.ContentType, file.FileName);
    }

    private async Task<bool> MaySeeAsync(UploadedFile file) =>
        file.PersonId == users.GetUserId(User) || (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
}
