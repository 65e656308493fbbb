using System.Security.Cryptography;
using System.Text;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>What the wizard and the edit form send (start in the organisation's local time).</summary>
public interface IAgentRdvFields
{
    DateTime StartsAt { get; }
    int DurationInMin { get; }
    IReadOnlyList<long> AgentIds { get; }
    IReadOnlyList<ParticipantFlags> Participants { get; }
    long? LieuId { get; }
    string? NewLieuName { get; }
    string? NewLieuAddress { get; }
    string? Context { get; }

    /// <summary>The <see cref="AgentRdvOutcome.WarningsToken"/> of the warnings the agent saw and confirmed.</summary>
    string? ConfirmedWarnings { get; }
}

/// <summary>
/// The outcome of an agent's save: the RDV, or the warnings to confirm (nothing written), or a refusal.
/// A failure for the transaction behaviour unless an RDV was written.
/// </summary>
public sealed record AgentRdvOutcome : IResult
{
    public long? RdvId { get; init; }
    public long FirstAgentId { get; init; }
    public DateOnly LocalDay { get; init; }
    public IReadOnlyList<BookingWarning> Warnings { get; init; } = [];
    public string? WarningsToken { get; init; }
    public Error? Failure { get; init; }

    public bool IsSuccess => Failure is null;

    public Error Error => Failure ?? throw new InvalidOperationException("A saved RDV has no error.");

    public bool NeedsConfirmation => Warnings.Count > 0 && Failure == AgentRdvErrors.ConfirmWarnings;

    public static AgentRdvOutcome Refused(Error error) => new() { Failure = error };
}

public static class AgentRdvErrors
{
    public static readonly Error ConfirmWarnings = new("rdv.confirm_warnings", "Vérifiez les avertissements ci-dessous et cochez « Je confirme » pour enregistrer le RDV.");
    public static readonly Error NonexistentTime = new("rdv.nonexistent_time", "Cette heure n'existe pas ce jour-là (passage à l'heure d'été).");
    public static readonly Error CollectiveMotif = new("rdv.collective_motif", "Les RDV collectifs se créent depuis la page « RDV collectifs ».");
    public static readonly Error LieuRequired = new("rdv.lieu_required", "Choisissez un lieu ou saisissez un lieu ponctuel.");
    public static readonly Error PhoneRequired = new("rdv.phone_required", "Ce motif est par téléphone : au moins un usager doit avoir un numéro de téléphone.");
    public static readonly Error VisioContactRequired = new("rdv.visio_contact_required", "Ce motif est par visioconférence : au moins un usager doit avoir une adresse e-mail ou un numéro de mobile.");
    public static readonly Error ParticipantsChanged = new("rdv.participants_changed", "Les participants de ce RDV ont changé : rechargez la page.");
    public static readonly Error StatusNotOffered = new("rdv.status_not_offered", "Ce statut n'est pas proposé pour ce RDV à cette date.");
    public static readonly Error UnknownStatus = new("rdv.unknown_status", "Ce statut n'existe pas.");
}

/// <summary>
/// The one save path of agents' RDVs (creation and edit, REFERENCE-DOMAIN §5.4): benign warnings the
/// agent confirms, the blocking exact-duplicate check, then the write under the booking module's
/// per-agent locks. The checks run once without locks (an unconfirmed warning answers at once,
/// nothing queued) and again under the locks, so that two agents confirming the same free time of
/// one agent get one RDV: the second finds the first's RDV and gets the overlap warning back.
/// </summary>
public sealed class AgentRdvWriter(
    IAgentRdvStore store,
    IRdvRepository rdvs,
    IOrganisationRepository organisations,
    IUsagerRepository usagers,
    CurrentAgentAccess current,
    IRdvNotifier notifier,
    TimeProvider clock)
{
    // Agents' saves hold a lock for a few milliseconds; an agent waits up to 5 s before "réessayez".
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(200);
    private const int LockAttempts = 25;

    // The draft's lieu for a new single-use lieu: another lieu than any existing one.
    private const long NewLieu = -1;

    public async Task<AgentRdvOutcome> SaveAsync(long organisationId, long? rdvId, MotifDto motif, IAgentRdvFields fields, CancellationToken ct)
    {
        if (motif.Collectif) return AgentRdvOutcome.Refused(AgentRdvErrors.CollectiveMotif);
        var organisation = await organisations.GetOrganisationAsync(organisationId, ct);
        var zone = SlotSearcher.ZoneOf(organisation?.TimeZone);
        if (AgentRdvTime.TryToUtc(fields.StartsAt, zone) is not { } start) return AgentRdvOutcome.Refused(AgentRdvErrors.NonexistentTime);
        var end = start.AddMinutes(fields.DurationInMin);

        var onSite = motif.LocationType == LocationTypes.PublicOffice;
        var newLieu = onSite && fields.LieuId is null && !string.IsNullOrWhiteSpace(fields.NewLieuName);
        if (onSite && fields.LieuId is null && !newLieu) return AgentRdvOutcome.Refused(AgentRdvErrors.LieuRequired);
        long? lieuId = onSite ? fields.LieuId : null;

        var agentIds = fields.AgentIds.Distinct().ToList();
        var userIds = fields.Participants.Select(p => p.UserId).Distinct().ToList();
        var contacts = await store.ContactsAsync(userIds, ct);
        if (motif.LocationType == LocationTypes.Phone && !contacts.Any(c => c.NotifiedPhone is not null))
            return AgentRdvOutcome.Refused(AgentRdvErrors.PhoneRequired);
        if (motif.LocationType == LocationTypes.Visio && !contacts.Any(c => c.NotifiedEmail is not null || c.HasMobile))
            return AgentRdvOutcome.Refused(AgentRdvErrors.VisioContactRequired);

        var draft = new RdvDraft(rdvId, organisationId, motif.Id, newLieu ? NewLieu : lieuId, start, end, agentIds, userIds);
        var before = await CheckAsync(draft, zone, fields.ConfirmedWarnings, ct);
        if (before is not null) return before;

        if (!await LockAsync(agentIds, ct)) return AgentRdvOutcome.Refused(BookingUseCaseErrors.SlotContended);
        var underLock = await CheckAsync(draft, zone, fields.ConfirmedWarnings, ct);
        if (underLock is not null) return underLock;

        if (newLieu) lieuId = await store.AddSingleUseLieuAsync(organisationId, fields.NewLieuName!.Trim(), fields.NewLieuAddress!.Trim(), ct);
        var context = string.IsNullOrWhiteSpace(fields.Context) ? null : fields.Context.Trim();
        long savedId;
        if (rdvId is null)
        {
            var author = current.Value.AgentId;
            var created = await rdvs.InsertAsync(new NewRdv(
                organisationId, motif.Id, lieuId, start, end, agentIds,
                fields.Participants.DistinctBy(p => p.UserId)
                    .Select(p => new NewParticipation(p.UserId, p.SendLifecycleNotifications, p.SendReminderNotification, CreatedByTypes.Agent, author))
                    .ToList(),
                CreatedByTypes.Agent, author, ExclusiveForAgents: false, Context: context), ct);
            if (created.IsFailure) return AgentRdvOutcome.Refused(created.Error);
            savedId = created.Value.Id;
            await notifier.RdvChangedAsync(savedId, new RdvEvent.Created(), Author.Agent(author), ct);
        }
        else
        {
            // Read before the change: the notifications name the old start, lieu and agents.
            var previous = await rdvs.GetAsync(rdvId.Value, ct);
            var updated = await store.UpdateAsync(new RdvUpdate(rdvId.Value, start, end, lieuId, context, agentIds,
                fields.Participants.DistinctBy(p => p.UserId).ToList()), ct);
            if (updated.IsFailure) return AgentRdvOutcome.Refused(updated.Error);
            savedId = rdvId.Value;
            if (previous is not null)
            {
                var lieuChanged = previous.LieuId != lieuId;
                // A new start or lieu is told; any other edit (agents, flags, context) only re-plans the reminders.
                RdvEvent change = previous.StartsAt != start || lieuChanged
                    ? new RdvEvent.Updated(previous.StartsAt, previous.Agents.Select(a => a.AgentId).ToList(),
                        lieuChanged ? previous.LieuName : null, lieuChanged ? previous.LieuAddress : null)
                    : new RdvEvent.Created([]);
                await notifier.RdvChangedAsync(savedId, change, Author.Agent(current.Value.AgentId), ct);
            }
        }

        // Every save makes its usagers (and their families) members of the organisation.
        foreach (var userId in userIds) await usagers.AddFamilyToOrganisationAsync(userId, organisationId, ct);
        return new AgentRdvOutcome { RdvId = savedId, FirstAgentId = agentIds[0], LocalDay = DateOnly.FromDateTime(AgentRdvTime.ToLocal(start, zone)) };
    }

    /// <summary>Null when the draft may be written: no blocking duplicate, and its warnings are exactly the confirmed ones.</summary>
    private async Task<AgentRdvOutcome?> CheckAsync(RdvDraft draft, TimeZoneInfo zone, string? confirmed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = SlotSearcher.LocalDay(draft.Start, zone);
        var lastDay = SlotSearcher.LocalDay(draft.End, zone);
        var rows = await store.LoadContextAsync(
            draft.AgentIds, draft.UserIds,
            draft.Start - AgentBookingWarnings.MaxGap, draft.End,
            AgentRdvTime.ToUtc(day.ToDateTime(TimeOnly.MinValue), zone), AgentRdvTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone),
            day, lastDay, ct);
        var duplicate = AgentBookingWarnings.ExactDuplicate(draft, rows.Rdvs);
        if (duplicate.IsFailure) return AgentRdvOutcome.Refused(duplicate.Error);

        var context = new AgentBookingContext
        {
            Now = now,
            Zone = zone,
            Rdvs = rows.Rdvs,
            Absences = rows.Absences.Select(ToDomain).OfType<Absence>().ToList(),
            OpeningPeriods = rows.Plages.Select(ToDomain).OfType<OpeningPeriod>().ToList(),
        };
        var warnings = AgentBookingWarnings.Check(draft, context);
        if (warnings.Count == 0) return null;
        var token = TokenOf(warnings);
        return token == confirmed ? null : new AgentRdvOutcome { Warnings = warnings, WarningsToken = token, Failure = AgentRdvErrors.ConfirmWarnings };
    }

    private async Task<bool> LockAsync(IReadOnlyCollection<long> agentIds, CancellationToken ct)
    {
        for (var attempt = 0; attempt < LockAttempts; attempt++)
            if (await rdvs.TryLockAgentsAsync(agentIds, LockWait, ct)) return true;
        return false;
    }

    /// <summary>A confirmation covers these warnings only: a warning that appears afterwards (another agent's RDV) needs its own.</summary>
    public static string TokenOf(IEnumerable<BookingWarning> warnings)
    {
        var text = string.Join('\n', warnings.Select(w => $"{w.Code}|{w.AgentId}|{w.UserId}|{w.Message}").Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }

    private static OpeningPeriod? ToDomain(Availability.Abstractions.OpeningPeriodRow row) =>
        ReadRecurrence(row.Recurrence, out var recurrence)
            ? new OpeningPeriod(row.Id, row.AgentId, row.LieuId, row.FirstDay, row.StartTime, row.EndTime, recurrence)
            : null;

    private static Absence? ToDomain(Availability.Abstractions.AbsenceRow row) =>
        ReadRecurrence(row.Recurrence, out var recurrence)
            ? new Absence(row.Id, row.AgentId, row.FirstDay, row.StartTime, row.EndDay, row.EndTime, recurrence)
            : null;

    private static bool ReadRecurrence(string? json, out Recurrence? recurrence)
    {
        recurrence = null;
        if (string.IsNullOrWhiteSpace(json)) return true;
        var parsed = Recurrence.Parse(json);
        if (parsed.IsFailure) return false;
        recurrence = parsed.Value;
        return true;
    }
}
