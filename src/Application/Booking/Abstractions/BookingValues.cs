using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking.Abstractions;

/// <summary>Stored values of rdvs.status and participations.status (REFERENCE-DOMAIN §2.1, §5.6).</summary>
public static class RdvStatuses
{
    public const string Unknown = "unknown";
    public const string Seen = "seen";
    public const string Noshow = "noshow";
    public const string Excused = "excused";
    public const string Revoked = "revoked";

    public static bool IsCancelled(string status) => status is Excused or Revoked;
}

/// <summary>Stored values of rdvs.created_by_type and participations.created_by_type.</summary>
public static class CreatedByTypes
{
    public const string Agent = "Agent";
    public const string User = "User";
    public const string Prescripteur = "Prescripteur";
}

public static class BookingErrors
{
    public static readonly Error SlotUnavailable = new("booking.slot_unavailable", "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre.");
    public static readonly Error RdvNotFound = new("booking.rdv_not_found", "Ce rendez-vous est introuvable.");
    public static readonly Error RdvCancelled = new("booking.rdv_cancelled", "Ce rendez-vous est annulé.");
    public static readonly Error CollectiveFull = new("booking.collective_full", "Cet atelier est complet.");
    public static readonly Error CollectiveUnavailable = new("booking.collective_unavailable", "Il n'est plus possible de s'inscrire à cet atelier.");
    public static readonly Error AlreadyParticipating = new("booking.already_participating", "Usager déjà inscrit.");
    public static readonly Error ParticipationNotFound = new("booking.participation_not_found", "Vous n'êtes pas inscrit à ce rendez-vous.");
}
