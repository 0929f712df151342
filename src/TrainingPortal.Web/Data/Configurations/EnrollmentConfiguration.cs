using Microsoft.EntityFrameworkCore.Metadata.Builders;
using DefaultRuleSets = TrainingPortal.Domain.Eligibility.DefaultRuleSets;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Data.Configurations;

internal static class Lengths
{
    public const int UserId = 450;
    public const int ProgramKey = 64;
    public const int RuleSetId = 80;
    public const int Enum = 32;
    public const int Title = 200;
    public const int Text = 2000;
    public const int TimeZone = 64;
    public const int Link = 500;
}

internal sealed class TrainingProgramConfiguration : IEntityTypeConfiguration<TrainingProgram>
{
    public void Configure(EntityTypeBuilder<TrainingProgram> builder)
    {
        builder.ToTable("Programs");
        builder.Property(p => p.Key).HasMaxLength(Lengths.ProgramKey);
        builder.Property(p => p.Title).HasMaxLength(Lengths.Title);
        builder.HasAlternateKey(p => p.Key);
        // The program catalog's programs (keys are stable; ids fixed so the seed is part of the migrations: a new
        // definition, or a changed title, needs a migration).
        builder.HasData([.. ProgramCatalog.Default.All.Select(p => new TrainingProgram { Id = p.Number, Key = p.Key, Title = p.Title })]);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("Enrollments");
        builder.Property(e => e.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(e => e.ProgramKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(e => e.RuleSetId).HasMaxLength(Lengths.RuleSetId);
        builder.Property(e => e.Category).HasMaxLength(Lengths.Enum);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(e => e.HeldEndorsement).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(e => e.CreatedById).HasMaxLength(Lengths.UserId);
        builder.Property(e => e.WithdrawalReason).HasMaxLength(Lengths.Text);
        builder.Property(e => e.RuleSetChangeReason).HasMaxLength(Lengths.Text);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.ApprovedById).HasMaxLength(Lengths.UserId);

        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TrainingProgram>().WithMany().HasForeignKey(e => e.ProgramKey).HasPrincipalKey(p => p.Key).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Group).WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.ClassroomGroup).WithMany().HasForeignKey(e => e.ClassroomGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Waivers).WithOne().HasForeignKey(w => w.EnrollmentId).OnDelete(DeleteBehavior.Cascade);

        // The admin list (by program and status); the person's own enrollments.
        builder.HasIndex(e => new { e.ProgramKey, e.Status });
        builder.HasIndex(e => e.PersonId);
        // At most one active enrollment per person and program, enforced by the database too
        // (a filtered unique index; the filter is plain SQL that both SQLite and SQL Server accept).
        builder.HasIndex(e => new { e.PersonId, e.ProgramKey }).IsUnique().HasFilter("Status = 'Active'")
            .HasDatabaseName("IX_Enrollments_OneActivePerProgram");
    }
}

internal sealed class WaiverConfiguration : IEntityTypeConfiguration<WaiverRecord>
{
    public void Configure(EntityTypeBuilder<WaiverRecord> builder)
    {
        builder.ToTable("Waivers");
        builder.Property(w => w.RequirementKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(w => w.Reason).HasMaxLength(Lengths.Text);
        builder.Property(w => w.GrantedById).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(w => w.GrantedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.EnrollmentId, w.RequirementKey });
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public const int CodeLength = 16;

    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("Certificates");
        builder.Property(c => c.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.ProgramKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(c => c.RuleSetId).HasMaxLength(Lengths.RuleSetId);
        builder.Property(c => c.Code).HasMaxLength(CodeLength);
        builder.Property(c => c.IssuedById).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.RevokedById).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.RevocationReason).HasMaxLength(Lengths.Text);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.CertificateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PersonId, c.ProgramKey });
        // One certificate per enrollment: a second (or concurrent) issue violates this index.
        builder.HasIndex(c => c.EnrollmentId).IsUnique().HasFilter("EnrollmentId IS NOT NULL");
        builder.HasIndex(c => c.Code).IsUnique().HasFilter("Code IS NOT NULL");
    }
}

internal sealed class CertificateVersionConfiguration : IEntityTypeConfiguration<CertificateVersion>
{
    public void Configure(EntityTypeBuilder<CertificateVersion> builder)
    {
        builder.ToTable("CertificateVersions");
        builder.Property(v => v.IssuedById).HasMaxLength(Lengths.UserId);
        builder.Property(v => v.Reason).HasMaxLength(Lengths.Text);
        builder.Property(v => v.RecipientName).HasMaxLength(Lengths.Title);
        builder.Property(v => v.CredentialTitle).HasMaxLength(Lengths.Title);
        builder.Property(v => v.ProgramTitle).HasMaxLength(Lengths.Title);
        builder.Property(v => v.RuleSetId).HasMaxLength(Lengths.RuleSetId);
        builder.Property(v => v.Hours).HasPrecision(7, 2);
        builder.Property(v => v.ContinuingEducationHours).HasPrecision(7, 2);
        builder.Property(v => v.IssuerName).HasMaxLength(Lengths.Title);
        builder.Property(v => v.SignatoryName).HasMaxLength(Lengths.Title);
        builder.Property(v => v.SignatoryTitle).HasMaxLength(Lengths.Title);
        builder.Property(v => v.VerificationUrl).HasMaxLength(Lengths.Text);
        builder.Property(v => v.PdfSha256).HasMaxLength(64);
        builder.HasIndex(v => new { v.CertificateId, v.Number }).IsUnique();
    }
}

internal sealed class CachedStandingConfiguration : IEntityTypeConfiguration<CachedStanding>
{
    public void Configure(EntityTypeBuilder<CachedStanding> builder)
    {
        builder.ToTable("EnrollmentStandings");
        builder.HasKey(s => s.EnrollmentId);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(s => s.VerdictKey).HasMaxLength(StoredVerdict.KeyLength);
        builder.HasOne<Enrollment>().WithOne().HasForeignKey<CachedStanding>(s => s.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        // The queue: eligible standings; the refresher: stale or old ones.
        builder.HasIndex(s => s.Status);
        builder.HasIndex(s => new { s.Stale, s.EvaluatedOn });
    }
}
