using Mediator;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Application.Usagers.GetRelative;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.DeleteRelative;

/// <summary>
/// Removes one of the usager's relatives: soft delete with its personal data wiped (the row stays
/// for the statistics of past rdvs), through the same anonymisation as an account deletion.
/// </summary>
public sealed record DeleteRelativeCommand(long UsagerId, long RelativeId) : ICommand<Result>;

public sealed class DeleteRelativeHandler(IUsagerRepository usagers, TimeProvider clock) : ICommandHandler<DeleteRelativeCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteRelativeCommand command, CancellationToken cancellationToken)
    {
        var relative = await RelativeLookup.FindOwnAsync(usagers, command.UsagerId, command.RelativeId, cancellationToken);
        if (relative is null) return UsagerErrors.RelativeNotFound;
        await usagers.AnonymiseAsync(relative.Id, clock.GetUtcNow(), cancellationToken);
        return Result.Success;
    }
}
