namespace RdvSP.Domain.Availability;

/// <summary>
/// The benign warnings of a plage's form (REFERENCE-DOMAIN §2.6): shown after the save, never blocking.
/// </summary>
public static class PlageWarnings
{
    /// <summary>Motifs whose duration exceeds the plage's daily duration: no slot of theirs fits in it.</summary>
    public static IReadOnlyList<string> MotifsLongerThanPlage(TimeOnly start, TimeOnly end, IEnumerable<(string Name, int DurationInMin)> motifs)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var minutes = (end - start).TotalMinutes;
        return motifs.Where(m => m.DurationInMin > minutes).Select(m => m.Name).ToList();
    }

    public static string MotifTooLongMessage(string motifName) =>
        $"Le motif « {motifName} » dure plus longtemps que la plage : aucun créneau de ce motif n'y sera proposé.";

    public const string OverlapMessage =
        "Cette plage d'ouverture chevauche une autre plage d'ouverture de l'agent.";
}
