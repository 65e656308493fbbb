using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.Common;

public static class UsagerErrors
{
    /// <summary>Unknown, deleted, or someone else's: the same answer, so ids of other families are not probed.</summary>
    public static readonly Error RelativeNotFound = new("usagers.relative_not_found", "Ce proche est introuvable.");

    public static readonly Error UsagerNotFound = new("usagers.not_found", "Votre compte est introuvable.");
}
