namespace RdvSP.Domain.Common.Webhooks;

/// <summary>The models an endpoint may subscribe to (REFERENCE-API §4.1, §4.2) and their <c>meta.model</c> names.</summary>
public static class WebhookSubscriptions
{
    public static readonly IReadOnlyList<string> All =
    [
        "rdv", "absence", "plage_ouverture", "user", "user_profile", "organisation", "motif", "lieu", "agent", "agent_role", "referent_assignation",
    ];

    public static readonly IReadOnlyList<string> Default = ["rdv", "absence", "plage_ouverture"];

    /// <summary>The reference's class name: "plage_ouverture" → "PlageOuverture".</summary>
    public static string ModelName(string subscription) =>
        string.Concat(subscription.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    public static bool AreValid(IEnumerable<string> subscriptions) => subscriptions.All(All.Contains);

    /// <summary>Join records carry no id of their own: (user, organisation) and (user, agent).</summary>
    public static bool IsJoinRecord(string subscription) => subscription is "user_profile" or "referent_assignation";
}
