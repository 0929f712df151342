namespace TrainingPortal.Web.Data.Training;

/// <summary>
/// One module of a program's free, self-paced introductory course (MI Champions, seed 002): a title, a text in Markdown
/// (rendered safely, <see cref="IntroCourse.SafeMarkdown"/>), an optional video or reading link, and a few check
/// questions. Administrators write, order, publish and remove modules; only published modules are shown to participants
/// and counted in the evidence (<see cref="Domain.Eligibility.Evidence.IntroCourseModules"/>).
/// </summary>
public sealed class IntroCourseModule
{
    public int Id { get; set; }

    /// <summary>The program whose course it belongs to (its enrollments' evidence lists it).</summary>
    public string ProgramKey { get; set; } = "";

    /// <summary>The module's place in the course (1, 2, …; ascending order is the course's order).</summary>
    public int Position { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The module's text in Markdown, as the administrator typed it; raw HTML is never rendered.</summary>
    public string Body { get; set; } = "";

    /// <summary>An optional video or reading (an absolute http or https address).</summary>
    public string? LinkUrl { get; set; }

    /// <summary>What the link is called on the page (optional; the address is shown without it).</summary>
    public string? LinkText { get; set; }

    /// <summary>Participants see it and it counts toward completing the course.</summary>
    public bool Published { get; set; }

    /// <summary>Changes with every edit: a save from an older screen is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedById { get; set; }

    public List<IntroCourseQuestion> Questions { get; set; } = [];
}

/// <summary>
/// A check question of a module: a prompt, two to five options (one a line), the right one, and an optional
/// explanation shown once the participant has answered. Answers are checked on the page and not stored.
/// </summary>
public sealed class IntroCourseQuestion
{
    public int Id { get; set; }
    public int ModuleId { get; set; }

    /// <summary>Its place among the module's questions (1, 2, 3).</summary>
    public int Position { get; set; }

    public string Prompt { get; set; } = "";

    /// <summary>The options, one a line, in the order shown.</summary>
    public string Options { get; set; } = "";

    /// <summary>The right option's number (1 = the first line).</summary>
    public int CorrectOption { get; set; }

    /// <summary>Why the right answer is right (optional), shown as feedback.</summary>
    public string? Explanation { get; set; }

    /// <summary>The options as a list (blank lines left out).</summary>
    public static IReadOnlyList<string> Split(string options) =>
        [.. options.Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0)];
}

/// <summary>A person's completion of a module (their own mark; it counts at once). One per person and module.</summary>
public sealed class IntroCourseCompletion
{
    public int Id { get; set; }
    public int ModuleId { get; set; }
    public IntroCourseModule? Module { get; set; }
    public string PersonId { get; set; } = "";
    public DateOnly CompletedOn { get; set; }
}
