using System.Text.Json.Serialization;

namespace TrainingPortal.Domain.Eligibility.Requirements;

/// <summary>One reference a category asks for.</summary>
/// <param name="Name">Display name, e.g. "the person providing your reflective supervision".</param>
/// <param name="Accepts">Rater sources that fill it; empty = any source.</param>
public sealed record ReferenceSlot(string Name, IReadOnlyList<ReferenceSource> Accepts)
{
    /// <summary>Whether a rating of this source fills the slot.</summary>
    public bool Fits(ReferenceSource source) => Accepts.Count == 0 || Accepts.Contains(source);
}

/// <summary>
/// Professional reference ratings: every slot filled by a distinct received rating of an accepted source,
/// and among the ratings used at least <see cref="MinimumEndorsedRaters"/> from raters endorsed at
/// <see cref="MinimumRaterLevel"/> or above (any Level IV category counts as above Level III).
/// </summary>
public sealed class ReferencesRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public ReferencesRequirement(string key, string title, IReadOnlyList<ReferenceSlot> slots, int minimumEndorsedRaters,
        EndorsementLevel minimumRaterLevel) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots.Count, 8);
        Slots = slots;
        MinimumEndorsedRaters = minimumEndorsedRaters;
        MinimumRaterLevel = minimumRaterLevel;
        var p = new List<RuleParameter>();
        for (var i = 0; i < slots.Count; i++)
        {
            p.Add(new(string.Create(Inv, $"Reference{i + 1}"), slots[i].Name + " (" + (slots[i].Accepts.Count == 0 ? "any" : DisplayNames.List(slots[i].Accepts, DisplayNames.Of)) + ")"));
        }
        p.Add(new(nameof(MinimumEndorsedRaters), N(minimumEndorsedRaters)));
        p.Add(new(nameof(MinimumRaterLevel), DisplayNames.Of(minimumRaterLevel)));
        Parameters = p;
    }

    /// <summary>The references required.</summary>
    public IReadOnlyList<ReferenceSlot> Slots { get; }

    /// <summary>How many of the ratings used must come from endorsed raters.</summary>
    public int MinimumEndorsedRaters { get; }

    /// <summary>The lowest endorsement level that counts as "endorsed".</summary>
    public EndorsementLevel MinimumRaterLevel { get; }

    /// <inheritdoc />
    public override string KindName => "ReferenceRatings";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var received = evidence.References.Where(r => r.Received).ToArray();
        var pending = evidence.References.Count - received.Length;

        // Exhaustive search over assignments (at most a handful of slots and ratings): most slots
        // filled, then most endorsed raters among the ratings used.
        var assignment = new int[Slots.Count];
        var bestAssignment = new int[Slots.Count];
        Array.Fill(bestAssignment, -1);
        var used = new bool[received.Length];
        (int Filled, int Endorsed) best = (-1, -1);
        void Search(int slot, int filled, int endorsed)
        {
            if (slot == Slots.Count)
            {
                if (filled > best.Filled || (filled == best.Filled && endorsed > best.Endorsed))
                {
                    best = (filled, endorsed);
                    assignment.CopyTo(bestAssignment, 0);
                }
                return;
            }
            for (var r = 0; r < received.Length; r++)
            {
                if (!used[r] && Slots[slot].Fits(received[r].Source))
                {
                    used[r] = true;
                    assignment[slot] = r;
                    Search(slot + 1, filled + 1, endorsed + (received[r].RaterLevel >= MinimumRaterLevel ? 1 : 0));
                    used[r] = false;
                }
            }
            assignment[slot] = -1;
            Search(slot + 1, filled, endorsed);
        }
        Search(0, 0, 0);

        var findings = new List<Finding>();
        for (var s = 0; s < Slots.Count; s++)
        {
            if (bestAssignment[s] < 0)
            {
                findings.Add(new Finding(Slots[s].Name, "no received rating fills this yet"));
            }
        }
        var filledAll = best.Filled == Slots.Count;
        var endorsedOk = best.Endorsed >= MinimumEndorsedRaters;
        if (filledAll && endorsedOk)
        {
            return Result(RequirementStatus.Met, best.Filled, Slots.Count, "references",
                string.Create(Inv, $"All {Slots.Count} reference ratings are in, including {Plural(best.Endorsed, "rater", "raters")} endorsed at {DisplayNames.Of(MinimumRaterLevel)} or above."));
        }
        var needs = new List<string>();
        if (!filledAll)
        {
            needs.Add("ratings from " + string.Join("; ", findings.Select(f => f.Item)));
        }
        if (!endorsedOk)
        {
            needs.Add(string.Create(Inv, $"at least {Plural(MinimumEndorsedRaters, "rater", "raters")} endorsed at {DisplayNames.Of(MinimumRaterLevel)} or above"));
            findings.Add(new Finding("Endorsed rater", best.Endorsed == 0
                ? string.Create(Inv, $"none of the ratings used comes from a rater endorsed at {DisplayNames.Of(MinimumRaterLevel)} or above")
                : string.Create(Inv, $"{best.Endorsed} of the ratings used {(best.Endorsed == 1 ? "comes" : "come")} from a rater endorsed at {DisplayNames.Of(MinimumRaterLevel)} or above; {MinimumEndorsedRaters} are needed")));
        }
        // The figure counts the ratings that qualify: while endorsed raters are missing, the slots they must
        // take are not counted, so "3 of 3" never shows beside a requirement that is not met.
        var qualifying = Math.Min(best.Filled, Slots.Count - Math.Max(0, MinimumEndorsedRaters - best.Endorsed));
        qualifying = Math.Max(0, qualifying);
        var wait = pending > 0 ? string.Create(Inv, $" {Plural(pending, "requested rating is", "requested ratings are")} not yet received.") : "";
        var inButNotQualifying = best.Filled == qualifying ? ""
            : string.Create(Inv, $" ({Plural(best.Filled, "rating is", "ratings are")} in, but a rater endorsed at {DisplayNames.Of(MinimumRaterLevel)} or above must give one of them)");
        return Result(RequirementStatus.NotMet, qualifying, Slots.Count, "references",
            string.Create(Inv, $"{qualifying} of {Slots.Count} reference ratings qualify{inButNotQualifying}. Still needed: {string.Join(", and ", needs)}.{wait} {{Do}}name the raters in the portal; each receives a link to the rating form."),
            findings: findings);
    }
}

