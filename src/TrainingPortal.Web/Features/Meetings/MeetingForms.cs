using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Features.GroupAdmin;

namespace TrainingPortal.Web.Features.Meetings;

/// <summary>Move one meeting to a new local date and time in the group's time zone.</summary>
public sealed class MoveMeetingForm
{
    [Display(Name = "New date")]
    public string Date { get; set; } = "";

    [Display(Name = "New start time")]
    public string Time { get; set; } = "";

    /// <summary>
    /// The person saw the warning that an upcoming meeting moved into the past counts as held, and as
    /// missed by every member until attendance is recorded, and moves it anyway.
    /// </summary>
    [Display(Name = "Yes, move it into the past: I will record its attendance")]
    public bool ConfirmPast { get; set; }

    /// <summary>The meeting's version as shown (<see cref="Data.Training.Meeting.AttendanceVersion"/>), so a change made meanwhile is noticed.</summary>
    public Guid Version { get; set; }
}

/// <summary>Cancel one meeting, confirmed.</summary>
public sealed class CancelMeetingForm
{
    [Display(Name = "Yes, cancel this meeting: it will not count as held for anyone")]
    public bool Confirm { get; set; }

    /// <summary>The meeting's version as shown.</summary>
    public Guid Version { get; set; }
}

/// <summary>Un-cancel one meeting.</summary>
public sealed class RestoreMeetingForm
{
    /// <summary>The meeting's version as shown.</summary>
    public Guid Version { get; set; }
}

public sealed class MoveMeetingFormValidator : AbstractValidator<MoveMeetingForm>
{
    public MoveMeetingFormValidator()
    {
        RuleFor(f => f.Date).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the new date.");
            }
            else if (GroupKinds.ParseDate(text) is not { } date)
            {
                context.AddFailure($"“{text.Trim()}” is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05.");
            }
            else if (!GroupKinds.InRange(date))
            {
                context.AddFailure($"Enter a date between {GroupKinds.EarliestDate:yyyy-MM-dd} and {GroupKinds.LatestDate:yyyy-MM-dd}.");
            }
        });
        RuleFor(f => f.Time).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the new local start time, e.g. 12:00.");
            }
            else if (GroupKinds.ParseTime(text) is null)
            {
                context.AddFailure($"“{text.Trim()}” is not a time: write it as HH:MM (24-hour clock), e.g. 18:30.");
            }
        });
    }
}

public sealed class CancelMeetingFormValidator : AbstractValidator<CancelMeetingForm>
{
    public CancelMeetingFormValidator()
    {
        RuleFor(f => f.Confirm).Equal(true).WithMessage("Tick the box to confirm that this meeting is cancelled.");
    }
}
