using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>
/// The RDV list (REFERENCE-SURFACES §2.3.2): filters, 10 per page sorted by start, counts per status.
/// Scoped in SQL by the agent's access: basic agents get the RDVs where they are agent or of their
/// services, admins and secretaries the whole organisation.
/// </summary>
public sealed record ListAgentRdvsQuery(
    long OrganisationId,
    long? AgentId,
    long? UserId,
    IReadOnlyList<long> LieuIds,
    IReadOnlyList<long> MotifIds,
    string? Status,
    DateOnly? Start,
    DateOnly? End,
    int Page) : IOrganisationRequest, IQuery<AgentRdvListPage>;

/// <param name="FromDay">First local day (organisation zone) of the period.</param>
/// <param name="ToDay">Local day after the period.</param>
public sealed record AgentRdvListFilter(
    long? AgentId,
    long? UserId,
    IReadOnlyList<long> LieuIds,
    IReadOnlyList<long> MotifIds,
    string? Status,
    DateOnly? FromDay,
    DateOnly? ToDay,
    int Page)
{
    public const int PageSize = 10;

    /// <summary>What the counts depend on besides the data: the scope and the filters, status and page aside.</summary>
    public string CountsKey(AgentAccess access) => string.Join('|',
        "rdv-list-counts", access.OrganisationId,
        access.SeesWholeOrganisation ? "all" : $"{access.AgentId}:{string.Join(',', access.ServiceIds)}",
        AgentId, UserId, string.Join(',', LieuIds.Order()), string.Join(',', MotifIds.Order()), FromDay, ToDay);
}

/// <summary>Status filter values of the list (the stored statuses, with unknown split by time).</summary>
public static class ListStatuses
{
    public const string UnknownPast = "unknown_past";
    public const string UnknownFuture = "unknown_future";

    public static readonly IReadOnlyList<string> All = ["unknown_future", "unknown_past", "seen", "noshow", "excused", "revoked"];

    public static string Label(string status) => status switch
    {
        "seen" => "Rendez-vous honoré",
        "noshow" => "Absence non excusée",
        "excused" => "Annulé à l'initiative de l'usager",
        "revoked" => "Annulé par le service",
        UnknownPast => "À renseigner",
        UnknownFuture => "Rendez-vous à venir",
        _ => status,
    };
}

public sealed record AgentRdvListPage(
    IReadOnlyList<AgentRdvListItem> Rdvs,
    IReadOnlyDictionary<string, long> CountsByStatus,
    long Total,
    int Page,
    int PageSize,
    string TimeZone)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record AgentRdvListItem
{
    public long Id { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Status { get; init; } = "";
    /// <summary>The status as the list's filter names it (unknown split into past and future).</summary>
    public string ListStatus { get; init; } = "";
    public string MotifName { get; init; } = "";
    public string LocationType { get; init; } = "";
    public string? LieuName { get; init; }
    public string? Context { get; init; }
    public string[] AgentNames { get; init; } = [];
    public long[] AgentIds { get; init; } = [];
    public string[] UserNames { get; init; } = [];
}

public sealed class ListAgentRdvsValidator : AbstractValidator<ListAgentRdvsQuery>
{
    public const int MaxPage = 1000;

    public ListAgentRdvsValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || ListStatuses.All.Contains(s))
            .WithMessage("Le statut demandé n'existe pas.");
        RuleFor(q => q.End).Must((q, end) => q.Start is null || end is null || end >= q.Start)
            .WithMessage("La date de fin doit être postérieure ou égale à la date de début.");
        RuleFor(q => q.End).Must((q, end) => q.Start is null || end is null || end.Value.DayNumber - q.Start.Value.DayNumber <= 366 * 5)
            .WithMessage("La période ne peut pas dépasser 5 ans.");
        RuleFor(q => q.Page).InclusiveBetween(1, MaxPage).WithMessage($"Le numéro de page doit être compris entre 1 et {MaxPage}.");
        RuleFor(q => q.LieuIds.Count + q.MotifIds.Count).LessThanOrEqualTo(50).WithMessage("Trop de lieux ou de motifs sélectionnés.");
    }
}

/// <summary>Every member may list; the ids of the filters must be of the organisation (the scope does the rest).</summary>
public sealed class ListAgentRdvsPolicy(IAgentRdvStore store) : IPolicy<ListAgentRdvsQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, ListAgentRdvsQuery request, CancellationToken cancellationToken)
    {
        if (request.AgentId is null && request.UserId is null && request.LieuIds.Count == 0 && request.MotifIds.Count == 0) return true;
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            LieuIds: request.LieuIds,
            AgentIds: request.AgentId is { } a ? [a] : [],
            UserIds: request.UserId is { } u ? [u] : [],
            MotifIds: request.MotifIds), cancellationToken);
        return check.LieuxOk && check.AgentsOk && check.UsersOk && check.MotifsOk;
    }
}

/// <summary>
/// The counts per status read every filtered RDV, the page ten of them with their agents and usagers:
/// both are kept under the inputs version (any committed write of an RDV, participation, usager's name,
/// motif, lieu or agent anywhere invalidates them) and the minute (past/future split of "unknown").
/// </summary>
public sealed class ListAgentRdvsHandler(IAgentRdvStore store, CurrentAgentAccess current, TimeProvider clock, IReadModelCache cache)
    : IQueryHandler<ListAgentRdvsQuery, AgentRdvListPage>
{
    public async ValueTask<AgentRdvListPage> Handle(ListAgentRdvsQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var filter = new AgentRdvListFilter(query.AgentId, query.UserId, query.LieuIds, query.MotifIds, query.Status,
            query.Start, query.End?.AddDays(1), query.Page);
        var key = $"{filter.CountsKey(access)}|{now.UtcTicks}";
        var counts = await cache.GetOrLoadAsync(
            key,
            () => store.CountByStatusAsync(access, filter, now, cancellationToken),
            c => c.Count,
            cancellationToken);
        var (rdvs, timeZone) = await cache.GetOrLoadAsync(
            $"{key}|page|{query.Status}|{query.Page}",
            () => store.ListPageAsync(access, filter, now, cancellationToken),
            p => p.Rdvs.Count,
            cancellationToken);
        var total = query.Status is null ? counts.Values.Sum() : counts.GetValueOrDefault(query.Status);
        return new AgentRdvListPage(rdvs, counts, total, query.Page, AgentRdvListFilter.PageSize, timeZone);
    }
}
