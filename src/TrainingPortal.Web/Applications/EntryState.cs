namespace TrainingPortal.Web.Applications;

/// <summary>Where one evidence entry stands with the reviewer.</summary>
public enum EntryState
{
    /// <summary>Not decided yet: it does not count until verified.</summary>
    Pending = 0,
    /// <summary>Verified by a reviewer (or an RSC provider known to the portal): it counts.</summary>
    Verified,
    /// <summary>A reviewer did not accept it; the reason says why. The applicant may remove it and enter it again.</summary>
    NotAccepted,
}

public static class EntryStates
{
    /// <summary>The state from an entry's verified flag and its reviewer's reason (a reason without the flag: not accepted).</summary>
    public static EntryState Of(bool verified, string? notAcceptedReason) =>
        verified ? EntryState.Verified : notAcceptedReason is null ? EntryState.Pending : EntryState.NotAccepted;

    /// <summary>The words the applicant sees.</summary>
    public static string Words(EntryState state) => state switch
    {
        EntryState.Pending => "Waiting for verification",
        EntryState.Verified => "Verified",
        EntryState.NotAccepted => "Not accepted",
    };
}
