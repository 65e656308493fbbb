using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Api.V1;

/// <summary>GET /api/v1/organisations/{id}/users (REFERENCE-API §2.10): users of the organisation, by id.</summary>
public sealed record ListApiOrganisationUsersQuery(long OrganisationId, int Page) : IOrganisationRequest, IQuery<ApiPage>;

public sealed class ListApiOrganisationUsersPolicy : IPolicy<ListApiOrganisationUsersQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListApiOrganisationUsersQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListApiOrganisationUsersHandler(IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<ListApiOrganisationUsersQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiOrganisationUsersQuery query, CancellationToken cancellationToken) =>
        await ApiPages.ReadAsync(reader, ApiModels.User,
            await queries.UsersOfOrganisationAsync(query.OrganisationId, query.Page, cancellationToken), query.Page, cancellationToken);
}

/// <summary>
/// GET /api/v1/organisations/{id}/users/{userId} (REFERENCE-API §2.11): a user of the organisation,
/// with the profile of that organisation only; a user outside it is "not found" there.
/// </summary>
public sealed record GetApiOrganisationUserQuery(long OrganisationId, long UserId) : IOrganisationRequest, IQuery<string?>;

public sealed class GetApiOrganisationUserPolicy : IPolicy<GetApiOrganisationUserQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetApiOrganisationUserQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class GetApiOrganisationUserHandler(IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<GetApiOrganisationUserQuery, string?>
{
    public async ValueTask<string?> Handle(GetApiOrganisationUserQuery query, CancellationToken cancellationToken) =>
        await queries.UserInOrganisationAsync(query.UserId, query.OrganisationId, cancellationToken)
            ? await reader.ReadUserWithProfilesAsync(query.UserId, [query.OrganisationId], cancellationToken)
            : null;
}

/// <summary>GET /api/v1/users (REFERENCE-API §2.12): users of the caller's organisations, optionally among ids[].</summary>
public sealed record ListApiUsersQuery(IReadOnlyList<long>? Ids, int Page) : IAgentSelfRequest, IQuery<ApiPage>;

public sealed class ListApiUsersHandler(ICurrentActor actor, IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<ListApiUsersQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiUsersQuery query, CancellationToken cancellationToken) =>
        await ApiPages.ReadAsync(reader, ApiModels.User,
            await queries.UsersOfAgentAsync(actor.AgentId!.Value, query.Ids, query.Page, cancellationToken), query.Page, cancellationToken);
}

/// <summary>
/// GET /api/v1/users/{id} (REFERENCE-API §2.14): unknown or deleted → not found; sharing no organisation
/// with the caller → forbidden; else the user with his profiles in the caller's organisations.
/// </summary>
public sealed record GetApiUserQuery(long UserId) : IAgentSelfRequest, IQuery<ApiLookup>;

public sealed class GetApiUserHandler(ICurrentActor actor, IApiQueries queries, IApiCollectionReader reader) : IQueryHandler<GetApiUserQuery, ApiLookup>
{
    public async ValueTask<ApiLookup> Handle(GetApiUserQuery query, CancellationToken cancellationToken)
    {
        var shared = await queries.SharedOrganisationsOfUserAsync(query.UserId, actor.AgentId!.Value, cancellationToken);
        if (shared is null) return ApiLookup.NotFound;
        if (shared.Count == 0) return ApiLookup.Forbidden;
        return new(ApiLookupOutcome.Found, await reader.ReadUserWithProfilesAsync(query.UserId, shared, cancellationToken));
    }
}
