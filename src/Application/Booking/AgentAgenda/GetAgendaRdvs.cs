using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>
/// The agenda's RDV feed (REFERENCE-SURFACES §2.3.1): the agent's RDVs the viewer may see between
/// <see cref="Start"/> and <see cref="End"/> (raw FullCalendar parameters, checked by the validator after
/// the policy so an outsider learns nothing), coloured by motif; his RDVs of other organisations are
/// grey busy blocks without link nor personal data.
/// </summary>
public sealed record GetAgendaRdvsQuery(long OrganisationId, long AgentId, string? Start, string? End) : IOrganisationRequest, IQuery<IReadOnlyList<AgendaRdvEvent>>;

/// <summary>Times are wall-clock in the organisation's zone (what FullCalendar shows in that zone).</summary>
public sealed record AgendaRdvEvent(
    long Id,
    string Title,
    DateTime Start,
    DateTime End,
    bool InCurrentOrganisation,
    string BackgroundColor,
    string TextColor,
    string OrganisationName,
    string Status,
    string StatusLabel,
    string? Motif,
    string? Lieu,
    bool Past,
    int DurationInMin);

public sealed class GetAgendaRdvsPolicy(IAgentAccessReader reader) : IPolicy<GetAgendaRdvsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetAgendaRdvsQuery request, CancellationToken cancellationToken) =>
        AgentAgendaAccess.CanSeeAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class GetAgendaRdvsValidator : AbstractValidator<GetAgendaRdvsQuery>
{
    public GetAgendaRdvsValidator() =>
        RuleFor(q => q.Start).Custom((start, context) =>
        {
            if (!AgendaRange.TryCreate(start, context.InstanceToValidate.End, out _, out var error))
                context.AddFailure(error);
        });
}

/// <summary>
/// The rows are kept under the inputs version (ADR 0008; RDVs, their agents and participants, usagers'
/// names, motifs, lieux, the viewer's "RDV annulés" toggle all move it), so the feed FullCalendar
/// refetches every minute reads the database again only after a committed change; "past" is computed
/// here, on each request.
/// </summary>
public sealed class GetAgendaRdvsHandler(IAgentAgendaRepository reader, CurrentAgentAccess current, TimeProvider clock, IReadModelCache cache)
    : IQueryHandler<GetAgendaRdvsQuery, IReadOnlyList<AgendaRdvEvent>>
{
    public async ValueTask<IReadOnlyList<AgendaRdvEvent>> Handle(GetAgendaRdvsQuery query, CancellationToken cancellationToken)
    {
        AgendaRange.TryCreate(query.Start, query.End, out var range, out _);
        var access = current.Value;
        var scope = new AgendaRdvScope(access.OrganisationId, access.AgentId, access.SeesWholeOrganisation, access.ServiceIds, access.TimeZone);
        var rows = await cache.GetOrLoadAsync(
            string.Join('|', "agenda-rdvs", query.AgentId, range.From, range.ToExclusive, access.OrganisationId, access.AgentId,
                access.SeesWholeOrganisation ? "all" : string.Join(',', access.ServiceIds)),
            () => reader.RdvsAsync(query.AgentId, range, scope, cancellationToken),
            r => r.Rdvs.Count,
            cancellationToken);
        var zone = Availability.SlotSearch.SlotSearcher.ZoneOf(rows.TimeZone);
        var now = clock.GetUtcNow();
        return rows.Rdvs.Select(row => ToEvent(row, access.OrganisationId, zone, now)).ToList();
    }

    private static AgendaRdvEvent ToEvent(AgendaRdvRow row, long organisationId, TimeZoneInfo zone, DateTimeOffset now)
    {
        var status = RdvStatusExtensions.TryParseRdvStatus(row.Status, out var parsed) ? parsed : RdvStatus.Unknown;
        var start = TimeZoneInfo.ConvertTime(row.StartsAt, zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(row.EndsAt, zone).DateTime;
        var duration = (int)(row.EndsAt - row.StartsAt).TotalMinutes;
        var past = row.EndsAt <= now;
        if (row.OrganisationId != organisationId)
        {
            // Another organisation: the time is busy, nothing else is the viewer's business.
            return new AgendaRdvEvent(row.Id, $"RDV dans une autre organisation ({row.OrganisationName})", start, end, false,
                AgendaColors.OtherOrganisation, AgendaColors.TextOn(AgendaColors.OtherOrganisation), row.OrganisationName,
                status.ToDbValue(), status.Label(), null, null, past, duration);
        }
        return new AgendaRdvEvent(row.Id, Title(row), start, end, true, row.MotifColor, AgendaColors.TextOn(row.MotifColor), row.OrganisationName,
            status.ToDbValue(), status.Label(), row.MotifName, row.LieuName, past, duration);
    }

    /// <summary>Participants' names for an individual RDV; the motif (and the RDV's name and seats) for a collective one.</summary>
    private static string Title(AgendaRdvRow row)
    {
        if (row.Collectif)
        {
            var name = string.IsNullOrWhiteSpace(row.Name) ? row.MotifName : $"{row.MotifName} : {row.Name}";
            return row.MaxParticipantsCount is { } max ? $"{name} ({row.UsersCount}/{max})" : $"{name} ({row.UsersCount})";
        }
        return string.IsNullOrWhiteSpace(row.Usagers) ? row.MotifName : row.Usagers;
    }
}

/// <summary>The agenda's fixed colours.</summary>
public static class AgendaColors
{
    public const string OtherOrganisation = "#9e9e9e";
    public const string Plage = "#cfe8fc";
    public const string PlageOtherOrganisation = "#e0e0e0";
    public const string Absence = "#757575";
    public const string Holiday = "#f5d5d5";

    /// <summary>Black or white, whichever reads better on <paramref name="background"/> (#rgb or #rrggbb).</summary>
    public static string TextOn(string background)
    {
        var hex = background.TrimStart('#');
        if (hex.Length == 3) hex = string.Concat(hex.Select(c => new string(c, 2)));
        if (hex.Length != 6 || !int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var rgb))
            return "#ffffff";
        var luminance = (0.299 * ((rgb >> 16) & 0xff)) + (0.587 * ((rgb >> 8) & 0xff)) + (0.114 * (rgb & 0xff));
        return luminance > 150 ? "#1e1e1e" : "#ffffff";
    }
}
