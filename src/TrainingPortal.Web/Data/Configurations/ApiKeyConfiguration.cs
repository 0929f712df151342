using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.CreatedById).HasMaxLength(450);
        builder.HasIndex(k => k.Prefix).IsUnique();
    }
}

internal sealed class CredentialSigningKeyConfiguration : IEntityTypeConfiguration<CredentialSigningKey>
{
    public void Configure(EntityTypeBuilder<CredentialSigningKey> builder)
    {
        builder.ToTable("CredentialSigningKeys");
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasMaxLength(16);
        builder.Property(k => k.PublicJwk).HasMaxLength(2000);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<Identity.UserSession>
{
    public void Configure(EntityTypeBuilder<Identity.UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresUtc);
    }
}
