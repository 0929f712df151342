using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class ChampionRequestConfiguration : IEntityTypeConfiguration<ChampionRequest>
{
    public void Configure(EntityTypeBuilder<ChampionRequest> builder)
    {
        builder.ToTable("ChampionRequests");
        builder.Property(r => r.PersonId).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.Motivation).HasMaxLength(Lengths.Text);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(Lengths.Enum).IsConcurrencyToken();
        builder.Property(r => r.DecidedById).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.DeclineReason).HasMaxLength(Lengths.Text);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.RequestedUtc });
        // One open request per person, enforced by the database too (plain SQL both providers accept).
        builder.HasIndex(r => r.PersonId).IsUnique().HasFilter("Status = 'Open'").HasDatabaseName("IX_ChampionRequests_OneOpen");
    }
}

internal sealed class MiPracticeGroupConfiguration : IEntityTypeConfiguration<MiPracticeGroup>
{
    public void Configure(EntityTypeBuilder<MiPracticeGroup> builder)
    {
        builder.ToTable("MiPracticeGroups");
        builder.Property(g => g.HostId).HasMaxLength(Lengths.UserId);
        builder.Property(g => g.Name).HasMaxLength(Lengths.Title);
        builder.Property(g => g.OnlineLink).HasMaxLength(Lengths.Link);
        builder.Property(g => g.Town).HasMaxLength(Lengths.Title);
        builder.Property(g => g.Rhythm).HasMaxLength(Lengths.Title);
        builder.Property(g => g.TimeZoneId).HasMaxLength(Lengths.TimeZone);
        builder.Property(g => g.OtherActivities).HasMaxLength(Lengths.Title);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.ClosedUtc, g.Town });
        builder.HasIndex(g => g.HostId);
    }
}

internal sealed class MiPracticeMembershipConfiguration : IEntityTypeConfiguration<MiPracticeMembership>
{
    public void Configure(EntityTypeBuilder<MiPracticeMembership> builder)
    {
        builder.ToTable("MiPracticeMemberships");
        builder.Property(m => m.PersonId).HasMaxLength(Lengths.UserId);
        builder.HasOne<MiPracticeGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.GroupId, m.PersonId }).IsUnique();
        builder.HasIndex(m => m.PersonId);
    }
}

internal sealed class MiPracticeSessionConfiguration : IEntityTypeConfiguration<MiPracticeSession>
{
    public void Configure(EntityTypeBuilder<MiPracticeSession> builder)
    {
        builder.ToTable("MiPracticeSessions");
        builder.Property(s => s.Note).HasMaxLength(Lengths.Text);
        builder.Property(s => s.LoggedById).HasMaxLength(Lengths.UserId);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<MiPracticeGroup>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Attendees).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.GroupId, s.HeldOn });
    }
}

internal sealed class MiPracticeAttendanceConfiguration : IEntityTypeConfiguration<MiPracticeAttendance>
{
    public void Configure(EntityTypeBuilder<MiPracticeAttendance> builder)
    {
        builder.ToTable("MiPracticeAttendance");
        builder.HasKey(a => new { a.SessionId, a.PersonId });
        builder.Property(a => a.PersonId).HasMaxLength(Lengths.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.PersonId);
    }
}
