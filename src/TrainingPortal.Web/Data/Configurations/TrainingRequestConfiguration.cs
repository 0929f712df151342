using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

internal sealed class TrainingRequestConfiguration : IEntityTypeConfiguration<TrainingRequest>
{
    public void Configure(EntityTypeBuilder<TrainingRequest> builder)
    {
        builder.ToTable("TrainingRequests");
        builder.Property(r => r.Organisation).HasMaxLength(Lengths.Title);
        builder.Property(r => r.ContactName).HasMaxLength(Lengths.Title);
        builder.Property(r => r.ContactEmail).HasMaxLength(256);
        builder.Property(r => r.Region).HasMaxLength(Lengths.Title);
        builder.Property(r => r.Message).HasMaxLength(Lengths.Text);
        builder.Property(r => r.AnsweredById).HasMaxLength(Lengths.UserId);
        builder.Property(r => r.AnswerNote).HasMaxLength(Lengths.Text);
        builder.HasIndex(r => new { r.AnsweredUtc, r.ReceivedUtc });
    }
}
