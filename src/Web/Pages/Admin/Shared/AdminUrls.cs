using System.Globalization;

namespace RdvSP.Web.Pages.Admin.Shared;

/// <summary>Back-office addresses, all under /admin/organisations/{id}/ (REFERENCE-SURFACES §2.1).</summary>
public static class AdminUrls
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Organisation(long organisationId) => $"/admin/organisations/{Id(organisationId)}";

    public static string Agenda(long organisationId, long agentId) => $"{Organisation(organisationId)}/agent_agendas/{Id(agentId)}";

    public static string Rdvs(long organisationId) => $"{Organisation(organisationId)}/rdvs";

    public static string Rdv(long organisationId, long rdvId) => $"{Rdvs(organisationId)}/{Id(rdvId)}";

    public static string RdvsToFillIn(long organisationId, long agentId) => $"{Rdvs(organisationId)}?agent_id={Id(agentId)}&status=unknown_past";

    public static string CreneauxSearch(long organisationId) => $"{Organisation(organisationId)}/creneaux_search";

    public static string RdvWizard(long organisationId) => $"{Organisation(organisationId)}/rdv_wizard_step/new";

    public static string Usagers(long organisationId) => $"{Organisation(organisationId)}/users";

    public static string Usager(long organisationId, long userId) => $"{Usagers(organisationId)}/{Id(userId)}";

    public static string NewUsager(long organisationId) => $"{Usagers(organisationId)}/new";

    public static string EditUsager(long organisationId, long userId) => $"{Usager(organisationId, userId)}/edit";

    public static string LinkUsager(long organisationId, long userId) => $"{Usager(organisationId, userId)}/link_to_organisation";

    public static string UsagersSearch(long organisationId) => $"{Usagers(organisationId)}/search";

    public static string MergeUsagers(long organisationId) => $"{Organisation(organisationId)}/merge_users/new";

    public static string UsagerRdvs(long organisationId, long userId, string status) => $"{Rdvs(organisationId)}?user_id={Id(userId)}&status={Uri.EscapeDataString(status)}";

    public static string CreneauxSearchFor(long organisationId, long userId) => $"{CreneauxSearch(organisationId)}?user_ids[]={Id(userId)}";

    public static string AgendaOn(long organisationId, long agentId, DateOnly date) =>
        $"{Agenda(organisationId, agentId)}?date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string RdvEdit(long organisationId, long rdvId) => $"{Rdv(organisationId, rdvId)}/edit";

    // Catalogue (issue 9): motifs, lieux, organisation settings, online booking.
    public static string Motifs(long organisationId) => $"{Organisation(organisationId)}/motifs";

    public static string NewMotif(long organisationId) => $"{Motifs(organisationId)}/new";

    public static string DuplicateMotif(long organisationId, long motifId) => $"{NewMotif(organisationId)}?duplicate_motif_id={Id(motifId)}";

    public static string Motif(long organisationId, long motifId) => $"{Motifs(organisationId)}/{Id(motifId)}";

    public static string EditMotif(long organisationId, long motifId) => $"{Motif(organisationId, motifId)}/edit";

    public static string EditMotifTab(long organisationId, long motifId, string tab) => $"{EditMotif(organisationId, motifId)}?tab={Uri.EscapeDataString(tab)}";

    public static string Lieux(long organisationId) => $"{Organisation(organisationId)}/lieux";

    public static string NewLieu(long organisationId) => $"{Lieux(organisationId)}/new";

    public static string EditLieu(long organisationId, long lieuId) => $"{Lieux(organisationId)}/{Id(lieuId)}/edit";

    public static string RdvsAtLieu(long organisationId, long lieuId) => $"{Rdvs(organisationId)}?lieu_ids[]={Id(lieuId)}";

    public static string AgentPlages(long organisationId, long agentId) => $"{Organisation(organisationId)}/agents/{Id(agentId)}/plage_ouvertures";

    public static string OrganisationSettings(long organisationId) => $"{Organisation(organisationId)}/edit";

    public static string OnlineBooking(long organisationId) => $"{Organisation(organisationId)}/online_booking";
}
