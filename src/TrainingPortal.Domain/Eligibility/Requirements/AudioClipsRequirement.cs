namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>
/// MIO: at least <see cref="MinimumClips"/> distinct audio clips, each marked de-identified, played in
/// a (not cancelled, not future) consultation meeting of the person's group that the person attended
/// (present or partial, any minutes), each with the trainer's feedback logged. Clips are distinct by
/// <see cref="ClipPresentation.ClipCode"/> (case-insensitive).
/// </summary>
public sealed class AudioClipsRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public AudioClipsRequirement(string key, string title, int minimumClips) : base(key, title)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumClips);
        MinimumClips = minimumClips;
        Parameters = [new(nameof(MinimumClips), N(minimumClips))];
    }

    /// <summary>Distinct qualifying clips required.</summary>
    public int MinimumClips { get; }

    /// <inheritdoc />
    public override string KindName => "AudioClipsWithFeedback";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var clips = evidence.Clips;
        var meetings = evidence.ConsultationGroup?.Meetings ?? [];
        Span<bool> valid = clips.Count <= 128 ? stackalloc bool[clips.Count] : new bool[clips.Count];
        var count = 0;
        List<Finding>? findings = null;
        for (var i = 0; i < clips.Count; i++)
        {
            var clip = clips[i];
            var problem = Problem(clip, meetings, evidence.ConsultationAttendance, asOf);
            if (problem is not null)
            {
                (findings ??= []).Add(new Finding("Clip " + clip.ClipCode, problem));
                continue;
            }
            var duplicate = false;
            for (var j = 0; j < i && !duplicate; j++)
            {
                duplicate = valid[j] && string.Equals(clips[j].ClipCode, clip.ClipCode, StringComparison.OrdinalIgnoreCase);
            }
            if (duplicate)
            {
                continue;
            }
            valid[i] = true;
            count++;
        }

        if (count >= MinimumClips)
        {
            return Result(RequirementStatus.Met, count, MinimumClips, "clips",
                string.Create(Inv, $"{{You}} {{have|has}} played {Plural(count, "de-identified clip", "de-identified clips")} with feedback in consultation meetings {{you}} attended; {MinimumClips} are required."),
                findings: findings);
        }
        return Result(RequirementStatus.NotMet, count, MinimumClips, "clips",
            string.Create(Inv, $"{count} of {MinimumClips} clips count. {{Do}}select and play {Plural(MinimumClips - count, "more de-identified audio clip", "more de-identified audio clips")} in consultation meetings {{you}} {{attend|attends}}, with the trainer's feedback logged for each."),
            findings: findings);
    }

    private static string? Problem(ClipPresentation clip, IReadOnlyList<ConsultationMeeting> meetings,
        IReadOnlyList<MeetingAttendance> attendance, DateOnly asOf)
    {
        if (!clip.DeIdentified)
        {
            return "not marked de-identified";
        }
        if (string.IsNullOrWhiteSpace(clip.Feedback))
        {
            return "no trainer feedback logged";
        }
        var meeting = MeetingLookup.FindMeeting(meetings, clip.MeetingId);
        if (meeting is null)
        {
            return "not played in a meeting of the consultation group";
        }
        if (meeting.Cancelled || meeting.Date > asOf)
        {
            return "the meeting was cancelled or has not taken place";
        }
        var a = MeetingLookup.Find(attendance, clip.MeetingId, -1);
        return a is { Mark: AttendanceMark.Present or AttendanceMark.Partial } ? null : "played in a meeting not attended";
    }
}
