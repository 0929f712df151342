using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Features.Files;

/// <summary>
/// Downloads an uploaded file by its random public id. An evidence file: only its owner and reviewers (the Reviewer
/// policy: Reviewer or Administrator). A homework submission: its owner and the cohort's faculty (its trainer, an
/// administrator). An assignment's file or a cohort's handbook: the cohort's members and faculty. Anyone else gets the
/// same 404 as for an id that does not exist. Sent as an attachment of the type found in its content, never cached,
/// never sniffed; every download is audited.
/// </summary>
[Authorize]
[Route("files")]
public sealed class FilesController(EvidenceFiles files, AppDbContext db, UserManager<AppUser> users, IAuthorizationService authorization) : Controller
{
    [HttpGet("{publicId}")]
    public async Task<IActionResult> Download(string publicId, CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(publicId, cancellationToken);
        if (file is null || !await MaySeeAsync(file, cancellationToken))
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

    private async Task<bool> MaySeeAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User);
        return file.Purpose switch
        {
            FilePurpose.Transcript or FilePurpose.TrainingCertificate or FilePurpose.Portfolio =>
                file.PersonId == me || (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded,
            FilePurpose.HomeworkSubmission =>
                file.PersonId == me || await IsFacultyAsync(file.GroupId, me, cancellationToken),
            FilePurpose.HomeworkAssignment or FilePurpose.Handbook =>
                await IsFacultyAsync(file.GroupId, me, cancellationToken) || await IsMemberAsync(file.GroupId, me, cancellationToken),
        };
    }

    private async Task<bool> IsFacultyAsync(int? groupId, string? me, CancellationToken cancellationToken) =>
        groupId is { } id && await db.Managed(User, me, GroupContent.Homework).AnyAsync(g => g.Id == id, cancellationToken);

    private async Task<bool> IsMemberAsync(int? groupId, string? me, CancellationToken cancellationToken) =>
        groupId is { } id && me is not null && await db.MemberOf(me, GroupContent.Homework).AnyAsync(g => g.Id == id, cancellationToken);
}
