using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking;

/// <summary>Refusals of the usager booking use cases, in French for the pages and the API.</summary>
public static class BookingUseCaseErrors
{
    public static readonly Error MotifNotBookableOnline = new("booking.motif_not_bookable", "Ce motif ne peut pas être réservé en ligne.");
    public static readonly Error LieuRequired = new("booking.lieu_required", "Choisissez le lieu du rendez-vous.");
    public static readonly Error ParticipantNotInFamily = new("booking.participant_not_in_family", "Vous ne pouvez prendre rendez-vous que pour vous-même ou vos proches.");
    public static readonly Error CancelNotAllowed = new("booking.cancel_not_allowed", "Ce rendez-vous n'est pas annulable en ligne. Prenez contact avec le secrétariat.");
    public static readonly Error MoveNotAllowed = new("booking.move_not_allowed", "Ce rendez-vous ne peut pas être déplacé en ligne.");
    public static readonly Error PhoneNumberRequired = new("booking.phone_number_required", "Ce rendez-vous a lieu par téléphone : renseignez votre numéro de téléphone dans vos informations avant de le confirmer.");
    /// <summary>The agents' locks stayed busy for the whole bounded wait: the slot may still be free, so this is not "taken".</summary>
    public static readonly Error SlotContended = new("booking.slot_contended", "Ce créneau est très demandé en ce moment et n'a pas pu être confirmé. Réessayez dans quelques instants.");
    public static readonly Error SameSlot = new("booking.same_slot", "Choisissez un créneau différent de celui de votre rendez-vous.");
}
