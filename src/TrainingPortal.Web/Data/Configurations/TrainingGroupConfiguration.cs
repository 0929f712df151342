using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class TrainingGroupConfiguration : IEntityTypeConfiguration<TrainingGroup>
{
    public void Configure(EntityTypeBuilder<TrainingGroup> builder)
    {
        builder.ToTable("Groups");
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(g => g.ProgramKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(g => g.Name).HasMaxLength(Lengths.Title);
        builder.Property(g => g.TrainerId).HasMaxLength(Lengths.UserId);
        builder.Property(g => g.MeetingDay).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(g => g.TimeZoneId).HasMaxLength(Lengths.TimeZone);
        builder.Property(g => g.MeetingLink).HasMaxLength(Lengths.Link);
        builder.Property(g => g.MeetingPlace).HasMaxLength(Lengths.Title);
        builder.Property(g => g.Term).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.HasOne<TrainingProgram>().WithMany().HasForeignKey(g => g.ProgramKey).HasPrincipalKey(p => p.Key).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.TrainerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.SkipDates).WithOne().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Meetings).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => new { g.ProgramKey, g.Kind });
        builder.HasIndex(g => g.TrainerId);
    }
}

internal sealed class GroupSkipDateConfiguration : IEntityTypeConfiguration<GroupSkipDate>
{
    public void Configure(EntityTypeBuilder<GroupSkipDate> builder)
    {
        builder.ToTable("GroupSkipDates");
        builder.HasIndex(s => new { s.GroupId, s.Date }).IsUnique();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.Property(m => m.Title).HasMaxLength(Lengths.Title);
        builder.Property(m => m.AttendanceVersion).IsConcurrencyToken();
        builder.Property(m => m.AttendanceSavedById).HasMaxLength(Lengths.UserId);
        builder.HasIndex(m => new { m.GroupId, m.StartsUtc });
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> builder)
    {
        builder.ToTable("Attendance");
        builder.Property(a => a.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(a => a.Mark).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.HasOne(a => a.Meeting).WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        // One mark per member per meeting; the loader reads by person.
        builder.HasIndex(a => new { a.PersonId, a.MeetingId }).IsUnique();
        builder.HasIndex(a => a.MeetingId);
    }
}

internal sealed class SessionMakeUpConfiguration : IEntityTypeConfiguration<SessionMakeUp>
{
    public void Configure(EntityTypeBuilder<SessionMakeUp> builder)
    {
        builder.ToTable("SessionMakeUps");
        builder.Property(m => m.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(m => m.LoggedById).HasMaxLength(Lengths.UserId);
        builder.Property(m => m.Note).HasMaxLength(Lengths.Text);
        builder.HasOne(m => m.Meeting).WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.PersonId, m.MeetingId }).IsUnique();
        builder.HasIndex(m => m.MeetingId);
    }
}

internal sealed class HomeworkAssignmentConfiguration : IEntityTypeConfiguration<HomeworkAssignmentRecord>
{
    public void Configure(EntityTypeBuilder<HomeworkAssignmentRecord> builder)
    {
        builder.ToTable("HomeworkAssignments");
        builder.Property(h => h.Title).HasMaxLength(Lengths.Title);
        builder.Property(h => h.Instructions).HasMaxLength(Lengths.Text);
        builder.HasOne<TrainingGroup>().WithMany().HasForeignKey(h => h.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(h => h.File).WithMany().HasForeignKey(h => h.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.GroupId);
    }
}

internal sealed class HomeworkSubmissionConfiguration : IEntityTypeConfiguration<HomeworkSubmission>
{
    public void Configure(EntityTypeBuilder<HomeworkSubmission> builder)
    {
        builder.ToTable("HomeworkSubmissions");
        builder.Property(h => h.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(h => h.Comments).HasMaxLength(Lengths.Text);
        // The decision's state is its own concurrency token: a decision from a stale screen cannot overwrite a newer one.
        builder.Property(h => h.SubmittedOn).IsConcurrencyToken();
        builder.Property(h => h.AcceptedOn).IsConcurrencyToken();
        builder.Property(h => h.ReturnedOn).IsConcurrencyToken();
        builder.Property(h => h.Comments).IsConcurrencyToken();
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.Property(h => h.Text).HasMaxLength(Lengths.Text);
        builder.HasOne(h => h.File).WithMany().HasForeignKey(h => h.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Assignment).WithMany().HasForeignKey(h => h.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.PersonId, h.AssignmentId }).IsUnique();
        builder.HasIndex(h => h.AssignmentId);
    }
}

internal sealed class LearningItemConfiguration : IEntityTypeConfiguration<LearningItemRecord>
{
    public void Configure(EntityTypeBuilder<LearningItemRecord> builder)
    {
        builder.ToTable("LearningItems");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(i => i.Title).HasMaxLength(Lengths.Title);
        builder.Property(i => i.Details).HasMaxLength(Lengths.Text);
        builder.HasOne<TrainingGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.GroupId);
    }
}

internal sealed class LearningCompletionConfiguration : IEntityTypeConfiguration<LearningCompletion>
{
    public void Configure(EntityTypeBuilder<LearningCompletion> builder)
    {
        builder.ToTable("LearningCompletions");
        builder.Property(c => c.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(c => c.ConfirmedById).HasMaxLength(Lengths.UserId);
        builder.HasOne(c => c.Item).WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PersonId, c.ItemId }).IsUnique();
        builder.HasIndex(c => c.ItemId);
    }
}

internal sealed class EnrollmentFeeConfiguration : IEntityTypeConfiguration<EnrollmentFee>
{
    public void Configure(EntityTypeBuilder<EnrollmentFee> builder)
    {
        builder.ToTable("EnrollmentFees");
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(f => f.Amount).HasPrecision(9, 2);
        builder.Property(f => f.UpdatedById).HasMaxLength(Lengths.UserId);
        builder.HasOne(f => f.Enrollment).WithMany().HasForeignKey(f => f.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.EnrollmentId).IsUnique();
    }
}

internal sealed class HomeworkSubmissionEventConfiguration : IEntityTypeConfiguration<HomeworkSubmissionEvent>
{
    public void Configure(EntityTypeBuilder<HomeworkSubmissionEvent> builder)
    {
        builder.ToTable("HomeworkSubmissionEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(Lengths.Enum);
        builder.Property(e => e.ById).HasMaxLength(Lengths.UserId);
        builder.Property(e => e.Text).HasMaxLength(Lengths.Text);
        builder.HasOne(e => e.Submission).WithMany(s => s.Events).HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.ById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.File).WithMany().HasForeignKey(e => e.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.SubmissionId);
    }
}
