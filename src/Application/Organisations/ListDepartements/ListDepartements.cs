using Mediator;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Organisations.ListDepartements;

/// <summary>The départements that have organisations, for the home page.</summary>
public sealed record ListDepartementsQuery : IQuery<IReadOnlyList<DepartementDto>>;

public sealed class ListDepartementsHandler(IPublicCatalogReader catalog) : IQueryHandler<ListDepartementsQuery, IReadOnlyList<DepartementDto>>
{
    public async ValueTask<IReadOnlyList<DepartementDto>> Handle(ListDepartementsQuery query, CancellationToken ct) =>
        await catalog.ListDepartementsAsync(ct);
}
