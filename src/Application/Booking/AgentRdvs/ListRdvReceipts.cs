using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>
/// The RDV page's notification history (REFERENCE-SURFACES §2.3.5): every e-mail and SMS sent or
/// failed for this RDV, newest first, as the dispatcher recorded them.
/// </summary>
public sealed record ListRdvReceiptsQuery(long OrganisationId, long RdvId) : IOrganisationRequest, IQuery<IReadOnlyList<RdvReceipt>>;

public sealed record RdvReceipt(
    DateTimeOffset CreatedAt,
    string Event,
    string Channel,
    string Result,
    string? EmailAddress,
    string? SmsPhoneNumber,
    string? SmsProvider,
    int? SmsCount,
    string? ErrorMessage)
{
    public string EventLabel => Event switch
    {
        "rdv_created" => "Confirmation",
        "rdv_updated" => "Modification",
        "rdv_cancelled" => "Annulation",
        "rdv_upcoming_reminder" => "Rappel",
        _ => "Nouveau créneau disponible",
    };

    public string ResultLabel => Result switch
    {
        "failure" => "Échec",
        "not_sent" => "Non envoyé",
        "delivered" => "Reçu",
        _ => "Envoyé",
    };
}

/// <summary>Whoever may see the RDV sees its notifications.</summary>
public sealed class ListRdvReceiptsPolicy(IAgentRdvStore store) : IPolicy<ListRdvReceiptsQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, ListRdvReceiptsQuery request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class ListRdvReceiptsHandler(IRdvReceiptsReader reader) : IQueryHandler<ListRdvReceiptsQuery, IReadOnlyList<RdvReceipt>>
{
    public async ValueTask<IReadOnlyList<RdvReceipt>> Handle(ListRdvReceiptsQuery query, CancellationToken cancellationToken) =>
        await reader.ForRdvAsync(query.RdvId, cancellationToken);
}

public interface IRdvReceiptsReader
{
    Task<IReadOnlyList<RdvReceipt>> ForRdvAsync(long rdvId, CancellationToken cancellationToken);
}
