namespace RdvSP.Application.Api;

/// <summary>
/// The API's lists, in the shapes of <see cref="IApiObjectReader"/> (same writers): a page of
/// records is loaded in one set-based round trip whatever its length, never one query per item.
/// </summary>
public interface IApiCollectionReader
{
    /// <summary>Compact JSON array of the records, in the order of <paramref name="keys"/> (missing ones skipped).</summary>
    ValueTask<string> ReadJsonArrayAsync(string model, IReadOnlyList<ApiObjectKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// The shown-user variant of REFERENCE-API §3.3: <c>user_profiles</c> is the array of
    /// <c>{"organisation":…}</c> of the user's profiles in <paramref name="organisationIds"/> (and the
    /// same for the nested responsible). Null when the user does not exist.
    /// </summary>
    ValueTask<string?> ReadUserWithProfilesAsync(long userId, IReadOnlyCollection<long> organisationIds, CancellationToken cancellationToken);
}

/// <summary>The model keys of REFERENCE-API §4.1 (also the API's object shapes).</summary>
public static class ApiModels
{
    public const string Rdv = "rdv";
    public const string Absence = "absence";
    public const string PlageOuverture = "plage_ouverture";
    public const string User = "user";
    public const string UserProfile = "user_profile";
    public const string Organisation = "organisation";
    public const string Motif = "motif";
    public const string Lieu = "lieu";
    public const string Agent = "agent";
    public const string AgentRole = "agent_role";
    public const string ReferentAssignation = "referent_assignation";

    public static readonly IReadOnlyList<string> All =
        [Rdv, Absence, PlageOuverture, User, UserProfile, Organisation, Motif, Lieu, Agent, AgentRole, ReferentAssignation];
}
