using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class TrainingCaseConfiguration : IEntityTypeConfiguration<TrainingCaseRecord>
{
    public void Configure(EntityTypeBuilder<TrainingCaseRecord> builder)
    {
        builder.ToTable("TrainingCases");
        builder.Property(c => c.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.VerifiedById).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Sessions).WithOne(s => s.TrainingCase).HasForeignKey(s => s.TrainingCaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PersonId, c.Code }).IsUnique();
    }
}

internal sealed class CaseSessionConfiguration : IEntityTypeConfiguration<CaseSessionRecord>
{
    public void Configure(EntityTypeBuilder<CaseSessionRecord> builder)
    {
        builder.ToTable("CaseSessions");
        builder.HasIndex(s => new { s.TrainingCaseId, s.Date });
    }
}

internal sealed class ClipPresentationConfiguration : IEntityTypeConfiguration<ClipPresentationRecord>
{
    public void Configure(EntityTypeBuilder<ClipPresentationRecord> builder)
    {
        builder.ToTable("ClipPresentations");
        builder.Property(c => c.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.ClipCode).HasMaxLength(64);
        builder.Property(c => c.Feedback).HasMaxLength(Lengths.Text);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Meeting).WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PersonId);
        builder.HasIndex(c => c.MeetingId);
    }
}

internal sealed class FidelityReviewConfiguration : IEntityTypeConfiguration<FidelityReviewRecord>
{
    public void Configure(EntityTypeBuilder<FidelityReviewRecord> builder)
    {
        builder.ToTable("FidelityReviews");
        builder.Property(f => f.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(f => f.ReviewerId).HasMaxLength(Lengths.UserId);
        builder.Property(f => f.Notes).HasMaxLength(Lengths.Text);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.PersonId, f.Date });
    }
}
