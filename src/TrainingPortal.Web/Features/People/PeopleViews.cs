namespace TrainingPortal.Web.Features.People;

/// <summary>One person in the list.</summary>
public sealed record PersonRow(string Id, string Name, string? Email, DateTime? DisabledUtc, IReadOnlyList<string> Roles);

/// <summary>The people list with its search.</summary>
public sealed class PeopleListView
{
    public const int PageSize = 50;

    public string? Query { get; init; }
    public int Page { get; init; } = 1;
    public int Total { get; init; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<PersonRow> Rows { get; init; } = [];

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Query))
        {
            query.Add("q=" + Uri.EscapeDataString(Query));
        }
        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/people" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>One of the person's enrollments.</summary>
public sealed record PersonEnrollment(int Id, string ProgramTitle, EnrollmentStatus Status, DateOnly CreatedOn, DateOnly? CompletedOn);

/// <summary>An account event from the audit log (disabled, enabled, role changes), with its reason.</summary>
public sealed record AccountEvent(DateTime AtUtc, string Action, string? Actor, string? Details);

/// <summary>The person page: roles, account status, enrollments.</summary>
public sealed class PersonPage
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? DisabledUtc { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<PersonEnrollment> Enrollments { get; init; } = [];
    public IReadOnlyList<AccountEvent> Events { get; init; } = [];

    /// <summary>The award date of the person's completed Train-the-Trainer enrollment, if any.</summary>
    public DateOnly? TrainTheTrainerCompletedOn { get; init; }

    /// <summary>The page is the signed-in administrator's own.</summary>
    public bool IsSelf { get; init; }

    /// <summary>The viewer's time zone, for times.</summary>
    public string TimeZoneId { get; init; } = "";

    public RolesForm RolesForm { get; init; } = new();
    public AccountStatusForm Account { get; init; } = new();

    public bool IsTrainer => Roles.Contains(Domain.Roles.Trainer);
    public bool OfferMakeTrainer => TrainTheTrainerCompletedOn is not null && !IsTrainer;
}
