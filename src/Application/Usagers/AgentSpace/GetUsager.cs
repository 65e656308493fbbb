using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>The usager page: his information, family, référents and RDVs in this organisation.</summary>
public sealed record GetUsagerQuery(long OrganisationId, long UserId) : IOrganisationRequest, IQuery<UsagerFile>;

/// <summary>Only a usager visible to the organisation (profile rule); any other id is refused alike.</summary>
public sealed class GetUsagerPolicy(IUsagerDirectory directory) : IPolicy<GetUsagerQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetUsagerQuery request, CancellationToken cancellationToken) =>
        await directory.CountVisibleAsync(access.OrganisationId, [request.UserId], cancellationToken) == 1;
}

public sealed class GetUsagerHandler(IUsagerDirectory directory, CurrentAgentAccess current, TimeProvider clock) : IQueryHandler<GetUsagerQuery, UsagerFile>
{
    public async ValueTask<UsagerFile> Handle(GetUsagerQuery query, CancellationToken cancellationToken)
    {
        // The policy saw him visible in this request; a concurrent deletion is the only way to miss him.
        var usager = await directory.GetRecordAsync(query.UserId, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.Forbidden, nameof(GetUsagerQuery));
        return await directory.GetFileAsync(current.Value, usager, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>What the creation or edit form needs: the territory's optional fields, the usager edited, the responsibles to choose from.</summary>
public sealed record GetUsagerFormQuery(long OrganisationId, long? UserId) : IOrganisationRequest, IQuery<UsagerForm>;

public sealed record UsagerForm(UsagerFields Fields, UsagerRecord? Usager);

/// <summary>Creating is open to every agent of the organisation; editing needs a visible usager.</summary>
public sealed class GetUsagerFormPolicy(IUsagerDirectory directory) : IPolicy<GetUsagerFormQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetUsagerFormQuery request, CancellationToken cancellationToken) =>
        request.UserId is not { } id || await directory.CountVisibleAsync(access.OrganisationId, [id], cancellationToken) == 1;
}

public sealed class GetUsagerFormHandler(IUsagerDirectory directory) : IQueryHandler<GetUsagerFormQuery, UsagerForm>
{
    public async ValueTask<UsagerForm> Handle(GetUsagerFormQuery query, CancellationToken cancellationToken)
    {
        var fields = await directory.FieldsAsync(query.OrganisationId, cancellationToken);
        var usager = query.UserId is { } id ? await directory.GetRecordAsync(id, cancellationToken) : null;
        return new UsagerForm(fields, usager);
    }
}
