using RdvSP.Domain.Common;

namespace RdvSP.Domain.Booking;

/// <summary>Motif validations (REFERENCE-DOMAIN §2.5, §11 items 7–8), French messages.</summary>
public static class MotifRules
{
    public const int MinDelaySeconds = 1800;

    /// <summary>One year as the reference's UI counts it (Rails' 1.year, 365.2425 days): the bound it meant (§11 item 8).</summary>
    public const int MaxDelaySeconds = 31_556_952;

    /// <summary>Longest RDV an agent may book (the agent RDV form's bound): a motif lasts no longer.</summary>
    public const int MaxDurationMinutes = 720;

    public static readonly Error DurationNotPositive =
        new("motif.duration", "La durée par défaut doit être supérieure à 0 minute.");

    public static readonly Error DurationNotMultipleOfFive =
        new("motif.duration_step", "La durée par défaut doit être un multiple de 5 minutes.");

    public static readonly Error DurationTooLong =
        new("motif.duration_max", $"La durée par défaut ne peut pas dépasser {MaxDurationMinutes} minutes (12 heures).");

    public static readonly Error ColorInvalid =
        new("motif.color", "La couleur doit être un code hexadécimal, par exemple #1f77b4.");

    public static readonly Error FollowUpWithSecretariat =
        new("motif.follow_up_secretariat", "Un RDV de suivi ne peut pas être aussi un RDV Secrétariat.");

    public static readonly Error MinDelayTooShort =
        new("motif.min_public_booking_delay", "Le délai minimum de réservation doit être d'au moins 30 minutes.");

    public static readonly Error MaxDelayNotAfterMin =
        new("motif.max_public_booking_delay", "Le délai maximum de réservation doit être supérieur au délai minimum.");

    public static readonly Error MaxDelayTooLong =
        new("motif.max_public_booking_delay_bound", "Le délai maximum de réservation ne peut pas dépasser un an.");

    public static readonly Error CollectiveNotPublicOffice =
        new("motif.collectif_location", "Un motif collectif doit avoir lieu sur place.");

    public static readonly Error StepNotPositive =
        new("motif.slot_step", $"Le pas des créneaux doit être un multiple de 5 minutes entre 5 et {MaxDurationMinutes} minutes.");

    public static readonly Error BufferNegative =
        new("motif.buffer_after", $"Le temps de battement après un RDV doit être un multiple de 5 minutes entre 0 et {MaxDurationMinutes} minutes.");

    /// <summary>CSS hex colour #RGB or #RRGGBB (the column's check).</summary>
    public static bool IsValidColor(string? color) =>
        color is { Length: 4 or 7 } && color[0] == '#' && color.Skip(1).All(char.IsAsciiHexDigit);

    public static IReadOnlyList<Error> Validate(
        int durationMinutes,
        int minPublicBookingDelaySeconds = MinDelaySeconds,
        int maxPublicBookingDelaySeconds = 7_889_238,
        bool collectif = false,
        LocationType locationType = LocationType.PublicOffice,
        int? slotStepMinutes = null,
        int? bufferAfterMinutes = null,
        bool followUp = false,
        bool forSecretariat = false)
    {
        var errors = new List<Error>();
        if (durationMinutes <= 0)
        {
            errors.Add(DurationNotPositive);
        }
        else if (durationMinutes > MaxDurationMinutes)
        {
            errors.Add(DurationTooLong);
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

        if (slotStepMinutes is { } step && (step <= 0 || step > MaxDurationMinutes || step % 5 != 0))
        {
            errors.Add(StepNotPositive);
        }

        if (bufferAfterMinutes is { } buffer && (buffer < 0 || buffer > MaxDurationMinutes || buffer % 5 != 0))
        {
            errors.Add(BufferNegative);
        }

        if (followUp && forSecretariat)
        {
            errors.Add(FollowUpWithSecretariat);
        }

        return errors;
    }
}
