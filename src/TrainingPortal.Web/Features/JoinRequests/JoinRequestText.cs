namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>Plain words for a request's state.</summary>
public static class JoinRequestText
{
    public static string Status(JoinRequestStatus status) => status switch
    {
        JoinRequestStatus.Open => "Waiting for an answer",
        JoinRequestStatus.Accepted => "Accepted: enrolled",
        JoinRequestStatus.Declined => "Declined",
        JoinRequestStatus.Withdrawn => "Withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
