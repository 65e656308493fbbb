using Mediator;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.Usagers.GetRelative;

/// <summary>One relative of the signed-in usager; null when it is not one of its own active relatives.</summary>
public sealed record GetRelativeQuery(long UsagerId, long RelativeId) : IQuery<UsagerDto?>;

public sealed class GetRelativeHandler(IUsagerRepository usagers) : IQueryHandler<GetRelativeQuery, UsagerDto?>
{
    public async ValueTask<UsagerDto?> Handle(GetRelativeQuery query, CancellationToken cancellationToken) =>
        await RelativeLookup.FindOwnAsync(usagers, query.UsagerId, query.RelativeId, cancellationToken);
}

internal static class RelativeLookup
{
    public static async Task<UsagerDto?> FindOwnAsync(IUsagerRepository usagers, long usagerId, long relativeId, CancellationToken cancellationToken)
    {
        var relative = await usagers.GetAsync(relativeId, cancellationToken);
        return relative is { DeletedAt: null } && relative.ResponsibleId == usagerId ? relative : null;
    }
}