/// <summary>What a <see cref="RecordedDateRequirement"/> checks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecordedItem>))]
public enum RecordedItem
{
    /// <summary><see cref="Evidence.EthicsAgreementSignedOn"/>.</summary>
    EthicsAgreement = 0,
    /// <summary><see cref="Evidence.PortfolioApprovedOn"/>.</summary>
    PortfolioApproval,
}

/// <summary>Something signed or approved on a date: the Code of Ethics (attested by the applicant) or the portfolio (approved by an administrator).</summary>
public sealed class RecordedDateRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public RecordedDateRequirement(string key, string title, RecordedItem item) : base(key, title)
    {
        Item = item;
        Parameters = [new(nameof(Item), DisplayNames.Of(item)), new("By", item == RecordedItem.EthicsAgreement ? "applicant (signed in the portal)" : "administrator")];
    }

    /// <summary>What is checked.</summary>
    public RecordedItem Item { get; }

    private string Unit => Item == RecordedItem.EthicsAgreement ? "signatures" : "approvals";

    /// <inheritdoc />
    public override string KindName => Item == RecordedItem.EthicsAgreement ? "Attested" : "ApprovedBy";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var date = Item == RecordedItem.EthicsAgreement ? evidence.EthicsAgreementSignedOn : evidence.PortfolioApprovedOn;
        if (date is { } d && d <= asOf)
        {
            return Result(RequirementStatus.Met, 1, 1, Unit, Item == RecordedItem.EthicsAgreement
                ? "{You} signed the Code of Ethics & Endorsement Agreement on " + D(d) + "."
                : "An administrator approved {your} portfolio on " + D(d) + ".");
        }
        return Result(RequirementStatus.NotMet, 0, 1, Unit, Item == RecordedItem.EthicsAgreement
            ? "{Do}sign the Code of Ethics & Endorsement Agreement in the portal (typing {your} name)."
            : "{Do}complete {your} professional portfolio and submit it; an administrator must review and approve it.");
    }
}

