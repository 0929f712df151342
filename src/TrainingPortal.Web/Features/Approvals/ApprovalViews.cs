using TrainingPortal.Web.Standings;
namespace TrainingPortal.Web.Features.Approvals;

/// <summary>One eligible, not yet approved enrollment in the queue, from its stored standing.</summary>
public sealed record QueueRow(int EnrollmentId, string PersonName, string ProgramKey, string ProgramTitle, string? Category, string? GroupName,
    DateOnly EnrolledOn, int MetCount, int BlockingCount, string Summary, DateOnly EvaluatedOn)
{
    public IReadOnlyList<StandingItem> Items => StandingItem.Parse(Summary);
}

/// <summary>A program in the filter, with how many of its enrollments wait for approval.</summary>
public sealed record QueueProgramOption(string Key, string Title, int Waiting);

/// <summary>A group or cohort in the filter (id 0: enrollments in no group), with how many wait.</summary>
public sealed record QueueGroupOption(int Id, string Name, string ProgramKey, int Waiting);

/// <summary>The eligibility queue page.</summary>
public sealed class QueuePage
{
    public const int PageSize = 50;

    /// <summary>The group filter's value for enrollments that are in no group or cohort.</summary>
    public const int NoGroup = 0;

    public string? Program { get; init; }
    public int? Group { get; init; }
    public int Page { get; init; } = 1;
    public int Total { get; init; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<QueueRow> Rows { get; init; } = [];
    public IReadOnlyList<QueueProgramOption> Programs { get; init; } = [];
    public IReadOnlyList<QueueGroupOption> Groups { get; init; } = [];

    /// <summary>The oldest evaluation date among the listed standings (today after a refresh).</summary>
    public DateOnly EvaluatedOn { get; init; }

    /// <summary>Standings still waiting for the background refresh (too many to refresh while the page loads).</summary>
    public int StillDue { get; set; }
    public string TimeZoneId { get; set; } = "";

    /// <summary>The address of another page of the same filter.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (Program is not null)
        {
            query.Add("program=" + Uri.EscapeDataString(Program));
        }
        if (Group is { } g)
        {
            query.Add("group=" + g.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/approvals" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>A waiver granted on the enrollment.</summary>
public sealed record WaiverRow(int Id, string RequirementKey, string RequirementTitle, string Reason, DateOnly GrantedOn, string? GrantedBy);

/// <summary>The enrollment review page: the live verdict, approve, waive.</summary>
public sealed class ReviewPage
{
    public int EnrollmentId { get; init; }
    public string PersonId { get; init; } = "";
    public string PersonName { get; init; } = "";
    public string? PersonEmail { get; init; }
    public string ProgramKey { get; init; } = "";
    public string ProgramTitle { get; init; } = "";
    public string? GroupName { get; init; }
    public EnrollmentStatus Status { get; init; }
    public DateOnly CreatedOn { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public DateOnly? WithdrawnOn { get; init; }
    public string? ApprovedBy { get; init; }
    public DateTime? ApprovedUtc { get; init; }
    public Guid Version { get; init; }
    public DateOnly Today { get; init; }
    public string TimeZoneId { get; init; } = "";

    /// <summary>The live verdict in the shape the shared standing partial shows.</summary>
    public required Home.ProgramProgressView Standing { get; init; }
    public IReadOnlyList<WaiverRow> Waivers { get; init; } = [];

    /// <summary>Blocking requirements that are not met (and not waived): the ones an administrator may waive.</summary>
    public IReadOnlyList<Domain.Eligibility.RequirementResult> Waivable { get; init; } = [];

    /// <summary>The certificate issued for this enrollment, once approved.</summary>
    public CertificateLink? Certificate { get; init; }

    /// <summary>A completed Train-the-Trainer enrollment whose person is not a trainer yet: offer "Make trainer".</summary>
    public bool OfferMakeTrainer { get; init; }

    public ApproveForm Approve { get; init; } = new();
    public WaiveForm Waive { get; init; } = new();

    public bool Eligible => Standing.Verdict.Status == Domain.Eligibility.OverallStatus.Eligible;
    public string ApproveLabel => ApprovalService.ApproveLabel(ProgramKey);
}

/// <summary>An enrollment's certificate, for links from the review page.</summary>
public sealed record CertificateLink(int Id, string Code, int Version);
