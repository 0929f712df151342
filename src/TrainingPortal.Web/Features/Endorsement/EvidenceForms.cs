using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Endorsement;

/// <summary>One training-log entry the applicant types (unverified until a reviewer checks it).</summary>
public sealed partial class TrainingEntryForm
{
    [Display(Name = "Date of the training")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Title of the training")]
    public string? Title { get; set; }

    [Display(Name = "Provider (who gave the training)")]
    public string? Provider { get; set; }

    [Display(Name = "Clock hours")]
    public decimal? Hours { get; set; }

    [Display(Name = "The training was relationship-based (about infants, young children and their families)")]
    public bool RelationshipBased { get; set; } = true;

    [Display(Name = "The training was about reflective supervision/consultation")]
    public bool AboutReflectiveSupervision { get; set; }

    [Display(Name = "Competency areas covered")]
    public List<CompetencyAreas> Areas { get; set; } = [];
}

/// <summary>One reflective supervision/consultation (RSC) session the applicant received.</summary>
public sealed class RscEntryForm
{
    [Display(Name = "Date of the session")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Hours")]
    public decimal? Hours { get; set; }

    [Display(Name = "Individual or group")]
    public bool Group { get; set; }

    /// <summary>The value of the "someone else" choice (as an empty choice): the provider is typed below.</summary>
    public const string SomeoneElse = "other";

    /// <summary>A provider known to the portal (their account id), or <see cref="SomeoneElse"/>.</summary>
    [Display(Name = "Provider")]
    public string? ProviderId { get; set; }

    /// <summary>Whether the provider is typed (someone else) rather than chosen from the known providers.</summary>
    public static bool TypedProvider(RscEntryForm form) =>
        string.IsNullOrEmpty(form?.ProviderId) || form.ProviderId == SomeoneElse;

    [Display(Name = "Name of the person who provided it")]
    public string? ProviderName { get; set; }

    [Display(Name = "Their endorsement")]
    public EndorsementLevel? ProviderLevel { get; set; }
}

/// <summary>Remove one of the applicant's own entries, confirmed by the button's own form.</summary>
public sealed class RemoveEntryForm
{
    public bool Confirm { get; set; }
}

/// <summary>The words the applicant sees for the eight competency areas (seed 003).</summary>
public static class CompetencyAreaNames
{
    public static IReadOnlyList<CompetencyAreas> All { get; } =
    [
        CompetencyAreas.TheoreticalFoundations, CompetencyAreas.LawRegulationPolicy, CompetencyAreas.SystemsExpertise,
        CompetencyAreas.DirectServiceSkills, CompetencyAreas.WorkingWithOthers, CompetencyAreas.Communicating,
        CompetencyAreas.Thinking, CompetencyAreas.Reflection,
    ];

    public static string Of(CompetencyAreas area) => area switch
    {
        CompetencyAreas.TheoreticalFoundations => "Theoretical Foundations",
        CompetencyAreas.LawRegulationPolicy => "Law, Regulation & Policy",
        CompetencyAreas.SystemsExpertise => "Systems Expertise",
        CompetencyAreas.DirectServiceSkills => "Direct Service Skills",
        CompetencyAreas.WorkingWithOthers => "Working with Others",
        CompetencyAreas.Communicating => "Communicating",
        CompetencyAreas.Thinking => "Thinking",
        CompetencyAreas.Reflection => "Reflection",
        _ => "",
    };

    /// <summary>The names of the areas set in <paramref name="areas"/>, in the guidelines' order.</summary>
    public static string List(CompetencyAreas areas) =>
        string.Join("; ", All.Where(a => areas.HasFlag(a)).Select(Of));
}

/// <summary>The dates and hours every log takes: not in the future (portal today), not absurdly old, at most a day's hours.</summary>
public static class LogRules
{
    /// <summary>Training and RSC older than this cannot count toward anything (the longest look-back is a lifetime's training, capped).</summary>
    public const int YearsBack = 40;

    public const decimal MaxHoursPerDay = 24m;

    public static bool InFuture(DateOnly? date, PortalClock clock) => date is { } d && d > clock.Today;

