using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Homework;

/// <summary>Faculty's decision on one member's homework assignment.</summary>
public enum HomeworkDecision
{
    Accept = 1,
    Return = 2,

    /// <summary>The member handed the work in outside the portal: record it as handed in today, before deciding on it.</summary>
    Received = 3,
}

/// <summary>Accept a member's assignment, or return it with comments.</summary>
public sealed class HomeworkForm
{
    public int AssignmentId { get; set; }

    public string PersonId { get; set; } = "";

    [Display(Name = "Decision")]
    public HomeworkDecision? Decision { get; set; }

    [Display(Name = "Comments for the member")]
    public string? Comments { get; set; }

    /// <summary>The state of the submission as the screen showed it (<see cref="HomeworkState.Stamp"/>), so a decision from a stale screen is refused.</summary>
    public string Seen { get; set; } = "";
}

/// <summary>A short fingerprint of a submission's state, carried by each decision and submission form.</summary>
public static class HomeworkState
{
    /// <summary>The stamp of "nothing handed in".</summary>
    public const string NotSubmitted = "none";

    public static string Stamp(HomeworkSubmission? s) =>
        s is null ? NotSubmitted : Stamp(s.Version, s.SubmittedOn, s.AcceptedOn, s.ReturnedOn, s.Comments);

    /// <summary>The version changes with every write (so a resubmission on the day of its return is a new state); the columns are there for rows written without one.</summary>
    public static string Stamp(Guid version, DateOnly submittedOn, DateOnly? acceptedOn, DateOnly? returnedOn, string? comments)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{version:N}|{submittedOn:yyyy-MM-dd}|{acceptedOn:yyyy-MM-dd}|{returnedOn:yyyy-MM-dd}|{comments}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}

public sealed class HomeworkFormValidator : AbstractValidator<HomeworkForm>
{
    public HomeworkFormValidator()
    {
        RuleFor(f => f.Decision).Must(d => d is { } v && Enum.IsDefined(v)).WithMessage("Choose accept or return.");
        RuleFor(f => f.Comments).Must(c => !string.IsNullOrWhiteSpace(c)).When(f => f.Decision == HomeworkDecision.Return)
            .WithMessage("Say what the member should change when you return an assignment.");
        RuleFor(f => f.Comments).MaxChars(Lengths.Text, "the comments");
    }
}

/// <summary>A homework assignment as faculty create or edit it.</summary>
public sealed class AssignmentForm
{
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Instructions")]
    public string? Instructions { get; set; }

    [Display(Name = "Due date")]
    public DateOnly? DueOn { get; set; }

    [Display(Name = "File for the members (optional)")]
    public IFormFile? File { get; set; }

    /// <summary>Edit only: remove the assignment's file.</summary>
    [Display(Name = "Remove the current file")]
    public bool RemoveFile { get; set; }
}

public sealed class AssignmentFormValidator : AbstractValidator<AssignmentForm>
{
    public AssignmentFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("Give the assignment a title, e.g. \"Handbook chapter 3: key points\".")
            .MaxChars(Lengths.Title, "the title");
        RuleFor(f => f.Instructions).MaxChars(Lengths.Text, "the instructions");
        RuleFor(f => f.DueOn).NotNull().WithMessage("Enter the date the assignment is due.");
    }
}

/// <summary>The cohort's handbook, uploaded by faculty.</summary>
public sealed class HandbookForm
{
    [Display(Name = "Handbook file")]
    public IFormFile? File { get; set; }
}
