using Mediator;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Application.Usagers.GetRelative;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.UpdateRelative;

/// <summary>Edits the name and birth date of one of the usager's own relatives.</summary>
public sealed record UpdateRelativeCommand(long UsagerId, long RelativeId, string FirstName, string LastName, DateOnly? BirthDate) : ICommand<Result>;

public sealed class UpdateRelativeHandler(IUsagerRepository usagers) : ICommandHandler<UpdateRelativeCommand, Result>
{
    public async ValueTask<Result> Handle(UpdateRelativeCommand command, CancellationToken cancellationToken)
    {
        var relative = await RelativeLookup.FindOwnAsync(usagers, command.UsagerId, command.RelativeId, cancellationToken);
        if (relative is null) return UsagerErrors.RelativeNotFound;

        // The form edits three fields: everything else is written back unchanged.
        await usagers.UpdateProfileAsync(relative.Id, new UsagerProfileUpdate(
            command.FirstName.Trim(),
            command.LastName.Trim(),
            relative.BirthName,
            command.BirthDate,
            relative.PhoneNumber,
            relative.PhoneNumberFormatted,
            relative.Address,
            relative.AddressDetails,
            relative.CityCode,
            relative.PostCode,
            relative.CityName,
            relative.NotifyBySms,
            relative.NotifyByEmail), cancellationToken);
        return Result.Success;
    }
}
