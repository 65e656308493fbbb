using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>
/// The back-office side of the booking module: what the RDV policies check, what the agent-side
/// warnings look at, the agents' writes that <see cref="Abstractions.IRdvRepository"/> does not cover,
/// and the list scoped in SQL by <see cref="AgentAccess"/>.
/// </summary>
public interface IAgentRdvStore
{
    /// <summary>What the RDV policies need: its organisation, its motif's service and its agents; null when it does not exist.</summary>
    Task<RdvAccessFacts?> RdvAccessAsync(long rdvId, CancellationToken cancellationToken);

    /// <summary>Which of the given ids belong to the organisation (in one round trip).</summary>
    Task<OrganisationIdsCheck> CheckIdsAsync(long organisationId, OrganisationIds ids, CancellationToken cancellationToken);

    /// <summary>
    /// Non-cancelled RDVs of the agents overlapping [<paramref name="from"/>, <paramref name="to"/>) and of the
    /// users starting in [<paramref name="dayStart"/>, <paramref name="dayEnd"/>), plus the agents' absences
    /// and plages on the local days <paramref name="firstDay"/>–<paramref name="lastDay"/>.
    /// </summary>
    Task<BookingContextRows> LoadContextAsync(
        IReadOnlyCollection<long> agentIds, IReadOnlyCollection<long> userIds,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset dayStart, DateTimeOffset dayEnd,
        DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);

    /// <summary>Names and notification coordinates of usagers (a relative's responsible's ones too), in the given order.</summary>
    Task<IReadOnlyList<UsagerContact>> ContactsAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);

    /// <summary>A "lieu ponctuel" (availability single_use) of the organisation.</summary>
    Task<long> AddSingleUseLieuAsync(long organisationId, string name, string address, CancellationToken cancellationToken);

    /// <summary>Saves an agent's edit: period, lieu, context, agents (kept ones keep their exclusivity), participants' flags.</summary>
    Task<Domain.Common.Result> UpdateAsync(RdvUpdate update, CancellationToken cancellationToken);

    /// <summary>Writes a status change computed by <see cref="RdvStatusRules.SetRdvStatus"/> (participations in <paramref name="participationIds"/> order).</summary>
    Task SetStatusAsync(long rdvId, RdvStatusChange change, IReadOnlyList<long> participationIds, CancellationToken cancellationToken);

    /// <summary>Hard delete (agents, participations and waiting list go with it). False when it did not exist.</summary>
    Task<bool> DeleteAsync(long rdvId, CancellationToken cancellationToken);

    /// <summary>What the wizard and the edit form offer: usable motifs, enabled lieux, the agents of the organisation.</summary>
    Task<RdvFormCatalog> CatalogAsync(AgentAccess access, CancellationToken cancellationToken);

    /// <summary>One page of the RDV list (and the organisation's time zone), scoped by the agent's access, in one round trip.</summary>
    Task<(IReadOnlyList<AgentRdvListItem> Rdvs, string TimeZone)> ListPageAsync(AgentAccess access, AgentRdvListFilter filter, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The counts per list status (<see cref="ListStatuses"/>) of the filtered RDVs, status filter aside, same scope.</summary>
    Task<Dictionary<string, long>> CountByStatusAsync(AgentAccess access, AgentRdvListFilter filter, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record RdvAccessFacts(long OrganisationId, long ServiceId, long[] AgentIds)
{
    /// <summary>REFERENCE-SURFACES §2.6 "See/edit RDV": RDVs where he is agent or of his services; all for admins and secretaries.</summary>
    public bool VisibleTo(AgentAccess access) =>
        OrganisationId == access.OrganisationId
        && (access.SeesWholeOrganisation || AgentIds.Contains(access.AgentId) || access.ServiceIds.Contains(ServiceId));
}

public sealed record OrganisationIds(
    long? MotifId = null,
    IReadOnlyCollection<long>? LieuIds = null,
    IReadOnlyCollection<long>? AgentIds = null,
    IReadOnlyCollection<long>? UserIds = null,
    IReadOnlyCollection<long>? MotifIds = null);

/// <param name="MotifServiceId">The service of <see cref="OrganisationIds.MotifId"/> when it is a live motif of the organisation, else null.</param>
public sealed record OrganisationIdsCheck(long? MotifServiceId, bool LieuxOk, bool AgentsOk, bool UsersOk, bool MotifsOk);

public sealed record BookingContextRows(
    IReadOnlyList<ExistingRdv> Rdvs,
    IReadOnlyList<AbsenceRow> Absences,
    IReadOnlyList<OpeningPeriodRow> Plages);

public sealed record UsagerContact
{
    public long Id { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public DateOnly? BirthDate { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneNumberFormatted { get; init; }
    public long? ResponsibleId { get; init; }
    public string? ResponsibleEmail { get; init; }
    public string? ResponsiblePhoneNumberFormatted { get; init; }

    public string FullName => $"{LastName.ToUpperInvariant()} {FirstName}";

    /// <summary>Notifications of a relative go to its responsible.</summary>
    public string? NotifiedEmail => ResponsibleId is null ? Email : ResponsibleEmail ?? Email;

    public string? NotifiedPhone => ResponsibleId is null ? PhoneNumberFormatted : ResponsiblePhoneNumberFormatted ?? PhoneNumberFormatted;

    public bool HasMobile => NotifiedPhone is { } p && (p.StartsWith("+336", StringComparison.Ordinal) || p.StartsWith("+337", StringComparison.Ordinal));
}

public sealed record RdvUpdate(
    long RdvId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long? LieuId,
    string? Context,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<ParticipantFlags> Participants);

public sealed record ParticipantFlags(long UserId, bool SendLifecycleNotifications, bool SendReminderNotification);

public sealed record RdvFormCatalog(
    string TimeZone,
    IReadOnlyList<CatalogMotif> Motifs,
    IReadOnlyList<CatalogLieu> Lieux,
    IReadOnlyList<CatalogAgent> Agents);

public sealed record CatalogMotif
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public string LocationType { get; init; } = "";
    public bool Collectif { get; init; }
    public int DefaultDurationInMin { get; init; }
    public string VisibilityType { get; init; } = "";
}

public sealed record CatalogLieu(long Id, string Name, string Address);

public sealed record CatalogAgent
{
    public long Id { get; init; }
    public string FullName { get; init; } = "";
    public long[] ServiceIds { get; init; } = [];
}
