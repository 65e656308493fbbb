namespace RdvSP.Application.Api;

/// <summary>
/// Reads one record in the exact JSON shape of REFERENCE-API §3 — the single serialiser per object
/// shape, shared by the API v1 responses and the webhook payloads. It reads on the current unit of
/// work's connection and transaction, so a webhook payload built before commit sees the change (and a
/// destroyed record's payload can be built just before its deletion).
/// </summary>
public interface IApiObjectReader
{
    /// <param name="model">The subscription key of REFERENCE-API §4.1: <c>rdv</c>, <c>absence</c>,
    /// <c>plage_ouverture</c>, <c>user</c>, <c>user_profile</c>, <c>organisation</c>, <c>motif</c>,
    /// <c>lieu</c>, <c>agent</c>, <c>agent_role</c>, <c>referent_assignation</c>.</param>
    /// <param name="key">The record; <c>user_profile</c> is (user id, organisation id) and
    /// <c>referent_assignation</c> (user id, agent id), having no id of their own.</param>
    /// <returns>Compact UTF-8 JSON of the object, or null when it does not exist.</returns>
    ValueTask<string?> ReadJsonAsync(string model, ApiObjectKey key, CancellationToken cancellationToken);
}

/// <summary>A record's identity: its id, or two ids for the join records that have none.</summary>
public readonly record struct ApiObjectKey(long Id, long? SecondId = null);
