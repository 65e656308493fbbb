using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Organisations.Catalog;

/// <summary>The stored values a motif form offers, in order, with their French labels (REFERENCE-DOMAIN §2.5).</summary>
public static class MotifChoiceLabels
{
    public static readonly IReadOnlyList<(string Value, string Label)> LocationTypes =
    [
        (Abstractions.LocationTypes.PublicOffice, "Sur place"),
        (Abstractions.LocationTypes.Phone, "Par téléphone"),
        (Abstractions.LocationTypes.Home, "À domicile"),
        (Abstractions.LocationTypes.Visio, "Par visioconférence"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> BookableBy =
    [
        (Abstractions.BookableBy.Agents, "Agents de l'organisation uniquement"),
        (Abstractions.BookableBy.AgentsAndPrescripteurs, "Agents de l'organisation et prescripteurs"),
        (Abstractions.BookableBy.AgentsAndPrescripteursAndInvitedUsers, "Agents, prescripteurs et usagers invités"),
        (Abstractions.BookableBy.Everyone, "Tout le monde (réservation en ligne)"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Visibilities =
    [
        (VisibilityTypes.VisibleAndNotified, "Visible et notifié : l'usager voit le RDV dans son espace et reçoit les notifications"),
        (VisibilityTypes.VisibleAndNotNotified, "Visible mais non notifié : l'usager voit le RDV mais ne reçoit aucune notification"),
        (VisibilityTypes.Invisible, "Invisible : le RDV n'apparaît pas dans l'espace de l'usager, aucune notification"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> SectorisationLevels =
    [
        ("departement", "Tout le département (pas de sectorisation)"),
        ("organisation", "Organisations attribuées au secteur de l'usager"),
        ("agent", "Agents attribués au secteur de l'usager"),
    ];

    /// <summary>The reference's preset booking delays, in seconds (Rails durations: a month is 2 629 746 s).</summary>
    public static readonly IReadOnlyList<(int Seconds, string Label)> Delays =
    [
        (1800, "30 minutes"), (3600, "1 heure"), (7200, "2 heures"), (10_800, "3 heures"), (21_600, "6 heures"),
        (43_200, "12 heures"), (86_400, "1 jour"), (172_800, "2 jours"), (259_200, "3 jours"), (604_800, "1 semaine"),
        (1_209_600, "2 semaines"), (1_814_400, "3 semaines"), (2_629_746, "1 mois"), (5_259_492, "2 mois"),
        (7_889_238, "3 mois"), (15_778_476, "6 mois"), (31_556_952, "1 an"),
    ];

    public static string Label(IReadOnlyList<(string Value, string Label)> choices, string value) =>
        choices.FirstOrDefault(c => c.Value == value).Label ?? value;

    public static string DelayLabel(int seconds) =>
        Delays.FirstOrDefault(d => d.Seconds == seconds).Label ?? $"{seconds / 3600.0:0.#} heures";

    public static bool Offers(IReadOnlyList<(string Value, string Label)> choices, string? value) => choices.Any(c => c.Value == value);

    /// <summary>Usagers book it themselves (the public search or an invitation link).</summary>
    public static bool BookableOnline(string bookableBy) =>
        bookableBy is Abstractions.BookableBy.Everyone or Abstractions.BookableBy.AgentsAndPrescripteursAndInvitedUsers;
}
