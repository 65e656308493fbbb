using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>The RDV page and its edit form (REFERENCE-SURFACES §2.3.5, §2.3.6).</summary>
public sealed record GetAgentRdvQuery(long OrganisationId, long RdvId) : IOrganisationRequest, IQuery<AgentRdvView>;

public sealed record AgentRdvView(
    RdvDto Rdv,
    IReadOnlyList<UsagerContact> Contacts,
    TemporalStatus Temporal,
    IReadOnlyList<RdvStatus> OfferedStatuses,
    bool CanDelete,
    RdvFormCatalog Catalog)
{
    public string StatusLabel => AgentRdvStatuses.Label(RdvStatusExtensions.TryParseRdvStatus(Rdv.Status, out var s) ? s : RdvStatus.Unknown, Temporal);
}

public sealed class GetAgentRdvPolicy(IAgentRdvStore store) : IPolicy<GetAgentRdvQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetAgentRdvQuery request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class GetAgentRdvHandler(
    IRdvRepository rdvs, IAgentRdvStore store, CurrentAgentAccess current, IPolicy<DeleteAgentRdvCommand> deletion, TimeProvider clock, IReadModelCache cache)
    : IQueryHandler<GetAgentRdvQuery, AgentRdvView>
{
    public async ValueTask<AgentRdvView> Handle(GetAgentRdvQuery query, CancellationToken cancellationToken)
    {
        var rdv = (await rdvs.GetAsync(query.RdvId, cancellationToken))!;
        var now = clock.GetUtcNow();
        var contacts = await store.ContactsAsync(rdv.Participants.Select(p => p.UserId).ToList(), cancellationToken);
        // The page offers "Supprimer" when the delete command's own policy would let it through.
        var canDelete = await deletion.AllowsAsync(current.Value, new DeleteAgentRdvCommand(query.OrganisationId, query.RdvId), cancellationToken);
        var catalog = await RdvFormCatalogs.GetAsync(cache, store, current.Value, cancellationToken);
        return new AgentRdvView(rdv, contacts, AgentRdvStatuses.Temporal(rdv, now), AgentRdvStatuses.Offered(rdv, now), canDelete, catalog);
    }
}

/// <summary>
/// What the wizard shows at each step: the motifs the agent may use, the organisation's lieux and agents,
/// and the chosen usagers. Every id of the link must be of the organisation, the motif one of his services.
/// </summary>
public sealed record GetRdvWizardQuery(long OrganisationId, long? MotifId, IReadOnlyList<long> UserIds, IReadOnlyList<long> AgentIds, long? LieuId)
    : IOrganisationRequest, IQuery<RdvWizardData>;

public sealed record RdvWizardData(RdvFormCatalog Catalog, IReadOnlyList<UsagerContact> Users, long CurrentAgentId)
{
    public CatalogMotif? Motif(long? id) => Catalog.Motifs.FirstOrDefault(m => m.Id == id);
}

public sealed class GetRdvWizardPolicy(IAgentRdvStore store) : IPolicy<GetRdvWizardQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetRdvWizardQuery request, CancellationToken cancellationToken)
    {
        if (request.MotifId is null && request.UserIds.Count == 0 && request.AgentIds.Count == 0 && request.LieuId is null) return true;
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            request.MotifId, request.LieuId is { } lieu ? [lieu] : [], request.AgentIds, request.UserIds), cancellationToken);
        var motifOk = request.MotifId is null || (check.MotifServiceId is { } service && access.CanUseService(service));
        return motifOk && check.LieuxOk && check.AgentsOk && check.UsersOk;
    }
}

public sealed class GetRdvWizardHandler(IAgentRdvStore store, CurrentAgentAccess current, IReadModelCache cache) : IQueryHandler<GetRdvWizardQuery, RdvWizardData>
{
    public async ValueTask<RdvWizardData> Handle(GetRdvWizardQuery query, CancellationToken cancellationToken)
    {
        var catalog = await RdvFormCatalogs.GetAsync(cache, store, current.Value, cancellationToken);
        var users = query.UserIds.Count == 0 ? [] : await store.ContactsAsync(query.UserIds.Distinct().ToList(), cancellationToken);
        return new RdvWizardData(catalog, users, current.Value.AgentId);
    }
}

/// <summary>
/// The forms' and the list filters' catalog of an access scope, kept under the inputs version (ADR 0008):
/// motifs, services, lieux, agents and their services all move it. Read on every wizard step, RDV page and list.
/// </summary>
internal static class RdvFormCatalogs
{
    public static Task<RdvFormCatalog> GetAsync(IReadModelCache cache, IAgentRdvStore store, AgentAccess access, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            string.Join('|', "rdv-form-catalog", access.OrganisationId, access.SeesWholeOrganisation ? "all" : string.Join(',', access.ServiceIds)),
            () => store.CatalogAsync(access, cancellationToken),
            c => c.Motifs.Count + c.Lieux.Count + c.Agents.Count,
            cancellationToken);
}
