using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.CertificateName).HasMaxLength(200);
        builder.Property(u => u.TimeZoneId).HasMaxLength(64);
        builder.Property(u => u.City).HasMaxLength(100);
        builder.Property(u => u.State).HasMaxLength(64);
        // The public roster lists only people who opted in.
        builder.HasIndex(u => u.ListedOnRoster);
        builder.HasMany(u => u.Licences).WithOne().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<ProfessionalLicence>
{
    public void Configure(EntityTypeBuilder<ProfessionalLicence> builder)
    {
        builder.ToTable("ProfessionalLicences");
        builder.Property(l => l.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Number).HasMaxLength(64);
        builder.Property(l => l.IssuedBy).HasMaxLength(64);
        builder.HasIndex(l => new { l.UserId, l.Type }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(128);
        builder.Property(a => a.EntityId).HasMaxLength(450);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        // The viewer pages newest first (ORDER BY Id DESC): a record's history by id alone, and one entity type walked in
        // id order without sorting every entry of that type (issue 10: an audit log of 1,000,000 rows).
        builder.HasIndex(a => a.EntityId);
        builder.HasIndex(a => new { a.EntityType, a.Id });
        builder.HasIndex(a => a.ActorId);
        builder.Property(a => a.PersonId).HasMaxLength(450);
        builder.HasIndex(a => a.PersonId);
    }
}
