using Mediator;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Organisations.PublicLinks;

/// <summary>
/// An organisation's public link (/org/:id/:slug or /org/ext/:territory/:external_id/:slug) leads to
/// the search restricted to that organisation; null when no such organisation exists (404).
/// </summary>
public sealed record ResolvePublicLinkQuery(long? OrganisationId, string? Departement, string? ExternalId) : IQuery<PublicLinkTarget?>;

public sealed record PublicLinkTarget(long OrganisationId, string Departement);

public sealed class ResolvePublicLinkHandler(IOrganisationRepository organisations) : IQueryHandler<ResolvePublicLinkQuery, PublicLinkTarget?>
{
    public async ValueTask<PublicLinkTarget?> Handle(ResolvePublicLinkQuery query, CancellationToken ct)
    {
        var org = query.OrganisationId is { } id
            ? await organisations.GetOrganisationAsync(id, ct)
            : query is { Departement: { } d, ExternalId: { } e } ? await organisations.FindOrganisationByExternalIdAsync(d, e, ct) : null;
        return org is null ? null : new PublicLinkTarget(org.Id, org.DepartementNumber);
    }
}
