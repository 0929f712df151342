using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Scheduling;
using TrainingPortal.Web.Data.Configurations;
using TrainingPortal.Web.Features.Profile;

namespace TrainingPortal.Web.Features.GroupAdmin;

/// <summary>
/// A new group or cohort. Dates and times are typed as text (<c>YYYY-MM-DD</c>, <c>HH:MM</c>) so a bad value
/// comes back exactly as typed with a message beside it. Empty numbers take the kind's defaults (<see cref="GroupKinds"/>).
/// </summary>
public sealed class GroupForm
{
    [Display(Name = "Kind of group")]
    public GroupKind? Kind { get; set; }

    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Trainer")]
    public string TrainerId { get; set; } = "";

    [Display(Name = "Start date")]
    public string StartDate { get; set; } = "";

    [Display(Name = "Weekday")]
    public DayOfWeek? MeetingDay { get; set; }

    [Display(Name = "Start time")]
    public string MeetingTime { get; set; } = "";

    [Display(Name = "Time zone")]
    public string TimeZoneId { get; set; } = "America/New_York";

    [Display(Name = "Number of weeks (one meeting a week)")]
    public int? Weeks { get; set; }

    [Display(Name = "Length of each meeting (minutes)")]
    public int? DurationMinutes { get; set; }

    [Display(Name = "Places (optional)")]
    public int? Capacity { get; set; }

    [Display(Name = "Term")]
    public CourseTerm? Term { get; set; }

    [Display(Name = "Year")]
    public int? Year { get; set; }

    [Display(Name = "Dates without a meeting (one per line)")]
    public string? SkipDates { get; set; }
}

/// <summary>
/// The new-group form's reading of the kinds of group: each kind's defaults and program come from its
/// definition in <see cref="ProgramCatalog"/>; this class only parses and applies them.
/// </summary>
public static class GroupKinds
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>The kinds the form offers, in the order of their stored numbers.</summary>
    public static IReadOnlyList<GroupKindDefinition> Offered(ProgramCatalog? catalog = null) =>
        [.. (catalog ?? ProgramCatalog.Default).Kinds.OrderBy(k => (int)k.Kind)];

    /// <summary>The definition of the kind the form names, or null when it names none (or one no program runs).</summary>
    public static GroupKindDefinition? KindOf(GroupForm form, ProgramCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        catalog ??= ProgramCatalog.Default;
        return form.Kind is { } k && catalog.IsKnown(k) ? catalog.Kind(k) : null;
    }

    /// <summary>The program a group of this kind serves.</summary>
    public static string ProgramKey(GroupKind kind) => ProgramCatalog.Default.ProgramOf(kind).Key;

    /// <summary>"2026-01-05" → the date; anything else → null.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>"18:00" (or "18:00:00", as some browsers send) → the time; anything else → null.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static bool InRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>The non-empty lines of the skip-date box, numbered from 1 as the user sees them.</summary>
    public static IEnumerable<(int Line, string Text)> SkipLines(string? text) =>
        (text ?? "").Split('\n')
            .Select((line, i) => (Line: i + 1, Text: line.Trim()))
            .Where(l => l.Text.Length > 0);

    /// <summary>The weeks the form asks for, or the kind's default (before a kind is chosen: a consultation group's).</summary>
    public static int Weeks(GroupForm form) => form.Weeks ?? (KindOf(form) ?? NoKindYet).DefaultWeeks;

    public static int Minutes(GroupForm form) => form.DurationMinutes ?? (KindOf(form) ?? NoKindYet).DefaultMinutesFor(Weeks(form));

    /// <summary>Whose defaults apply while the form names no kind (the form is refused then; only its other messages use them).</summary>
    private static GroupKindDefinition NoKindYet => ProgramCatalog.Default.Kind(GroupKind.MioConsultation);

    /// <summary>The weekday: the one chosen, else the start date's.</summary>
    public static DayOfWeek Day(GroupForm form, DateOnly start) => form.MeetingDay ?? start.DayOfWeek;

    /// <summary>The date of the first meeting: the first <see cref="Day"/> on or after the start date.</summary>
    public static DateOnly FirstMeeting(DateOnly start, DayOfWeek day) => start.AddDays(((int)day - (int)start.DayOfWeek + 7) % 7);

    /// <summary>The name suggested when none is typed.</summary>
    public static string SuggestedName(GroupKind kind, DateOnly start, DayOfWeek day, TimeOnly time, CourseTerm? term, int? year, string? trainer)
    {
        var name = ProgramCatalog.Default.Kind(kind).SuggestName(new GroupNameParts(start, day, time, term?.ToString(), year, trainer));
        return name.Length > Lengths.Title ? name[..Lengths.Title] : name;
    }
}

