namespace RdvSP.Application.Common.Authorization;

/// <summary>
/// A request refused by the authorisation behaviour. The web layer turns <see cref="AccessDenial.NotSignedIn"/>
/// into the agents' sign-in redirect and the others into a French 403 (a resource of another
/// organisation is indistinguishable from a forbidden one: nobody learns that an id exists).
/// </summary>
public sealed class AccessDeniedException(AccessDenial reason, string requestName)
    : Exception($"{requestName} refused: {reason}")
{
    public AccessDenial Reason { get; } = reason;
}

public enum AccessDenial
{
    NotSignedIn,

    /// <summary>The agent has no role (or only the intervenant role) in the organisation of the URL.</summary>
    NotInOrganisation,

    /// <summary>The resource's policy refused (another organisation's id, another service, not an admin…).</summary>
    Forbidden,
}
