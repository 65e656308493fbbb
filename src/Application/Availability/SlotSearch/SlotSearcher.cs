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
        var calendar = loaded.Organisations.FirstOrDefault(o => o.OrganisationId == motif.OrganisationId);
        var zone = ZoneOf(calendar?.TimeZone);

        var query = new SlotQuery
        {
            Motif = new MotifTiming(motif.DefaultDurationInMin, motif.SlotStepMinutes, motif.BufferAfterMinutes),
            Zone = zone,
            From = request.FirstDay,
            To = request.LastDay,
            Now = request.Now,
            Audience = request.Audience,
            Window = request.Audience == SlotAudience.Usager
                ? BookingWindow.FromSeconds(motif.MinPublicBookingDelay, motif.MaxPublicBookingDelay)
                : null,
            OpeningPeriods = loaded.Plages.Select(ToDomain).OfType<OpeningPeriod>().ToList(),
            Absences = loaded.Absences.Select(ToDomain).OfType<Absence>().ToList(),
            BusyTimes = loaded.Rdvs.Select(r => new AgentBusy(r.AgentId, r.StartsAt, r.EndsAt)).ToList(),
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
    private static OpeningPeriod? ToDomain(OpeningPeriodRow row) =>
        TryReadRecurrence(row.Recurrence, out var recurrence)
            ? new OpeningPeriod(row.Id, row.AgentId, row.LieuId, row.FirstDay, row.StartTime, row.EndTime, recurrence) { MotifIds = row.MotifIds }
            : null;

    private static Absence? ToDomain(AbsenceRow row) =>
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
