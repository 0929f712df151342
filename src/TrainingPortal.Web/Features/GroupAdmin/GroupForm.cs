using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using TrainingPortal.Web.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Scheduling;
using TrainingPortal.Web.Data.Configurations;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Time;

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

    [Display(Name = "Term")]
    public CourseTerm? Term { get; set; }

    [Display(Name = "Year")]
    public int? Year { get; set; }

    [Display(Name = "Dates without a meeting (one per line)")]
    public string? SkipDates { get; set; }
}

/// <summary>What each kind of group is by default, and the program it serves.</summary>
public static class GroupKinds
{
    /// <summary>MIO classroom training: 16 hours, given as a short weekly series of parts.</summary>
    public const int ClassroomMinutes = 16 * 60;

    /// <summary>Classroom training is 2 parts of 8 hours or 4 parts of 4 hours, one a week.</summary>
    public static readonly IReadOnlyList<int> ClassroomParts = [2, 4];

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static string ProgramKey(GroupKind kind) => kind switch
    {
        GroupKind.MioClassroom or GroupKind.MioConsultation => DefaultRuleSets.Keys.MioRostering,
        GroupKind.ImhCourseCohort => DefaultRuleSets.Keys.ImhCourse,
        _ => DefaultRuleSets.Keys.MioTrainTheTrainer,
    };

    public static int DefaultWeeks(GroupKind kind) => kind switch
    {
        GroupKind.MioClassroom => 2,
        GroupKind.MioConsultation => 26,
        GroupKind.ImhCourseCohort => 11,
        _ => 6,
    };

    public static int DefaultMinutes(GroupKind kind, int weeks) => kind switch
    {
        GroupKind.MioClassroom => ClassroomMinutes / Math.Max(1, weeks),
        GroupKind.MioConsultation => 60,
        GroupKind.ImhCourseCohort => 90,
        _ => 120,
    };

    public static string Describe(GroupKind kind) => kind switch
    {
        GroupKind.MioClassroom => "MIO classroom training — 16 hours: 2 weekly parts of 8 hours (or 4 of 4 hours)",
        GroupKind.MioConsultation => "MIO consultation group — weekly, 26 weeks of 1 hour by default",
        GroupKind.ImhCourseCohort => "IMH course cohort — 11 weekly sessions of 1.5 hours",
        _ => "MIO Train-the-Trainer cohort — weekly live education, 6 sessions of 2 hours by default",
    };

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

    /// <summary>The weeks the form asks for, or the kind's default.</summary>
    public static int Weeks(GroupForm form) => form.Weeks ?? DefaultWeeks(form.Kind ?? GroupKind.MioConsultation);

    public static int Minutes(GroupForm form) => form.DurationMinutes ?? DefaultMinutes(form.Kind ?? GroupKind.MioConsultation, Weeks(form));

    /// <summary>The weekday: the one chosen, else the start date's.</summary>
    public static DayOfWeek Day(GroupForm form, DateOnly start) => form.MeetingDay ?? start.DayOfWeek;

    /// <summary>The date of the first meeting: the first <see cref="Day"/> on or after the start date.</summary>
    public static DateOnly FirstMeeting(DateOnly start, DayOfWeek day) => start.AddDays(((int)day - (int)start.DayOfWeek + 7) % 7);

    /// <summary>The name suggested when none is typed.</summary>
    public static string SuggestedName(GroupKind kind, DateOnly start, DayOfWeek day, TimeOnly time, CourseTerm? term, int? year, string? trainer)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = kind switch
        {
            GroupKind.MioClassroom => $"MIO classroom training {start.ToString("yyyy-MM-dd", inv)}",
            GroupKind.MioConsultation => $"MIO consultation group, {day}s {time.ToString("HH:mm", inv)} from {start.ToString("yyyy-MM-dd", inv)}",
            GroupKind.ImhCourseCohort => $"IMH course {term} {year?.ToString(inv)}",
            _ => $"MIO Train-the-Trainer cohort {start.ToString("yyyy-MM-dd", inv)}",
        };
        if (trainer is not null && kind is GroupKind.MioConsultation)
        {
            name += $" ({trainer})";
        }
        return name.Length > Lengths.Title ? name[..Lengths.Title] : name;
    }
}

public sealed class GroupFormValidator : AbstractValidator<GroupForm>
{
    public GroupFormValidator()
    {
        RuleFor(f => f.Kind).NotNull().WithMessage("Choose what kind of group this is.")
            .IsInEnum().WithMessage("Choose what kind of group this is.");
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
            .Must(w => w is null || GroupKinds.ClassroomParts.Contains(w.Value))
            .When(f => f.Kind == GroupKind.MioClassroom)
            .WithMessage("Classroom training is 16 hours in 2 weekly parts of 8 hours or 4 weekly parts of 4 hours: enter 2 or 4.");
        RuleFor(f => f.DurationMinutes)
            .Must(m => m is null or >= 15 and <= 600)
            .WithMessage("A meeting lasts 15 to 600 minutes (10 hours).");
        RuleFor(f => f.DurationMinutes)
            .Must((form, m) => m is null || m * GroupKinds.Weeks(form) == GroupKinds.ClassroomMinutes)
            .When(f => f.Kind == GroupKind.MioClassroom && (f.Weeks is null || GroupKinds.ClassroomParts.Contains(f.Weeks.Value)))
            .WithMessage(f => $"Classroom training is 16 hours: {GroupKinds.Weeks(f)} parts of {GroupKinds.ClassroomMinutes / GroupKinds.Weeks(f)} minutes. Leave the length empty.");
        RuleFor(f => f.Term).NotNull().When(f => f.Kind == GroupKind.ImhCourseCohort).WithMessage("Choose the course term.")
            .IsInEnum().WithMessage("Choose the course term.");
        RuleFor(f => f.Year).NotNull().When(f => f.Kind == GroupKind.ImhCourseCohort).WithMessage("Enter the course year, e.g. 2027.");
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
}
