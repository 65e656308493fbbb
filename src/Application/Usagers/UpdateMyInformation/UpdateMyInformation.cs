using Mediator;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.UpdateMyInformation;

/// <summary>The usager edits its own profile; the phone is stored as typed and in E.164.</summary>
public sealed record UpdateMyInformationCommand(
    long UsagerId,
    string FirstName,
    string LastName,
    string? BirthName,
    DateOnly? BirthDate,
    string? PhoneNumber,
    string? Address,
    string? AddressDetails,
    bool NotifyBySms,
    bool NotifyByEmail) : ICommand<Result>;

public sealed class UpdateMyInformationHandler(IUsagerRepository usagers) : ICommandHandler<UpdateMyInformationCommand, Result>
{
    public async ValueTask<Result> Handle(UpdateMyInformationCommand command, CancellationToken cancellationToken)
    {
        var current = await usagers.GetAsync(command.UsagerId, cancellationToken);
        if (current is null || current.DeletedAt is not null) return UsagerErrors.UsagerNotFound;

        var phone = Text.OrNull(command.PhoneNumber);
        var address = Text.OrNull(command.Address);
        // The address is free text here (no geocoding on this form): the INSEE/post codes derived
        // from a previous address are dropped when the address changes, kept otherwise.
        var sameAddress = string.Equals(address, current.Address, StringComparison.Ordinal);
        var updated = await usagers.UpdateProfileAsync(command.UsagerId, new UsagerProfileUpdate(
            command.FirstName.Trim(),
            command.LastName.Trim(),
            Text.OrNull(command.BirthName),
            command.BirthDate,
            phone,
            FrenchPhone.ToE164(phone),
            address,
            Text.OrNull(command.AddressDetails),
            sameAddress ? current.CityCode : null,
            sameAddress ? current.PostCode : null,
            sameAddress ? current.CityName : null,
            command.NotifyBySms,
            command.NotifyByEmail), cancellationToken);
        return updated ? Result.Success : UsagerErrors.UsagerNotFound;
    }
}
