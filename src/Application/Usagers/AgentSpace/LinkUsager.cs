using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>
/// A usager of another organisation of the territory, as an agent who does not see him yet may know
/// him: last name, first initial, birth year. Enough to recognise, not enough to read his file.
/// </summary>
public sealed record TerritoryUsager(long Id, string DisplayName)
{
    public static TerritoryUsager From(UsagerRow row) =>
        new(row.Id, $"{row.LastName.ToUpperInvariant()} {(row.FirstName.Length > 0 ? row.FirstName[..1].ToUpperInvariant() + "." : "")}"
                    + (row.BirthDate is { } birth ? $" (né·e en {birth.Year})" : ""));
}

/// <summary>The confirmation page of "link to organisation".</summary>
public sealed record GetLinkCandidateQuery(long OrganisationId, long UserId) : IOrganisationRequest, IQuery<TerritoryUsager>;

/// <summary>Only usagers known to an organisation of the same territory.</summary>
public sealed class GetLinkCandidatePolicy(IUsagerDirectory directory) : IPolicy<GetLinkCandidateQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetLinkCandidateQuery request, CancellationToken cancellationToken) =>
        await directory.IsInTerritoryAsync(access.OrganisationId, request.UserId, cancellationToken);
}

public sealed class GetLinkCandidateHandler(IUsagerDirectory directory) : IQueryHandler<GetLinkCandidateQuery, TerritoryUsager>
{
    public async ValueTask<TerritoryUsager> Handle(GetLinkCandidateQuery query, CancellationToken cancellationToken)
    {
        var usager = await directory.GetRecordAsync(query.UserId, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.Forbidden, nameof(GetLinkCandidateQuery));
        return TerritoryUsager.From(new UsagerRow(usager.Id, usager.FirstName, usager.LastName, null, usager.BirthDate, null, null, usager.IsRelative));
    }
}

/// <summary>Adds a usager of the territory (with his family) to the organisation: he becomes visible here.</summary>
public sealed record LinkUsagerToOrganisationCommand(long OrganisationId, long UserId) : IOrganisationRequest, ICommand;

public sealed class LinkUsagerToOrganisationPolicy(IUsagerDirectory directory) : IPolicy<LinkUsagerToOrganisationCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, LinkUsagerToOrganisationCommand request, CancellationToken cancellationToken) =>
        await directory.IsInTerritoryAsync(access.OrganisationId, request.UserId, cancellationToken);
}

public sealed class LinkUsagerToOrganisationHandler(IUsagerRepository usagers) : ICommandHandler<LinkUsagerToOrganisationCommand>
{
    public async ValueTask<Unit> Handle(LinkUsagerToOrganisationCommand command, CancellationToken cancellationToken)
    {
        await usagers.AddFamilyToOrganisationAsync(command.UserId, command.OrganisationId, cancellationToken);
        return Unit.Value;
    }
}
