namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>
/// Where the move pages lead: from the usager's account (<c>/users/rdvs/{id}</c>) or from a participation
/// link session (<c>/r/{id}/{token}</c>, the waiting list's "Vérifier la disponibilité"). The link
/// session hides the motif, as its RDV page does (whoever holds the phone may not be the usager).
/// </summary>
public sealed record MovePaths(string Slots, string Confirm, string Back, bool ShowMotif)
{
    public static MovePaths Account(long rdvId) =>
        new($"/users/rdvs/{rdvId}/creneaux", $"/users/rdvs/{rdvId}/edit", $"/users/rdvs/{rdvId}", ShowMotif: true);

    public static MovePaths Link(string linkPath) =>
        new($"{linkPath}/creneaux", $"{linkPath}/deplacer", linkPath, ShowMotif: false);

    public string ConfirmFor(DateTimeOffset startsAt) => $"{Confirm}?starts_at={Uri.EscapeDataString(Iso(startsAt))}";

    public string SlotsOn(DateOnly day) => $"{Slots}?date={day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