public sealed class GroupFormValidator : AbstractValidator<GroupForm>
{
    public GroupFormValidator()
    {
        RuleFor(f => f.Kind).NotNull().WithMessage("Choose what kind of group this is.")
            .Must(k => k is null || ProgramCatalog.Default.IsKnown(k.Value)).WithMessage("Choose what kind of group this is.");
        RuleFor(f => f.Name).MaxChars(Lengths.Title, "the name");
        RuleFor(f => f.TrainerId).NotEmpty().WithMessage("Choose the trainer who leads the group.");
        RuleFor(f => f.StartDate).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the start date.");
            }
            else if (GroupKinds.ParseDate(text) is not { } date)
            {
                context.AddFailure($"“{text.Trim()}” is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05.");
            }
            else if (!GroupKinds.InRange(date))
            {
                context.AddFailure($"Enter a start date between {GroupKinds.EarliestDate:yyyy-MM-dd} and {GroupKinds.LatestDate:yyyy-MM-dd}.");
            }
        });
        RuleFor(f => f.MeetingDay).IsInEnum().WithMessage("Choose a weekday from the list.");
        RuleFor(f => f.MeetingTime).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the local start time, e.g. 12:00.");
            }
            else if (GroupKinds.ParseTime(text) is null)
            {
                context.AddFailure($"“{text.Trim()}” is not a time: write it as HH:MM (24-hour clock), e.g. 18:30.");
            }
        });
        RuleFor(f => f.TimeZoneId).Must(TimeZones.IsOffered).WithMessage("Choose a time zone from the list.");
        RuleFor(f => f.Weeks)
            .Must(w => w is null or >= 1 and <= ScheduleGenerator.MaxWeeks)
            .WithMessage($"A group meets for 1 to {ScheduleGenerator.MaxWeeks} weeks.");
        RuleFor(f => f.Weeks)
            .Must((form, w) => w is null || GroupKinds.KindOf(form)!.AllowedWeeks.Contains(w.Value))
            .When(f => GroupKinds.KindOf(f)?.AllowedWeeks.Count > 0)
            .WithMessage(f => SeriesWeeksMessage(GroupKinds.KindOf(f)!));
        RuleFor(f => f.DurationMinutes)
            .Must(m => m is null or >= 15 and <= 600)
            .WithMessage("A meeting lasts 15 to 600 minutes (10 hours).");
        RuleFor(f => f.DurationMinutes)
            .Must((form, m) => m is null || m * GroupKinds.Weeks(form) == GroupKinds.KindOf(form)!.TotalMinutes)
            .When(f => GroupKinds.KindOf(f) is { TotalMinutes: not null } k && (f.Weeks is null || k.AllowedWeeks.Count == 0 || k.AllowedWeeks.Contains(f.Weeks.Value)))
            .WithMessage(f => $"{GroupKinds.KindOf(f)!.SeriesName} is {Hours(GroupKinds.KindOf(f)!.TotalMinutes!.Value)}: {GroupKinds.Weeks(f)} parts of {GroupKinds.KindOf(f)!.TotalMinutes / GroupKinds.Weeks(f)} minutes. Leave the length empty.");
        RuleFor(f => f.Capacity).Must(GroupCapacity.IsValid).WithMessage(GroupCapacity.InvalidMessage);
        RuleFor(f => f.Term).NotNull().When(f => GroupKinds.KindOf(f)?.HasTerm == true).WithMessage("Choose the course term.")
            .IsInEnum().WithMessage("Choose the course term.");
        RuleFor(f => f.Year).NotNull().When(f => GroupKinds.KindOf(f)?.HasTerm == true).WithMessage("Enter the course year, e.g. 2027.");
        RuleFor(f => f.Year).Must(y => y is null or >= 2000 and <= 2100).WithMessage("Enter a year between 2000 and 2100.");
        RuleFor(f => f.SkipDates).Custom((text, context) =>
        {
            var form = context.InstanceToValidate;
            var lines = GroupKinds.SkipLines(text).ToList();
            if (lines.Count > ScheduleGenerator.MaxWeeks)
            {
                context.AddFailure($"At most {ScheduleGenerator.MaxWeeks} dates.");
                return;
            }
            // The meeting dates the schedule would have, when the rest of the form allows saying so.
            HashSet<DateOnly>? meetingDates = null;
            if (GroupKinds.ParseDate(form.StartDate) is { } start && GroupKinds.InRange(start)
                && form.MeetingDay is null or (>= DayOfWeek.Sunday and <= DayOfWeek.Saturday)
                && GroupKinds.Weeks(form) is >= 1 and <= ScheduleGenerator.MaxWeeks and var weeks)
            {
                var first = GroupKinds.FirstMeeting(start, GroupKinds.Day(form, start));
                meetingDates = [.. Enumerable.Range(0, weeks).Select(w => first.AddDays(7 * w))];
            }
            var problems = new List<string>();
            foreach (var (line, value) in lines)
            {
                var shown = value.Length > 40 ? value[..40] + "…" : value;
                if (GroupKinds.ParseDate(value) is not { } date)
                {
                    problems.Add($"Line {line}: “{shown}” is not a date — write one date per line as YYYY-MM-DD.");
                }
                else if (meetingDates is not null && !meetingDates.Contains(date))
                {
                    problems.Add($"Line {line}: {date:yyyy-MM-dd} is not one of the schedule's meeting dates ({date.DayOfWeek}); nothing would be skipped.");
                }
            }
            if (problems.Count > 0)
            {
                context.AddFailure(string.Join(" ", problems)); // one message beside the box, naming every bad line
            }
        });
    }

    /// <summary>"Classroom training is 16 hours in 2 weekly parts of 8 hours or 4 weekly parts of 4 hours: enter 2 or 4."</summary>
    private static string SeriesWeeksMessage(GroupKindDefinition kind)
    {
        var total = kind.TotalMinutes ?? 0;
        var parts = kind.AllowedWeeks.Select(w => $"{w} weekly parts of {Hours(total / w)}");
        return $"{kind.SeriesName} is {Hours(total)} in {string.Join(" or ", parts)}: enter {string.Join(" or ", kind.AllowedWeeks)}.";
    }

    private static string Hours(int minutes) => minutes % 60 == 0
        ? (minutes / 60).ToString(CultureInfo.InvariantCulture) + " hours"
        : minutes.ToString(CultureInfo.InvariantCulture) + " minutes";
}
