using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.ToTable("UploadedFiles");
        builder.Property(f => f.PublicId).HasMaxLength(Files.FileRules.PublicIdLength).IsUnicode(false);
        builder.HasIndex(f => f.PublicId).IsUnique();
        builder.Property(f => f.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(f => f.Description).HasMaxLength(Lengths.Text);
        builder.Property(f => f.FileName).HasMaxLength(Files.FileRules.MaxNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(Lengths.Enum).IsUnicode(false);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsUnicode(false);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        // A degree or training entry removed takes its file with it (the page loads them first, so the removal is audited).
        builder.HasOne(f => f.Degree).WithMany().HasForeignKey(f => f.DegreeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Training).WithMany().HasForeignKey(f => f.TrainingHoursId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PersonId, f.Purpose });
        // A cohort's files (homework, handbook) go with the cohort.
        builder.HasOne<TrainingGroup>().WithMany().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.GroupId, f.Purpose });
    }
}

internal sealed class UploadedFileContentConfiguration : IEntityTypeConfiguration<UploadedFileContent>
{
    public void Configure(EntityTypeBuilder<UploadedFileContent> builder)
    {
        builder.ToTable("UploadedFileContents");
        builder.HasKey(c => c.FileId);
        builder.Property(c => c.FileId).ValueGeneratedNever();
        builder.HasOne(c => c.File).WithOne().HasForeignKey<UploadedFileContent>(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}
