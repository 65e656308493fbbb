using Mediator;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Application.Audit;

/// <summary>
/// The objects with a history (REFERENCE-SURFACES §7.4), as <c>audit.versions.item_type</c> names them.
/// Their member rows are part of their history: an RDV's agents and participants, a plage's motifs,
/// an agent's services and role in the organisation.
/// </summary>
public enum HistoryItem
{
    Rdv,
    PlageOuverture,
    Absence,
    Motif,
    Lieu,
    User,
    Agent,
}

public static class HistoryItems
{
    public static string TypeName(HistoryItem item) => item switch
    {
        HistoryItem.Rdv => "rdv",
        HistoryItem.PlageOuverture => "plage_ouverture",
        HistoryItem.Absence => "absence",
        HistoryItem.Motif => "motif",
        HistoryItem.Lieu => "lieu",
        HistoryItem.User => "user",
        HistoryItem.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };
}

/// <summary>The "Historique" section of an object's page: its changes, newest first, rendered in French.</summary>
public sealed record ListHistoryQuery(long OrganisationId, HistoryItem Item, long ItemId) : IOrganisationRequest, IQuery<IReadOnlyList<HistoryEntry>>;

/// <summary>One change: who, when (in the organisation's zone), what ("Statut : À venir → Annulé (excusé)").</summary>
public sealed record HistoryEntry(DateTimeOffset At, string When, string Author, string Event, IReadOnlyList<HistoryChange> Changes);

public sealed record HistoryChange(string Label, string? Before, string? After)
{
    public string Text => (Before, After) switch
    {
        ({ } before, { } after) => $"{Label} : {before} → {after}",
        (null, { } after) => $"{Label} : {after}",
        ({ } before, null) => $"{Label} : {before}",
        _ => Label,
    };
}

/// <summary>Whoever may see the object sees its history: the object's own visibility rule, nothing more.</summary>
public sealed class ListHistoryPolicy(IHistoryReader reader, IAgentRdvStore rdvs, IUsagerDirectory usagers, IAgentAccessReader agents)
    : IPolicy<ListHistoryQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, ListHistoryQuery request, CancellationToken cancellationToken)
    {
        switch (request.Item)
        {
            case HistoryItem.Rdv:
                return await rdvs.RdvAccessAsync(request.ItemId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
            case HistoryItem.User:
                return await usagers.CountVisibleAsync(access.OrganisationId, [request.ItemId], cancellationToken) == 1;
            default:
                var owner = await reader.OwnerAsync(request.Item, request.ItemId, access.OrganisationId, cancellationToken);
                if (owner is null) return false;
                if (owner.AgentId is not { } agentId) return true;
                var services = await agents.AgentServicesInOrganisationAsync(agentId, access.OrganisationId, cancellationToken);
                return services is not null && access.CanSeeAgent(agentId, services);
        }
    }
}

public sealed class ListHistoryHandler(IHistoryReader reader, CurrentAgentAccess current) : IQueryHandler<ListHistoryQuery, IReadOnlyList<HistoryEntry>>
{
    public async ValueTask<IReadOnlyList<HistoryEntry>> Handle(ListHistoryQuery query, CancellationToken cancellationToken)
    {
        var versions = await reader.ListAsync(query.Item, query.ItemId, query.OrganisationId, cancellationToken);
        if (versions.Count == 0) return [];
        var names = await reader.NamesAsync(HistoryRenderer.ReferencedIds(versions), cancellationToken);
        return versions.Select(v => HistoryRenderer.Render(v, names, current.Value.TimeZone)).ToList();
    }
}

/// <summary>Reads the audit trail (written by the database's triggers, ADR 0011).</summary>
public interface IHistoryReader
{
    /// <summary>
    /// Whether the object belongs to the organisation (null: not there), and the agent whose object it is
    /// (plage, absence, agent) for the "can he see that agent" rule.
    /// </summary>
    Task<HistoryOwner?> OwnerAsync(HistoryItem item, long itemId, long organisationId, CancellationToken cancellationToken);

    /// <summary>The object's entries, newest first (an agent's: those of this organisation and the agent-wide ones).</summary>
    Task<IReadOnlyList<HistoryVersion>> ListAsync(HistoryItem item, long itemId, long organisationId, CancellationToken cancellationToken);

    /// <summary>Names of the referenced motifs, lieux, agents, usagers, services and categories, in one round trip.</summary>
    Task<HistoryNames> NamesAsync(HistoryReferences references, CancellationToken cancellationToken);
}

public sealed record HistoryOwner(long? AgentId);

/// <summary>A row of <c>audit.versions</c>; <see cref="Changes"/> is its JSON {"field": [old, new]}.</summary>
public sealed record HistoryVersion(
    long Id,
    string Event,
    string AuthorKind,
    long? AuthorId,
    string? AuthorLabel,
    string? OnBehalfOf,
    string Changes,
    DateTimeOffset CreatedAt);

public sealed record HistoryReferences(
    IReadOnlyCollection<long> MotifIds,
    IReadOnlyCollection<long> LieuIds,
    IReadOnlyCollection<long> AgentIds,
    IReadOnlyCollection<long> UserIds,
    IReadOnlyCollection<long> ServiceIds,
    IReadOnlyCollection<long> CategoryIds);

public sealed record HistoryNames(
    IReadOnlyDictionary<long, string> Motifs,
    IReadOnlyDictionary<long, string> Lieux,
    IReadOnlyDictionary<long, string> Agents,
    IReadOnlyDictionary<long, string> Users,
    IReadOnlyDictionary<long, string> Services,
    IReadOnlyDictionary<long, string> Categories);
