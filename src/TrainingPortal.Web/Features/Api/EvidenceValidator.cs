using FluentValidation;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Features.Api;

/// <summary>
/// The meaning of an evidence document that is already the right shape (types, ranges and dates
/// are checked by <see cref="EvaluateRequestReader"/>): relations between fields, identifiers that
/// must be unique, texts that must not be blank. Property paths are turned into JSON paths by the reader.
/// </summary>
public sealed class EvidenceValidator : AbstractValidator<Evidence>
{
    public EvidenceValidator()
    {
        RuleForEach(e => e.Classroom).ChildRules(a =>
            a.RuleFor(x => x.MinutesPresent).LessThanOrEqualTo(x => x.ScheduledMinutes)
                .WithMessage("Cannot be more than scheduledMinutes."));

        RuleFor(e => e).Custom((e, context) =>
        {
            // Linear, not pairwise: a list may hold a thousand items.
            if (e.ConsultationGroup is { } group)
            {
                foreach (var i in Duplicates(group.Meetings, m => m.Id))
                {
                    context.AddFailure($"ConsultationGroup.Meetings[{i}].Id", "Meeting ids must be unique within the group.");
                }
            }
            foreach (var i in Duplicates(e.ConsultationAttendance, a => a.MeetingId))
            {
                context.AddFailure($"ConsultationAttendance[{i}].MeetingId", "Each meeting may be marked once.");
            }

            // Evidence the engine would silently ignore is refused instead: a typo never drops evidence.
            var meetings = new Dictionary<int, ConsultationMeeting>();
            foreach (var m in e.ConsultationGroup?.Meetings ?? [])
            {
                meetings.TryAdd(m.Id, m);
            }
            var noMeeting = e.ConsultationGroup is null
                ? "There is no consultationGroup, so no meeting has this id."
                : "No meeting of consultationGroup has this id.";
            for (var i = 0; i < e.ConsultationAttendance.Count; i++)
            {
                var a = e.ConsultationAttendance[i];
                if (!meetings.TryGetValue(a.MeetingId, out var meeting))
                {
                    context.AddFailure($"ConsultationAttendance[{i}].MeetingId", noMeeting);
                }
                else if (a.MinutesPresent > meeting.DurationMinutes)
                {
                    context.AddFailure($"ConsultationAttendance[{i}].MinutesPresent",
                        $"Cannot be more than the meeting's durationMinutes ({meeting.DurationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
                }
            }
            for (var i = 0; i < e.Clips.Count; i++)
            {
                if (!meetings.ContainsKey(e.Clips[i].MeetingId))
                {
                    context.AddFailure($"Clips[{i}].MeetingId", noMeeting);
                }
            }
            var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in e.TrainingCases)
            {
                if (!string.IsNullOrEmpty(c.Code))
                {
                    codes[c.Code] = codes.GetValueOrDefault(c.Code) + 1;
                }
            }
            for (var i = 0; i < e.TrainingCases.Count; i++)
            {
                if (!string.IsNullOrEmpty(e.TrainingCases[i].Code) && codes[e.TrainingCases[i].Code] > 1)
                {
                    context.AddFailure($"TrainingCases[{i}].Code", "Two training cases have this code (compared ignoring case); send each case once, with all its sessions.");
                }
            }
        });

        RuleForEach(e => e.TrainingCases).ChildRules(c =>
            c.RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the case's pseudonymous code."));

        RuleForEach(e => e.Clips).ChildRules(c =>
            c.RuleFor(x => x.ClipCode).NotEmpty().WithMessage("Enter the clip's code."));

        RuleForEach(e => e.Certificates).ChildRules(c =>
        {
            c.RuleFor(x => x.ProgramKey).NotEmpty().WithMessage("Enter the program key.");
            c.RuleFor(x => x.RevokedOn).GreaterThanOrEqualTo(x => x.IssuedOn).When(x => x.RevokedOn is not null)
                .WithMessage("Cannot be before issuedOn.");
        });

        RuleForEach(e => e.LiveSessions).ChildRules(Session);
        RuleForEach(e => e.CourseSessions).ChildRules(Session);

        RuleForEach(e => e.Licences).ChildRules(l =>
            l.RuleFor(x => x.Kind).NotEmpty().WithMessage("Enter the licence, e.g. LCSW."));

        RuleForEach(e => e.WorkExperience).ChildRules(w =>
            w.RuleFor(x => x.End).GreaterThanOrEqualTo(x => x.Start).When(x => x.End is not null)
                .WithMessage("Cannot be before start."));

        RuleForEach(e => e.Memberships).ChildRules(m =>
            m.RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.To is not null)
                .WithMessage("Cannot be before from."));

        RuleForEach(e => e.LeadershipActivities).ChildRules(a =>
            a.RuleFor(x => x.Kind).NotEmpty().WithMessage("Enter the kind of activity."));

        RuleForEach(e => e.Waivers).ChildRules(w =>
        {
            w.RuleFor(x => x.RequirementKey).NotEmpty().WithMessage("Enter the waived requirement's key.");
            w.RuleFor(x => x.Reason).NotEmpty().WithMessage("Enter the reason for the waiver.");
        });
    }

    /// <summary>Indexes of the items whose key occurs more than once.</summary>
    private static IEnumerable<int> Duplicates<T>(IReadOnlyList<T> items, Func<T, int> key)
    {
        var counts = new Dictionary<int, int>();
        foreach (var item in items)
        {
            counts[key(item)] = counts.GetValueOrDefault(key(item)) + 1;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (counts[key(items[i])] > 1)
            {
                yield return i;
            }
        }
    }

    private static void Session(InlineValidator<ScheduledSession> s) =>
        s.RuleFor(x => x.MinutesPresent).LessThanOrEqualTo(x => x.DurationMinutes)
            .WithMessage("Cannot be more than durationMinutes.");
}