/// <summary>A passed written examination recorded by an administrator.</summary>
public sealed class ExamRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public ExamRequirement(string key, string title) : base(key, title)
    {
    }

    /// <inheritdoc />
    public override string KindName => "ExamPassed";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; } = [new("RecordedBy", "administrator")];

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var attempts = 0;
        foreach (var e in evidence.ExamResults)
        {
            if (e.Date > asOf)
            {
                continue;
            }
            if (e.Passed)
            {
                return Result(RequirementStatus.Met, 1, 1, "exams", "{You} passed the written examination on " + D(e.Date) + ".");
            }
            attempts++;
        }
        return Result(RequirementStatus.NotMet, 0, 1, "exams", attempts == 0
            ? "{Do}take and pass the written examination; an administrator records the result."
            : "{Your} recorded attempt did not pass. {Do}register for another sitting of the written examination.");
    }
}

/// <summary>An association membership current on the evaluation date (From ≤ date ≤ To), individual if required.</summary>
public sealed class MembershipRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public MembershipRequirement(string key, string title, bool requireIndividual) : base(key, title)
    {
        RequireIndividual = requireIndividual;
        Parameters = [new(nameof(RequireIndividual), requireIndividual ? "yes" : "no"), new("CurrentOn", "evaluation date")];
    }

    /// <summary>Whether organisational memberships are excluded.</summary>
    public bool RequireIndividual { get; }

    /// <inheritdoc />
    public override string KindName => "CurrentMembership";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        DateOnly? lastEnded = null;
        var organisational = false;
        foreach (var m in evidence.Memberships)
        {
            if (RequireIndividual && !m.Individual)
            {
                organisational = true;
                continue;
            }
            if (m.From <= asOf && (m.To is null || m.To >= asOf))
            {
                return Result(RequirementStatus.Met, 1, 1, "memberships", m.To is { } to
                    ? "{Your} membership" + (m.Association is null ? "" : " of " + Voice.Literal(m.Association)) + " is current until " + D(to) + "."
                    : "{Your} membership" + (m.Association is null ? "" : " of " + Voice.Literal(m.Association)) + " is current.");
            }
            if (m.To is { } end && end < asOf && (lastEnded is null || end > lastEnded))
            {
                lastEnded = end;
            }
        }
        var text = lastEnded is { } e
            ? "{Your} membership ended on " + D(e) + ". {Do}renew the membership in an infant mental health association and record it."
            : "{Do}record a current individual membership in the state or another infant mental health association.";
        if (organisational)
        {
            text += " Organisational memberships do not count.";
        }
        return Result(RequirementStatus.NotMet, 0, 1, "memberships", text);
    }
}

/// <summary>Level IV: documented leadership activities at the regional or state level.</summary>
public sealed class LeadershipRequirement : Requirement
{
    /// <summary>Creates the requirement.</summary>
    public LeadershipRequirement(string key, string title, int minimumActivities, IReadOnlyList<string> suggestedActivities) : base(key, title)
    {
        ArgumentNullException.ThrowIfNull(suggestedActivities);
        MinimumActivities = minimumActivities;
        SuggestedActivities = suggestedActivities;
        Parameters = [new(nameof(MinimumActivities), N(minimumActivities)), new(nameof(SuggestedActivities), string.Join("; ", suggestedActivities) + "; other")];
    }

    /// <summary>Activities required.</summary>
    public int MinimumActivities { get; }

    /// <summary>Choices offered in the form (plus "other").</summary>
    public IReadOnlyList<string> SuggestedActivities { get; }

    /// <inheritdoc />
    public override string KindName => "LeadershipActivities";

    /// <inheritdoc />
    public override IReadOnlyList<RuleParameter> Parameters { get; }

    /// <inheritdoc />
    public override RequirementResult Evaluate(Evidence evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var n = evidence.LeadershipActivities.Count;
        return n >= MinimumActivities
            ? Result(RequirementStatus.Met, n, MinimumActivities, "activities", string.Create(Inv, $"{{You}} documented {Plural(n, "leadership activity", "leadership activities")}."))
            : Result(RequirementStatus.NotMet, n, MinimumActivities, "activities",
                string.Create(Inv, $"{{Do}}document {Plural(MinimumActivities - n, "more leadership activity", "more leadership activities")} at the regional or state level (for example: {(SuggestedActivities.Count > 0 ? SuggestedActivities[0] : "leadership in an IMH association")})."));
    }
}
