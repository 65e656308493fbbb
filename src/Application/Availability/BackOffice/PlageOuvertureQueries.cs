using Mediator;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Common.Authorization;
using static RdvSP.Application.Availability.BackOffice.AvailabilityFormRules;

namespace RdvSP.Application.Availability.BackOffice;

/// <summary>One plage as the screens show it: its row, the names of its motifs and lieu, its agent.</summary>
public sealed record PlageOuvertureDetails(OpeningPeriodRow Plage, string AgentName, IReadOnlyList<UsableMotif> Motifs, LieuOption? Lieu, bool Expired);

/// <summary>The agent's plages of the organisation, current (en cours) or expired (passées), searched by title.</summary>
public sealed record ListPlageOuverturesQuery(long OrganisationId, long AgentId, bool Expired = false, string? Search = null)
    : IOrganisationRequest, IQuery<PlageOuvertureList>;

public sealed record PlageOuvertureList(long AgentId, string AgentName, IReadOnlyList<PlageOuvertureDetails> Plages);

public sealed record GetPlageOuvertureQuery(long OrganisationId, long PlageOuvertureId) : IOrganisationRequest, IQuery<PlageOuvertureDetails>;

/// <summary>What the plage form offers for an agent: his usable motifs grouped by service, the organisation's lieux.</summary>
public sealed record GetPlageOuvertureFormQuery(long OrganisationId, long AgentId) : IOrganisationRequest, IQuery<PlageOuvertureForm>;

public sealed record PlageOuvertureForm(long AgentId, string AgentName, IReadOnlyList<MotifGroup> MotifGroups, IReadOnlyList<LieuOption> Lieux);

public sealed record MotifGroup(long ServiceId, string ServiceName, IReadOnlyList<UsableMotif> Motifs);

public sealed class ListPlageOuverturesPolicy(IAgentAccessReader agents) : IPolicy<ListPlageOuverturesQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListPlageOuverturesQuery request, CancellationToken cancellationToken) =>
        CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken);
}

public sealed class GetPlageOuverturePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<GetPlageOuvertureQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetPlageOuvertureQuery request, CancellationToken cancellationToken) =>
        PlageAccess.CanSeeAsync(agents, reader, access, request.PlageOuvertureId, cancellationToken);
}

public sealed class GetPlageOuvertureFormPolicy(IAgentAccessReader agents) : IPolicy<GetPlageOuvertureFormQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetPlageOuvertureFormQuery request, CancellationToken cancellationToken) =>
        CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken);
}

public sealed class ListPlageOuverturesHandler(IAvailabilityBackOfficeReader reader, CurrentAgentAccess access, TimeProvider clock)
    : IQueryHandler<ListPlageOuverturesQuery, PlageOuvertureList>
{
    public async ValueTask<PlageOuvertureList> Handle(ListPlageOuverturesQuery query, CancellationToken cancellationToken)
    {
        var today = Today(clock, access.Value.TimeZone);
        var rows = await reader.PlagesAsync(query.OrganisationId, query.AgentId, query.Expired, string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(), today, cancellationToken);
        var motifs = (await reader.MotifsAsync(rows.SelectMany(r => r.MotifIds).Distinct().ToList(), cancellationToken)).ToDictionary(m => m.Id);
        var lieux = (await reader.LieuxAsync(query.OrganisationId, cancellationToken)).ToDictionary(l => l.Id);
        var name = await reader.AgentNameAsync(query.AgentId, cancellationToken) ?? "";
        return new PlageOuvertureList(query.AgentId, name, rows.Select(r => new PlageOuvertureDetails(
            r, name, r.MotifIds.Where(motifs.ContainsKey).Select(id => motifs[id]).ToList(),
            r.LieuId is { } lieu ? lieux.GetValueOrDefault(lieu) : null, query.Expired)).ToList());
    }
}

public sealed class GetPlageOuvertureHandler(IAvailabilityBackOfficeReader reader, IOpeningPeriodRepository plages, CurrentAgentAccess access, TimeProvider clock)
    : IQueryHandler<GetPlageOuvertureQuery, PlageOuvertureDetails>
{
    public async ValueTask<PlageOuvertureDetails> Handle(GetPlageOuvertureQuery query, CancellationToken cancellationToken)
    {
        var row = (await plages.GetAsync(query.PlageOuvertureId, cancellationToken))!;
        var motifs = await reader.MotifsAsync(row.MotifIds, cancellationToken);
        // A lieu disabled since stays named on its plage.
        var lieu = row.LieuId is { } id ? await reader.LieuAsync(id, cancellationToken) : null;
        var today = Today(clock, access.Value.TimeZone);
        var expired = SlotSearch.SlotSearcher.ToDomain(row) is { } period && Domain.Availability.ExpirationPolicy.IsExpired(period, today);
        return new PlageOuvertureDetails(row, await reader.AgentNameAsync(row.AgentId, cancellationToken) ?? "", motifs, lieu, expired);
    }
}

public sealed class GetPlageOuvertureFormHandler(IAvailabilityBackOfficeReader reader) : IQueryHandler<GetPlageOuvertureFormQuery, PlageOuvertureForm>
{
    public async ValueTask<PlageOuvertureForm> Handle(GetPlageOuvertureFormQuery query, CancellationToken cancellationToken)
    {
        var motifs = await reader.UsableMotifsAsync(query.OrganisationId, query.AgentId, cancellationToken);
        var groups = motifs.GroupBy(m => (m.ServiceId, m.ServiceName)).Select(g => new MotifGroup(g.Key.ServiceId, g.Key.ServiceName, g.ToList())).ToList();
        return new PlageOuvertureForm(query.AgentId, await reader.AgentNameAsync(query.AgentId, cancellationToken) ?? "", groups,
            await reader.LieuxAsync(query.OrganisationId, cancellationToken));
    }
}
