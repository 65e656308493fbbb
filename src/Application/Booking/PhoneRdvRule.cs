using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.Booking;

/// <summary>A phone rdv needs a number to call: the usager who books must have given one (reference rule).</summary>
public static class PhoneRdvRule
{
    public static bool LacksPhoneNumber(MotifDto motif, UsagerDto? usager) =>
        motif.LocationType == LocationTypes.Phone && string.IsNullOrWhiteSpace(usager?.PhoneNumber);

    /// <summary>Reads the usager only for a phone motif (the booking path of every other motif stays as it is).</summary>
    public static async Task<bool> LacksPhoneNumberAsync(MotifDto motif, long usagerId, IUsagerRepository usagers, CancellationToken ct) =>
        motif.LocationType == LocationTypes.Phone && LacksPhoneNumber(motif, await usagers.GetAsync(usagerId, ct));
}
