using Mediator;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.Usagers.GetMyInformation;

/// <summary>"Vos informations": the signed-in usager and its relatives.</summary>
public sealed record GetMyInformationQuery(long UsagerId) : IQuery<MyInformationDto?>;

public sealed record MyInformationDto(UsagerDto Usager, IReadOnlyList<UsagerDto> Relatives);

public sealed class GetMyInformationHandler(IUsagerRepository usagers) : IQueryHandler<GetMyInformationQuery, MyInformationDto?>
{
    public async ValueTask<MyInformationDto?> Handle(GetMyInformationQuery query, CancellationToken cancellationToken)
    {
        var usager = await usagers.GetAsync(query.UsagerId, cancellationToken);
        if (usager is null || usager.DeletedAt is not null) return null;
        return new MyInformationDto(usager, await usagers.ListRelativesAsync(usager.Id, cancellationToken));
    }
}
