namespace RdvSP.Application.Organisations.Abstractions;

/// <summary>
/// What an agent edits on himself in organisations.agents (REFERENCE-SURFACES §2.3.18): his names and
/// his e-mail notification preferences. Used by the Identity module's account pages.
/// </summary>
public interface IAgentProfileRepository
{
    /// <summary>The active agent's profile with the names of his services, or null.</summary>
    Task<AgentProfileDto?> GetAsync(long agentId, CancellationToken cancellationToken);

    Task UpdateNamesAsync(long agentId, string firstName, string lastName, CancellationToken cancellationToken);

    Task UpdateNotificationLevelsAsync(long agentId, AgentNotificationLevels levels, CancellationToken cancellationToken);
}

public sealed record AgentProfileDto
{
    public long Id { get; init; }
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public string? Email { get; init; }
    public string[] ServiceNames { get; init; } = [];
    public string RdvNotificationsLevel { get; init; } = "";
    public string PlageOuvertureNotificationLevel { get; init; } = "";
    public string AbsenceNotificationLevel { get; init; } = "";
}

/// <param name="Rdv">all, others, soon or none (<see cref="AgentNotificationLevels.RdvLevels"/>).</param>
/// <param name="PlageOuverture">all or none.</param>
/// <param name="Absence">all or none.</param>
public sealed record AgentNotificationLevels(string Rdv, string PlageOuverture, string Absence)
{
    /// <summary>Stored values of agents.rdv_notifications_level, in the order of the form.</summary>
    public static readonly IReadOnlyList<string> RdvLevels = ["all", "others", "soon", "none"];

    /// <summary>Stored values of agents.plage_ouverture_notification_level and absence_notification_level.</summary>
    public static readonly IReadOnlyList<string> AllOrNone = ["all", "none"];
}
