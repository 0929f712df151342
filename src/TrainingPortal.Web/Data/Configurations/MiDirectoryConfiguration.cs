using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class MiTrainerProfileConfiguration : IEntityTypeConfiguration<MiTrainerProfile>
{
    public void Configure(EntityTypeBuilder<MiTrainerProfile> builder)
    {
        builder.ToTable("MiTrainerProfiles");
        builder.Property(p => p.UserId).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.Bio).HasMaxLength(Lengths.Text);
        builder.Property(p => p.Languages).HasMaxLength(Lengths.Title);
        builder.Property(p => p.Regions).HasMaxLength(Lengths.Title);
        builder.Property(p => p.Fees).HasMaxLength(Lengths.Text);
        builder.Property(p => p.Website).HasMaxLength(Lengths.Link);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.MintProfileUrl).HasMaxLength(Lengths.Link);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(p => p.StateReason).HasMaxLength(Lengths.Text);
        builder.Property(p => p.StateChangedById).HasMaxLength(Lengths.UserId);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.State, p.Paused });
        builder.Ignore(p => p.Listed);
    }
}

internal sealed class CoachingRequestConfiguration : IEntityTypeConfiguration<CoachingRequest>
{
    public void Configure(EntityTypeBuilder<CoachingRequest> builder)
    {
        builder.ToTable("CoachingRequests");
        builder.HasOne(r => r.TrainerProfile).WithMany().HasForeignKey(r => r.TrainerProfileId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.PersonId).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Goals).HasMaxLength(Lengths.Text);
        builder.Property(r => r.Format).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(r => r.DeclineReason).HasMaxLength(Lengths.Text);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // One waiting or accepted request per practitioner and trainer (NULL slots are distinct in SQLite; EF filters them on SQL Server).
        builder.HasIndex(r => new { r.TrainerProfileId, r.PersonId, r.ActiveSlot }).IsUnique();
        builder.HasIndex(r => r.PersonId);
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoachingMessageConfiguration : IEntityTypeConfiguration<CoachingMessage>
{
    public void Configure(EntityTypeBuilder<CoachingMessage> builder)
    {
        builder.ToTable("CoachingMessages");
        builder.Property(m => m.AuthorId).HasMaxLength(Lengths.UserId);
        builder.Property(m => m.Body).HasMaxLength(Lengths.Text);
        builder.HasIndex(m => new { m.RequestId, m.SentUtc });
    }
}
