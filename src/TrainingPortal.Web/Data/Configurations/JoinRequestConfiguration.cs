using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> builder)
    {
        builder.ToTable("JoinRequests");
        builder.Property(r => r.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.ProgramKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(r => r.Category).HasMaxLength(Lengths.Enum);
        builder.Property(r => r.Message).HasMaxLength(Lengths.Text);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(r => r.DecidedById).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.DeclineReason).HasMaxLength(Lengths.Text);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TrainingProgram>().WithMany().HasForeignKey(r => r.ProgramKey).HasPrincipalKey(p => p.Key).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Enrollment).WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Restrict);

        // The administrators' queue (open, oldest first) and the person's own requests.
        builder.HasIndex(r => new { r.Status, r.CreatedUtc });
        builder.HasIndex(r => r.PersonId);
        // At most one open request per person and program (plain SQL filter both providers accept).
        builder.HasIndex(r => new { r.PersonId, r.ProgramKey }).IsUnique().HasFilter("Status = 'Open'")
            .HasDatabaseName("IX_JoinRequests_OneOpenPerProgram");
    }
}
