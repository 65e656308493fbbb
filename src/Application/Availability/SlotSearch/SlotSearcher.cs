using System.Collections.Concurrent;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Availability.SlotSearch;

/// <summary>What to search: one motif, optionally one lieu, organisations and agents, over local days.</summary>
public sealed record SlotSearchRequest(
    MotifDto Motif,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset Now,
    SlotAudience Audience = SlotAudience.Usager,
    long? LieuId = null,
    IReadOnlyCollection<long>? AgentIds = null);

/// <summary>The engine's query, ready to run (slots, next availability, free agents at a start).</summary>
public sealed record PreparedSlotSearch(SlotQuery Query, TimeZoneInfo Zone)
{
    public static readonly PreparedSlotSearch Empty = new(
        new SlotQuery { Motif = new MotifTiming(30), Zone = TimeZoneInfo.Utc, From = default, To = default, Now = default }, TimeZoneInfo.Utc);

    public IReadOnlyList<Slot> Slots() => Query.OpeningPeriods.Count == 0 ? [] : SlotEngine.Compute(Query);

    public Slot? Next() => Query.OpeningPeriods.Count == 0 ? null : NextAvailability.Find(Query);

    public IReadOnlyList<long> FreeAgentsAt(DateTimeOffset start) => Query.OpeningPeriods.Count == 0 ? [] : SlotEngine.FreeAgentsAt(Query, start);
}

/// <summary>
/// Bridges the stored data and the pure slot engine: loads every input of a search in one database
/// round-trip (plages, absences and busy rdvs of the candidate agents, the organisation's calendar),
/// maps rows to domain values and hands them to <see cref="SlotEngine"/>.
/// </summary>
public sealed class SlotSearcher(IAvailabilityInputsReader inputs)
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public async Task<PreparedSlotSearch> PrepareAsync(SlotSearchRequest request, CancellationToken cancellationToken)
    {
        var motif = request.Motif;
        var loaded = await inputs.LoadAsync(
            new AvailabilityInputsQuery(
                [motif.Id],
                request.FirstDay,
                request.LastDay,
                request.LieuId,
                [motif.OrganisationId],
                request.AgentIds is { Count: > 0 } ? request.AgentIds : null),
            cancellationToken);
        return Build(motif, request.FirstDay, request.LastDay, request.Now, request.Audience, loaded, loaded.Plages);
    }

    /// <summary>
    /// Usager searches of several (motif, lieu) pairs over the same days — the lieux of a motif group,
    /// each with its next availability — from ONE database round-trip, split in memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<(long MotifId, long? LieuId), PreparedSlotSearch>> PrepareManyAsync(
        IReadOnlyList<(MotifDto Motif, long? LieuId)> targets, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(long, long?), PreparedSlotSearch>();
        if (targets.Count == 0) return result;
        var loaded = await inputs.LoadAsync(
            new AvailabilityInputsQuery(
                targets.Select(t => t.Motif.Id).Distinct().ToList(),
                firstDay,
                lastDay,
                OrganisationIds: targets.Select(t => t.Motif.OrganisationId).Distinct().ToList()),
            cancellationToken);
        foreach (var (motif, lieuId) in targets)
        {
            var plages = loaded.Plages
                .Where(p => p.OrganisationId == motif.OrganisationId && p.MotifIds.Contains(motif.Id) && (lieuId is null || p.LieuId == lieuId))
                .ToList();
            result[(motif.Id, lieuId)] = Build(motif, firstDay, lastDay, now, SlotAudience.Usager, loaded, plages);
        }
        return result;
    }

    private static PreparedSlotSearch Build(
        MotifDto motif, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now, SlotAudience audience, AvailabilityInputs loaded, IReadOnlyList<OpeningPeriodRow> plages)
    {
        var calendar = loaded.Organisations.FirstOrDefault(o => o.OrganisationId == motif.OrganisationId);
        var zone = ZoneOf(calendar?.TimeZone);
        // Absences and rdvs of the agents of these plages only (they block those agents everywhere).
        var agents = plages.Select(p => p.AgentId).ToHashSet();
        var query = new SlotQuery
        {
            Motif = new MotifTiming(motif.DefaultDurationInMin, motif.SlotStepMinutes, motif.BufferAfterMinutes),
            Zone = zone,
            From = firstDay,
            To = lastDay,
            Now = now,
            Audience = audience,
            Window = audience == SlotAudience.Usager
                ? BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay)
                : null,
            OpeningPeriods = plages.Select(ToDomain).OfType<OpeningPeriod>().ToList(),
            Absences = agents.SelectMany(a => loaded.AbsencesByAgent[a]).Select(ToDomain).OfType<Absence>().ToList(),
            BusyTimes = agents.SelectMany(a => loaded.RdvsByAgent[a]).Select(r => new AgentBusy(r.AgentId, r.StartsAt, r.EndsAt)).ToList(),
            Holidays = HolidayCalendar.ForDepartement(calendar?.DepartementNumber),
        };
        return new PreparedSlotSearch(query, zone);
    }

    /// <summary>The local day of an instant in the motif organisation's zone (what "a day" means everywhere).</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static TimeZoneInfo ZoneOf(string? timeZoneId)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? "Europe/Paris" : timeZoneId;
        return Zones.GetOrAdd(id, static key => TimeZoneInfo.FindSystemTimeZoneById(key));
    }

    // A row whose recurrence cannot be read is left out of the search rather than failing the page.
    internal static OpeningPeriod? ToDomain(OpeningPeriodRow row) =>
        TryReadRecurrence(row.Recurrence, out var recurrence)
            ? new OpeningPeriod(row.Id, row.AgentId, row.LieuId, row.FirstDay, row.StartTime, row.EndTime, recurrence) { MotifIds = row.MotifIds }
            : null;

    internal static Absence? ToDomain(AbsenceRow row) =>
        TryReadRecurrence(row.Recurrence, out var recurrence)
            ? new Absence(row.Id, row.AgentId, row.FirstDay, row.StartTime, row.EndDay, row.EndTime, recurrence)
            : null;

    /// <summary>True with null for a one-off row, true with the rule for a readable JSON, false otherwise.</summary>
    private static bool TryReadRecurrence(string? json, out Recurrence? recurrence)
    {
        recurrence = null;
        if (string.IsNullOrWhiteSpace(json)) return true;
        var parsed = Recurrence.Parse(json);
        if (parsed.IsFailure) return false;
        recurrence = parsed.Value;
        return true;
    }
}
