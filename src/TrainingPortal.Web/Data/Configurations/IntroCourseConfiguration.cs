using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingPortal.Web.Data.Configurations;

/// <summary>The lengths of the introductory course's texts.</summary>
internal static class IntroCourseLengths
{
    /// <summary>A module's Markdown text.</summary>
    public const int Body = 20_000;

    /// <summary>A question's options, one a line.</summary>
    public const int Options = 1_000;

    /// <summary>The most check questions a module has.</summary>
    public const int Questions = 3;

    /// <summary>The fewest and most options a question has.</summary>
    public const int MinOptions = 2;
    public const int MaxOptions = 5;
}

internal sealed class IntroCourseModuleConfiguration : IEntityTypeConfiguration<IntroCourseModule>
{
    public void Configure(EntityTypeBuilder<IntroCourseModule> builder)
    {
        builder.ToTable("IntroCourseModules");
        builder.Property(m => m.ProgramKey).HasMaxLength(Lengths.ProgramKey);
        builder.Property(m => m.Title).HasMaxLength(Lengths.Title);
        builder.Property(m => m.Body).HasMaxLength(IntroCourseLengths.Body);
        builder.Property(m => m.LinkUrl).HasMaxLength(Lengths.Link);
        builder.Property(m => m.LinkText).HasMaxLength(Lengths.Title);
        builder.Property(m => m.UpdatedById).HasMaxLength(Lengths.UserId);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<TrainingProgram>().WithMany().HasPrincipalKey(p => p.Key).HasForeignKey(m => m.ProgramKey).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Questions).WithOne().HasForeignKey(q => q.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ProgramKey, m.Position });
    }
}

internal sealed class IntroCourseQuestionConfiguration : IEntityTypeConfiguration<IntroCourseQuestion>
{
    public void Configure(EntityTypeBuilder<IntroCourseQuestion> builder)
    {
        builder.ToTable("IntroCourseQuestions");
        builder.Property(q => q.Prompt).HasMaxLength(Lengths.Text);
        builder.Property(q => q.Options).HasMaxLength(IntroCourseLengths.Options);
        builder.Property(q => q.Explanation).HasMaxLength(Lengths.Text);
        builder.HasIndex(q => q.ModuleId);
    }
}

internal sealed class IntroCourseCompletionConfiguration : IEntityTypeConfiguration<IntroCourseCompletion>
{
    public void Configure(EntityTypeBuilder<IntroCourseCompletion> builder)
    {
        builder.ToTable("IntroCourseCompletions");
        builder.Property(c => c.PersonId).HasMaxLength(Lengths.UserId);
        builder.HasOne(c => c.Module).WithMany().HasForeignKey(c => c.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PersonId, c.ModuleId }).IsUnique();
        builder.HasIndex(c => c.ModuleId);
    }
}
