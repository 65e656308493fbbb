using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Availability.CreneauxSearch;

/// <summary>
/// "Trouver un RDV" (REFERENCE-SURFACES §2.3.4), agent side: the form's choices, then for a motif
/// either the lieux with their next availability (sur place, <see cref="Selection"/> false), the week
/// grid of free slots (<see cref="Selection"/> true, or a motif without lieu), or the collective RDVs
/// with seats left. Unlike the public search: no booking delays (no min/max window) and one slot per
/// start AND agent. <see cref="UserIds"/> only travel to the RDV wizard; they are checked all the same.
/// </summary>
public sealed record SearchCreneauxQuery(
    long OrganisationId,
    long? ServiceId,
    long? MotifId,
    DateOnly? FromDate,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<long> LieuIds,
    IReadOnlyList<long> UserIds,
    bool Selection = false,
    long? LieuId = null) : IOrganisationRequest, IQuery<CreneauxSearchResult>;

public sealed record CreneauxSearchResult(
    CreneauxSearchForm Form,
    DateOnly FromDate,
    MotifOption? Motif,
    IReadOnlyList<LieuAvailability>? Lieux,
    CreneauxWeek? Week,
    IReadOnlyList<CollectiveRdvItem>? CollectiveRdvs);

/// <summary>A lieu where the motif has plages, with its first free slot in the next <see cref="SearchCreneauxHandler.HorizonDays"/> days (local time), or null.</summary>
public sealed record LieuAvailability(long LieuId, string Name, string Address, DateTime? NextAvailability);

/// <param name="NextAvailability">When the week has no slot: the first one after it (local time), if any within the horizon.</param>
public sealed record CreneauxWeek(DateOnly FirstDay, long? LieuId, string? LieuName, IReadOnlyList<CreneauxDay> Days, DateTime? NextAvailability)
{
    public bool IsEmpty => Days.All(d => d.Slots.Count == 0);
}

public sealed record CreneauxDay(DateOnly Day, IReadOnlyList<Creneau> Slots);

/// <summary>One free slot of one agent, in the organisation's local time.</summary>
public sealed record Creneau(DateTime LocalStart, long AgentId, string AgentName, long? LieuId);

public sealed record CollectiveRdvItem(long RdvId, string? Name, DateTime LocalStart, int DurationInMin, string? LieuName, int? MaxParticipants, int ParticipantsCount, string AgentNames);

/// <summary>
/// Every id must belong to the organisation and be usable by the agent (§2.6): the motif of a service
/// he may use, lieux of the organisation, agents he may see, usagers with a profile there.
/// </summary>
public sealed class SearchCreneauxPolicy(IOrganisationRepository organisations, ICreneauxSearchReader reader) : IPolicy<SearchCreneauxQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, SearchCreneauxQuery request, CancellationToken cancellationToken)
    {
        if (request.ServiceId is { } serviceId && !access.CanUseService(serviceId)) return false;
        if (request.MotifId is { } motifId)
        {
            var motif = await organisations.GetMotifAsync(motifId, cancellationToken);
            if (motif is null || motif.DeletedAt is not null || motif.OrganisationId != access.OrganisationId || !access.CanUseService(motif.ServiceId))
                return false;
        }
        var lieux = request.LieuIds.Concat(request.LieuId is { } l ? [l] : []).Distinct().ToList();
        if (lieux.Count > 0 && await reader.CountLieuxAsync(access.OrganisationId, lieux, cancellationToken) != lieux.Count) return false;
        var agents = request.AgentIds.Distinct().ToList();
        if (agents.Count > 0)
        {
            var services = await reader.AgentServicesAsync(access.OrganisationId, agents, cancellationToken);
            if (agents.Any(a => !services.TryGetValue(a, out var s) || !access.CanSeeAgent(a, s))) return false;
        }
        var users = request.UserIds.Distinct().ToList();
        return users.Count == 0 || await reader.CountUsagersAsync(access.OrganisationId, users, cancellationToken) == users.Count;
    }
}