    public static bool TooEarly(DateOnly? date, PortalClock clock) => date is { } d && d < clock.Today.AddYears(-YearsBack);
}

public sealed class TrainingEntryFormValidator : AbstractValidator<TrainingEntryForm>
{
    public TrainingEntryFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the training.")
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("Log training once it has taken place: the date cannot be in the future.")
            .Must(d => !LogRules.TooEarly(d, clock)).WithMessage($"Enter a date within the last {LogRules.YearsBack} years.");
        RuleFor(f => f.Title).NotEmpty().WithMessage("Enter the title of the training.").MaxChars(Lengths.Title, "the title");
        RuleFor(f => f.Provider).NotEmpty().WithMessage("Enter who gave the training (an organisation or a person).").MaxChars(Lengths.Title, "the provider");
        RuleFor(f => f.Hours).NotNull().WithMessage("Enter the clock hours, e.g. 1.5.")
            .GreaterThan(0m).WithMessage("Enter the clock hours of the training: more than 0.")
            .LessThanOrEqualTo(LogRules.MaxHoursPerDay).WithMessage("A day has at most 24 clock hours. Log a training of several days as one entry per day.")
            .Must(h => h is null || decimal.Round(h.Value, 2) == h.Value).WithMessage("Enter the hours with at most two decimals, e.g. 1.25.");
    }
}

public sealed class RscEntryFormValidator : AbstractValidator<RscEntryForm>
{
    public RscEntryFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date of the session.")
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("Log a session once it has taken place: the date cannot be in the future.")
            .Must(d => !LogRules.TooEarly(d, clock)).WithMessage($"Enter a date within the last {LogRules.YearsBack} years.");
        RuleFor(f => f.Hours).NotNull().WithMessage("Enter the hours of the session, e.g. 1.5.")
            .GreaterThan(0m).WithMessage("Enter the hours of the session: more than 0.")
            .LessThanOrEqualTo(LogRules.MaxHoursPerDay).WithMessage("A day has at most 24 hours. Log each session on its own date.")
            .Must(h => h is null || decimal.Round(h.Value, 2) == h.Value).WithMessage("Enter the hours with at most two decimals, e.g. 1.25.");
        // A provider chosen from those known to the portal brings their name and endorsement; someone else is typed.
        RuleFor(f => f.ProviderName).NotEmpty().When(RscEntryForm.TypedProvider)
            .WithMessage("Enter the name of the person who provided the reflective supervision/consultation.")
            .MaxChars(Lengths.Title, "the name");
        RuleFor(f => f.ProviderLevel).NotNull().When(RscEntryForm.TypedProvider).WithMessage("Choose the provider's endorsement (or \"not endorsed\").")
            .Must(l => l is null || Enum.IsDefined(l.Value)).WithMessage("Choose the provider's endorsement from the list.");
    }
}

/// <summary>A period of work experience.</summary>
public sealed class WorkPeriodForm
{
    [Display(Name = "Kind of work")]
    public WorkKind? Kind { get; set; }

    [Display(Name = "From")]
    public DateOnly? Start { get; set; }

    [Display(Name = "Until (leave empty if you still work there)")]
    public DateOnly? End { get; set; }

    [Display(Name = "Employer")]
    public string? Employer { get; set; }

    [Display(Name = "Families served in this period")]
    public int? FamiliesServed { get; set; }
}

/// <summary>A degree or credential, with its official transcript (see FileForms.cs), verified by a reviewer.</summary>
public sealed partial class DegreeForm
{
    [Display(Name = "Degree or credential")]
    public DegreeKind? Kind { get; set; }

    [Display(Name = "Institution")]
    public string? Institution { get; set; }

    [Display(Name = "Field of study (optional)")]
    public string? Field { get; set; }

    [Display(Name = "Date awarded")]
    public DateOnly? AwardedOn { get; set; }
}

