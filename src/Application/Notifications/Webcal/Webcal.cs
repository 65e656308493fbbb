using System.Security.Cryptography;
using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Notifications.Webcal;

/// <summary>
/// The agent's private calendar feed (REFERENCE-SURFACES §2.3.18, §4.3): `/calendrier/{uid}.ics`, read by
/// Outlook, Google or Apple calendars without signing in, so the unguessable uid is the only key; the
/// agent can replace it at any time (the old address then answers 404).
/// </summary>
public sealed record GetAgentCalendarFeedQuery(string CalendarUid) : IQuery<string?>;

public sealed class GetAgentCalendarFeedHandler(IAgentCalendarFeed feed, TimeProvider clock) : IQueryHandler<GetAgentCalendarFeedQuery, string?>
{
    /// <summary>RDVs since one month ago (the reference's window).</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(31);

    public async ValueTask<string?> Handle(GetAgentCalendarFeedQuery query, CancellationToken cancellationToken) =>
        WebcalLink.IsWellFormed(query.CalendarUid)
            ? await feed.BuildAsync(query.CalendarUid, clock.GetUtcNow() - History, cancellationToken)
            : null;
}

/// <summary>The signed-in agent's feed address, if he has one.</summary>
public sealed record GetMyWebcalQuery : IAgentSelfRequest, IQuery<string?>;

public sealed class GetMyWebcalHandler(IAgentCalendarFeed feed, ICurrentActor actor) : IQueryHandler<GetMyWebcalQuery, string?>
{
    public async ValueTask<string?> Handle(GetMyWebcalQuery query, CancellationToken cancellationToken) =>
        await feed.CalendarUidAsync(actor.AgentId!.Value, cancellationToken);
}

/// <summary>« Réinitialiser mon lien de synchronisation »: a new uid; the previous address stops working.</summary>
public sealed record ResetMyWebcalCommand : IAgentSelfRequest, ICommand<string>;

public sealed class ResetMyWebcalHandler(IAgentCalendarFeed feed, ICurrentActor actor) : ICommandHandler<ResetMyWebcalCommand, string>
{
    public async ValueTask<string> Handle(ResetMyWebcalCommand command, CancellationToken cancellationToken)
    {
        var uid = WebcalLink.NewUid();
        await feed.SetCalendarUidAsync(actor.AgentId!.Value, uid, cancellationToken);
        return uid;
    }
}

public static class WebcalLink
{
    /// <summary>128 random bits, hex: unguessable, and safe in a URL and a file name.</summary>
    public static string NewUid() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? uid) => uid is { Length: 32 } && uid.All(char.IsAsciiHexDigitLower);
}

public interface IAgentCalendarFeed
{
    /// <summary>The ICS of the agent holding this uid (his RDVs since <paramref name="since"/>), or null when no agent holds it.</summary>
    Task<string?> BuildAsync(string calendarUid, DateTimeOffset since, CancellationToken cancellationToken);

    Task<string?> CalendarUidAsync(long agentId, CancellationToken cancellationToken);

    Task SetCalendarUidAsync(long agentId, string calendarUid, CancellationToken cancellationToken);
}
