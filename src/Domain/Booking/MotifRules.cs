using RdvSP.Domain.Common;

namespace RdvSP.Domain.Booking;

/// <summary>Motif validations (REFERENCE-DOMAIN §2.5, §11 items 7–8), French messages.</summary>
public static class MotifRules
{
    public const int MinDelaySeconds = 1800;

    /// <summary>One year, the bound the reference meant (§11 item 8).</summary>
    public const int MaxDelaySeconds = 365 * 24 * 3600;

    public static readonly Error DurationNotPositive =
        new("motif.duration", "La durée par défaut doit être supérieure à 0 minute.");

    public static readonly Error DurationNotMultipleOfFive =
        new("motif.duration_step", "La durée par défaut doit être un multiple de 5 minutes.");

    public static readonly Error MinDelayTooShort =
        new("motif.min_public_booking_delay", "Le délai minimum de réservation doit être d'au moins 30 minutes.");

    public static readonly Error MaxDelayNotAfterMin =
        new("motif.max_public_booking_delay", "Le délai maximum de réservation doit être supérieur au délai minimum.");

    public static readonly Error MaxDelayTooLong =
        new("motif.max_public_booking_delay_bound", "Le délai maximum de réservation ne peut pas dépasser un an.");

    public static readonly Error CollectiveNotPublicOffice =
        new("motif.collectif_location", "Un motif collectif doit avoir lieu sur place.");

    public static readonly Error StepNotPositive =
        new("motif.slot_step", "Le pas des créneaux doit être un multiple de 5 minutes supérieur à 0.");

    public static readonly Error BufferNegative =
        new("motif.buffer_after", "Le temps de battement après un RDV doit être un multiple de 5 minutes, positif ou nul.");

    public static IReadOnlyList<Error> Validate(
        int durationMinutes,
        int minPublicBookingDelaySeconds = MinDelaySeconds,
        int maxPublicBookingDelaySeconds = 7_889_238,
        bool collectif = false,
        LocationType locationType = LocationType.PublicOffice,
        int? slotStepMinutes = null,
        int? bufferAfterMinutes = null)
    {
        var errors = new List<Error>();
        if (durationMinutes <= 0)
        {
            errors.Add(DurationNotPositive);
        }
        else if (durationMinutes % 5 != 0)
        {
            errors.Add(DurationNotMultipleOfFive);
        }

        if (minPublicBookingDelaySeconds < MinDelaySeconds)
        {
            errors.Add(MinDelayTooShort);
        }

        if (maxPublicBookingDelaySeconds <= minPublicBookingDelaySeconds)
        {
            errors.Add(MaxDelayNotAfterMin);
        }

        if (maxPublicBookingDelaySeconds > MaxDelaySeconds)
        {
            errors.Add(MaxDelayTooLong);
        }

        if (collectif && locationType != LocationType.PublicOffice)
        {
            errors.Add(CollectiveNotPublicOffice);
        }

        if (slotStepMinutes is { } step && (step <= 0 || step % 5 != 0))
        {
            errors.Add(StepNotPositive);
        }

        if (bufferAfterMinutes is { } buffer && (buffer < 0 || buffer % 5 != 0))
        {
            errors.Add(BufferNegative);
        }

        return errors;
    }
}