public sealed class SearchCreneauxHandler(
    ICreneauxSearchReader reader, IOrganisationRepository organisations, SlotSearcher searcher, CurrentAgentAccess current, TimeProvider clock)
    : IQueryHandler<SearchCreneauxQuery, CreneauxSearchResult>
{
    /// <summary>How far the "next availability" of a lieu or an empty week is looked for.</summary>
    public const int HorizonDays = 92;

    public const int WeekDays = 7;

    private const int MaxCollectiveRdvs = 50;

    public async ValueTask<CreneauxSearchResult> Handle(SearchCreneauxQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var form = await reader.FormAsync(access, cancellationToken);
        var organisation = await organisations.GetOrganisationAsync(access.OrganisationId, cancellationToken);
        var zone = SlotSearcher.ZoneOf(organisation?.TimeZone);
        var now = clock.GetUtcNow();
        var from = query.FromDate ?? SlotSearcher.LocalDay(now, zone);
        var option = query.MotifId is { } id ? form.Motifs.FirstOrDefault(m => m.Id == id) : null;
        if (option is null) return new CreneauxSearchResult(form, from, null, null, null, null);
        var motif = (await organisations.GetMotifAsync(option.Id, cancellationToken))!;

        // A basic agent without a chosen agent searches among the agents he may see (the list's scope).
        IReadOnlyCollection<long>? agentIds = query.AgentIds.Count > 0 ? query.AgentIds.Distinct().ToList()
            : access.SeesWholeOrganisation ? null
            : form.Agents.Select(a => a.Id).ToList();

        if (motif.Collectif)
            return new CreneauxSearchResult(form, from, option, null, null,
                await CollectiveAsync(access.OrganisationId, motif, from, zone, query.LieuIds, query.AgentIds, form, now, cancellationToken));

        var onSite = motif.LocationType == LocationTypes.PublicOffice;
        if (onSite && !query.Selection)
            return new CreneauxSearchResult(form, from, option, await LieuxAsync(motif, from, zone, query.LieuIds, agentIds, form, now, cancellationToken), null, null);

        var lieuId = onSite ? query.LieuId ?? (query.LieuIds.Count == 1 ? query.LieuIds[0] : null) : null;
        return new CreneauxSearchResult(form, from, option, null, await WeekAsync(motif, from, zone, lieuId, agentIds, form, now, cancellationToken), null);
    }

    private async Task<IReadOnlyList<LieuAvailability>> LieuxAsync(
        MotifDto motif, DateOnly from, TimeZoneInfo zone, IReadOnlyList<long> lieuIds, IReadOnlyCollection<long>? agentIds, CreneauxSearchForm form, DateTimeOffset now, CancellationToken ct)
    {
        var prepared = await searcher.PrepareAsync(
            new SlotSearchRequest(motif, from, from.AddDays(HorizonDays), now, SlotAudience.Agent, AgentIds: agentIds), ct);
        var periods = prepared.Query.OpeningPeriods;
        var result = new List<LieuAvailability>();
        foreach (var lieu in form.Lieux.Where(l => lieuIds.Count == 0 || lieuIds.Contains(l.Id)))
        {
            var atLieu = periods.Where(p => p.LieuId == lieu.Id).ToList();
            if (atLieu.Count == 0) continue;
            var next = NextAvailability.Find(prepared.Query with { OpeningPeriods = atLieu });
            result.Add(new LieuAvailability(lieu.Id, lieu.Name, lieu.Address, next is { } slot ? Local(slot.Start, zone) : null));
        }
        return [.. result.OrderBy(l => l.NextAvailability ?? DateTime.MaxValue).ThenBy(l => l.Name, StringComparer.Ordinal)];
    }

    private async Task<CreneauxWeek> WeekAsync(
        MotifDto motif, DateOnly from, TimeZoneInfo zone, long? lieuId, IReadOnlyCollection<long>? agentIds, CreneauxSearchForm form, DateTimeOffset now, CancellationToken ct)
    {
        var last = from.AddDays(WeekDays - 1);
        var slots = (await searcher.PrepareAsync(new SlotSearchRequest(motif, from, last, now, SlotAudience.Agent, lieuId, agentIds), ct)).Slots();
        var names = form.Agents.ToDictionary(a => a.Id, a => a.FullName);
        var byDay = slots
            .Select(s => new Creneau(Local(s.Start, zone), s.AgentId, names.GetValueOrDefault(s.AgentId, ""), s.LieuId))
            .GroupBy(c => DateOnly.FromDateTime(c.LocalStart))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Creneau>)g.ToList());
        var days = Enumerable.Range(0, WeekDays).Select(i => from.AddDays(i))
            .Select(d => new CreneauxDay(d, byDay.GetValueOrDefault(d, [])))
            .ToList();
        DateTime? next = null;
        if (slots.Count == 0)
        {
            var later = await searcher.PrepareAsync(new SlotSearchRequest(motif, last.AddDays(1), from.AddDays(HorizonDays), now, SlotAudience.Agent, lieuId, agentIds), ct);
            next = later.Next() is { } slot ? Local(slot.Start, zone) : null;
        }
        var lieuName = lieuId is { } l ? form.Lieux.FirstOrDefault(x => x.Id == l)?.Name : null;
        return new CreneauxWeek(from, lieuId, lieuName, days, next);
    }

    private async Task<IReadOnlyList<CollectiveRdvItem>> CollectiveAsync(
        long organisationId, MotifDto motif, DateOnly from, TimeZoneInfo zone, IReadOnlyList<long> lieuIds, IReadOnlyList<long> agentIds,
        CreneauxSearchForm form, DateTimeOffset now, CancellationToken ct)
    {
        var fromInstant = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var rows = await reader.CollectiveRdvsAsync(
            organisationId, motif.Id, fromInstant, lieuIds.Count > 0 ? lieuIds : null, agentIds.Count > 0 ? agentIds : null, MaxCollectiveRdvs, ct);
        var offered = CollectiveSlots.Filter(
                rows.Select(r => new CollectiveRdv(r.RdvId, r.LieuId, r.StartsAt, r.EndsAt, r.MaxParticipantsCount, r.UsersCount, Revoked: false)),
                now,
                window: null)
            .Select(c => c.RdvId)
            .ToHashSet();
        var lieux = form.Lieux.ToDictionary(l => l.Id, l => l.Name);
        return [.. rows.Where(r => offered.Contains(r.RdvId)).Select(r => new CollectiveRdvItem(
            r.RdvId, r.Name, Local(r.StartsAt, zone), (int)(r.EndsAt - r.StartsAt).TotalMinutes,
            r.LieuId is { } l ? lieux.GetValueOrDefault(l) : null, r.MaxParticipantsCount, r.UsersCount, r.AgentNames))];
    }

    private static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
