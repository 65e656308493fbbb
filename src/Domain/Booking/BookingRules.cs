namespace RdvSP.Domain.Booking;

/// <summary>Named booking rules of REFERENCE-DOMAIN §5.1, §5.5, §5.7 and §5.9.</summary>
public static class BookingRules
{
    /// <summary>A usager may cancel more than 4 hours before the start.</summary>
    public static readonly TimeSpan UsagerCancelNotice = TimeSpan.FromHours(4);

    /// <summary>A usager may move more than 48 hours before the start.</summary>
    public static readonly TimeSpan UsagerMoveNotice = TimeSpan.FromHours(48);

    /// <summary>The waiting list is offered for RDVs more than 7 days ahead.</summary>
    public static readonly TimeSpan WaitingListNotice = TimeSpan.FromDays(7);

    /// <summary>The §5.1 matrix: agents of the organisation always; then prescripteurs, invited usagers, everyone.</summary>
    public static bool MayBook(BookableBy bookableBy, BookingActor actor) => actor switch
    {
        BookingActor.AgentOfOrganisation => true,
        BookingActor.Prescripteur => bookableBy != BookableBy.Agents,
        BookingActor.InvitedUsager => bookableBy is BookableBy.AgentsAndPrescripteursAndInvitedUsers or BookableBy.Everyone,
        BookingActor.Usager => bookableBy == BookableBy.Everyone,
        _ => false,
    };

    /// <summary>Usager cancellation of an individual RDV (§5.7): not cancelled, not collective, allowed by the motif, starts in more than 4 h.</summary>
    public static bool CanUsagerCancel(
        DateTimeOffset rdvStart,
        DateTimeOffset now,
        RdvStatus status = RdvStatus.Unknown,
        bool isCollective = false,
        bool motifCancellableByUser = true) =>
        !status.IsCancelled() && !isCollective && motifCancellableByUser && rdvStart > now + UsagerCancelNotice;

    /// <summary>Usager cancellation of its participation in a collective RDV (§5.5).</summary>
    public static bool CanUsagerCancelParticipation(
        DateTimeOffset rdvStart,
        DateTimeOffset now,
        RdvStatus rdvStatus,
        bool motifCancellableByUser = true) =>
        !rdvStatus.IsCancelled() && motifCancellableByUser && rdvStart > now + UsagerCancelNotice;

    /// <summary>
    /// Usager move (§5.7): not cancelled, not collective, allowed by the motif, starts in more than 48 h,
    /// motif bookable publicly, and the RDV was not created by an agent.
    /// </summary>
    public static bool CanUsagerMove(
        DateTimeOffset rdvStart,
        DateTimeOffset now,
        bool createdByAgent,
        BookableBy bookableBy,
        RdvStatus status = RdvStatus.Unknown,
        bool isCollective = false,
        bool motifEditableByUser = true) =>
        !status.IsCancelled() && !isCollective && motifEditableByUser && !createdByAgent
        && bookableBy.IsBookablePublicly() && rdvStart > now + UsagerMoveNotice;

    /// <summary>
    /// The waiting list is offered (§5.9): motif bookable by everyone, individual, RDV not cancelled,
    /// starting in more than 7 days, not at the usager's home.
    /// </summary>
    public static bool WaitingListEligible(
        DateTimeOffset rdvStart,
        DateTimeOffset now,
        BookableBy bookableBy,
        LocationType locationType,
        RdvStatus status = RdvStatus.Unknown,
        bool isCollective = false) =>
        bookableBy == BookableBy.Everyone && !isCollective && !status.IsCancelled()
        && locationType != LocationType.Home && rdvStart > now + WaitingListNotice;
}
