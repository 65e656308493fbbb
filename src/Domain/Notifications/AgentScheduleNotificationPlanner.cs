namespace RdvSP.Domain.Notifications;

/// <summary>An agent's plage d'ouverture or absence.</summary>
public enum AgentScheduleItem
{
    PlageOuverture,
    Absence,
}

public enum AgentScheduleChange
{
    Created,
    Updated,
    Destroyed,
}

/// <summary>The owner of a plage or absence and his two preferences (<c>all</c> = true, <c>none</c> = false).</summary>
public sealed record AgentScheduleOwner(long AgentId, string? Email, bool NotifyPlageOuvertures, bool NotifyAbsences);

/// <summary>
/// Plage and absence e-mails (REFERENCE-DOMAIN §6.4): when a plage or absence is created, updated or
/// deleted from the web back-office — never through the API — its owning agent gets an e-mail with the
/// ICS if his level for that item is <c>all</c>, whoever made the change (himself included).
/// </summary>
public static class AgentScheduleNotificationPlanner
{
    public static bool ShouldNotify(AgentScheduleItem item, AgentScheduleOwner owner, bool fromBackOffice) =>
        fromBackOffice
        && !string.IsNullOrWhiteSpace(owner.Email)
        && (item == AgentScheduleItem.PlageOuverture ? owner.NotifyPlageOuvertures : owner.NotifyAbsences);
}
