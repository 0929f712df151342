using System.Security.Claims;
using System.Text.Json;

namespace TrainingPortal.Web.Data;

/// <summary>
/// Records events that are not entity changes (sign-in, sign-out, lockout, password reset) in the
/// same audit table as the interceptor. Never records passwords, tokens or e-mail addresses.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    public async Task RecordAsync(string action, string entityType, string entityId, object? details = null, string? actorId = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            ActorId = actorId ?? httpContextAccessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            // Events about an account (sign-in, password reset) concern that person, so the log can be filtered by them.
            PersonId = entityType == nameof(Identity.AppUser) ? entityId : null,
            Changes = details is null ? null : JsonSerializer.Serialize(details),
        });
        await db.SaveChangesAsync();
    }
}
