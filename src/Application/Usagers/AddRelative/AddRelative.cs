using Mediator;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.AddRelative;

/// <summary>Adds a "proche" to the signed-in usager; it joins the responsible's organisations (reference rule).</summary>
public sealed record AddRelativeCommand(long UsagerId, string FirstName, string LastName, DateOnly? BirthDate) : ICommand<Result<long>>;

public sealed class AddRelativeHandler(IUsagerRepository usagers) : ICommandHandler<AddRelativeCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(AddRelativeCommand command, CancellationToken cancellationToken)
    {
        var responsible = await usagers.GetAsync(command.UsagerId, cancellationToken);
        // A relative cannot have relatives of its own (one level of family).
        if (responsible is null || responsible.DeletedAt is not null || responsible.IsRelative) return UsagerErrors.UsagerNotFound;

        var id = await usagers.AddAsync(
            new NewUsager(
                command.FirstName.Trim(),
                command.LastName.Trim(),
                CreatedThrough.UserRelativeCreation,
                BirthDate: command.BirthDate,
                ResponsibleId: responsible.Id),
            cancellationToken);
        foreach (var organisationId in await usagers.ListOrganisationIdsAsync(responsible.Id, cancellationToken))
            await usagers.AddFamilyToOrganisationAsync(responsible.Id, organisationId, cancellationToken);
        return id;
    }
}
