using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class TrainingHoursConfiguration : IEntityTypeConfiguration<TrainingHoursRecord>
{
    public void Configure(EntityTypeBuilder<TrainingHoursRecord> builder)
    {
        builder.ToTable("TrainingHours");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(t => t.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(t => t.Title).HasMaxLength(Lengths.Title);
        builder.Property(t => t.Provider).HasMaxLength(Lengths.Title);
        builder.Property(t => t.Hours).HasPrecision(7, 2);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PersonId, t.Date });
    }
}

internal sealed class DegreeConfiguration : IEntityTypeConfiguration<DegreeRecord>
{
    public void Configure(EntityTypeBuilder<DegreeRecord> builder)
    {
        builder.ToTable("Degrees");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(d => d.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(d => d.Field).HasMaxLength(Lengths.Title);
        builder.Property(d => d.Institution).HasMaxLength(Lengths.Title);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.PersonId);
    }
}

internal sealed class WorkExperienceConfiguration : IEntityTypeConfiguration<WorkExperienceRecord>
{
    public void Configure(EntityTypeBuilder<WorkExperienceRecord> builder)
    {
        builder.ToTable("WorkExperience");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(w => w.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(w => w.Employer).HasMaxLength(Lengths.Title);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(w => w.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.PersonId, w.Start });
    }
}

internal sealed class LeadershipActivityConfiguration : IEntityTypeConfiguration<LeadershipActivityRecord>
{
    public void Configure(EntityTypeBuilder<LeadershipActivityRecord> builder)
    {
        builder.ToTable("LeadershipActivities");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(l => l.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(l => l.Kind).HasMaxLength(Lengths.Title);
        builder.Property(l => l.Description).HasMaxLength(Lengths.Text);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.PersonId);
    }
}

internal sealed class RscLogEntryConfiguration : IEntityTypeConfiguration<RscLogEntry>
{
    public void Configure(EntityTypeBuilder<RscLogEntry> builder)
    {
        builder.ToTable("RscLog");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(r => r.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.Hours).HasPrecision(7, 2);
        builder.Property(r => r.ProviderName).HasMaxLength(Lengths.Title);
        builder.Property(r => r.ProviderId).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ProviderLevel).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PersonId, r.Date });
    }
}

internal sealed class ReferenceConfiguration : IEntityTypeConfiguration<ReferenceRecord>
{
    public void Configure(EntityTypeBuilder<ReferenceRecord> builder)
    {
        builder.ToTable("References");
        builder.Property(r => r.RaterName).HasMaxLength(Lengths.Title);
        builder.Property(r => r.RaterEmail).HasMaxLength(256);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(r => r.RaterLevel).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.EnrollmentId);
        // A concurrency token: of two answers (or an answer and a resend) racing for one link, the second fails.
        builder.Property(r => r.TokenHash).HasMaxLength(64).IsUnicode(false).IsConcurrencyToken();
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.Property(r => r.Recommendation).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(r => r.Comments).HasMaxLength(Lengths.Text);
    }
}

internal sealed class SignedAttestationConfiguration : IEntityTypeConfiguration<SignedAttestation>
{
    public void Configure(EntityTypeBuilder<SignedAttestation> builder)
    {
        builder.ToTable("SignedAttestations");
        builder.Property(s => s.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(s => s.SignedName).HasMaxLength(Lengths.Title);
        builder.Property(s => s.TextVersion).HasMaxLength(Lengths.Enum);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        // One signature of each kind per person: two "Sign" clicks at the same moment store one.
        builder.HasIndex(s => new { s.PersonId, s.Kind }).IsUnique();
    }
}

internal sealed class ExamResultConfiguration : IEntityTypeConfiguration<ExamResultRecord>
{
    public void Configure(EntityTypeBuilder<ExamResultRecord> builder)
    {
        builder.ToTable("ExamResults");
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.EnrollmentId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<MembershipRecord>
{
    public void Configure(EntityTypeBuilder<MembershipRecord> builder)
    {
        builder.ToTable("Memberships");
        builder.Property(x => x.NotAcceptedReason).HasMaxLength(Lengths.Text);
        builder.Property(m => m.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(m => m.Association).HasMaxLength(Lengths.Title);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.PersonId);
    }
}

internal sealed class EndorsementApplicationConfiguration : IEntityTypeConfiguration<EndorsementApplication>
{
    public void Configure(EntityTypeBuilder<EndorsementApplication> builder)
    {
        builder.ToTable("EndorsementApplications");
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(a => a.ReturnedById).HasMaxLength(Lengths.UserId);
        builder.Property(a => a.ReturnNote).HasMaxLength(Lengths.Text);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.EnrollmentId).IsUnique();
        builder.HasIndex(a => new { a.Status, a.SubmittedUtc });
        // Two reviewers (or a reviewer and the applicant) acting at once: the second save fails instead of overwriting.
        builder.Property(a => a.Round).IsConcurrencyToken();
    }
}

internal sealed class ApplicationCommentConfiguration : IEntityTypeConfiguration<ApplicationComment>
{
    public void Configure(EntityTypeBuilder<ApplicationComment> builder)
    {
        builder.ToTable("ApplicationComments");
        builder.Property(c => c.Section).HasMaxLength(Lengths.Title);
        builder.Property(c => c.Text).HasMaxLength(Lengths.Text);
        builder.Property(c => c.AuthorId).HasMaxLength(Lengths.UserId);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.EnrollmentId, c.Section });
    }
}