public sealed class WorkPeriodFormValidator : AbstractValidator<WorkPeriodForm>
{
    public WorkPeriodFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Kind).NotNull().WithMessage("Choose the kind of work.")
            .Must(k => k is null || Enum.IsDefined(k.Value)).WithMessage("Choose the kind of work from the list.");
        RuleFor(f => f.Start).NotNull().WithMessage("Enter the date the work began.")
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("Enter work that has begun: the start cannot be in the future.")
            .Must(d => !LogRules.TooEarly(d, clock)).WithMessage($"Enter a date within the last {LogRules.YearsBack} years.");
        RuleFor(f => f.End)
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("The end cannot be in the future. Leave it empty if you still work there.")
            .Must((f, end) => end is null || f.Start is null || end >= f.Start).WithMessage("The period ends before it starts. Check both dates.");
        RuleFor(f => f.Employer).NotEmpty().WithMessage("Enter the employer.").MaxChars(Lengths.Title, "the employer");
        RuleFor(f => f.FamiliesServed).InclusiveBetween(0, 100_000).WithMessage("Enter the number of families served, 0 or more.");
    }
}

public sealed class DegreeFormValidator : AbstractValidator<DegreeForm>
{
    /// <summary>A degree is not older than this (1900-01-01 is a slip, not a date).</summary>
    public const int YearsBack = 80;

    public DegreeFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Kind).NotNull().WithMessage("Choose the degree or credential.")
            .Must(k => k is null || Enum.IsDefined(k.Value)).WithMessage("Choose the degree or credential from the list.");
        RuleFor(f => f.Institution).NotEmpty().WithMessage("Enter the institution that awarded it.").MaxChars(Lengths.Title, "the institution");
        RuleFor(f => f.Field).MaxChars(Lengths.Title, "the field of study");
        RuleFor(f => f.AwardedOn).NotNull().WithMessage("Enter the date it was awarded.")
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("The date awarded cannot be in the future. Add the degree once it is awarded.")
            .Must(d => d is null || d >= clock.Today.AddYears(-YearsBack)).WithMessage($"Enter a date within the last {YearsBack} years.");
    }
}

/// <summary>A leadership activity: one of the level's suggested activities, or "other" described.</summary>
public sealed class LeadershipForm
{
    /// <summary>The value of the "other" choice.</summary>
    public const string Other = "Other";

    [Display(Name = "Activity")]
    public string? Kind { get; set; }

    [Display(Name = "Describe the activity (your role, where, when)")]
    public string? Description { get; set; }
}

/// <summary>A membership of an infant mental health association.</summary>
public sealed class MembershipForm
{
    [Display(Name = "Association")]
    public string? Association { get; set; }

    [Display(Name = "Member since")]
    public DateOnly? From { get; set; }

    [Display(Name = "Valid until (leave empty if it does not end)")]
    public DateOnly? To { get; set; }

    [Display(Name = "An individual membership (not through an organisation)")]
    public bool Individual { get; set; } = true;
}

public sealed class LeadershipFormValidator : AbstractValidator<LeadershipForm>
{
    public LeadershipFormValidator()
    {
        RuleFor(f => f.Kind).NotEmpty().WithMessage("Choose the activity, or \"Other\".");
        RuleFor(f => f.Description).NotEmpty().When(f => f.Kind == LeadershipForm.Other)
            .WithMessage("Describe the activity: with \"Other\" the description says what it was.")
            .MaxChars(Lengths.Text, "the description");
    }
}

public sealed class MembershipFormValidator : AbstractValidator<MembershipForm>
{
    public MembershipFormValidator(PortalClock clock)
    {
        RuleFor(f => f.Association).NotEmpty().WithMessage("Enter the association.").MaxChars(Lengths.Title, "the association");
        RuleFor(f => f.From).NotNull().WithMessage("Enter the date the membership began.")
            .Must(d => !LogRules.InFuture(d, clock)).WithMessage("Record a membership once it has begun: the date cannot be in the future.")
            .Must(d => !LogRules.TooEarly(d, clock)).WithMessage($"Enter a date within the last {LogRules.YearsBack} years.");
        RuleFor(f => f.To).Must((f, to) => to is null || f.From is null || to >= f.From)
            .WithMessage("The membership ends before it begins. Check both dates.");
    }
}
