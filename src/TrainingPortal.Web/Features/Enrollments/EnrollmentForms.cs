using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Enrollments;

/// <summary>Enroll a person in a program.</summary>
public sealed class EnrollForm
{
    [Display(Name = "Person (e-mail address)")]
    public string PersonEmail { get; set; } = "";

    [Display(Name = "Program")]
    public string ProgramKey { get; set; } = "";

    [Display(Name = "Group or cohort (optional)")]
    public int? GroupId { get; set; }

    [Display(Name = "MIO classroom training (optional)")]
    public int? ClassroomGroupId { get; set; }

    [Display(Name = "Level IV category")]
    public string? Category { get; set; }

    /// <summary>Joining a group or cohort that has already met: the day the person joined it (YYYY-MM-DD; empty: today).</summary>
    [Display(Name = "Joined the group on")]
    public string? JoinedOn { get; set; }

    /// <summary>Joining late: <see cref="PastMeetingsMissed"/> or <see cref="PastMeetingsNotApplicable"/>.</summary>
    [Display(Name = "Meetings held before they joined")]
    public string? PastMeetings { get; set; }

    /// <summary>The request to join this enrollment answers (from the administrators' queue); null when none.</summary>
    public int? JoinRequestId { get; set; }

    public const string PastMeetingsMissed = "missed";
    public const string PastMeetingsNotApplicable = "not-applicable";

    /// <summary>The join date, when <see cref="JoinedOn"/> is a date written YYYY-MM-DD.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>Withdraw an enrollment.</summary>
public sealed class WithdrawForm
{
    [Display(Name = "Reason for withdrawing")]
    public string Reason { get; set; } = "";

    /// <summary>The enrollment's concurrency token as shown, so a change made meanwhile is noticed.</summary>
    public Guid Version { get; set; }
}

public sealed class EnrollFormValidator : AbstractValidator<EnrollForm>
{
    public EnrollFormValidator()
    {
        RuleFor(f => f.PersonEmail).NotEmpty().WithMessage("Enter the person's e-mail address, or choose them from the list.")
            .MaxChars(256, "the e-mail address")
            .EmailAddress().WithMessage("Enter an e-mail address like name@example.org.");
        RuleFor(f => f.ProgramKey).Must(key => RuleSetCatalog.Default.Versions(key ?? "").Count > 0)
            .WithMessage("Choose a program from the list.");
        RuleFor(f => f.JoinedOn).Must(text => string.IsNullOrWhiteSpace(text) || EnrollForm.ParseDate(text) is not null)
            .WithMessage(f => $"“{f.JoinedOn?.Trim()}” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23.");
        RuleFor(f => f.PastMeetings)
            .Must(v => string.IsNullOrEmpty(v) || v is EnrollForm.PastMeetingsMissed or EnrollForm.PastMeetingsNotApplicable)
            .WithMessage("Choose whether the meetings before they joined count as missed or do not apply.");
        RuleFor(f => f.Category)
            .Must((form, category) => CategoryFits(form.ProgramKey, category))
            .WithMessage(form => Categories(form.ProgramKey).Count > 0
                ? "Choose the category the applicant applies in."
                : "This program has no categories: leave the category empty.");
    }

    /// <summary>The categories of the program's current rule set (empty for most programs or an unknown key).</summary>
    public static IReadOnlyList<string> Categories(string? programKey)
    {
        var versions = RuleSetCatalog.Default.Versions(programKey ?? "");
        return versions.Count == 0 ? [] : versions[^1].Categories;
    }

    private static bool CategoryFits(string? programKey, string? category)
    {
        var versions = RuleSetCatalog.Default.Versions(programKey ?? "");
        // An unknown program: the program's own message is enough.
        return versions.Count == 0 || EnrollmentRules.CategoryFits(versions[^1], category);
    }
}

public sealed class WithdrawFormValidator : AbstractValidator<WithdrawForm>
{
    public WithdrawFormValidator()
    {
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the enrollment is withdrawn.")
            .MaxChars(2000, "the reason");
    }
}

/// <summary>Which group kinds a program's enrollments are placed in (its definition's group kinds); none for a key no program has.</summary>
public static class ProgramGroups
{
    /// <summary>The kind of the group or cohort an enrollment is placed in, if the program has one.</summary>
    public static GroupKind? GroupKindFor(string programKey, ProgramCatalog? catalog = null) =>
        (catalog ?? ProgramCatalog.Default).TryGet(programKey, out var program) ? program.EnrollmentGroup?.Kind : null;

    /// <summary>The kind of the classroom training an enrollment attends, if the program has one.</summary>
    public static GroupKind? ClassroomKindFor(string programKey, ProgramCatalog? catalog = null) =>
        (catalog ?? ProgramCatalog.Default).TryGet(programKey, out var program) ? program.ClassroomGroup?.Kind : null;
}
