using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingPortal.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted entity in the same
/// <c>SaveChanges</c>: who (the signed-in user), when (<see cref="TimeProvider"/>), what (before → after).
/// Secrets — password hashes, security stamps, tokens, key material — are never written.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor httpContextAccessor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SecretProperties = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Value", "Xml", "KeyHash", "TokenHash", "ProtectedPrivateKey",
    };

    // Large values that are stored whole elsewhere (the certificate version itself, the application's submitted snapshot):
    // the audit row names them only.
    private static readonly HashSet<string> BulkProperties = new(StringComparer.Ordinal) { "Pdf", "CredentialJwt", "Snapshot" };

    // Values that may be personal and are never written: an uploaded file's original name and description (its id,
    // purpose, type and size are); its public id (what a download URL carries) and hash are not needed to follow it.
    private static readonly Dictionary<Type, HashSet<string>> WithheldProperties = new()
    {
        [typeof(Training.UploadedFile)] = new(StringComparer.Ordinal)
        {
            nameof(Training.UploadedFile.FileName), nameof(Training.UploadedFile.Description),
            nameof(Training.UploadedFile.PublicId), nameof(Training.UploadedFile.Sha256),
        },
        // A member's submitted text is theirs and may be personal: its history is kept in HomeworkSubmissionEvents.
        [typeof(Training.HomeworkSubmission)] = new(StringComparer.Ordinal) { nameof(Training.HomeworkSubmission.Text) },
        [typeof(Training.HomeworkSubmissionEvent)] = new(StringComparer.Ordinal) { nameof(Training.HomeworkSubmissionEvent.Text) },
        // A coaching request's goals and thread are between the practitioner and the trainer: the audit names the change only.
        [typeof(Training.CoachingRequest)] = new(StringComparer.Ordinal) { nameof(Training.CoachingRequest.Goals), nameof(Training.CoachingRequest.DeclineReason) },
        [typeof(Training.CoachingMessage)] = new(StringComparer.Ordinal) { nameof(Training.CoachingMessage.Body) },
    };

    // CachedStanding is a cache of the rules engine's verdict, rewritten daily for every active enrollment:
    // the changes behind it are audited where they are made.
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(DataProtectionKey), typeof(IdentityUserToken<string>), typeof(Standings.CachedStanding),
        typeof(Identity.UserSession), // sign-in and sign-out are audited as events; the row holds a session hash
        typeof(Training.UploadedFileContent), // a file's bytes: the upload and removal are audited on its UploadedFile row
        typeof(BackgroundLease), // which instance runs background work: the portal's own bookkeeping
        // What the portal told whom: written with the audited change that caused it; sending and reading are bookkeeping.
        typeof(Notification), typeof(OutboxEmail), typeof(NotificationSchedule),
    ];

    /// <summary>Audit rows for entities whose keys the database generates, written right after the insert (per context).</summary>
    internal sealed class PendingKeys : List<(AuditEntry Audit, EntityEntry Entry)>, ISaveState
    {
        public bool IsEmpty => Count == 0;
    }

    private static PendingKeys? PendingOf(DbContext? context) => (context as AppDbContext)?.SaveState<PendingKeys>();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompletePendingKeys(eventData.Context) && eventData.Context is not null)
        {
            eventData.Context.SaveChanges();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (CompletePendingKeys(eventData.Context) && eventData.Context is not null)
        {
            await eventData.Context.SaveChangesAsync(cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => PendingOf(eventData.Context)?.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        PendingOf(eventData.Context)?.Clear();
        return Task.CompletedTask;
    }

    private string? ActorId =>
        httpContextAccessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = ActorId;
        var audits = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || NotAudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            if (entry.Metadata.ClrType == typeof(Training.CertificateVersion) && entry.State != EntityState.Added)
            {
                throw new InvalidOperationException("A certificate version is immutable: issue a new version instead.");
            }

            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            var audit = new AuditEntry
            {
                AtUtc = now,
                ActorId = actor,
                Action = entry.State.ToString(),
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                PersonId = PersonOf(entry),
                Changes = changes.Count == 0 ? null : JsonSerializer.Serialize(changes),
            };
            if (entry.State == EntityState.Added && entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary))
            {
                // The database assigns the key: write this row right after the insert, when the key is known
                // (one INSERT, not an INSERT now and an UPDATE later).
                (PendingOf(context) ?? throw new InvalidOperationException("The audit interceptor serves AppDbContext only.")).Add((audit, entry));
                continue;
            }
            audits.Add(audit);
        }

        context.Set<AuditEntry>().AddRange(audits);
    }

    private static bool CompletePendingKeys(DbContext? context)
    {
        var pending = PendingOf(context);
        if (context is null || pending is null || pending.Count == 0)
        {
            return false;
        }

        foreach (var (audit, entry) in pending)
        {
            audit.EntityId = KeyOf(entry);
            context.Set<AuditEntry>().Add(audit);
        }
        pending.Clear();
        return true;
    }

    /// <summary>The person a record is about: its PersonId (or a licence's UserId, or the user itself).</summary>
    private static string? PersonOf(EntityEntry entry)
    {
        if (entry.Entity is Identity.AppUser user)
        {
            return user.Id;
        }
        var property = entry.Metadata.FindProperty("PersonId") ?? entry.Metadata.FindProperty("UserId");
        return property is null || property.ClrType != typeof(string) ? null : entry.Property(property.Name).CurrentValue as string
            ?? entry.Property(property.Name).OriginalValue as string;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Properties.Where(p => p.Metadata.IsPrimaryKey()).Select(p => p.CurrentValue?.ToString()));

    private static Dictionary<string, object?[]> Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var withheld = WithheldProperties.GetValueOrDefault(entry.Metadata.ClrType);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (withheld?.Contains(name) == true)
            {
                continue;
            }
            if (SecretProperties.Contains(name))
            {
                if (entry.State == EntityState.Modified && property.IsModified && name == "PasswordHash")
                {
                    changes[name] = ["(changed)", "(changed)"];
                }
                continue;
            }

            if (BulkProperties.Contains(name))
            {
                if (entry.State == EntityState.Added && property.CurrentValue is not null)
                {
                    changes[name] = [null, "(stored)"];
                }
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    if (property.CurrentValue is not null && !property.IsTemporary)
                    {
                        changes[name] = [null, property.CurrentValue];
                    }
                    break;
                case EntityState.Deleted:
                    changes[name] = [property.OriginalValue, null];
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = [property.OriginalValue, property.CurrentValue];
                    break;
            }
        }
        return changes;
    }
}
