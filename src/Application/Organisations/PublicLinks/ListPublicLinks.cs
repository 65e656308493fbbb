using Mediator;

namespace RdvSP.Application.Organisations.PublicLinks;

/// <summary>
/// GET /api/v1/public_links?territory=26 (REFERENCE-API §2.22, no authentication): the public links of
/// the territory's organisations having an external id and something bookable by everyone (an open
/// plage with such a motif, or a future collective RDV of such a motif). Null for an unknown territory.
/// </summary>
public sealed record ListPublicLinksQuery(string Departement) : IQuery<IReadOnlyList<PublicLinkEntry>?>;

public sealed record PublicLinkEntry(string ExternalId, long OrganisationId, string Verticale)
{
    /// <summary>The brand host of the organisation's verticale.</summary>
    public string Host => Verticale switch
    {
        "rdv_aide_numerique" => "www.rdv-aide-numerique.fr",
        "rdv_mairie" => "rdv.anct.gouv.fr",
        _ => "www.rdv-solidarites.fr",
    };
}

public interface IPublicLinksReader
{
    Task<IReadOnlyList<PublicLinkEntry>?> ListAsync(string departement, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class ListPublicLinksHandler(IPublicLinksReader reader, TimeProvider clock) : IQueryHandler<ListPublicLinksQuery, IReadOnlyList<PublicLinkEntry>?>
{
    public async ValueTask<IReadOnlyList<PublicLinkEntry>?> Handle(ListPublicLinksQuery query, CancellationToken cancellationToken) =>
        await reader.ListAsync(query.Departement, clock.GetUtcNow(), cancellationToken);
}
