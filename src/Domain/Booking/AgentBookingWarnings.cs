using System.Globalization;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Common;

namespace RdvSP.Domain.Booking;

/// <summary>
/// Agent-side checks of REFERENCE-DOMAIN §5.4: benign warnings the agent may override, and the one
/// blocking check (exact duplicate). Touching intervals never conflict (§10 #20).
/// </summary>
public static class AgentBookingWarnings
{
    public const int MaxCollectiveNameLength = 50;

    /// <summary>A gap of 1 to 46 minutes after another RDV of the agent is worth a warning.</summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(46);

    public static readonly Error ExactDuplicateError =
        new("rdv.duplicate", "Un RDV identique existe déjà : mêmes participants, agents, lieu, motif et horaires.");

    public static IReadOnlyList<BookingWarning> Check(RdvDraft draft, AgentBookingContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var warnings = new List<BookingWarning>();
        var now = context.Now;

        if (draft.Start < now)
        {
            warnings.Add(new("rdv.in_past", "La date du RDV est dans le passé."));
        }

        foreach (var agentId in draft.AgentIds)
        {
            foreach (var rdv in context.Rdvs)
            {
                if (rdv.RdvId == draft.RdvId || rdv.Status.IsCancelled() || rdv.Start <= now || !rdv.AgentIds.Contains(agentId))
                {
                    continue;
                }

                if (rdv.Start < draft.End && draft.Start < rdv.End)
                {
                    warnings.Add(new(
                        "rdv.overlapping_rdv",
                        $"L'agent a déjà un RDV qui chevauche ce créneau ({Local(rdv.Start, context.Zone)} – {Local(rdv.End, context.Zone)}).",
                        agentId));
                    continue;
                }

                var gap = draft.Start - rdv.End;
                if (gap >= MinGap && gap <= MaxGap)
                {
                    warnings.Add(new(
                        "rdv.gap",
                        $"Ce RDV laissera un trou de {(int)gap.TotalMinutes} minutes après un autre RDV de l'agent.",
                        agentId));
                }
            }

            if (HasOverlappingAbsence(agentId, draft, context))
            {
                warnings.Add(new("rdv.absence", "L'agent a une indisponibilité pendant ce RDV.", agentId));
            }

            if (draft.Start > now && HasPlageAtOtherLieu(agentId, draft, context))
            {
                warnings.Add(new("rdv.plage_other_lieu", "L'agent a une plage d'ouverture dans un autre lieu pendant ce RDV.", agentId));
            }
        }

        var draftDay = LocalDay(draft.Start, context.Zone);
        foreach (var userId in draft.UserIds)
        {
            foreach (var rdv in context.Rdvs)
            {
                if (rdv.RdvId != draft.RdvId && !rdv.Status.IsCancelled() && rdv.MotifId == draft.MotifId
                    && rdv.UserIds.Contains(userId) && LocalDay(rdv.Start, context.Zone) == draftDay)
                {
                    warnings.Add(new("rdv.duplicate_suspected", "Un RDV pour le même motif existe déjà ce jour-là pour ce participant.", UserId: userId));
                    break;
                }
            }
        }

        if (draft.IsCollective && draft.Name is { Length: > MaxCollectiveNameLength })
        {
            warnings.Add(new("rdv.name_too_long", $"Le nom du RDV dépasse {MaxCollectiveNameLength} caractères : il sera tronqué dans les SMS."));
        }

        return warnings;
    }

    /// <summary>
    /// The blocking check: a non-cancelled RDV with the same organisation, lieu, start, end, motif and
    /// exactly the same users and agents.
    /// </summary>
    public static Result ExactDuplicate(RdvDraft draft, IEnumerable<ExistingRdv> existing)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(existing);
        foreach (var rdv in existing)
        {
            if (rdv.RdvId != draft.RdvId && !rdv.Status.IsCancelled()
                && rdv.OrganisationId == draft.OrganisationId && rdv.LieuId == draft.LieuId
                && rdv.Start == draft.Start && rdv.End == draft.End && rdv.MotifId == draft.MotifId
                && SameSet(rdv.UserIds, draft.UserIds) && SameSet(rdv.AgentIds, draft.AgentIds))
            {
                return ExactDuplicateError;
            }
        }

        return Result.Success;
    }

    private static bool HasOverlappingAbsence(long agentId, RdvDraft draft, AgentBookingContext context)
    {
        var from = LocalDay(draft.Start, context.Zone);
        var to = LocalDay(draft.End, context.Zone);
        foreach (var absence in context.Absences)
        {
            if (absence.AgentId != agentId)
            {
                continue;
            }

            foreach (var occurrence in Occurrences.Expand(absence, from, to, context.Zone))
            {
                if (occurrence.Overlaps(draft.Start, draft.End))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasPlageAtOtherLieu(long agentId, RdvDraft draft, AgentBookingContext context)
    {
        var from = LocalDay(draft.Start, context.Zone);
        var to = LocalDay(draft.End, context.Zone);
        foreach (var plage in context.OpeningPeriods)
        {
            if (plage.AgentId != agentId || plage.LieuId is null || plage.LieuId == draft.LieuId)
            {
                continue;
            }

            foreach (var occurrence in Occurrences.Expand(plage, from, to, context.Zone))
            {
                if (occurrence.Overlaps(draft.Start, draft.End))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SameSet(IReadOnlyList<long> a, IReadOnlyList<long> b) =>
        new HashSet<long>(a).SetEquals(b);

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
