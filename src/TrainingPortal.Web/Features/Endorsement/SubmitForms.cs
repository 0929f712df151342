using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Applications;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Endorsement;

/// <summary>Signing the Code of Ethics &amp; Endorsement Agreement by typing one's full name.</summary>
public sealed class EthicsForm
{
    [Display(Name = "Your full name")]
    public string? FullName { get; set; }
}

public sealed class EthicsFormValidator : AbstractValidator<EthicsForm>
{
    public EthicsFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Type your full name to sign.").MaxChars(Lengths.Title, "your name");
    }
}

/// <summary>Submitting the application for review, with the applicant's confirmation that it is true.</summary>
public sealed class SubmitForm
{
    [Display(Name = "I confirm that the information in this application is true and complete to the best of my knowledge")]
    public bool Confirm { get; set; }
}

/// <summary>The applicant's submission as the page shows it: status, the reviewer's note and comments, the signature.</summary>
/// <param name="Status">Draft until first submitted.</param>
/// <param name="Round">How many times it was submitted.</param>
/// <param name="SubmittedUtc">The last submission.</param>
/// <param name="ReturnNote">The reviewer's note when returned.</param>
/// <param name="Comments">The reviewer's comments per section (requirement key), shown while returned.</param>
/// <param name="Ethics">The applicant's signature of the agreement, or null.</param>
/// <param name="TimeZoneId">The applicant's zone, for instants.</param>
public sealed record Submission(ApplicationStatus Status, int Round, DateTime? SubmittedUtc, DateTime? ReturnedUtc, string? ReturnNote,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Comments, SnapshotSignature? Ethics, string TimeZoneId)
{
    /// <summary>Whether the applicant may change the application (not while a reviewer has it).</summary>
    public bool Open => Status != ApplicationStatus.Submitted;

    /// <summary>The draft of an application never submitted.</summary>
    public static Submission Draft(SnapshotSignature? ethics, string timeZoneId) =>
        new(ApplicationStatus.Draft, 0, null, null, null, new Dictionary<string, IReadOnlyList<string>>(), ethics, timeZoneId);

    /// <summary>The reviewer's comments on one section (none unless returned).</summary>
    public IReadOnlyList<string> CommentsOn(string section) => Comments.TryGetValue(section, out var c) ? c : [];
}

/// <summary>How one entry's state is shown: the words for pending and verified (degrees speak of the transcript), the reason if not accepted.</summary>
public sealed record EntryStateView(EntryState State, string? Reason, string PendingWords = "Waiting for verification", string VerifiedWords = "Verified");

/// <summary>An entry a reviewer verifies or does not accept (work periods, leadership, memberships).</summary>
public abstract record ReviewedRow
{
    public bool Verified { get; init; }
    public string? NotAcceptedReason { get; init; }
}
