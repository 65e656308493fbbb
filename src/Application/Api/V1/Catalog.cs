using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Api.V1;

/// <summary>GET /api/v1/organisations/{id}/motifs (REFERENCE-API §2.8): the motifs the caller may use there, by id.</summary>
public sealed record ListApiMotifsQuery(long OrganisationId, MotifFilter Filter, int Page) : IOrganisationRequest, IQuery<ApiPage>;

public sealed class ListApiMotifsPolicy : IPolicy<ListApiMotifsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListApiMotifsQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListApiMotifsHandler(IApiQueries queries, IApiCollectionReader reader, CurrentAgentAccess current) : IQueryHandler<ListApiMotifsQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiMotifsQuery query, CancellationToken cancellationToken) =>
        await ApiPages.ReadAsync(reader, ApiModels.Motif, await queries.MotifsAsync(current.Value, query.Filter, query.Page, cancellationToken), query.Page, cancellationToken);
}

/// <summary>
/// GET /api/v1/organisations/{id}/rdvs (REFERENCE-API §2.9): the RDVs the caller sees in the
/// organisation (cancelled included), distinct, by start then id, one page in two round trips.
/// </summary>
public sealed record ListApiRdvsQuery(long OrganisationId, DateTimeOffset? StartsAfter, DateTimeOffset? StartsBefore, int Page) : IOrganisationRequest, IQuery<ApiPage>;

public sealed class ListApiRdvsPolicy : IPolicy<ListApiRdvsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListApiRdvsQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListApiRdvsHandler(IApiQueries queries, IApiCollectionReader reader, CurrentAgentAccess current) : IQueryHandler<ListApiRdvsQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiRdvsQuery query, CancellationToken cancellationToken)
    {
        var ids = await queries.RdvsAsync(current.Value, query.StartsAfter, query.StartsBefore, query.Page, cancellationToken);
        return await ApiPages.ReadAsync(reader, ApiModels.Rdv, ids, query.Page, cancellationToken);
    }
}

/// <summary>GET /api/v1/agents (REFERENCE-API §2.4): the agents visible to the caller, by creation.</summary>
public sealed record ListApiAgentsQuery(long? OrganisationId, int Page) : IAgentSelfRequest, IQuery<ApiPage>;

public sealed class ListApiAgentsHandler(ICurrentActor actor, IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<ListApiAgentsQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiAgentsQuery query, CancellationToken cancellationToken) =>
        await ApiPages.ReadAsync(reader, ApiModels.Agent,
            await queries.AgentsVisibleToAsync(actor.AgentId!.Value, query.OrganisationId, query.Page, cancellationToken), query.Page, cancellationToken);
}

/// <summary>GET /api/v1/absences (REFERENCE-API §2.1): absences of the agents visible to the caller, latest first.</summary>
public sealed record ListApiAbsencesQuery(int Page) : IAgentSelfRequest, IQuery<ApiPage>;

public sealed class ListApiAbsencesHandler(ICurrentActor actor, IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<ListApiAbsencesQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiAbsencesQuery query, CancellationToken cancellationToken) =>
        await ApiPages.ReadAsync(reader, ApiModels.Absence,
            await queries.AbsencesVisibleToAsync(actor.AgentId!.Value, query.Page, cancellationToken), query.Page, cancellationToken);
}

/// <summary>What a look-up of one record gives: the JSON, or why not.</summary>
public sealed record ApiLookup(ApiLookupOutcome Outcome, string? Json = null)
{
    public static readonly ApiLookup NotFound = new(ApiLookupOutcome.NotFound);
    public static readonly ApiLookup Forbidden = new(ApiLookupOutcome.Forbidden);
}

public enum ApiLookupOutcome
{
    Found,
    NotFound,
    Forbidden,
}

/// <summary>GET /api/v1/absences/{id} (REFERENCE-API §2.3): unknown → 404; an agent the caller cannot see → 403.</summary>
public sealed record GetApiAbsenceQuery(long AbsenceId) : IAgentSelfRequest, IQuery<ApiLookup>;

public sealed class GetApiAbsenceHandler(ICurrentActor actor, IApiQueries queries, IApiObjectReader reader) : IQueryHandler<GetApiAbsenceQuery, ApiLookup>
{
    public async ValueTask<ApiLookup> Handle(GetApiAbsenceQuery query, CancellationToken cancellationToken)
    {
        if (await queries.AgentOfAbsenceAsync(query.AbsenceId, cancellationToken) is not { } agentId) return ApiLookup.NotFound;
        if (!await queries.AgentVisibleToAsync(actor.AgentId!.Value, agentId, cancellationToken)) return ApiLookup.Forbidden;
        return new(ApiLookupOutcome.Found, await reader.ReadJsonAsync(ApiModels.Absence, new(query.AbsenceId), cancellationToken));
    }
}
